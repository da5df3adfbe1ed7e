// 修改记录 on every record page: each page shows the one RecordHistory component for its own
// record (kind and id as Rust's record_history expects them), renders the entries, and reads the
// history again after the page saves the record. Folded sections read nothing until opened.
import { describe, expect, it, vi } from "vitest";
import type { AnswerInput } from "../src/bindings/AnswerInput";
import type { HistoryEntry } from "../src/bindings/HistoryEntry";
import type { TrainingView } from "../src/bindings/TrainingView";
import type { WorkLogDraft } from "../src/bindings/WorkLogDraft";
import type { WorkLogEntry } from "../src/bindings/WorkLogEntry";
import { duty, engineerToday, november, today } from "./attendance-fixtures";
import { faultDetail, faultHandlers } from "./fault-fixtures";
import { PROFILES, SETTINGS, status } from "./fixtures";
import { atChinaTime, byTestId, clickTestId, mockIpc, mountApp, settle, typeInto, type Handler } from "./helpers";
import { answer, inspectionHandlers, record } from "./inspection-fixtures";
import { CHANGE_RUNNING, FAQS, NOW, SERVICE_OPEN } from "./records-fixtures";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

type Call = { cmd: string; args: Record<string, unknown> };

/** A record's history as Rust gives it: the record created, then one of its fields changed. */
function historyOf(part: string, table: string, rowId: number, field: { name: string; label: string; old: string; new: string }): HistoryEntry[] {
  return [
    {
      eventId: 1,
      at: "2026-11-23T02:00:00.000Z",
      author: "王工",
      table,
      part,
      rowId,
      action: "insert",
      changes: [{ field: field.name, label: field.label, old: null, new: field.old, oldShown: null, newShown: field.old }],
      origin: null,
    },
    {
      eventId: 2,
      at: "2026-11-23T03:30:00.000Z",
      author: "赵工",
      table,
      part,
      rowId,
      action: "update",
      changes: [{ field: field.name, label: field.label, old: field.old, new: field.new, oldShown: field.old, newShown: field.new }],
      origin: null,
    },
  ];
}

const histories = (calls: Call[]) => calls.filter((c) => c.cmd === "record_history").map((c) => c.args);

/** The section is the shared component, for this record, and shows both entries with who and what. */
function expectHistory(kind: string, id: number, part: string, texts: string[]) {
  const section = byTestId("record-history");
  expect(section, "a 修改记录 section").not.toBeNull();
  expect(section!.dataset.kind).toBe(kind);
  expect(section!.dataset.id).toBe(String(id));
  const first = byTestId("record-history-entry-0")!.textContent!;
  expect(first).toContain("2026年11月23日 星期一 10:00");
  expect(first).toContain("王工");
  expect(first).toContain(`新增${part}`);
  const second = byTestId("record-history-entry-1")!.textContent!;
  expect(second).toContain("赵工");
  expect(second).toContain(`修改${part}`);
  for (const text of texts) expect(section!.textContent).toContain(text);
}

describe("修改记录 on each record page", () => {
  atChinaTime(NOW);

  it("故障: the section is titled 修改记录 and is read again after the details are saved", async () => {
    const detail = faultDetail();
    const calls = mockIpc(
      faultHandlers({
        get_fault: () => detail,
        update_fault_details: () => detail,
        record_history: () => historyOf("故障", "faults", 1, { name: "cause", label: "原因", old: "", new: "证书过期" }),
      }),
    );
    await mountApp("/faults/1");
    expect(byTestId("fault-detail-page")!.textContent).toContain("修改记录");
    expectHistory("fault", 1, "故障", ["原因", "证书过期"]);
    expect(histories(calls)).toEqual([{ kind: "fault", id: 1 }]);

    await typeInto("detail-cause", "证书过期");
    await clickTestId("details-save");
    expect(calls.some((c) => c.cmd === "update_fault_details")).toBe(true);
    expect(histories(calls)).toHaveLength(2);
  });

  it("需求变更: shown on the change's page and read again after 响应", async () => {
    const calls = mockIpc({
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
      list_links: () => [],
      get_change: () => CHANGE_RUNNING,
      respond_change: () => ({ ...CHANGE_RUNNING, state: "responded", respondedAt: "2026-11-23T14:05:00+08:00", response: "同意" }),
      record_history: () => historyOf("需求变更", "requirement_changes", 1, { name: "title", label: "标题", old: "公文传输增加抄送", new: "公文传输增加“抄送”栏" }),
    });
    await mountApp("/tickets/changes/1");
    expectHistory("change", 1, "需求变更", ["标题", "公文传输增加“抄送”栏"]);
    expect(histories(calls)).toEqual([{ kind: "change", id: 1 }]);

    await clickTestId("change-respond");
    await typeInto("change-respond-text", "同意");
    await clickTestId("change-respond-submit");
    expect(calls.some((c) => c.cmd === "respond_change")).toBe(true);
    expect(histories(calls)).toEqual([
      { kind: "change", id: 1 },
      { kind: "change", id: 1 },
    ]);
  });

  it("服务记录: shown on the record's page", async () => {
    const calls = mockIpc({
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
      list_links: () => [],
      get_service_record: () => SERVICE_OPEN,
      record_history: () => historyOf("服务记录", "service_records", 11, { name: "handling", label: "处理过程和结果", old: "", new: "重启转换服务" }),
    });
    await mountApp("/tickets/services/11");
    expectHistory("serviceRecord", 11, "服务记录", ["处理过程和结果", "重启转换服务"]);
    expect(histories(calls)).toEqual([{ kind: "serviceRecord", id: 11 }]);
  });

  it("培训记录: folded in the record's dialog, read when unfolded", async () => {
    const training: TrainingView = {
      id: 4,
      heldAt: "2026-11-20T14:00:00+08:00",
      topic: "公文传输模块操作培训",
      modules: ["公文传输"],
      trainer: "王工",
      location: "三楼会议室",
      attendeesCount: 12,
      attendees: "",
      notes: "",
      attachments: [],
      createdAt: "2026-11-20T16:00:00+08:00",
      updatedAt: "2026-11-20T16:00:00+08:00",
    };
    const calls = mockIpc({
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
      list_changes: () => [],
      list_service_records: () => [],
      tracked_problem_suggestions: () => [],
      list_trainings: () => [training],
      record_history: () => historyOf("培训记录", "trainings", 4, { name: "topic", label: "培训主题", old: "公文传输培训", new: "公文传输模块操作培训" }),
    });
    await mountApp("/tickets?tab=trainings");
    await clickTestId("training-row-4");
    expect(byTestId("training-history")).not.toBeNull();
    expect(histories(calls)).toEqual([]);

    byTestId("training-history")!.querySelector<HTMLElement>(".el-collapse-item__header")!.click();
    await settle();
    expectHistory("training", 4, "培训记录", ["培训主题", "公文传输模块操作培训"]);
    expect(histories(calls)).toEqual([{ kind: "training", id: 4 }]);
  });

  it("知识库: each entry's 修改记录 opens from its row", async () => {
    const calls = mockIpc({
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
      list_faq: () => FAQS,
      record_history: () => historyOf("常见问题", "faq_entries", 22, { name: "solution", label: "解决方案", old: "重发短信", new: "检查短信服务网关的发送队列。" }),
    });
    await mountApp("/knowledge");
    expect(byTestId("record-history")).toBeNull();
    await clickTestId("faq-history-2");
    expect(byTestId("faq-history-dialog")!.textContent).toContain("常见问题第 2 条的修改记录");
    expectHistory("faq", 22, "常见问题", ["解决方案", "检查短信服务网关的发送队列。"]);
    expect(histories(calls)).toEqual([{ kind: "faq", id: 22 }]);
  });

  it("巡检记录: folded at the end of the record; its answers show as parts and it is read again after each save", async () => {
    let current = record();
    const entries: HistoryEntry[] = [
      ...historyOf("巡检记录", "inspection_records", 7, { name: "recorder", label: "记录人", old: "", new: "赵工" }),
      {
        eventId: 3,
        at: "2026-11-23T06:03:00.000Z",
        author: "赵工",
        table: "inspection_answers",
        part: "巡检检查项",
        rowId: 40,
        action: "update",
        changes: [{ field: "status", label: "检查结果", old: "abnormal", new: "ok", oldShown: "异常", newShown: "正常" }],
        origin: null,
      },
    ];
    const calls = mockIpc(
      inspectionHandlers({
        get_inspection: () => current,
        save_inspection_answer: (args) => {
          const input = args.input as AnswerInput;
          current = { ...current, answers: [answer(input.itemKey, { ...input })] };
          return current;
        },
        record_history: () => entries,
      }),
    );
    await mountApp("/inspections/7");
    expect(byTestId("inspection-history")!.textContent).toContain("修改记录");
    expect(histories(calls)).toEqual([]);

    await clickTestId("inspection-history-toggle");
    expectHistory("inspection", 7, "巡检记录", ["记录人", "赵工"]);
    expect(byTestId("record-history-entry-2")!.textContent).toContain("修改巡检检查项");
    expect(byTestId("record-history-entry-2")!.textContent).toContain("检查结果");
    expect(byTestId("record-history-entry-2")!.textContent).toContain("异常→正常");

    const ok = document.querySelector<HTMLElement>('[data-testid="item-fn-doc"] [data-testid="status-ok"]')!;
    (ok.querySelector<HTMLInputElement>("input") ?? ok).click();
    await settle();
    expect(calls.some((c) => c.cmd === "save_inspection_answer")).toBe(true);
    expect(histories(calls)).toEqual([
      { kind: "inspection", id: 7 },
      { kind: "inspection", id: 7 },
    ]);

    // Folded again, nothing more is read.
    await clickTestId("inspection-history-toggle");
    expect(byTestId("record-history")).toBeNull();
  });

  describe("考勤值班", () => {
    const BASE: Record<string, Handler> = {
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
      attendance_today: () => today([engineerToday(1, "王工"), engineerToday(2, "赵工")]),
      attendance_month: () => november(),
      list_leaves: () => [],
      punches_of_day: () => [],
    };

    it("工作日志: the saved entry's 修改记录 folds out under the form and is read again after saving", async () => {
      const entry: WorkLogEntry = {
        id: 31,
        engineerId: 1,
        engineerName: "王工",
        workDate: "2026-11-23",
        content: "处理签章服务故障。",
        createdAt: "2026-11-23T10:00:00+08:00",
        updatedAt: "2026-11-23T11:30:00+08:00",
      };
      const draft: WorkLogDraft = {
        engineerId: 1,
        engineerName: "王工",
        date: "2026-11-23",
        isWorkingDay: true,
        entry,
        items: [],
        suggested: "",
      };
      const calls = mockIpc({
        ...BASE,
        worklog_draft: () => draft,
        list_worklogs: () => [entry],
        worklog_summary: () => {
          throw { kind: "internal", message: "不在本测试内", fields: [] };
        },
        save_worklog: () => entry,
        record_history: () => historyOf("工作日志", "work_logs", 31, { name: "content", label: "内容", old: "处理签章服务故障。", new: "处理签章服务故障；讲解公文传输。" }),
      });
      await mountApp("/attendance?tab=worklog");
      expect(histories(calls)).toEqual([]);
      byTestId("worklog-history")!.querySelector<HTMLElement>(".el-collapse-item__header")!.click();
      await settle();
      expectHistory("workLog", 31, "工作日志", ["内容", "处理签章服务故障；讲解公文传输。"]);

      await clickTestId("worklog-save");
      expect(calls.some((c) => c.cmd === "save_worklog")).toBe(true);
      expect(histories(calls)).toEqual([
        { kind: "workLog", id: 31 },
        { kind: "workLog", id: 31 },
      ]);
    });

    it("值班安排: a period's 修改记录 unfolds under its row, with who was assigned", async () => {
      const entries: HistoryEntry[] = [
        ...historyOf("值班安排", "duty_periods", 7, { name: "title", label: "标题", old: "元旦", new: "元旦值班" }),
        {
          eventId: 5,
          at: "2026-11-23T04:00:00.000Z",
          author: "王工",
          table: "duty_assignments",
          part: "值班人员",
          rowId: 12,
          action: "insert",
          changes: [{ field: "engineer_id", label: "工程师", old: null, new: "2", oldShown: null, newShown: "王工" }],
          origin: null,
        },
      ];
      const calls = mockIpc({
        ...BASE,
        list_duty_periods: () => [duty(7), duty(8, { title: "春节值班" })],
        holiday_duty_suggestions: () => [],
        record_history: () => entries,
      });
      await mountApp("/attendance?tab=duty");
      expect(histories(calls)).toEqual([]);
      await clickTestId("duty-history-toggle-7");
      expect(byTestId("duty-history-7")).not.toBeNull();
      expect(byTestId("duty-history-8")).toBeNull();
      expectHistory("duty", 7, "值班安排", ["标题", "元旦值班"]);
      expect(byTestId("record-history-entry-2")!.textContent).toContain("新增值班人员");
      expect(byTestId("record-history-entry-2")!.textContent).toContain("工程师王工");
      expect(histories(calls)).toEqual([{ kind: "duty", id: 7 }]);

      await clickTestId("duty-history-toggle-7");
      expect(byTestId("duty-history-7")).toBeNull();
    });
  });
});
