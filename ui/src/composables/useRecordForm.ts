// One 工单 record form's save (需求变更, 服务记录): create the record, or update the one being
// edited, through useFormSave, and hand what Rust stored to `saved`. `frame` is what
// RecordFormDialog needs to show: Rust's message above the fields, busy, and 登记 or 保存.
import { computed, type Ref } from "vue";
import { useFormSave } from "./useFormSave";

export interface RecordFormOptions<Input, View extends { id: number }> {
  /** The record being edited, or null for a new one. */
  editing: Readonly<Ref<View | null>>;
  /** Every field the form shows a message for (Rust's message for one of them alone shows there only). */
  shown: readonly string[];
  input: () => Input;
  create: (input: Input) => Promise<View>;
  update: (id: number, input: Input) => Promise<View>;
  saved: (view: View) => void;
}

export function useRecordForm<Input, View extends { id: number }>(options: RecordFormOptions<Input, View>) {
  const save = useFormSave();

  async function submit(): Promise<void> {
    const input = options.input();
    const editing = options.editing.value;
    const stored = await save.run(() => (editing ? options.update(editing.id, input) : options.create(input)));
    if (stored) options.saved(stored);
  }

  const frame = computed(() => ({
    alert: save.alertText(options.shown),
    busy: save.busy.value,
    editing: options.editing.value !== null,
  }));

  return { ...save, submit, frame };
}
