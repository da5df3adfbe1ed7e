// 工作日历: the loaded years and the year on screen. Imports and local overrides go
// through here so the year on screen is re-read from Rust after every change.
import { defineStore } from "pinia";
import { ref } from "vue";
import { toIpcError } from "../api";
import { calendarApi } from "../api/calendar";
import type { CalendarFormat } from "../bindings/CalendarFormat";
import type { CalendarOverrideInput } from "../bindings/CalendarOverrideInput";
import type { CalendarYearSummary } from "../bindings/CalendarYearSummary";
import type { CalendarYearView } from "../bindings/CalendarYearView";
import type { IpcError } from "../bindings/IpcError";

export const useCalendarStore = defineStore("calendar", () => {
  const years = ref<CalendarYearSummary[]>([]);
  const yearsError = ref<IpcError | null>(null);
  /** The year asked for last; `view` may still be the previous one while loading. */
  const year = ref<number | null>(null);
  const view = ref<CalendarYearView | null>(null);
  const viewError = ref<IpcError | null>(null);
  const loading = ref(false);
  let request = 0;

  async function loadYears(): Promise<void> {
    try {
      years.value = await calendarApi.listCalendarYears();
      yearsError.value = null;
    } catch (error) {
      yearsError.value = toIpcError(error);
    }
  }

  /** Shows `target`; a slower answer for an earlier request never overwrites a newer one. */
  async function loadYear(target: number): Promise<void> {
    const mine = ++request;
    year.value = target;
    loading.value = true;
    try {
      const next = await calendarApi.getCalendarYear(target);
      if (mine !== request) return;
      view.value = next;
      viewError.value = null;
    } catch (error) {
      if (mine !== request) return;
      view.value = null;
      viewError.value = toIpcError(error);
    } finally {
      if (mine === request) loading.value = false;
    }
  }

  async function reload(): Promise<void> {
    await Promise.all([loadYears(), year.value === null ? Promise.resolve() : loadYear(year.value)]);
  }

  /** Imports a notice and shows its year; rejects with Rust's IpcError (nothing changed then). */
  async function importYear(format: CalendarFormat, content: string, forYear: number | null): Promise<number> {
    const imported = await calendarApi.importCalendar(format, content, forYear);
    await Promise.all([loadYears(), loadYear(imported)]);
    return imported;
  }

  async function setOverride(input: CalendarOverrideInput): Promise<void> {
    await calendarApi.setCalendarOverride(input);
    await reload();
  }

  async function removeOverride(date: string): Promise<void> {
    await calendarApi.removeCalendarOverride(date);
    await reload();
  }

  return {
    years,
    yearsError,
    year,
    view,
    viewError,
    loading,
    loadYears,
    loadYear,
    reload,
    importYear,
    setOverride,
    removeOverride,
  };
});
