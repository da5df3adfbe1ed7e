// Save as you go (巡检填写): every field saves on its own as it changes. Typing waits ~600 ms
// after the last key (per field), a click saves at once; saves run one after another in the
// order they were asked for, so an older answer never overwrites a newer one. `flush` sends
// whatever is still waiting (before 完成巡检, 立即探测, or leaving the page).
import { computed, onBeforeUnmount, ref } from "vue";

export const AUTOSAVE_DELAY_MS = 600;

/** One save: resolves true when Rust stored it, false when it refused (the caller shows why). */
export type SaveRun = () => Promise<boolean>;

export function useAutosave(delayMs = AUTOSAVE_DELAY_MS) {
  const waiting = new Map<string, { timer: ReturnType<typeof setTimeout>; run: SaveRun }>();
  const waitingCount = ref(0);
  const inFlight = ref(0);
  const savedAt = ref<Date | null>(null);
  const failed = ref(false);
  let chain: Promise<void> = Promise.resolve();

  function enqueue(run: SaveRun): Promise<void> {
    inFlight.value += 1;
    chain = chain.then(async () => {
      try {
        const ok = await run();
        failed.value = !ok;
        if (ok) savedAt.value = new Date();
      } catch {
        failed.value = true;
      } finally {
        inFlight.value -= 1;
      }
    });
    return chain;
  }

  function cancel(key: string) {
    const w = waiting.get(key);
    if (!w) return;
    clearTimeout(w.timer);
    waiting.delete(key);
    waitingCount.value = waiting.size;
  }

  /** Saves `key` after the pause in typing; a newer call for the same key replaces it. */
  function later(key: string, run: SaveRun) {
    cancel(key);
    const timer = setTimeout(() => {
      waiting.delete(key);
      waitingCount.value = waiting.size;
      void enqueue(run);
    }, delayMs);
    waiting.set(key, { timer, run });
    waitingCount.value = waiting.size;
  }

  /** Saves `key` now (a click, leaving the field), dropping its waiting save. */
  function now(key: string, run: SaveRun): Promise<void> {
    cancel(key);
    return enqueue(run);
  }

  /** Sends every waiting save and resolves when all saves so far are done. */
  function flush(): Promise<void> {
    for (const [key, w] of [...waiting]) {
      cancel(key);
      void enqueue(w.run);
    }
    return chain;
  }

  /** Something typed or being saved that Rust has not answered yet. */
  const busy = computed(() => waitingCount.value > 0 || inFlight.value > 0);

  onBeforeUnmount(() => {
    void flush();
  });

  return { later, now, flush, busy, savedAt, failed };
}
