// The only module that talks to Rust. Each function maps to one Tauri command and
// rejects only with an `IpcError` (see ./errors). Argument keys are camelCase:
// Tauri v2 maps them to the snake_case parameters of the Rust commands.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "../bindings/AppStatus";
import type { AuditReport } from "../bindings/AuditReport";
import type { BackupOverview } from "../bindings/BackupOverview";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { RestoreTest } from "../bindings/RestoreTest";
import type { CalendarFormat } from "../bindings/CalendarFormat";
import type { CalendarOverrideInput } from "../bindings/CalendarOverrideInput";
import type { CalendarYearSummary } from "../bindings/CalendarYearSummary";
import type { CalendarYearView } from "../bindings/CalendarYearView";
import type { DeadlinePreview } from "../bindings/DeadlinePreview";
import type { ProfileEditInput } from "../bindings/ProfileEditInput";
import type { ProfileSummary } from "../bindings/ProfileSummary";
import type { ProjectSettings } from "../bindings/ProjectSettings";
import { toIpcError } from "./errors";

export { isIpcError, toIpcError } from "./errors";

async function call<T>(command: string, args?: Record<string, unknown>): Promise<T> {
  try {
    return await invoke<T>(command, args);
  } catch (error) {
    throw toIpcError(error);
  }
}

export const api = {
  /** What the shell found when opening the data store. */
  appStatus: () => call<AppStatus>("app_status"),
  /** The project settings, or null before the first-start setup. */
  getSettings: () => call<ProjectSettings | null>("get_settings"),
  /** Validates and stores the settings; rejects with kind "validation" and `fields`. */
  saveSettings: (input: ProjectSettings) => call<ProjectSettings>("save_settings", { input }),
  /** Contract profiles (service levels): the shipped ones and the custom ones, newest version of each. */
  listProfiles: () => call<ProfileSummary[]>("list_profiles"),
  /**
   * 自定义合同服务级别: `id: null` saves a copy of `baseId` (custom-N, version 1); `id` = `baseId`
   * = a custom profile saves its next version. Shipped profiles are refused (field "id").
   * Validation fields: "name", "levels", "levels.<i>.respond" / "levels.<i>.restore", "id".
   */
  saveCustomProfile: (input: ProfileEditInput) => call<ProfileSummary>("save_custom_profile", { input }),
  /** 工作日历: the years whose State Council notice is loaded (built in or imported). */
  listCalendarYears: () => call<CalendarYearSummary[]>("list_calendar_years"),
  /** Every date of `year` with why it is (not) a working day; `warning` when the year is not loaded. */
  getCalendarYear: (year: number) => call<CalendarYearView>("get_calendar_year", { year }),
  /**
   * Imports a year's notice from the file's text; resolves with the year imported.
   * Rejects with kind "validation", fields "file" / "year", and changes nothing then.
   */
  importCalendar: (format: CalendarFormat, content: string, year: number | null) =>
    call<number>("import_calendar", { format, content, year }),
  /** Adds or replaces the local override (本地调整) of one date; validation fields "date", "reason". */
  setCalendarOverride: (input: CalendarOverrideInput) => call<null>("set_calendar_override", { input }),
  /** Removes the local override of `date` (YYYY-MM-DD). */
  removeCalendarOverride: (date: string) => call<null>("remove_calendar_override", { date }),
  /**
   * 时限试算: the deadlines a fault of `level` (code or name) reported at `reportedAt`
   * (RFC 3339 with offset) would get under profile `profileId`, with explanations.
   */
  previewDeadlines: (profileId: string, level: string, reportedAt: string) =>
    call<DeadlinePreview>("preview_deadlines", { profileId, level, reportedAt }),
  /** Recovery: replace the damaged store with one of its backups. */
  restoreBackup: (fileName: string) => call<AppStatus>("restore_backup", { fileName }),
  /** Recovery: move the damaged store aside and start with an empty one. */
  startFresh: () => call<AppStatus>("start_fresh"),
  /** 备份与恢复: the backups with their check results, the second folder, the restore tests. */
  backupOverview: () => call<BackupOverview>("backup_overview"),
  /** 立即备份: a checked manual copy (with attachments), also copied to the second folder. */
  backupNow: () => call<BackupOverview>("backup_now"),
  /** Sets the second backup folder (null clears it); validation field "extraDir". */
  setBackupDir: (dir: string | null) => call<BackupOverview>("set_backup_dir", { dir }),
  /** The system's folder picker; null when cancelled. */
  pickBackupDir: () => call<string | null>("pick_backup_dir"),
  /**
   * Replaces the (healthy) store with a backup: a safety copy is written first and the current
   * file is kept aside; the store is reopened. Rejects with "corrupt" / "tooNew" / "validation".
   */
  restoreFromBackup: (fileName: string) => call<AppStatus>("restore_from_backup", { fileName }),
  /** 恢复测试 on a copy of a backup (the newest when null); recorded and returned. */
  runRestoreTest: (fileName: string | null) => call<RestoreTest>("run_restore_test", { fileName }),
  /** 修改记录: who changed record (kind, id) and its parts, when, field by field. */
  recordHistory: (kind: string, id: number) => call<HistoryEntry[]>("record_history", { kind, id }),
  /** The audit trail check: hash chain, changes made outside the app. */
  verifyAudit: () => call<AuditReport>("verify_audit"),
};

export type Api = typeof api;
