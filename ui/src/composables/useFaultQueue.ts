// The fault queue as a page shows it, kept fresh: read again every minute, when Rust
// says new notices were raised, after a write anywhere in the app (store revision), and
// when a countdown passes the moment Rust said its view would change. Requests that
// arrive while one is running are folded into one more read.
import { onBeforeUnmount, onMounted, ref, shallowRef, watch } from "vue";
import { type Unlisten } from "../api";
import { faultsApi } from "../api/faults";
import { noticesApi } from "../api/notices";
import type { FaultFilter } from "../bindings/FaultFilter";
import type { FaultRow } from "../bindings/FaultRow";
import type { IpcError } from "../bindings/IpcError";
import { useFaultsStore } from "../stores/faults";
import { useLockStore } from "../stores/lock";

export const QUEUE_REFRESH_MS = 60_000;

export function useFaultQueue(filter: () => FaultFilter) {
  const store = useFaultsStore();
  // shallowRef: rows are replaced as a whole; nothing needs deep reactivity in them.
  const rows = shallowRef<FaultRow[]>([]);
  const error = ref<IpcError | null>(null);
  const loaded = ref(false);
  let running: Promise<void> | null = null;
  let again = false;
  let soon: ReturnType<typeof setTimeout> | undefined;
  let interval: ReturnType<typeof setInterval> | undefined;
  let unlisten: Unlisten | null = null;
  let alive = true;

  async function read() {
    try {
      const next = await faultsApi.faultQueue(filter());
      if (!alive) return;
      rows.value = next;
      error.value = null;
    } catch (e) {
      if (alive) error.value = e as IpcError;
    } finally {
      loaded.value = true;
    }
  }

  /** Reads the queue now, or once more after the read under way. */
  async function refresh(): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    running = (async () => {
      do {
        again = false;
        await read();
      } while (again && alive);
    })();
    try {
      await running;
    } finally {
      running = null;
    }
  }

  /** For many callers at once (a thousand clocks passing a lunch break): one read. */
  function refreshSoon() {
    if (soon !== undefined) return;
    soon = setTimeout(() => {
      soon = undefined;
      void refresh();
    }, 0);
  }

  watch(() => store.revision, () => void refresh());
  // Reads refused while the window was locked: read again as soon as it is unlocked.
  watch(() => useLockStore().unlocks, () => void refresh());

  onMounted(async () => {
    void refresh();
    interval = setInterval(() => void refresh(), QUEUE_REFRESH_MS);
    try {
      const off = await noticesApi.onNoticesChanged(() => void refresh());
      if (alive) unlisten = off;
      else off();
    } catch {
      // Without the event the minute refresh still keeps the queue current.
    }
  });

  onBeforeUnmount(() => {
    alive = false;
    clearInterval(interval);
    clearTimeout(soon);
    unlisten?.();
  });

  return { rows, error, loaded, refresh, refreshSoon };
}
