// 工单 — changes, service records, trainings and the FAQ (commands/tickets.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import type { ChangeCompletionInput } from "../bindings/ChangeCompletionInput";
import type { ChangeFilter } from "../bindings/ChangeFilter";
import type { ChangeInput } from "../bindings/ChangeInput";
import type { ChangeResponseInput } from "../bindings/ChangeResponseInput";
import type { FaqFilter } from "../bindings/FaqFilter";
import type { FaqInput } from "../bindings/FaqInput";
import type { FaultInput } from "../bindings/FaultInput";
import type { ServiceRecordFilter } from "../bindings/ServiceRecordFilter";
import type { ServiceRecordInput } from "../bindings/ServiceRecordInput";
import type { TrainingFilter } from "../bindings/TrainingFilter";
import type { TrainingInput } from "../bindings/TrainingInput";
import { call } from "./index";

export const ticketsApi = {
  /** 需求变更, newest 申请时间 first, each with its 24 h response deadline as of now. Validation field: "month". */
  listChanges: (filter: ChangeFilter) =>
    call("list_changes", { filter }),
  getChange: (id: number) => call("get_change", { id }),
  /**
   * 登记需求变更 (code BG-YYYYMMDD-NN). Validation fields are the input's keys: projectName, title,
   * description, requestedAt, respondedAt, completedAt, …; kind "notReady" before the project settings.
   */
  createChange: (input: ChangeInput) =>
    call("create_change", { input }),
  updateChange: (id: number, input: ChangeInput) =>
    call("update_change", { id, input }),
  /** 响应 (accepted) or 不予实施 (accepted: false). Validation fields: respondedAt, response. */
  respondChange: (id: number, input: ChangeResponseInput) =>
    call("respond_change", { id, input }),
  /** 完成. Validation fields: completedAt, result. */
  completeChange: (id: number, input: ChangeCompletionInput) =>
    call("complete_change", { id, input }),
  /** 转为需求变更 in one step; refused (field "serviceRecordId") when the record already became one. */
  convertServiceToChange: (serviceRecordId: number) =>
    call("convert_service_to_change", { serviceRecordId }),
  /** 服务记录 (电话服务 / 报修 / 咨询), newest first. Validation field: "month". */
  listServiceRecords: (filter: ServiceRecordFilter) =>
    call("list_service_records", { filter }),
  getServiceRecord: (id: number) =>
    call("get_service_record", { id }),
  /** Validation fields are the input's keys (description, receivedAt, completedAt, confirmedBy, …); "kind" on update. */
  createServiceRecord: (input: ServiceRecordInput) =>
    call("create_service_record", { input }),
  updateServiceRecord: (id: number, input: ServiceRecordInput) =>
    call("update_service_record", { id, input }),
  /** What the fault form starts with when a service record becomes a fault. */
  serviceFaultDraft: (serviceRecordId: number) =>
    call("service_fault_draft", { serviceRecordId }),
  /** 转为故障, linked. Validation fields: the FaultInput's keys, and "action" when already converted. */
  createFaultFromService: (serviceRecordId: number, input: FaultInput) =>
    call("create_fault_from_service", { serviceRecordId, input }),
  serviceFaqDraft: (serviceRecordId: number) =>
    call("service_faq_draft", { serviceRecordId }),
  /** 整理为常见问题, linked. Validation fields: question, solution, remark, sourceLink. */
  createFaqFromService: (serviceRecordId: number, input: FaqInput) =>
    call("create_faq_from_service", { serviceRecordId, input }),
  /** Categories with ten or more records in `month` (YYYY-MM): candidates for a tracked problem (seed 004). */
  trackedProblemSuggestions: (month: string) =>
    call("tracked_problem_suggestions", {
      month,
    }),
  /** 培训记录, each with its attachments (签到表). */
  listTrainings: (filter: TrainingFilter) =>
    call("list_trainings", { filter }),
  getTraining: (id: number) => call("get_training", { id }),
  /** Validation fields: heldAt, topic, trainer, location, attendeesCount, attendees, notes, modules / modules.<i>. */
  createTraining: (input: TrainingInput) =>
    call("create_training", { input }),
  updateTraining: (id: number, input: TrainingInput) =>
    call("update_training", { id, input }),
  /** 常见问题及解决方案, by 序号. */
  listFaq: (filter: FaqFilter) =>
    call("list_faq", { filter }),
  getFaq: (id: number) => call("get_faq", { id }),
  /** Validation fields: question, solution, remark, sourceLink. */
  createFaq: (input: FaqInput) =>
    call("create_faq", { input }),
  updateFaq: (id: number, input: FaqInput) =>
    call("update_faq", { id, input }),
  deleteFaq: (id: number) => call("delete_faq", { id }),
  /** Full-text search (1- and 2-character terms too); best first, hits marked in TextPart pieces. */
  searchFaq: (query: string) => call("search_faq", { query }),
  faultFaqDraft: (id: number) => call("fault_faq_draft", { id }),
  /** Only for a closed fault (field "action" otherwise). */
  createFaqFromFault: (id: number, input: FaqInput) =>
    call("create_faq_from_fault", { id, input }),
};
