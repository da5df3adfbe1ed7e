// One shared one-second clock for every countdown on screen. A thousand countdowns read
// the same ref, so there is one timer, and only the components that read it (the clocks)
// are re-evaluated on a tick — never the rows or lists around them.
//
// The timer runs while at least one component uses it. Like useNow it re-reads the wall
// clock on every tick and when the window becomes visible again (timers stop during sleep).
import { onBeforeUnmount, onMounted, readonly, shallowRef, type Ref } from "vue";

const nowMs = shallowRef(Date.now());
let users = 0;
let timer: ReturnType<typeof setTimeout> | undefined;

function tick() {
  nowMs.value = Date.now();
  clearTimeout(timer);
  // On the next second boundary (1–1000 ms away). The text only has minutes, so a timer
  // that fires a millisecond early costs nothing but one more cheap tick.
  timer = setTimeout(tick, 1000 - (Date.now() % 1000));
}

function onVisibility() {
  if (document.visibilityState === "visible") tick();
}

function start() {
  users += 1;
  if (users > 1) return;
  tick();
  document.addEventListener("visibilitychange", onVisibility);
}

function stop() {
  users = Math.max(0, users - 1);
  if (users > 0) return;
  clearTimeout(timer);
  timer = undefined;
  document.removeEventListener("visibilitychange", onVisibility);
}

/** Milliseconds since the epoch, updated once a second while any component uses it. */
export function useSecondTicker(): Readonly<Ref<number>> {
  // The first clock after a quiet spell must not render with the time of the last tick.
  // Set once per spell (not per clock): a write while clocks render would re-render them.
  if (users === 0 && Math.abs(Date.now() - nowMs.value) >= 1000) nowMs.value = Date.now();
  onMounted(start);
  onBeforeUnmount(stop);
  return readonly(nowMs);
}
