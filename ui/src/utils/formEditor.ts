// The form editor's small rules: a definition as the editor sends it (only the keys each part
// takes — Rust refuses any other, so a typo is never silently ignored), new fields and deadlines,
// and Rust's refusal sorted by where the editor shows it (`$.fields[3].type` beside field 4).
// Whether a definition is valid, and whether it would orphan stored values, Rust decides.
import type { FieldError } from "../bindings/FieldError";
import type { FormDeadline } from "../bindings/FormDeadline";
import type { FormDefinition } from "../bindings/FormDefinition";
import type { FormField } from "../bindings/FormField";
import type { FormFieldType } from "../bindings/FormFieldType";
import { TYPE_PROPS } from "./forms";

/** A field as stored: only its type's properties, no blank optional ones. */
export function cleanField(field: FormField): FormField {
  const out: FormField = { key: field.key.trim(), label: field.label.trim(), type: field.type };
  if (field.required) out.required = true;
  const hint = field.hint?.trim();
  if (hint) out.hint = hint;
  const allowed = TYPE_PROPS[field.type];
  const has = (k: keyof FormField) => allowed.includes(k);
  if (has("maxLength") && isNumber(field.maxLength)) out.maxLength = field.maxLength;
  if (has("unit") && field.unit?.trim()) out.unit = field.unit.trim();
  if (has("min") && isNumber(field.min)) out.min = field.min;
  if (has("max") && isNumber(field.max)) out.max = field.max;
  if (has("decimals") && isNumber(field.decimals)) out.decimals = field.decimals;
  if (has("options")) out.options = (field.options ?? []).map((o) => o.trim()).filter((o) => o !== "");
  if (has("columns")) out.columns = (field.columns ?? []).map(cleanField);
  if (has("maxRows") && isNumber(field.maxRows)) out.maxRows = field.maxRows;
  if (has("kinds")) out.kinds = [...(field.kinds ?? [])];
  return out;
}

function isNumber(v: unknown): v is number {
  return typeof v === "number" && Number.isFinite(v);
}

function cleanDeadline(d: FormDeadline): FormDeadline {
  const out: FormDeadline = { key: d.key.trim(), label: d.label.trim(), from: d.from, within: d.within, until: d.until };
  if (d.before) out.before = true;
  if (isNumber(d.remindMinutes)) out.remindMinutes = d.remindMinutes;
  const rule = d.rule?.trim();
  if (rule) out.rule = rule;
  // Which records it applies to (a Bug's 1 working day, a 小版本升级's 2): kept as defined.
  if (d.when) out.when = { field: d.when.field, is: [...d.when.is] };
  return out;
}

/** The definition as the editor sends it to save_form_definition. */
export function cleanDefinition(def: FormDefinition): FormDefinition {
  const out: FormDefinition = {
    id: def.id.trim(),
    version: def.version,
    name: def.name.trim(),
    group: def.group.trim(),
    source: def.source.trim(),
    description: def.description.trim(),
    numbering: { prefix: def.numbering.prefix.trim(), period: def.numbering.period },
    dateField: def.dateField,
    titleField: def.titleField,
    fields: def.fields.map(cleanField),
    deadlines: def.deadlines.map(cleanDeadline),
    signatures: def.signatures.map((s) => ({ label: s.label.trim(), date: s.date })),
    print: {
      title: def.print.title.trim(),
      orientation: def.print.orientation,
      rows: def.print.rows.map((r) => [...r]),
    },
    sheet: { name: def.sheet.name.trim(), columns: [...def.sheet.columns] },
  };
  if (def.engineerField) out.engineerField = def.engineerField;
  if (def.living) out.living = true;
  const note = def.print.note?.trim();
  if (note) out.print.note = note;
  return out;
}

/** A deep copy to edit, so nothing the page read changes until it is saved. */
export function editableCopy(def: FormDefinition): FormDefinition {
  return JSON.parse(JSON.stringify(def)) as FormDefinition;
}

/** A new field of `type` whose key is not yet taken (`field1`, `field2` …). */
export function newField(taken: readonly string[], type: FormFieldType = "text"): FormField {
  let n = taken.length + 1;
  while (taken.includes(`field${n}`)) n++;
  return withType({ key: `field${n}`, label: "", type }, type);
}

/**
 * The field with another type: the properties the new type needs get a starting value (one
 * option, one column, 200 rows), the others are dropped when the field is saved.
 */
export function withType(field: FormField, type: FormFieldType): FormField {
  const next: FormField = { ...field, type };
  if (type === "choice" && !next.options?.length) next.options = ["是", "否"];
  if (type === "table") {
    if (!next.columns?.length) next.columns = [{ key: "item", label: "项目", type: "text" }];
    next.maxRows ??= 200;
  }
  if (type === "link" && !next.kinds?.length) next.kinds = ["fault"];
  return next;
}

export function newDeadline(def: FormDefinition): FormDeadline {
  const time = def.fields.filter((f) => f.type === "date" || f.type === "dateTime");
  let n = def.deadlines.length + 1;
  while (def.deadlines.some((d) => d.key === `deadline${n}`)) n++;
  return { key: `deadline${n}`, label: "", from: time[0]?.key ?? "", within: { workingDays: 1 }, until: "@saved" };
}

/** "2880 分钟" → "48小时", "43200" → "30天": to read a 7×24 deadline at a glance. */
export function describeMinutes(minutes: number): string {
  if (!Number.isFinite(minutes) || minutes <= 0) return "";
  if (minutes % 1440 === 0) return `${minutes / 1440}天`;
  if (minutes % 60 === 0) return `${minutes / 60}小时`;
  return minutes >= 60 ? `${Math.floor(minutes / 60)}小时${minutes % 60}分` : `${minutes}分钟`;
}

// ---------------------------------------------------------------------------------------------
// Rust's refusal, by where the editor shows it.

export type DefinitionErrors = {
  /** By field index: the field's own problems and its columns'. */
  fields: Record<number, string[]>;
  deadlines: Record<number, string[]>;
  signatures: Record<number, string[]>;
  printRows: Record<number, string[]>;
  /** Everything else (`$.numbering`, `$.sheet.columns[2]`, `$.dateField` …), with its path. */
  general: FieldError[];
};

const INDEXED = /^\$\.(fields|deadlines|signatures)\[(\d+)\]/;
const PRINT_ROW = /^\$\.print\.rows\[(\d+)\]/;

function push(to: Record<number, string[]>, index: number, message: string) {
  (to[index] ??= []).push(message);
}

/** Sorts Rust's messages by the row they are about; what has no row of its own stays general. */
export function sortDefinitionErrors(errors: readonly FieldError[]): DefinitionErrors {
  const out: DefinitionErrors = { fields: {}, deadlines: {}, signatures: {}, printRows: {}, general: [] };
  for (const e of errors) {
    const indexed = INDEXED.exec(e.field);
    const row = PRINT_ROW.exec(e.field);
    if (indexed) push(out[indexed[1] as "fields" | "deadlines" | "signatures"], Number(indexed[2]), e.message);
    else if (row) push(out.printRows, Number(row[1]), e.message);
    else out.general.push(e);
  }
  return out;
}

/** A JSON path as the editor lists it: `$.numbering.prefix` → `numbering.prefix`. */
export function shortPath(path: string): string {
  return path.replace(/^\$\.?/, "") || "表单定义";
}
