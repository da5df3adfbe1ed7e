// Today's scheduled inspections (今日巡检) as 巡检 and 今日 show them: read on mount, when Rust
// announces a change to inspections, and when a slot's time comes (a slot turns 待巡检 → 已超时
// with time, and a new day brings new slots); and the one action on a row — start or resume it,
// which opens the fill-in page.
import { onBeforeUnmount, onMounted, ref, shallowRef, watch } from "vue";
import { useRouter } from "vue-router";
import { toIpcError } from "../api";
import { inspectionsApi } from "../api/inspections";
import type { DueInspection } from "../bindings/DueInspection";
import { useChangesStore } from "../stores/changes";
import { useLockStore } from "../stores/lock";

/** At most this long between reads, so a sleeping laptop's timers cannot leave the list stale. */
export const DUE_LONGEST_WAIT_MS = 60 * 60_000;

/** After a read that failed, try again this soon. */
export const DUE_RETRY_MS = 60_000;

/** Milliseconds from `now` until the list can change by time alone: the next moment a slot opens,
 * falls due or turns 已超时, or China's next midnight (a new day's slots); never more than an hour. */
export function untilNextDue(rows: DueInspection[], now: number): number {
  const china = new Date(now + 8 * 3600_000);
  const midnight =
    Date.UTC(china.getUTCFullYear(), china.getUTCMonth(), china.getUTCDate() + 1) - 8 * 3600_000;
  const ahead = rows
    .flatMap((r) => [r.startsAt, r.dueAt, r.overdueAt])
    .filter((t): t is string => t !== null)
    .map((t) => Date.parse(t))
    .filter((t) => Number.isFinite(t) && t > now);
  const next = Math.min(midnight, ...ahead);
  // One second past the moment, so Rust already sees the slot as due.
  return Math.min(Math.max(next - now + 1000, 1000), DUE_LONGEST_WAIT_MS);
}

export function useDueInspections() {
  const router = useRouter();
  const rows = shallowRef<DueInspection[]>([]);
  const loaded = ref(false);
  const error = ref<string | null>(null);
  const startError = ref<string | null>(null);
  const starting = ref<string | null>(null);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let alive = true;

  async function load() {
    try {
      const next = await inspectionsApi.inspectionsDueToday();
      if (!alive) return;
      rows.value = next;
      error.value = null;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), untilNextDue(next, Date.now()));
    } catch (raw) {
      if (!alive) return;
      error.value = toIpcError(raw).message;
      clearTimeout(timer);
      timer = setTimeout(() => void load(), DUE_RETRY_MS);
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

  const changes = useChangesStore();
  onMounted(() => {
    void changes.start();
    void load();
  });
  watch(() => changes.version("inspections"), () => void load());
  // Reads refused while the window was locked: read again as soon as it is unlocked.
  watch(() => useLockStore().unlocks, () => void load());
  onBeforeUnmount(() => {
    alive = false;
    clearTimeout(timer);
  });

  return { rows, loaded, error, startError, starting, load, open };
}
