// 巡检 → 巡检记录 by month, and the printed forms: the 软件巡检记录单 (seed 002) and the
// 系统监测日志 (seed 004).
import { describe, expect, it, vi } from "vitest";
import { answer, inspectionHandlers, MONITORING, NOW, record } from "./inspection-fixtures";
import { atChinaTime, byTestId, clickTestId, mockIpc, mountApp, settle, type Handler } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

describe("巡检记录", () => {
  atChinaTime(NOW);

  async function open(path: string, extra: Record<string, Handler> = {}) {
    const calls = mockIpc(inspectionHandlers(extra));
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  it("巡检记录 lists this month's records and opens one on click", async () => {
    const { calls, router } = await open("/inspections?tab=records", {
      list_inspections: () => [
        {
          id: 3,
          number: "261123-01",
          date: "2026-11-23",
          templateId: "monitoring",
          templateName: "系统监测日志",
          kind: "monitoring",
          state: "completed",
          inspector: "赵工",
          methodName: "自动 + 人工确认",
          startedAt: "2026-11-23T09:01:00+08:00",
          endedAt: "2026-11-23T09:12:00+08:00",
          abnormalCount: 1,
          slot: "2026-11-23@09:00",
        },
      ],
    });
    expect(calls.find((c) => c.cmd === "list_inspections")?.args).toEqual({ month: "2026-11" });
    const table = byTestId("records-table")!.textContent!;
    for (const part of ["261123-01", "2026年11月23日 09:01–09:12", "系统监测日志", "赵工", "自动 + 人工确认", "1 项", "已完成"]) expect(table).toContain(part);
    byTestId("record-row-3")!.click();
    await settle();
    expect(router.currentRoute.value.path).toBe("/inspections/3");
  });

  it("巡检记录 of an empty month says what to do first", async () => {
    await open("/inspections?tab=records", { list_inspections: () => [] });
    expect(byTestId("records-empty")?.textContent).toContain("这个月还没有巡检记录");
  });
});

describe("打印", () => {
  atChinaTime(NOW);

  const completed = record({
    number: "261123-02",
    state: "completed",
    inspector: "赵工",
    recorder: "王工",
    method: "autoConfirmed",
    methodName: "自动 + 人工确认",
    startedAt: "2026-11-23T14:02:00+08:00",
    endedAt: "2026-11-23T14:20:00+08:00",
    completedAt: "2026-11-23T14:20:00+08:00",
    summary: "本次巡检共 5 项，发现 1 项异常：\n1. 磁盘使用率（最高分区） 92%（上限 85%）\n处理意见：清理日志。",
    answers: [
      answer("svc-sign", { status: "ok", valueNum: 0.42 }),
      answer("fn-doc", { status: "ok" }),
      answer("srv-disk", { status: "abnormal", valueNum: 92, note: "/data 分区日志堆积" }),
      answer("other", { valueText: "无" }),
    ],
    missingRequired: [],
  });

  it("lays out the 软件巡检记录单 with every field of seed 002 and prints through Rust", async () => {
    const calls = mockIpc(inspectionHandlers({ get_inspection: () => completed, print_window: () => null }));
    await mountApp("/inspections/7/print");
    const sheet = byTestId("record-sheet")!;
    expect(sheet.querySelector("h1")?.textContent).toBe("软件巡检记录单");
    expect(byTestId("sheet-number")?.textContent).toBe("261123-02");
    expect(byTestId("sheet-project")?.textContent).toBe("协同办公平台运维服务项目");
    expect(byTestId("sheet-client")?.textContent).toBe("测试市人民政府办公室");
    expect(byTestId("sheet-inspector")?.textContent).toBe("赵工");
    expect(byTestId("sheet-recorder")?.textContent).toBe("王工");
    expect(byTestId("sheet-method")?.textContent).toBe("自动 + 人工确认");
    expect(byTestId("sheet-date")?.textContent).toBe("2026年11月23日");
    expect(byTestId("sheet-time")?.textContent).toBe("14:02–14:20");
    expect(byTestId("sheet-item-svc-sign")?.textContent).toContain("0.42 秒（正常）");
    expect(byTestId("sheet-item-fn-doc")?.textContent).toContain("正常");
    expect(byTestId("sheet-item-srv-disk")?.textContent).toContain("92 %（异常）");
    expect(byTestId("sheet-item-srv-disk")?.textContent).toContain("/data 分区日志堆积");
    expect(byTestId("sheet-item-screenshot")?.textContent).toContain("无");
    expect(byTestId("sheet-summary")?.textContent).toContain("处理意见：清理日志。");
    const text = sheet.textContent!;
    for (const part of ["检查内容", "巡检结果分析", "甲方（签字）", "乙方（签字）", "日期：", "编号规则为YYMMDD-NN"]) expect(text).toContain(part);
    expect(byTestId("print-button")!.closest(".no-print")).not.toBeNull();
    await clickTestId("print-button");
    expect(calls.some((c) => c.cmd === "print_window")).toBe(true);
  });

  it("lays out a monitoring record as the 系统监测日志 of seed 004, one row per service", async () => {
    const monitoring = record({
      template: MONITORING,
      number: "261123-01",
      state: "completed",
      startedAt: "2026-11-23T09:01:00+08:00",
      endedAt: "2026-11-23T09:12:00+08:00",
      answers: [
        answer("sign-refresh", { status: "ok", valueNum: 0.18 }),
        answer("sign-login", { status: "ok", valueNum: 0.42 }),
        answer("sms-refresh", { status: "abnormal", valueNum: null, note: "短信服务 连接被拒绝" }),
        answer("sms-login", { status: "abnormal", valueNum: 6.5, note: "登录页加载慢" }),
      ],
    });
    mockIpc(inspectionHandlers({ get_inspection: () => monitoring }));
    await mountApp("/inspections/3/print");
    expect(byTestId("record-sheet")).toBeNull();
    const sheet = byTestId("monitoring-sheet")!;
    expect(sheet.querySelector("h1")?.textContent).toBe("系统监测日志");
    const head = [...byTestId("monitoring-table")!.querySelectorAll("thead th")].map((th) => th.textContent);
    expect(head).toEqual(["服务名称", "业务系统名称", "刷新时间(秒)", "是否正常", "登录时间(秒)", "是否正常", "备注"]);
    const cells = (name: string) => [...byTestId(`monitoring-row-${name}`)!.querySelectorAll("td")].map((td) => td.textContent);
    expect(cells("签章服务")).toEqual(["签章服务", "一体化协同办公平台", "0.18", "正常", "0.42", "正常", ""]);
    expect(cells("短信服务")).toEqual(["短信服务", "一体化协同办公平台", "", "异常", "6.5", "异常", "短信服务 连接被拒绝；登录页加载慢"]);
    expect(byTestId("sheet-date")?.textContent).toBe("2026年11月23日");
    expect(byTestId("sheet-time")?.textContent).toBe("09:01–09:12");
    expect(byTestId("sheet-inspector")?.textContent).toBe("赵工");
    expect(sheet.textContent).toContain("甲方（签字）");
  });
});
