// 考勤值班 in the UI over a mocked IPC: the month matrix renders Rust's symbols, totals and
// deductions; the 今日 clock-in button punches and re-reads; Rust's refusals (a correction
// without a reason, a duty over leave) appear next to what was refused.
import { describe, expect, it, vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import { api } from "../src/api";
import { atChinaTime, byTestId, mockIpc, mountApp, settle, typeInto, type Handler } from "./helpers";
import { PROFILES, SETTINGS, status } from "./fixtures";
import { duty, engineerToday, november, punch, today } from "./attendance-fixtures";
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
    expect(calls.filter((c) => c.cmd === "list_leaves").at(-1)?.args).toEqual({ month: "2026-10" });
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

describe("考勤值班 api", () => {
  it("calls the commands by their Rust names with the camelCase arguments Tauri maps", async () => {
    vi.mocked(invoke).mockReset();
    vi.mocked(invoke).mockResolvedValue(null);
    await api.clock(null, null);
    await api.clock(2, "out");
    await api.punchesOfDay(1, "2026-11-23");
    await api.attendanceMonth("2026-11");
    await api.listLeaves(null);
    await api.setLeaveApproved(3, false);
    await api.listDutyPeriods(2026);
    await api.assignDuty(7, 2);
    await api.unassignDuty(9);
    await api.recordDutyPresence(9, { presence: "remote", note: "" });
    await api.holidayDutySuggestions(2026);
    await api.onDutyAt("2026-10-02T10:00:00+08:00");
    await api.worklogDraft(1, "2026-11-23");
    await api.worklogSummary("week", "2026-11-23");
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ["clock", { engineerId: null, kind: null }],
      ["clock", { engineerId: 2, kind: "out" }],
      ["punches_of_day", { engineerId: 1, date: "2026-11-23" }],
      ["attendance_month", { month: "2026-11" }],
      ["list_leaves", { month: null }],
      ["set_leave_approved", { id: 3, approved: false }],
      ["list_duty_periods", { year: 2026 }],
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
