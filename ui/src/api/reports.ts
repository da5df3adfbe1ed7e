// 报表 reports: the month on 报表导出 (one read: assessment with its sheet, hand-entered
// deductions, self-check, report texts), the writes that change it, and the workbooks. Each
// function maps to one command of src-tauri/src/commands/reports.rs and rejects only with an
// `IpcError`. `month` is "YYYY-MM".
import type { DeliveryStep } from "../bindings/DeliveryStep";
import type { ManualDeductionInput } from "../bindings/ManualDeductionInput";
import type { MonthlyReportText } from "../bindings/MonthlyReportText";
import { call } from "./index";

export const reportsApi = {
  /**
   * Everything 报表导出 shows of `month`, read from the records once: the 运维工作考核表 (each item with
   * its counted deductions), every hand-entered deduction (removed ones with `deletedAt`), the
   * 自查 findings and the 月度运维报告 texts. Kind "notReady" before the project settings.
   */
  monthOverview: (month: string) => call("month_overview", { month }),
  /** 运维工作考核表 alone, as the records stand now (今日's card). */
  monthAssessment: (month: string) => call("month_assessment", { month }),
  /**
   * The assessment over the contract's period (年度 / 季度) holding `month`, up to that month: the
   * running score, each month's contribution and the payment. Null when the contract has no sheet.
   */
  periodAssessment: (month: string) => call("period_assessment", { month }),
  /** Saves the eight texts (trimmed); resolves with what is stored. Validation fields are the input's keys. */
  saveMonthlyReport: (input: MonthlyReportText) => call("save_monthly_report", { input }),
  /**
   * Adds a hand-entered deduction; resolves with the month's deductions that count. Validation
   * fields: itemCode, deductionCode, count, points, note; kind "notReady" before the project settings.
   */
  addManualDeduction: (input: ManualDeductionInput) => call("add_manual_deduction", { input }),
  /** 删除扣分 (kept, listed as removed); resolves with the month's deductions that still count. */
  removeManualDeduction: (month: string, id: number) =>
    call("remove_manual_deduction", { month, id }),
  /**
   * Writes 运维记录_YYYY-MM.xlsx. `ask`: Rust shows the save dialog (default name
   * `<项目名称>_运维记录_YYYY-MM.xlsx`) and resolves null when cancelled; otherwise the file goes to the
   * data directory's `exports` folder. Resolves with the absolute path written.
   */
  exportMonth: (month: string, ask: boolean) => call("export_month", { month, ask }),
  /**
   * Records the month's 服务报告 as finalised (`ready`, 定稿) or handed over (`delivered`, 报送) at
   * `at` (RFC 3339); resolves with where the report stands against the contract's days (null where
   * the contract sets none).
   */
  markReportDelivery: (month: string, step: DeliveryStep, at: string) => call("mark_report_delivery", { month, step, at }),
  /** 运维周报 of the week holding `date` (YYYY-MM-DD); `ask` shows the save dialog (null = cancelled). */
  exportWeek: (date: string, ask: boolean) => call("export_week", { date, ask }),

  // 合同期: the contract's year, the whole FAQ and the handover at the contract's end.
  /**
   * The 年度 / 季度考核 workbook of the period holding `month` (seed 001's layout). `ask` as for
   * exportMonth; kind "notReady" when the contract has no sheet or the month is outside the term.
   */
  exportPeriod: (month: string, ask: boolean) => call("export_period", { month, ask }),
  /**
   * The service year holding `month` in numbers: faults by level (超时 counts), each system's
   * availability against the contract's floor, inspections, trainings, changes, service records,
   * complaints. Null when the month is outside the contract's term.
   */
  yearSummary: (month: string) => call("year_summary", { month }),
  /** 年度总结报告 of the service year holding `month`; `ask` as for exportMonth. */
  exportYearSummary: (month: string, ask: boolean) => call("export_year_summary", { month, ask }),
  /** 常见问题及解决方案: the whole FAQ as a workbook; `ask` as for exportMonth. */
  exportFaq: (ask: boolean) => call("export_faq", { ask }),
  /**
   * 合同期移交资料: a folder with every month's workbook, the year's summary and 考核, the FAQ, the
   * team archive and a contents sheet. `ask` shows a folder dialog (null = cancelled); otherwise it
   * goes under the data directory's `exports`. Resolves with the folder and its files (paths relative to it).
   */
  exportHandover: (ask: boolean) => call("export_handover", { ask }),
};
