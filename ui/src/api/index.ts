// The shared core of the UI's API: the one `call` into Rust, event subscriptions, the lock hook and
// the errors. Each area's commands live in ./<area>.ts, the same word as src-tauri/src/commands/<area>.rs;
// import them from there. Each function maps to one Tauri command and rejects only with an `IpcError`
// (see ./errors). Argument keys are camelCase: Tauri v2 maps them to the snake_case parameters of the
// Rust commands.
import { invoke } from "@tauri-apps/api/core";
import { listen } from "@tauri-apps/api/event";
import type { IpcError } from "../bindings/IpcError";
import type { RecordKind } from "../bindings/RecordKind";
import { toIpcError } from "./errors";

export { isIpcError, toIpcError } from "./errors";

/** Stops listening to an event from Rust. */
export type Unlisten = () => void;

let onLocked: ((error: IpcError) => void) | null = null;

/**
 * Called whenever Rust refuses a command because the window is locked (kind "locked"), so the
 * lock screen shows even when the lock started somewhere the page did not see (the tray).
 */
export function whenRefusedAsLocked(handler: ((error: IpcError) => void) | null): void {
  onLocked = handler;
}

/** Invokes one Tauri command; rejects only with an `IpcError` (and tells the lock screen on kind "locked"). */
export async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (raw) {
    const error = toIpcError(raw);
    if (error.kind === "locked") onLocked?.(error);
    throw error;
  }
}

/** Listens to an event Rust emits; rejects with an `IpcError` when the listener cannot be set up. */
export async function subscribe<T>(event: string, handler: (payload: T) => void): Promise<Unlisten> {
  try {
    return await listen<T>(event, (e) => handler(e.payload));
  } catch (error) {
    throw toIpcError(error);
  }
}

/** A kind of record (故障, 服务记录 …), generated from crates/core/src/kinds.rs: what an attachment,
 * a link or a history belongs to. Rust refuses a kind that may not carry attachments or links. */
export type { RecordKind };

export const api = {
  // Still called as `api.*` from views/export and components/export, which the reports move (api/reports.ts)
  // is changing in parallel; they go to ./trust.ts (团队归档) and ./faults.ts (open_export) once those
  // files are free to change.
  /**
   * Opens a file the app exported, or the folder holding it, with the system's default program.
   * Rust opens only what the app itself wrote (this session's saves, or `exports/` by name) and
   * only reveals executables and scripts; any other path is refused.
   */
  openExport: (path: string) => call<null>("open_export", { path }),
  /** The same as {@link openExport}; kept for callers that still say openPath. */
  openPath: (path: string) => call<null>("open_export", { path }),
  // 团队归档 (types inline, as in the block below)
  /** This workstation, the archives imported here, the conflicts (open first), the proposed file name. */
  archiveOverview: () => call<import("../bindings/ArchiveOverview").ArchiveOverview>("archive_overview"),
  /** The save dialog for the archive of [from, to], proposing its usual name; null when cancelled. */
  pickArchiveSavePath: (from: string, to: string) => call<string | null>("pick_archive_save_path", { from, to }),
  /** The open dialog for an archive; null when cancelled. */
  pickArchiveFile: () => call<string | null>("pick_archive_file"),
  /** Writes the archive of China dates [from, to]; validation fields "from", "to", "path". */
  exportArchive: (from: string, to: string, path: string) =>
    call<import("../bindings/ExportSummary").ExportSummary>("export_archive", { from, to, path }),
  /** What the archive holds (read and checked whole, nothing written); rejects like importArchive. */
  previewArchive: (path: string) => call<import("../bindings/ArchivePreview").ArchivePreview>("preview_archive", { path }),
  /**
   * Checks the archive whole, then merges it in one transaction. A damaged, tampered, newer or
   * incomplete archive rejects with kind "validation" (field "archive") and nothing is written.
   */
  importArchive: (path: string) => call<import("../bindings/ImportReport").ImportReport>("import_archive", { path }),
  /** Decides a conflict: keep "ours" or take "theirs"; resolves with the new overview. */
  resolveArchiveConflict: (id: number, keep: "ours" | "theirs") =>
    call<import("../bindings/ArchiveOverview").ArchiveOverview>("resolve_archive_conflict", { id, keep }),
  // 报表导出
  // (types are imported inline so this block stays one piece of the file; `month` is "YYYY-MM")
  /** The 月度运维报告 texts of `month`; empty texts and `updatedAt: null` before the first save. */
  getMonthlyReport: (month: string) =>
    call<import("../bindings/MonthlyReportText").MonthlyReportText>("get_monthly_report", { month }),
  /** Saves the eight texts (trimmed); resolves with what is stored. Validation fields are the input's keys. */
  saveMonthlyReport: (input: import("../bindings/MonthlyReportText").MonthlyReportText) =>
    call<import("../bindings/MonthlyReportText").MonthlyReportText>("save_monthly_report", { input }),
  /** 人工录入的扣分 of `month`, oldest first; removed ones (with `deletedAt`) only when asked. */
  listManualDeductions: (month: string, includeDeleted = false) =>
    call<import("../bindings/ManualDeduction").ManualDeduction[]>("list_manual_deductions", { month, includeDeleted }),
  /**
   * Adds a hand-entered deduction; resolves with the month's list. Validation fields: itemCode,
   * deductionCode, count, points, note; kind "notReady" before the project settings.
   */
  addManualDeduction: (input: import("../bindings/ManualDeductionInput").ManualDeductionInput) =>
    call<import("../bindings/ManualDeduction").ManualDeduction[]>("add_manual_deduction", { input }),
  /** 删除扣分 (kept, listed as removed); resolves with the month's deductions that still count. */
  removeManualDeduction: (month: string, id: number) =>
    call<import("../bindings/ManualDeduction").ManualDeduction[]>("remove_manual_deduction", { month, id }),
  /** 运维工作考核表 computed from the month's records and the hand-entered deductions, as they stand now. */
  monthAssessment: (month: string) =>
    call<import("../bindings/AssessmentResult").AssessmentResult>("month_assessment", { month }),
  /** 自查: what is missing for the month (up to now for the current month), each with where to fix it. */
  monthSelfCheck: (month: string) =>
    call<import("../bindings/SelfCheckItem").SelfCheckItem[]>("month_self_check", { month }),
  /**
   * Writes 运维记录_YYYY-MM.xlsx. `ask`: Rust shows the save dialog (default name
   * `<项目名称>_运维记录_YYYY-MM.xlsx`) and resolves null when cancelled; otherwise the file goes to the
   * data directory's `exports` folder. Resolves with the absolute path written.
   */
  exportMonth: (month: string, ask: boolean) => call<string | null>("export_month", { month, ask }),
  /** 运维周报 of the week holding `date` (YYYY-MM-DD); `ask` shows the save dialog (null = cancelled). */
  exportWeek: (date: string, ask: boolean) => call<string | null>("export_week", { date, ask }),
};

export type Api = typeof api;
