// 巡检 — inspection templates and records, service probes (commands/inspections.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import type { AnswerInput } from "../bindings/AnswerInput";
import type { FaultInput } from "../bindings/FaultInput";
import type { ProbeTargetInput } from "../bindings/ProbeTargetInput";
import type { RecordHeaderInput } from "../bindings/RecordHeaderInput";
import type { Template } from "../bindings/Template";
import { call } from "./index";

export const inspectionsApi = {
  /** Every active template (newest version), shipped ones first. */
  listInspectionTemplates: () => call("list_inspection_templates"),
  getInspectionTemplate: (id: string) => call("get_inspection_template", { id }),
  /**
   * A shipped template is saved as a copy (custom-N), a custom one as its next version.
   * Validation fields: name, sections, sections.<i>.title, sections.<i>.items.<j>.label / key / warnBelow, schedule.
   */
  saveInspectionTemplate: (input: Template) =>
    call("save_inspection_template", { input }),
  /** The stopped (停用) templates: switched off, or a shipped one a custom copy replaced. */
  listStoppedInspectionTemplates: () => call("list_stopped_inspection_templates"),
  /** 停用 / 启用 a checklist (every version); a stopped one is no longer due, its records stay. */
  setInspectionTemplateActive: (id: string, active: boolean) =>
    call("set_inspection_template_active", { id, active }),
  /** Today's scheduled inspections in time order, with their state now. */
  inspectionsDueToday: () => call("inspections_due_today"),
  /** Starts (or resumes the draft of) `slot`; `slot: null` starts an ad-hoc 临时巡检. */
  startInspection: (templateId: string, slot: string | null) =>
    call("start_inspection", { templateId, slot }),
  getInspection: (id: number) => call("get_inspection", { id }),
  /** Saves one item's answer as it is typed; validation field `answers.<itemKey>`. */
  saveInspectionAnswer: (id: number, input: AnswerInput) =>
    call("save_inspection_answer", { id, input }),
  /** 巡检人, 记录人, 检查方式, 巡检结果分析; validation fields inspector, summary. */
  saveInspectionHeader: (id: number, input: RecordHeaderInput) =>
    call("save_inspection_header", { id, input }),
  /** Numbers the record YYMMDD-NN; refused with a message naming the missing required items. */
  completeInspection: (id: number) =>
    call("complete_inspection", { id }),
  /** Hides a record; its number stays taken. */
  deleteInspection: (id: number) => call("delete_inspection", { id }),
  /** Records of `month` ("YYYY-MM") or of all time (null), newest first. */
  listInspections: (month: string | null) => call("list_inspections", { month }),
  /** 服务探测: the services with their last result. */
  listProbeTargets: () => call("list_probe_targets"),
  /** Validation fields: name, url, timeoutMs, expectedStatus. */
  saveProbeTarget: (input: ProbeTargetInput) =>
    call("save_probe_target", { input }),
  removeProbeTarget: (id: number) => call("remove_probe_target", { id }),
  /** Probes the record's services (all services with null) and pre-fills the record's items. */
  probeNow: (recordId: number | null) => call("probe_now", { recordId }),
  /** The new-fault form for an abnormal item (channel 巡检发现, title, description, time, level). */
  inspectionFaultDraft: (recordId: number, itemKey: string) =>
    call("inspection_fault_draft", { recordId, itemKey }),
  /** Creates the fault for an abnormal item, linked both ways. */
  createFaultFromInspection: (recordId: number, itemKey: string, input: FaultInput) =>
    call("create_fault_from_inspection", { recordId, itemKey, input }),
};
