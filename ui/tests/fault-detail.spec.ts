// 故障详情: header and countdowns with their explanations, only the steps Rust allows,
// the step dialog (time now by default, reason where needed, Rust's errors), the
// handling record, the report section, attachments, and the printable report.
import { describe, expect, it, vi } from "vitest";
import type { FaultAction } from "../src/bindings/FaultAction";
import type { FaultDetail } from "../src/bindings/FaultDetail";
import type { FaultDetailsInput } from "../src/bindings/FaultDetailsInput";
import { SETTINGS } from "./fixtures";
import { countdown, faultDetail, faultHandlers, NOW } from "./fault-fixtures";
import { atChinaTime, byTestId, clickTestId, inputOf, mockIpc, mountApp, settle, typeInto, type Handler } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const ALL = ["respond", "start", "pause", "resume", "restore", "close", "reopen", "changeLevel"];
const shownActions = () => ALL.filter((t) => byTestId(`action-${t}`) !== null);
const actionCalls = (calls: { cmd: string; args: Record<string, unknown> }[]) => calls.filter((c) => c.cmd === "apply_fault_action");

async function typeTime(id: string, value: string) {
  const input = inputOf(id);
  input.focus();
  input.dispatchEvent(new FocusEvent("focus"));
  await settle();
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
  input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true }));
  await settle();
}

describe("故障详情", () => {
  atChinaTime(NOW);

  async function open(detail: FaultDetail = faultDetail(), extra: Record<string, Handler> = {}, path = "/faults/1") {
    const calls = mockIpc(faultHandlers({ get_fault: () => detail, ...extra }));
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  it("shows code, state, both countdowns with deadlines, the facts and the event log", async () => {
    await open();
    expect(byTestId("fault-code")?.textContent).toBe("GZ-20261123-01");
    expect(byTestId("fault-state")?.textContent?.trim()).toBe("新建");
    expect(byTestId("countdown-respond")?.querySelector("[data-role=countdown-text]")?.textContent).toBe("剩余 5分");
    expect(byTestId("countdown-respond")?.textContent).toContain("截止 2026年11月23日 星期一 14:10");
    expect(byTestId("countdown-restore")?.textContent).toContain("截止 2026年11月23日 星期一 18:00");
    const page = byTestId("fault-detail-page")!.textContent!;
    for (const part of ["公文系统无法登录", "张三（办公室）", "13800001111", "电话", "公文流转", "三级分类（第 1 版）", "上午起登录页提示“服务不可用”。"]) {
      expect(page).toContain(part);
    }
    const events = byTestId("event-list")!.textContent!;
    expect(events).toContain("2026年11月23日 星期一 14:00");
    expect(events).toContain("报告");
    expect(events).toContain("紧急");
    expect(events).toContain("王工");
  });

  it("explains each deadline, with the pauses counted", async () => {
    await open();
    await clickTestId("explain-respond");
    expect(byTestId("explanation-text")?.textContent).toBe("响应时限 10分钟（7×24），连续计时。2026年11月23日 星期一 14:00 报告，截止 14:10。");
    byTestId("explanation-dialog")!.querySelector<HTMLElement>(".el-dialog__headerbtn")!.click();
    await settle();
    await clickTestId("explain-restore");
    expect(byTestId("explanation-text")?.textContent).toContain("恢复时限 4小时（7×24）");
    const dialog = byTestId("explanation-dialog")!.textContent!;
    expect(dialog).toContain("等待用户确认");
    expect(dialog).toContain("1分钟");
  });

  it("lists a pause the contract does not count out, with its reason, and says the clock ran on", async () => {
    const base = faultDetail();
    const pause = { from: "2026-11-23T14:02:00+08:00", to: "2026-11-23T14:03:00+08:00", reason: "等待用户提供报错截图", excludedMinutes: 0, applied: false };
    const warning = "合同未约定挂起可停止计时：挂起已记录，挂起期间照常计时。";
    await open({
      ...base,
      deadlines: {
        ...base.deadlines,
        restore: { ...base.deadlines.restore, pauses: [] },
        recordedPauses: [pause],
        pausesStopClock: false,
        warnings: [warning],
      },
    });
    const line = byTestId("recorded-pause-0")!.textContent!;
    expect(line).toContain("2026年11月23日 星期一 14:02 – 14:03");
    expect(line).toContain("等待用户提供报错截图");
    expect(line).toContain("（合同未约定挂起停止计时，照常计时）");
    expect(byTestId("recorded-pauses")!.dataset.stopsClock).toBe("false");

    await clickTestId("explain-restore");
    const dialog = byTestId("explanation-dialog")!.textContent!;
    expect(dialog).toContain("挂起记录");
    expect(dialog).toContain("等待用户提供报错截图");
    expect(dialog).toContain(warning);
  });

  it("counts a pause out where the contract allows it, without listing it twice", async () => {
    await open();
    expect(byTestId("recorded-pause-0")!.textContent).toContain("（顺延 1 分钟）");
    await clickTestId("explain-restore");
    expect(byTestId("explanation-dialog")!.querySelector("[data-testid=recorded-pauses]")).toBeNull();
  });

  it("offers only the steps Rust allows now, and no 标记故障报告已完成 before the restore", async () => {
    await open();
    expect(shownActions()).toEqual(["respond", "pause", "changeLevel"]);
    expect(byTestId("report-mark-written")).toBeNull();
    expect(byTestId("report-due-banner")).toBeNull();
    expect(byTestId("report-print")).not.toBeNull();
  });

  it("asks for the pause reason before sending, then records the pause at the typed time", async () => {
    const paused = faultDetail(
      { allowedActions: ["resume", "changeLevel"] },
      { state: "paused", respond: countdown({ state: "paused", text: "挂起中，剩余 5分", ticking: false }) },
    );
    const { calls } = await open(faultDetail(), { apply_fault_action: () => paused });
    await clickTestId("action-pause");
    expect(inputOf("action-at").value).toBe("2026-11-23 14:05");
    expect(byTestId("action-reason")).not.toBeNull();
    await clickTestId("action-confirm");
    expect(byTestId("error-reason")?.textContent).toContain("请填写挂起原因");
    expect(actionCalls(calls)).toHaveLength(0);

    await typeTime("action-at", "2026-11-23 14:04");
    await typeInto("action-reason", "等待厂商处理");
    expect(byTestId("error-reason")).toBeNull();
    await clickTestId("action-confirm");
    expect(actionCalls(calls).map((c) => c.args)).toEqual([
      { id: 1, action: { type: "pause", at: "2026-11-23T14:04:00+08:00", reason: "等待厂商处理" } satisfies FaultAction },
    ]);
    expect(byTestId("fault-state")?.textContent?.trim()).toBe("挂起");
    expect(shownActions()).toEqual(["resume", "changeLevel"]);
    expect(byTestId("countdown-respond")?.dataset.tone).toBe("idle");
    expect(byTestId("countdown-respond")?.textContent).toContain("挂起中，剩余 5分");
  });

  it("shows Rust's refusal: a time under the time field, a step not allowed in the dialog", async () => {
    let refusal: unknown = {
      kind: "validation",
      message: "响应 有 1 处需要修改",
      fields: [{ field: "at", message: "响应时间（2026年11月23日 星期一 13:00）早于报告时间（2026年11月23日 星期一 14:00），请检查后重新填写。" }],
    };
    const { calls } = await open(faultDetail(), {
      apply_fault_action: () => {
        throw refusal;
      },
    });
    await clickTestId("action-respond");
    expect(byTestId("action-reason")).toBeNull();
    await typeTime("action-at", "2026-11-23 13:00");
    await clickTestId("action-confirm");
    expect(actionCalls(calls).at(-1)!.args.action).toEqual({ type: "respond", at: "2026-11-23T13:00:00+08:00" });
    expect(byTestId("error-at")?.textContent).toContain("早于报告时间");
    expect(byTestId("action-dialog")).not.toBeNull();

    refusal = { kind: "validation", message: "有 1 处需要修改", fields: [{ field: "action", message: "故障 GZ-20261123-01 当前为“挂起”，不能响应。" }] };
    await clickTestId("action-confirm");
    expect(byTestId("action-error")?.textContent).toContain("当前为“挂起”，不能响应");
  });

  it("changes the level with the new level and a reason", async () => {
    const { calls } = await open(faultDetail(), { apply_fault_action: () => faultDetail({}, { level: "normal", levelName: "一般" }) });
    await clickTestId("action-changeLevel");
    byTestId("action-level")!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    // The current level is not offered.
    expect(byTestId("action-level-option-urgent")).toBeNull();
    await clickTestId("action-level-option-normal");
    await typeInto("action-reason", "影响范围小于最初判断");
    await clickTestId("action-confirm");
    expect(actionCalls(calls).at(-1)!.args.action).toEqual({
      type: "changeLevel",
      at: "2026-11-23T14:05:00+08:00",
      level: "normal",
      reason: "影响范围小于最初判断",
    });
    expect(byTestId("fault-level-tag")?.textContent?.trim()).toBe("一般");
  });

  it("saves the handling record and shows Rust's field errors", async () => {
    let fail = true;
    const { calls } = await open(faultDetail(), {
      update_fault_details: (args) => {
        if (fail) throw { kind: "validation", message: "有 1 处需要修改", fields: [{ field: "confirmedAt", message: "确认时间早于报告时间，请检查后重新填写。" }] };
        const input = args.input as FaultDetailsInput;
        return faultDetail({ process: input.process, cause: input.cause });
      },
    });
    await typeInto("detail-process", "14:10 重启应用服务");
    await typeInto("detail-cause", "内存耗尽");
    expect(byTestId("details-dirty")).not.toBeNull();
    await clickTestId("details-save");
    expect(byTestId("error-confirmedAt")?.textContent).toBe("确认时间早于报告时间，请检查后重新填写。");
    fail = false;
    await clickTestId("details-save");
    const sent = calls.filter((c) => c.cmd === "update_fault_details").at(-1)!.args;
    expect(sent.id).toBe(1);
    expect(sent.input).toMatchObject({ process: "14:10 重启应用服务", cause: "内存耗尽", handledBy: "王工", reporter: "张三", confirmedAt: "", satisfaction: null });
    expect(byTestId("details-saved")).not.toBeNull();
    expect(byTestId("error-confirmedAt")).toBeNull();
  });

  it("reminds of the report while due, names what is missing, and exports the sheet", async () => {
    const restored = faultDetail(
      { allowedActions: ["close", "reopen", "changeLevel"], restoredAt: "2026-11-23T13:00:00+08:00" },
      { state: "restored", reportDue: "2026-11-24T13:00:00+08:00" },
    );
    const { calls } = await open(restored, {
      mark_fault_report_written: () => {
        throw { kind: "validation", message: "故障报告还缺少：故障原因、处理过程。请先填写并保存后再标记为已完成。", fields: [] };
      },
      export_fault_report: () => "/home/test/.local/share/dutydesk-test/exports/故障报告-GZ-20261123-01.xlsx",
      open_export: () => null,
    });
    expect(byTestId("report-due-banner")?.textContent).toContain("2026年11月24日 星期二 13:00");
    expect(byTestId("report-due-banner")?.textContent).toContain("剩余 22小时54分");
    await clickTestId("report-mark-written");
    expect(byTestId("report-error")?.textContent).toContain("故障报告还缺少：故障原因、处理过程");

    await clickTestId("report-export");
    expect(byTestId("report-export-path")?.textContent).toBe("/home/test/.local/share/dutydesk-test/exports/故障报告-GZ-20261123-01.xlsx");
    await clickTestId("report-open-file");
    await clickTestId("report-open-folder");
    expect(calls.filter((c) => c.cmd === "open_export").map((c) => c.args.path)).toEqual([
      "/home/test/.local/share/dutydesk-test/exports/故障报告-GZ-20261123-01.xlsx",
      "/home/test/.local/share/dutydesk-test/exports",
    ]);
  });

  it("adds attachments through Rust's file picker and opens them", async () => {
    const file = { id: 4, ownerKind: "fault", ownerId: 1, fileName: "报错截图.png", path: "/data/attachments/4-报错截图.png", sizeBytes: 12_800, addedAt: "2026-11-23T06:05:00Z" };
    let stored: (typeof file)[] = [];
    const { calls } = await open(faultDetail(), {
      list_attachments: () => stored,
      pick_attachments: () => {
        stored = [file];
        return [file];
      },
      open_attachment: () => null,
    });
    expect(byTestId("attachment-list")?.textContent).toContain("暂无附件");
    await clickTestId("attachment-add");
    expect(calls.find((c) => c.cmd === "pick_attachments")?.args).toEqual({ ownerKind: "fault", ownerId: 1 });
    expect(byTestId("attachment-4")?.textContent).toContain("报错截图.png");
    expect(byTestId("attachment-4")?.textContent).toContain("12.5 KB");
    await clickTestId("attachment-open-4");
    // By id: the webview never names the attachment's path.
    expect(calls.filter((c) => c.cmd === "open_attachment").at(-1)?.args).toEqual({ id: 4 });
  });

  it("lists the links and the notices raised for the fault", async () => {
    await open(faultDetail(), {
      list_links: () => [{ kind: "serviceRecord", id: 12, isSource: true, createdAt: "2026-11-23T06:00:00Z" }],
      fault_notices: () => [
        { id: 3, subjectKind: "fault", subjectId: 1, target: "respond", deadline: "2026-11-23T14:10:00+08:00", threshold: "half", title: "故障 GZ-20261123-01 响应时限已过半", body: "", raisedAt: "2026-11-23T14:05:00+08:00", deliveredVia: "desktop", acknowledgedAt: null },
      ],
    });
    expect(byTestId("link-list")?.textContent).toContain("由服务记录 #12转来");
    expect(byTestId("fault-notice-3")?.textContent).toContain("响应时限已过半");
    expect(byTestId("fault-notice-3")?.textContent).toContain("未知悉");
  });

  it("says so when the fault does not exist", async () => {
    mockIpc(faultHandlers({ get_fault: () => { throw { kind: "notFound", message: "故障 99 不存在，可能已被其他窗口修改，请刷新。", fields: [] }; } }));
    await mountApp("/faults/99");
    expect(byTestId("fault-load-error")?.textContent).toContain("找不到这条故障");
    expect(byTestId("fault-load-error")?.textContent).toContain("故障 99 不存在");
  });
});

describe("故障报告 (printable)", () => {
  atChinaTime(NOW);

  it("is one sheet with the project, the fault, the SLA result, the handling and the signature lines; 打印 asks Rust", async () => {
    const done = faultDetail(
      {
        cause: "应用服务器内存耗尽",
        process: "14:10 重启应用服务",
        resolution: "14:20 恢复，用户确认可登录",
        prevention: "增加内存监控告警",
        respondedAt: "2026-11-23T14:03:00+08:00",
        restoredAt: "2026-11-23T14:20:00+08:00",
        confirmedBy: "李主任",
        satisfaction: "satisfied",
        allowedActions: ["close", "reopen", "changeLevel"],
      },
      {
        state: "restored",
        respond: countdown({ state: "met", text: "已按时完成", ticking: false }),
        restore: countdown({ state: "metLate", text: "超时 12分完成", ticking: false }),
      },
    );
    const calls = mockIpc(faultHandlers({ get_fault: () => done, print_window: () => null }));
    const { router } = await mountApp("/faults/1");
    await clickTestId("report-print");
    expect(router.currentRoute.value.path).toBe("/faults/1/report");
    const sheet = byTestId("report-sheet")!.textContent!;
    for (const part of [
      "故障报告",
      SETTINGS.projectName,
      SETTINGS.clientName,
      SETTINGS.vendorName,
      "GZ-20261123-01",
      "公文系统无法登录",
      "应用服务器内存耗尽",
      "14:10 重启应用服务",
      "14:20 恢复，用户确认可登录",
      "增加内存监控告警",
      "甲方确认人",
      "乙方工程师",
      "李主任",
      "☑ 满意",
      "响应时限说明：响应时限 10分钟（7×24）",
    ]) {
      expect(sheet, part).toContain(part);
    }
    expect(byTestId("report-sla-result-响应")?.textContent).toBe("按时");
    expect(byTestId("report-sla-result-恢复")?.textContent).toBe("超时 12分");
    // The navigation and the buttons are not printed.
    expect(document.querySelector(".app-shell__aside")?.classList.contains("no-print")).toBe(true);
    expect(byTestId("report-print-button")?.closest(".no-print")).not.toBeNull();
    await clickTestId("report-print-button");
    expect(calls.filter((c) => c.cmd === "print_window")).toHaveLength(1);
  });
});

describe("故障 → 常见问题", () => {
  atChinaTime(NOW);

  async function open(detail: FaultDetail = faultDetail(), extra: Record<string, Handler> = {}, path = "/faults/1") {
    const calls = mockIpc(faultHandlers({ get_fault: () => detail, ...extra }));
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  it("turns a closed fault into an FAQ entry from Rust's draft, then opens it in 知识库", async () => {
    const draft = { question: "无法登录：提示服务不可用", solution: "原因：内存不足", remark: "由故障 GZ-20261123-01 整理", sourceLink: "" };
    const saved = { id: 7, seq: 3, ...draft, links: [], createdAt: NOW, updatedAt: NOW };
    const { calls, router } = await open(faultDetail({}, { state: "closed" }), {
      fault_faq_draft: () => draft,
      create_faq_from_fault: () => saved,
      list_faq: () => [saved],
    });
    await clickTestId("fault-to-faq");
    expect(calls.filter((c) => c.cmd === "fault_faq_draft")).toEqual([{ cmd: "fault_faq_draft", args: { id: 1 } }]);
    expect(byTestId("faq-form")).not.toBeNull();
    const save = [...document.querySelectorAll<HTMLButtonElement>('[data-testid="faq-form"] button')].find((b) =>
      b.textContent?.includes("保存到知识库"),
    );
    save!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "create_faq_from_fault").map((c) => c.args)).toEqual([{ id: 1, input: draft }]);
    expect(router.currentRoute.value.path).toBe("/knowledge");
    expect(router.currentRoute.value.query.id).toBe("7");
  });

  it("shows who was on duty when the fault was reported, asking Rust with the report time", async () => {
    const { calls } = await open(faultDetail(), { on_duty_at: () => ["王工", "李工"] });
    await settle();
    expect(byTestId("fault-on-duty")?.textContent).toBe("王工、李工");
    expect(calls.filter((c) => c.cmd === "on_duty_at").map((c) => c.args)).toEqual([{ at: faultDetail().row.reportedAt }]);
  });

  it("does not offer 整理为常见问题 before the fault is closed", async () => {
    await open();
    expect(byTestId("fault-to-faq")).toBeNull();
  });
});
