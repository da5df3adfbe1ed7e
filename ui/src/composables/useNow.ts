// A clock that ticks on each minute boundary. It re-reads the wall clock on every
// tick and when the window becomes visible again, so it is right after the laptop
// wakes from sleep (timers do not run during sleep).
import { onBeforeUnmount, onMounted, ref, type Ref } from "vue";

export function useNow(): Ref<Date> {
  const now = ref(new Date());
  let timer: ReturnType<typeof setTimeout> | undefined;

  function tick() {
    now.value = new Date();
    clearTimeout(timer);
    // A little past the boundary so the minute has surely changed.
    const untilNextMinute = 60_000 - (Date.now() % 60_000) + 50;
    timer = setTimeout(tick, untilNextMinute);
  }

  function onVisibility() {
    if (document.visibilityState === "visible") tick();
  }

  onMounted(() => {
    tick();
    document.addEventListener("visibilitychange", onVisibility);
  });
  onBeforeUnmount(() => {
    clearTimeout(timer);
    document.removeEventListener("visibilitychange", onVisibility);
  });
  return now;
}
