// Words and small rules of the 表单 screens: the Chinese names of what Rust sends as codes, the
// shape a record's values take in the page and on the wire, where Rust's messages for a field are,
// and how a value reads in a list cell. Nothing here decides whether a record is valid: Rust does.
import type { FormDeadlineStatus } from "../bindings/FormDeadlineStatus";
import type { FormDefinition } from "../bindings/FormDefinition";
import type { FormField } from "../bindings/FormField";
import type { FormFieldType } from "../bindings/FormFieldType";
import type { RecordKind } from "../bindings/RecordKind";
import { linkKindLabel, nowValue } from "./tickets";
import { chinaIsoDate, formatIsoDate, formatTimestamp } from "./time";

export const FIELD_TYPES: readonly { value: FormFieldType; label: string }[] = [
  { value: "text", label: "单行文字" },
  { value: "longText", label: "多行文字" },
  { value: "number", label: "数字" },
  { value: "date", label: "日期" },
  { value: "dateTime", label: "日期时间" },
  { value: "choice", label: "单选" },
  { value: "engineer", label: "驻场人员" },
  { value: "yesNo", label: "是 / 否" },
  { value: "table", label: "明细表" },
  { value: "attachment", label: "附件" },
  { value: "link", label: "关联记录" },
];

/** The types a table's column may have (docs/forms.md: no table in a table, no engineer, file or link). */
export const COLUMN_TYPES: readonly FormFieldType[] = ["text", "longText", "number", "date", "dateTime", "choice", "yesNo"];

/**
 * The properties each type takes besides key, label, type, required and hint. Rust refuses any
 * other, so the editor drops them when a field's type changes.
 */
export const TYPE_PROPS: Record<FormFieldType, readonly (keyof FormField)[]> = {
  text: ["maxLength"],
  longText: ["maxLength"],
  number: ["unit", "min", "max", "decimals"],
  date: [],
  dateTime: [],
  choice: ["options"],
  engineer: [],
  yesNo: [],
  table: ["columns", "maxRows"],
  attachment: [],
  link: ["kinds"],
};

export const isTimeType = (type: FormFieldType) => type === "date" || type === "dateTime";

/** The menu groups of docs/forms.md, in the order the 表单 page shows them; a vendor's own group follows. */
export const FORM_GROUPS = ["升级与发布", "配置与备份", "应急与安全", "服务单", "培训", "总结与设备"] as const;

/** 状态 of a record as Rust stores it; a living form's item is 在用 rather than 进行中. */
export function stateOptions(living: boolean): { value: string; label: string }[] {
  return living
    ? [
        { value: "open", label: "在用" },
        { value: "retired", label: "已撤除" },
      ]
    : [
        { value: "open", label: "进行中" },
        { value: "closed", label: "已办结" },
      ];
}

/** A deadline's state in words; the colour is the tag's (FormDeadlineTag): overdue red, pending orange, late yellow, met green. */
export const DEADLINE_STATUS: Record<FormDeadlineStatus, string> = {
  notStarted: "未开始",
  pending: "进行中",
  met: "按时",
  late: "超时完成",
  overdue: "已超时",
};

/** Sheet columns that are not fields (docs/forms.md, the workbook sheet). */
export const SHEET_SPECIALS: readonly { value: string; label: string }[] = [
  { value: "@code", label: "编号" },
  { value: "@date", label: "日期" },
  { value: "@state", label: "状态" },
  { value: "@engineer", label: "驻场人员" },
];

/** The record kinds a link field may name besides `form:<id>` (docs/forms.md, link kinds). */
export const LINKABLE_KINDS: readonly RecordKind[] = ["fault", "change", "serviceRecord", "training", "faq", "inspection", "complaint"];

/** What a link field's kind says in Chinese: 故障, or the form's name for `form:<id>`. */
export function linkTargetLabel(kind: string, formNames: Record<string, string>): string {
  const form = kind.startsWith("form:") ? kind.slice("form:".length) : null;
  if (form !== null) return formNames[form] ?? form;
  return linkKindLabel(kind);
}

// ---------------------------------------------------------------------------------------------
// Values: what the page edits and what it sends.

/** One link as a link field holds it. */
export type LinkValue = { kind: RecordKind; id: number };
/** One row of a table field, keyed by column. */
export type TableRow = Record<string, unknown>;
/** A record's values as the page edits them, keyed by field. */
export type FormValues = Record<string, unknown>;

/** The blank value of a field in the page: what an input shows before anything was entered. */
export function blankValue(field: FormField): unknown {
  switch (field.type) {
    case "number":
    case "engineer":
    case "yesNo":
      return null;
    case "table":
    case "link":
      return [];
    default:
      return "";
  }
}

/** A new row of a table: every column blank. */
export function blankRow(table: FormField): TableRow {
  return Object.fromEntries((table.columns ?? []).map((c) => [c.key, blankValue(c)]));
}

/**
 * The values the page starts from: what the record holds, and every other field blank, so each
 * input has a value of its own type (a record made before a field was added has none for it).
 */
export function editableValues(def: FormDefinition, stored: Record<string, unknown> = {}): FormValues {
  const out: FormValues = {};
  for (const f of def.fields) {
    if (f.type === "attachment") continue;
    const v = stored[f.key];
    if (f.type === "table") {
      const rows = Array.isArray(v) ? (v as TableRow[]) : [];
      out[f.key] = rows.map((r) => ({ ...blankRow(f), ...r }));
    } else if (f.type === "link") {
      out[f.key] = Array.isArray(v) ? (v as LinkValue[]).map((l) => ({ kind: l.kind, id: l.id })) : [];
    } else {
      out[f.key] = v ?? blankValue(f);
    }
  }
  return out;
}

/** Blank (nothing, or only spaces) is sent as null: Rust reads both as "not filled in". */
function sendable(v: unknown): unknown {
  if (v === undefined || v === null) return null;
  if (typeof v === "string" && v.trim() === "") return null;
  return v;
}

/**
 * What the page sends to Rust: every field but the attachments (files are uploaded beside the
 * record, not in its values), blanks as null. A table keeps every row the page shows, blank ones
 * too, so that Rust's `values.<key>[row]` points at the row on screen (Rust drops a blank row).
 */
export function valuesToSend(def: FormDefinition, values: FormValues): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const f of def.fields) {
    if (f.type === "attachment") continue;
    const v = values[f.key];
    if (f.type === "table") {
      const rows = Array.isArray(v) ? (v as TableRow[]) : [];
      out[f.key] = rows.map((r) => Object.fromEntries((f.columns ?? []).map((c) => [c.key, sendable(r[c.key])])));
    } else if (f.type === "link") {
      out[f.key] = Array.isArray(v) ? (v as LinkValue[]).map((l) => ({ kind: l.kind, id: l.id })) : [];
    } else {
      out[f.key] = sendable(v);
    }
  }
  return out;
}

/** The page's value for a new record: blanks, and the record's date field at `now` (the way 登记投诉 starts). */
export function newRecordValues(def: FormDefinition, now: Date): FormValues {
  const values = editableValues(def);
  const dateField = def.fields.find((f) => f.key === def.dateField);
  if (dateField?.type === "dateTime") values[dateField.key] = nowValue(now);
  if (dateField?.type === "date") values[dateField.key] = chinaIsoDate(now);
  return values;
}

// ---------------------------------------------------------------------------------------------
// Rust's messages for a record's fields.

/** The error path of a field (`values.subject`) and of a table's cell (`values.items[2].name`). */
export const fieldPath = (key: string) => `values.${key}`;
export const cellPath = (key: string, row: number, column: string) => `values.${key}[${row}].${column}`;

/**
 * Rust's messages that belong to no field shown on the page: they go above the form so that none
 * is lost (a key this version no longer has, the whole values being too large).
 */
export function unplacedErrors(def: FormDefinition, errors: Record<string, string>): string[] {
  const placed = (path: string) =>
    def.fields.some((f) => f.type !== "attachment" && (path === fieldPath(f.key) || path.startsWith(`${fieldPath(f.key)}[`)));
  return Object.entries(errors)
    .filter(([path]) => !placed(path))
    .map(([, message]) => message);
}

// ---------------------------------------------------------------------------------------------
// Values read in a list cell (the living table).

/** A value as a cell of the living table shows it; names for engineers come from `engineerName`. */
export function displayValue(field: FormField, v: unknown, engineerName: (id: number) => string | null): string {
  if (v === null || v === undefined || v === "") return "";
  switch (field.type) {
    case "number":
      return `${String(v)}${field.unit ?? ""}`;
    case "date":
      return typeof v === "string" ? formatIsoDate(v) : String(v);
    case "dateTime":
      return typeof v === "string" ? formatTimestamp(v) : String(v);
    case "yesNo":
      return v === true ? "是" : v === false ? "否" : "";
    case "engineer":
      return typeof v === "number" ? (engineerName(v) ?? `#${v}`) : String(v);
    case "table":
      return Array.isArray(v) ? `${v.length} 行` : "";
    case "link":
      return Array.isArray(v) ? `${v.length} 条关联` : "";
    default:
      return String(v);
  }
}
