// 表单: forms defined as data (assets/forms/*.json and the vendor's own versions), their records,
// their paper forms and the 系统配置管理表's monthly report (commands/forms.rs; docs/forms.md).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import type { FormDefinition } from "../bindings/FormDefinition";
import type { FormRecordFilter } from "../bindings/FormRecordFilter";
import type { FormRecordInput } from "../bindings/FormRecordInput";
import { call, type RecordKind } from "./index";

/** 状态 a record can be set to: 办结 (closed), 重新打开 / 恢复 (open), 撤除 (retired, living forms only). */
export type FormRecordState = "open" | "closed" | "retired";

export const formsApi = {
  /** Every form in effect (its definition, 内置 or not, how many records, how many overdue / running). */
  list: () => call("list_forms"),
  /** The version in effect, or `version` when given (a record's own version is on the record). */
  definition: (id: string, version?: number) => call("get_form_definition", { id, version: version ?? null }),
  /** Every stored version of a form, newest first, with how many records each made. */
  versions: (id: string) => call("list_form_versions", { id }),
  /**
   * Stores the editor's definition as the next version of its `id` (Rust numbers it), or as version 1
   * of a new form. Refused whole; each problem's `field` is the JSON path of the offending key
   * (`$.fields[3].type`, `$.deadlines[0].from`, `$.numbering`).
   */
  saveDefinition: (definition: FormDefinition) => call("save_form_definition", { definition }),
  /** Picks a definition file (.json) and imports it; null when the dialog was cancelled. Refused like saveDefinition. */
  importDefinition: () => call("import_form_definition"),
  /** Rows of a form's list (or of every form without `formId`). Validation fields: month, state. */
  records: (filter: FormRecordFilter) => call("list_form_records", { filter }),
  get: (id: number) => call("get_form_record", { id }),
  /**
   * A new record of the form's version in effect; numbered by Rust. Validation fields are
   * `values.<key>` and, in a table, `values.<key>[row].<column>`.
   */
  create: (input: FormRecordInput) => call("create_form_record", { input }),
  /** New values of a record, checked against the version it was made with. Fields as for `create`. */
  update: (id: number, values: Record<string, unknown>) => call("update_form_record", { id, values }),
  /** 办结 / 重新打开 (open ↔ closed) or, on a living form, 撤除 / 恢复 (open ↔ retired). */
  setState: (id: number, recordState: FormRecordState) => call("set_form_record_state", { id, recordState }),
  /** Every form's records found by a word of their content, best first, the hits marked. */
  search: (query: string) => call("search_form_records", { query }),
  /** 修改记录 of a record as the form words it: each save with its fields before → after. */
  changes: (id: number) => call("list_form_record_changes", { id }),
  /** A form record as its paper form, with the version it was made with. */
  print: (id: number) => call("print_form_record", { id }),
  /** The paper form of a record the app has kept from the start (故障, 项目工单, 报修单 / 电话服务记录单, 培训记录 + 签到表). */
  printRecord: (kind: RecordKind, id: number) => call("print_record", { kind, id }),
  /** 配置管理报告 of every living form for the month (`YYYY-MM`). */
  configReports: (month: string) => call("config_reports", { month }),
};
