// One 工单 list read from Rust (需求变更, 服务记录, 培训记录): the rows, whether the first read is done,
// Rust's message when a read fails, and reads that follow the filters. Only the newest read counts,
// so a slow answer to an older filter never replaces a newer one; typing in the words box reads
// again after a short pause rather than on every key.
import { onMounted, ref, watch, type Ref, type WatchSource } from "vue";
import { toIpcError } from "../api";

/** How long the words box waits for typing to stop before it reads again. */
export const TYPING_PAUSE_MS = 300;

export interface RecordListOptions<Row> {
  /** One read of the list with the filters as they are now. */
  read: () => Promise<Row[]>;
  /** Filters that read again at once when they change (state, month, kind …). */
  filters: WatchSource<unknown>[];
  /** The words box: reads again once typing pauses. */
  text: WatchSource<string>;
}

export function useRecordList<Row>(options: RecordListOptions<Row>) {
  const rows = ref([]) as Ref<Row[]>;
  const loaded = ref(false);
  const error = ref<string | null>(null);

  let reading = 0;
  async function load(): Promise<void> {
    const mine = ++reading;
    try {
      const list = await options.read();
      if (mine !== reading) return;
      rows.value = list;
      error.value = null;
    } catch (raw) {
      if (mine !== reading) return;
      error.value = toIpcError(raw).message;
    } finally {
      if (mine === reading) loaded.value = true;
    }
  }

  onMounted(() => void load());
  watch(options.filters, () => void load());
  let typing: ReturnType<typeof setTimeout> | undefined;
  watch(options.text, () => {
    clearTimeout(typing);
    typing = setTimeout(load, TYPING_PAUSE_MS);
  });

  return { rows, loaded, error, load };
}
