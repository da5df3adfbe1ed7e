// One save of a form: a busy flag, Rust's message for the whole form and its Chinese messages per
// field (shown next to the fields by FormField). Nothing is checked here; Rust decides.
import { ref } from "vue";
import { toIpcError } from "../api";
import { messagesByField } from "../api/errors";

export function useFormSave() {
  const busy = ref(false);
  const formError = ref<string | null>(null);
  const fieldErrors = ref<Record<string, string>>({});
  const refusedFields = ref<string[]>([]);

  /** Runs `action` once at a time; resolves with its result, or undefined when it was refused. */
  async function run<T>(action: () => Promise<T>): Promise<T | undefined> {
    if (busy.value) return undefined;
    busy.value = true;
    formError.value = null;
    fieldErrors.value = {};
    refusedFields.value = [];
    try {
      return await action();
    } catch (raw) {
      const error = toIpcError(raw);
      fieldErrors.value = messagesByField(error);
      refusedFields.value = error.fields.map((f) => f.field);
      formError.value = error.message;
      return undefined;
    } finally {
      busy.value = false;
    }
  }

  /** Forgets a field's message once the engineer changes the field. */
  function clear(field: string) {
    if (!(field in fieldErrors.value)) return;
    const { [field]: _gone, ...rest } = fieldErrors.value;
    fieldErrors.value = rest;
  }

  /**
   * The message to show above the form: none when it only repeats the one field message already
   * shown next to a field of this form (`shown`), Rust's message otherwise (a summary of several
   * fields, a field this form does not have, or an error that is not about a field).
   */
  function alertText(shown: readonly string[]): string | null {
    const fields = refusedFields.value;
    if (!formError.value) return null;
    if (fields.length === 1 && shown.includes(fields[0]!)) return null;
    return formError.value;
  }

  return { busy, formError, fieldErrors, run, clear, alertText };
}
