// 投诉 complaints and the cards the contract draws from them (commands/complaints.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import type { ComplaintFilter } from "../bindings/ComplaintFilter";
import type { ComplaintInput } from "../bindings/ComplaintInput";
import type { EvaluationInput } from "../bindings/EvaluationInput";
import { call } from "./index";

export const complaintsApi = {
  /** 投诉, newest 投诉时间 first, each with its 整改报告 deadline as of now. Validation field: "month". */
  list: (filter: ComplaintFilter) => call("list_complaints", { filter }),
  get: (id: number) => call("get_complaint", { id }),
  /**
   * 登记投诉 (code TS-YYYYMMDD-NN). Validation fields are the input's keys: receivedAt, complainant,
   * subject, notCountedReason (required when not counted), reportSubmittedAt, linked …
   */
  create: (input: ComplaintInput) => call("create_complaint", { input }),
  update: (id: number, input: ComplaintInput) => call("update_complaint", { id, input }),
  /** 黄牌 / 红牌 over the contract so far; `applies` false when the contract issues none. */
  cards: () => call("contract_cards"),
  /** 工作情况评价 whose period ends in `month` (`YYYY-MM`), oldest first. */
  evaluations: (month: string) => call("list_evaluations", { month }),
  /** Validation fields: periodStart, periodEnd, evaluatedOn, evaluator, comments, engineerId. */
  createEvaluation: (input: EvaluationInput) => call("create_evaluation", { input }),
  updateEvaluation: (id: number, input: EvaluationInput) => call("update_evaluation", { id, input }),
};
