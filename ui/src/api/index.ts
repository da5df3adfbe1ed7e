// The only module that talks to Rust. Each function maps to one Tauri command and
// rejects only with an `IpcError` (see ./errors). Argument keys are camelCase:
// Tauri v2 maps them to the snake_case parameters of the Rust commands.
import { invoke } from "@tauri-apps/api/core";
import type { AppStatus } from "../bindings/AppStatus";
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
};

export type Api = typeof api;
