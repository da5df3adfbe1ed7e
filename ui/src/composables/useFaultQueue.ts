// The fault queue as a page shows it, kept fresh: read again when Rust announces a change to
// faults or notices (a write anywhere in the app, a reminder raised), and when a countdown
// passes the moment Rust said its view would change (the clocks tick in between on their own).
// Requests that arrive while one is running are folded into one more read.
import { onBeforeUnmount, ref, shallowRef, watch } from "vue";
import { faultsApi } from "../api/faults";
import type { FaultFilter } from "../bindings/FaultFilter";
import type { FaultRow } from "../bindings/FaultRow";
import type { IpcError } from "../bindings/IpcError";
import { useChangesStore } from "../stores/changes";
import { useLockStore } from "../stores/lock";

export function useFaultQueue(filter: () => FaultFilter) {
  // shallowRef: rows are replaced as a whole; nothing needs deep reactivity in them.
  const rows = shallowRef<FaultRow[]>([]);
  const error = ref<IpcError | null>(null);
  const loaded = ref(false);
  let running: Promise<void> | null = null;
  let again = false;
  let soon: ReturnType<typeof setTimeout> | undefined;
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

  const changes = useChangesStore();
  watch(() => changes.version("faults", "notices"), () => void refresh());
  // Reads refused while the window was locked: read again as soon as it is unlocked.
  watch(() => useLockStore().unlocks, () => void refresh());

  // Asked for at once, while the page is still being set up, not once it is mounted: a page
  // mounts after its children, whose own reads would all go first (on 今日 the queue, the screen's
  // main content, was answered last of fourteen calls).
  void changes.start();
  void refresh();

  onBeforeUnmount(() => {
    alive = false;
    clearTimeout(soon);
  });

  return { rows, error, loaded, refresh, refreshSoon };
}
