// 考勤值班: today's card and the month on screen. Every change (a punch, a correction, leave,
// duty) goes through Rust and is followed by a re-read, so what is shown is always what Rust
// derived. The tray's 打卡 arrives as the `attendance-changed` event.
import { defineStore } from "pinia";
import { ref } from "vue";
import { toIpcError } from "../api";
import { attendanceApi } from "../api/attendance";
import type { AttendanceMonth } from "../bindings/AttendanceMonth";
import type { IpcError } from "../bindings/IpcError";
import type { PunchKind } from "../bindings/PunchKind";
import type { PunchResult } from "../bindings/PunchResult";
import type { TodayAttendance } from "../bindings/TodayAttendance";

export const useAttendanceStore = defineStore("attendance", () => {
  const today = ref<TodayAttendance | null>(null);
  const todayError = ref<IpcError | null>(null);
  /** `YYYY-MM` asked for last. */
  const month = ref<string | null>(null);
  const matrix = ref<AttendanceMonth | null>(null);
  const matrixError = ref<IpcError | null>(null);
  const matrixLoading = ref(false);
  let request = 0;

  async function loadToday(): Promise<void> {
    try {
      today.value = await attendanceApi.attendanceToday();
      todayError.value = null;
    } catch (error) {
      todayError.value = toIpcError(error);
    }
  }

  /** Shows `target`; a slower answer for an earlier month never overwrites a newer one. */
  async function loadMonth(target: string): Promise<void> {
    const mine = ++request;
    month.value = target;
    matrixLoading.value = true;
    try {
      const next = await attendanceApi.attendanceMonth(target);
      if (mine !== request) return;
      matrix.value = next;
      matrixError.value = null;
    } catch (error) {
      if (mine !== request) return;
      matrix.value = null;
      matrixError.value = toIpcError(error);
    } finally {
      if (mine === request) matrixLoading.value = false;
    }
  }

  /** Re-reads what is on screen after a change. */
  async function refresh(): Promise<void> {
    await Promise.all([loadToday(), month.value ? loadMonth(month.value) : Promise.resolve()]);
  }

  /** 打卡 by the system clock; rejects with Rust's IpcError (nothing written then). */
  async function clock(engineerId: number | null, kind: PunchKind | null): Promise<PunchResult> {
    const result = await attendanceApi.clock(engineerId, kind);
    await refresh();
    return result;
  }

  return { today, todayError, month, matrix, matrixError, matrixLoading, loadToday, loadMonth, refresh, clock };
});
