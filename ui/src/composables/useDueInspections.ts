// Today's scheduled inspections (今日巡检) as 巡检 and 今日 show them: read on mount and again
// every minute (a slot turns 待巡检 → 已超时 with time), and the one action on a row — start
// or resume it, which opens the fill-in page.
import { onBeforeUnmount, onMounted, ref, shallowRef, watch } from "vue";
import { useRouter } from "vue-router";
import { toIpcError } from "../api";
import { inspectionsApi } from "../api/inspections";
import type { DueInspection } from "../bindings/DueInspection";
import { useLockStore } from "../stores/lock";

export const DUE_REFRESH_MS = 60_000;

export function useDueInspections() {
  const router = useRouter();
  const rows = shallowRef<DueInspection[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const startError = ref<string | null>(null);
  const starting = ref<string | null>(null);
  let timer: ReturnType<typeof setInterval> | undefined;
  let alive = true;

  async function load() {
    try {
      const next = await inspectionsApi.inspectionsDueToday();
      if (!alive) return;
      rows.value = next;
      error.value = null;
    } catch (raw) {
      if (alive) error.value = toIpcError(raw).message;
    } finally {
      loaded.value = true;
    }
  }

  /** 开始 / 继续: Rust resumes the slot's draft or starts one; 查看 opens a done one. */
  async function open(d: DueInspection) {
    startError.value = null;
    if (d.state === "done" && d.recordId !== null) {
      await router.push(`/inspections/${d.recordId}`);
      return;
    }
    starting.value = d.slot + d.templateId;
    try {
      const view = await inspectionsApi.startInspection(d.templateId, d.slot);
      await router.push(`/inspections/${view.id}`);
    } catch (raw) {
      startError.value = toIpcError(raw).message;
    } finally {
      starting.value = null;
    }
  }

  onMounted(() => {
    void load();
    timer = setInterval(() => void load(), DUE_REFRESH_MS);
  });
  // Reads refused while the window was locked: read again as soon as it is unlocked.
  watch(() => useLockStore().unlocks, () => void load());
  onBeforeUnmount(() => {
    alive = false;
    clearInterval(timer);
  });

  return { rows, loaded, error, startError, starting, load, open };
}
