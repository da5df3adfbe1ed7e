// 考勤值班 in the UI over a mocked IPC: the month matrix renders Rust's symbols, totals and
// deductions; the 今日 clock-in button punches and re-reads; Rust's refusals (a correction
// without a reason, a duty over leave) appear next to what was refused.
import { describe, expect, it, vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import { attendanceApi } from "../src/api/attendance";
import { atChinaTime, byTestId, mockIpc, mountApp, settle, typeInto, type Handler } from "./helpers";
import { PROFILES, SETTINGS, status } from "./fixtures";
import { duty, engineerToday, november, punch, today } from "./attendance-fixtures";
import type { LeaveView } from "../src/bindings/LeaveView";
import type { PunchCorrectionInput } from "../src/bindings/PunchCorrectionInput";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

describe("考勤值班", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  async function open(path: string, extra: Record<string, Handler> = {}) {
    const calls = mockIpc({
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
      attendance_today: () => today([engineerToday(1, "王工"), engineerToday(2, "赵工")]),
      attendance_month: () => november(),
      list_leaves: () => [],
      punches_of_day: () => [],
      ...extra,
    });
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  const cell = (engineer: number, date: string) => byTestId(`matrix-cell-${engineer}-${date}`);

  it("the month matrix shows Rust's symbol for each engineer and day, the totals and the deductions", async () => {
    const { calls } = await open("/attendance");
    expect(calls.find((c) => c.cmd === "attendance_month")?.args).toEqual({ month: "2026-11" });
    expect(byTestId("matrix-month-label")?.textContent).toBe("2026年11月");
    const matrix = byTestId("attendance-matrix")!;
    expect(matrix.querySelectorAll("tbody tr")).toHaveLength(2);
    expect(matrix.querySelectorAll('[data-testid^="matrix-head-"]')).toHaveLength(30);

    expect(cell(1, "2026-11-02")!.textContent!.trim()).toBe("√");
    expect(cell(1, "2026-11-03")!.textContent!.trim()).toBe("迟");
    expect(cell(1, "2026-11-03")!.dataset.status).toBe("late");
    expect(cell(1, "2026-11-04")!.textContent!.trim()).toBe("缺");
    expect(cell(2, "2026-11-05")!.textContent!.trim()).toBe("假");
    // A Sunday and a day to come are empty, not invented.
    expect(cell(1, "2026-11-01")!.textContent!.trim()).toBe("");
    expect(cell(1, "2026-11-01")!.classList.contains("is-off")).toBe(true);
    expect(cell(1, "2026-11-27")!.textContent!.trim()).toBe("");
    expect(cell(1, "2026-11-23")!.classList.contains("is-today")).toBe(true);
    expect(cell(1, "2026-11-03")!.getAttribute("title")).toContain("2026-11-03 的原因");

    // 15 working days before the 23rd, one late and one absent.
    expect(byTestId("matrix-total-1-normal")?.textContent?.trim()).toBe("13");
    expect(byTestId("matrix-total-1-late")?.textContent?.trim()).toBe("1");
    expect(byTestId("matrix-total-1-absent")?.textContent?.trim()).toBe("1");
    expect(byTestId("matrix-deduct-1")?.textContent?.trim()).toBe("−2");
    expect(byTestId("matrix-total-2-leaveDays")?.textContent?.trim()).toBe("1");
    expect(byTestId("matrix-deduct-2")?.textContent?.trim()).toBe("0");
    const line = byTestId("matrix-assessment-attendance")!.textContent!;
    expect(line).toContain("人员考核：考勤");
    expect(line.replace(/\s+/g, "")).toContain("扣2分，得8分");

    // Clicking a cell explains it and offers 补卡.
    cell(1, "2026-11-03")!.click();
    await settle();
    expect(byTestId("day-detail-explanation")?.textContent).toBe("2026-11-03 的原因");

    byTestId("matrix-prev-month")!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "attendance_month").at(-1)?.args).toEqual({ month: "2026-10" });
    expect(calls.filter((c) => c.cmd === "list_leaves").at(-1)?.args).toEqual({ month: "2026-10", includeDeleted: false });
  });

  it("今日's 上班打卡 punches for that engineer, re-reads, and shows a refusal next to the engineer", async () => {
    let punched = false;
    const { calls } = await open("/today", {
      attendance_today: () =>
        today([engineerToday(1, "王工", punched ? [punch(10, "in", "08:55")] : []), engineerToday(2, "赵工")]),
      clock: (args) => {
        if (args.engineerId === 2) {
          throw {
            kind: "validation",
            message: "赵工 今天还没有上班打卡，不能先下班打卡。",
            fields: [{ field: "kind", message: "赵工 今天还没有上班打卡，不能先下班打卡。" }],
          };
        }
        punched = true;
        return { punch: punch(10, "in", "08:55"), message: "王工 上班打卡 08:55" };
      },
    });
    const button = byTestId("today-clock-0")!;
    expect(button.textContent?.trim()).toBe("上班打卡");
    expect(button.dataset.kind).toBe("in");
    expect(byTestId("today-punches-0")?.textContent).toContain("尚未打卡");
    button.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "clock")).toEqual([{ cmd: "clock", args: { engineerId: 1, kind: "in" } }]);
    expect(calls.filter((c) => c.cmd === "attendance_today").length).toBeGreaterThanOrEqual(2);
    expect(byTestId("today-punches-0")?.textContent).toContain("上班 08:55");
    expect(byTestId("today-clock-0")?.textContent?.trim()).toBe("下班打卡");

    byTestId("today-clock-1")!.click();
    await settle();
    expect(byTestId("today-clock-error-1")?.textContent).toContain("不能先下班打卡");
    expect(byTestId("today-clock-error-0")).toBeNull();
  });

  it("a correction without a reason shows Rust's message under the reason and stays open", async () => {
    const sent: PunchCorrectionInput[] = [];
    await open("/attendance", {
      correct_punch: (args) => {
        const input = args.input as PunchCorrectionInput;
        sent.push(input);
        if (!input.reason.trim()) {
          throw {
            kind: "validation",
            message: "请写明补卡或更正的原因（如：忘记打卡、外出办事、电脑未开机），原因会一直留在考勤记录中。",
            fields: [{ field: "reason", message: "请写明补卡或更正的原因（如：忘记打卡、外出办事、电脑未开机），原因会一直留在考勤记录中。" }],
          };
        }
        return { punch: punch(11, "in", "08:58", { source: "correction", sourceLabel: "补卡", reason: input.reason }), message: "已为 王工 补卡（上班打卡）：11月23日 08:58" };
      },
    });
    byTestId("punch-correct-0")!.click();
    await settle();
    expect(byTestId("correction-dialog")).not.toBeNull();
    await typeInto("correction-time", "08:58");
    byTestId("correction-save")!.click();
    await settle();
    expect(sent[0]).toEqual({ engineerId: 1, date: "2026-11-23", kind: "in", time: "08:58", reason: "", replacesId: null });
    expect(byTestId("error-reason")?.textContent).toContain("请写明补卡或更正的原因");
    expect(byTestId("error-time")).toBeNull();
    expect(document.querySelector('[data-testid="correction-reason"] textarea')).not.toBeNull();

    const reason = document.querySelector<HTMLTextAreaElement>('[data-testid="correction-reason"] textarea')!;
    reason.value = "忘记打卡，有门禁记录";
    reason.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    byTestId("correction-save")!.click();
    await settle();
    expect(sent[1]?.reason).toBe("忘记打卡，有门禁记录");
    expect(byTestId("error-reason")).toBeNull();
  });

  it("值班安排 creates a duty from a holiday and shows Rust's conflict when the engineer is on leave", async () => {
    let created = false;
    const { calls } = await open("/attendance?tab=duty", {
      list_duty_periods: () => (created ? [duty(7)] : []),
      holiday_duty_suggestions: () => [
        {
          name: "元旦",
          startDate: "2027-01-01",
          endDate: "2027-01-01",
          days: 1,
          startsAt: "2027-01-01T00:00:00+08:00",
          endsAt: "2027-01-02T00:00:00+08:00",
          title: "元旦值班",
          plannedDutyId: created ? 7 : null,
        },
      ],
      create_duty_period: (args) => {
        created = true;
        return duty(7, { title: (args.input as { title: string }).title });
      },
      assign_duty: () => {
        throw {
          kind: "validation",
          message: "赵工 在 1月1日 年假 请假（已批准），不能同时安排值班；请改派他人，或先调整请假。",
          fields: [{ field: "engineerId", message: "赵工 在 1月1日 年假 请假（已批准），不能同时安排值班；请改派他人，或先调整请假。" }],
        };
      },
    });
    expect(byTestId("duty-empty")).not.toBeNull();
    byTestId("duty-suggestion-create-2027-01-01")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "create_duty_period")?.args).toEqual({
      input: { kind: "holiday", title: "元旦值班", startsAt: "2027-01-01T00:00:00+08:00", endsAt: "2027-01-02T00:00:00+08:00", clientRequest: "" },
    });
    const row = byTestId("duty-row-7")!;
    expect(row.dataset.startDate).toBe("2027-01-01");
    expect(byTestId("duty-unassigned-7")).not.toBeNull();
    expect(byTestId("duty-suggestion-create-2027-01-01")).toBeNull();

    byTestId("duty-assign-7")!.click();
    await settle();
    expect(byTestId("duty-error-7")?.textContent).toBe("请先选择要安排的工程师。");
    byTestId("duty-assign-select-7")!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    const option = [...document.querySelectorAll<HTMLElement>(".el-select-dropdown__item")].find((o) => o.textContent?.includes("赵工"))!;
    option.click();
    await settle();
    byTestId("duty-assign-7")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "assign_duty")?.args).toEqual({ dutyId: 7, engineerId: 2 });
    expect(byTestId("duty-error-7")?.textContent).toContain("不能同时安排值班");
  });
});

describe("考勤值班: deleting marks and hides (痕迹化管理)", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  const LEAVE: LeaveView = {
    id: 5,
    engineerId: 1,
    engineerName: "王工",
    kind: "sick",
    kindLabel: "病假",
    startDate: "2026-11-17",
    endDate: "2026-11-17",
    half: "full",
    approved: true,
    reason: "发烧",
    workingDays: 1,
    text: "11月17日 病假",
    createdAt: "2026-11-16T10:00:00+08:00",
    deletedAt: null,
  };

  async function open(path: string, extra: Record<string, Handler> = {}) {
    const calls = mockIpc({
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
      attendance_today: () => today([engineerToday(1, "王工"), engineerToday(2, "赵工")]),
      attendance_month: () => november(),
      list_leaves: () => [],
      punches_of_day: () => [],
      ...extra,
    });
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  /** Clicks a button behind an el-popconfirm; the popper opens on a (real) timer. Its text. */
  async function askFirst(testId: string): Promise<string> {
    byTestId(testId)!.click();
    await settle();
    await new Promise((r) => setTimeout(r, 50));
    await settle();
    const popper = document.querySelector(".el-popconfirm");
    if (!popper) throw new Error(`no confirmation after clicking ${testId}`);
    return popper.textContent ?? "";
  }

  /** The popconfirm's own button (teleported to the body), found by its text. */
  async function confirmPopover(text: string) {
    await settle();
    const button = [...document.querySelectorAll<HTMLElement>(".el-popconfirm button")].find((b) => b.textContent?.trim() === text);
    if (!button) throw new Error(`no popconfirm button “${text}”`);
    button.click();
    await settle();
  }

  it("取消请假 asks first, keeps the leave, and 显示已取消的请假 lists it greyed with when", async () => {
    let cancelledAt: string | null = null;
    const { calls } = await open("/attendance", {
      list_leaves: (args) => {
        const leave = { ...LEAVE, deletedAt: cancelledAt };
        return cancelledAt && !args.includeDeleted ? [] : [leave];
      },
      delete_leave: () => {
        cancelledAt = "2026-11-23T14:05:30+08:00";
        return null;
      },
    });
    expect(byTestId("leave-list")?.textContent).toContain("11月17日 病假");
    expect(byTestId("leave-cancel-5")?.textContent?.trim()).toBe("取消请假");

    const ask = await askFirst("leave-cancel-5");
    expect(ask).toContain("请假记录不会抹去");
    expect(ask).toContain("显示已取消的请假");
    expect(calls.filter((c) => c.cmd === "delete_leave")).toEqual([]);
    await confirmPopover("取消请假");
    expect(calls.filter((c) => c.cmd === "delete_leave").map((c) => c.args)).toEqual([{ id: 5 }]);
    // Gone from the list (and the month re-read) …
    expect(byTestId("leave-empty")).not.toBeNull();
    expect(calls.filter((c) => c.cmd === "attendance_month").length).toBeGreaterThanOrEqual(2);

    // … and there again on request, greyed, saying when, with nothing left to do to it.
    byTestId("leave-show-cancelled")!.querySelector<HTMLElement>("input")!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "list_leaves").at(-1)?.args).toEqual({ month: "2026-11", includeDeleted: true });
    const row = byTestId("leave-list")!.querySelector("tbody tr")!;
    expect(row.classList).toContain("is-cancelled");
    expect(byTestId("leave-cancelled-5")?.textContent?.trim()).toBe("已取消");
    expect(byTestId("leave-cancelled-at-5")?.textContent).toBe("2026年11月23日 星期一 14:05 取消");
    expect(byTestId("leave-cancel-5")).toBeNull();
    expect(row.textContent).not.toContain("批准");
  });

  it("a leave's 修改记录 opens from its row, cancelled or not", async () => {
    const { calls } = await open("/attendance", {
      list_leaves: () => [LEAVE],
      record_history: () => [
        {
          eventId: 9,
          at: "2026-11-16T02:00:00Z",
          author: "王工",
          table: "attendance_leaves",
          part: "请假",
          rowId: 5,
          action: "insert",
          changes: [{ field: "kind", label: "请假类型", old: null, new: "sick", oldShown: null, newShown: "病假" }],
          origin: null,
        },
      ],
    });
    byTestId("leave-history-5")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "record_history")?.args).toEqual({ kind: "leave", id: 5 });
    expect(byTestId("leave-history-dialog")?.textContent).toContain("病假");
  });

  it("删除值班安排 asks first; 显示已删除的值班 shows deleted duties and people taken off, greyed, with 修改记录", async () => {
    const taken = { id: 31, dutyId: 7, engineerId: 2, engineerName: "赵工", presence: null, presenceLabel: "待记录", note: "", recordedAt: null };
    const live = duty(7, {
      assignments: [{ ...taken, id: 30, engineerId: 1, engineerName: "王工", deletedAt: null }],
      cancelled: [{ ...taken, deletedAt: "2026-11-20T09:30:00+08:00" }],
      unassigned: false,
    });
    const gone = duty(8, { title: "录错的值班", deletedAt: "2026-11-21T16:00:00+08:00" });
    const { calls } = await open("/attendance?tab=duty", {
      list_duty_periods: (args) => (args.includeDeleted ? [live, gone] : [live]),
      holiday_duty_suggestions: () => [],
      delete_duty_period: () => null,
      record_history: () => [],
    });
    expect(byTestId("duty-row-8")).toBeNull();
    expect(byTestId("duty-cancelled-31")).toBeNull();

    expect(await askFirst("duty-delete-7")).toContain("保留在修改记录中");
    await confirmPopover("删除值班安排");
    expect(calls.filter((c) => c.cmd === "delete_duty_period").map((c) => c.args)).toEqual([{ id: 7 }]);

    byTestId("duty-show-deleted")!.querySelector<HTMLElement>("input")!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "list_duty_periods").at(-1)?.args).toEqual({ year: 2026, includeDeleted: true });
    const row = byTestId("duty-row-8")!;
    expect(row.classList).toContain("is-deleted");
    expect(byTestId("duty-deleted-8")?.textContent?.trim()).toBe("已删除");
    expect(row.textContent).toContain("2026年11月21日 星期六 16:00 删除");
    // Nothing to change on a deleted duty; its history still unfolds.
    expect(byTestId("duty-delete-8")).toBeNull();
    expect(byTestId("duty-assign-8")).toBeNull();
    const buttons = [...row.querySelectorAll("button")].map((b) => b.textContent?.trim());
    expect(buttons).not.toContain("修改");
    expect(buttons).toContain("修改记录");
    byTestId("duty-history-toggle-8")!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "record_history").at(-1)?.args).toEqual({ kind: "duty", id: 8 });
    expect(byTestId("duty-history-8")).not.toBeNull();
    // 赵工, taken off duty 7, is listed greyed with when.
    const cancelled = byTestId("duty-cancelled-31")!;
    expect(cancelled.classList).toContain("is-cancelled");
    expect(cancelled.textContent).toContain("赵工");
    expect(cancelled.textContent).toContain("已取消安排");
    expect(cancelled.textContent).toContain("2026年11月20日 星期五 09:30 取消");
    expect(byTestId("duty-people-7")?.textContent).toContain("王工");
  });
});

describe("考勤值班 api", () => {
  it("calls the commands by their Rust names with the camelCase arguments Tauri maps", async () => {
    vi.mocked(invoke).mockReset();
    vi.mocked(invoke).mockResolvedValue(null);
    await attendanceApi.clock(null, null);
    await attendanceApi.clock(2, "out");
    await attendanceApi.punchesOfDay(1, "2026-11-23");
    await attendanceApi.attendanceMonth("2026-11");
    await attendanceApi.listLeaves(null);
    await attendanceApi.setLeaveApproved(3, false);
    await attendanceApi.listDutyPeriods(2026);
    await attendanceApi.assignDuty(7, 2);
    await attendanceApi.unassignDuty(9);
    await attendanceApi.recordDutyPresence(9, { presence: "remote", note: "" });
    await attendanceApi.holidayDutySuggestions(2026);
    await attendanceApi.onDutyAt("2026-10-02T10:00:00+08:00");
    await attendanceApi.worklogDraft(1, "2026-11-23");
    await attendanceApi.worklogSummary("week", "2026-11-23");
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ["clock", { engineerId: null, kind: null }],
      ["clock", { engineerId: 2, kind: "out" }],
      ["punches_of_day", { engineerId: 1, date: "2026-11-23" }],
      ["attendance_month", { month: "2026-11" }],
      ["list_leaves", { month: null, includeDeleted: false }],
      ["set_leave_approved", { id: 3, approved: false }],
      ["list_duty_periods", { year: 2026, includeDeleted: false }],
      ["assign_duty", { dutyId: 7, engineerId: 2 }],
      ["unassign_duty", { assignmentId: 9 }],
      ["record_duty_presence", { assignmentId: 9, input: { presence: "remote", note: "" } }],
      ["holiday_duty_suggestions", { year: 2026 }],
      ["on_duty_at", { at: "2026-10-02T10:00:00+08:00" }],
      ["worklog_draft", { engineerId: 1, date: "2026-11-23" }],
      ["worklog_summary", { kind: "week", date: "2026-11-23" }],
    ]);
  });
});
