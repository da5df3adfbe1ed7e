// 巡检填写: each field saves as it changes (typing debounced) with the right AnswerInput;
// numbers judged by the thresholds; Rust's field error beside the field; 立即探测 pre-fills
// and shows the measurement; 完成巡检 shows the number, or why it cannot yet; an abnormal
// item becomes a linked fault.
import { describe, expect, it, vi } from "vitest";
import type { AnswerInput } from "../src/bindings/AnswerInput";
import type { FaultInput } from "../src/bindings/FaultInput";
import type { InspectionRecordView } from "../src/bindings/InspectionRecordView";
import { faultDetail } from "./fault-fixtures";
import { PROFILES } from "./fixtures";
import { answer, inspectionHandlers, NOW, probeResult, record } from "./inspection-fixtures";
import { atChinaTimeWithTimers, byTestId, clickTestId, mockIpc, mountApp, settle, type Handler } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

type Call = { cmd: string; args: Record<string, unknown> };
const saves = (calls: Call[]) => calls.filter((c) => c.cmd === "save_inspection_answer").map((c) => c.args);

function within(item: string, id: string): HTMLElement {
  const el = document.querySelector<HTMLElement>(`[data-testid="item-${item}"] [data-testid="${id}"]`);
  if (!el) throw new Error(`no ${id} in item-${item}`);
  return el;
}

async function pick(item: string, id: string) {
  const el = within(item, id);
  (el.querySelector<HTMLInputElement>("input") ?? el).click();
  await settle();
}

async function type(item: string, id: string, value: string) {
  const input = within(item, id).querySelector<HTMLInputElement>("input, textarea");
  if (!input) throw new Error(`no input in ${id}`);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
}

/** Rust's answer to a save: the record with that answer stored (status judged like Rust). */
function stored(base: InspectionRecordView, input: AnswerInput): InspectionRecordView {
  const item = base.template.sections.flatMap((s) => s.items).find((i) => i.key === input.itemKey)!;
  const judged =
    input.status ?? (input.valueNum === null ? null : input.valueNum > (item.warnAbove ?? Infinity) ? ("abnormal" as const) : ("ok" as const));
  const others = base.answers.filter((a) => a.itemKey !== input.itemKey);
  return { ...base, answers: [...others, answer(input.itemKey, { ...input, status: judged })] };
}

describe("巡检填写", () => {
  atChinaTimeWithTimers(NOW);

  async function open(view: InspectionRecordView = record(), extra: Record<string, Handler> = {}) {
    let current = view;
    const calls = mockIpc(
      inspectionHandlers({
        get_inspection: () => current,
        save_inspection_answer: (args) => (current = stored(current, args.input as AnswerInput)),
        save_inspection_header: (args) => (current = { ...current, ...(args.input as object) }),
        ...extra,
      }),
    );
    const mounted = await mountApp("/inspections/7");
    return { ...mounted, calls };
  }

  it("shows the header: 草稿, template, date, project, client, people, method and start", async () => {
    await open();
    expect(byTestId("inspection-draft")?.textContent).toContain("草稿");
    expect(byTestId("inspection-number")).toBeNull();
    const page = byTestId("inspection-page")!.textContent!;
    for (const part of ["日常巡检", "2026年11月23日 星期一", "协同办公平台运维服务项目", "测试市人民政府办公室", "2026年11月23日 星期一 14:02", "计划 14:00"]) {
      expect(page).toContain(part);
    }
    expect(byTestId("inspection-inspector")!.querySelector("input")!.value).toBe("赵工");
    expect(byTestId("inspection-method")!.textContent).toContain("现场");
    // Items by kind.
    expect(within("fn-doc", "status-ok").textContent).toContain("正常");
    expect(within("svc-sign", "value").textContent).toContain("秒");
    expect(byTestId("item-svc-sign")!.textContent).toContain("正常 ≤ 3 秒");
    expect(byTestId("item-other")!.querySelector("textarea")).not.toBeNull();
    expect(byTestId("item-screenshot")!.textContent).toContain("添加截图或文件");
  });

  it("saves a 正常/异常 choice at once and a typed note after the pause, with the whole answer", async () => {
    const { calls } = await open();
    await pick("fn-doc", "status-abnormal");
    expect(saves(calls)).toEqual([
      { id: 7, input: { itemKey: "fn-doc", status: "abnormal", valueNum: null, valueText: "", note: "" } satisfies AnswerInput },
    ]);
    await type("fn-doc", "note", "收文");
    await type("fn-doc", "note", "收文列表打不开");
    await vi.advanceTimersByTimeAsync(500);
    expect(saves(calls)).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(200);
    await settle();
    expect(saves(calls)).toHaveLength(2);
    expect(saves(calls)[1]).toEqual({
      id: 7,
      input: { itemKey: "fn-doc", status: "abnormal", valueNum: null, valueText: "", note: "收文列表打不开" } satisfies AnswerInput,
    });
    expect(byTestId("saved-indicator")?.textContent).toBe("已保存 14:05:30");
  });

  it("judges a number by its threshold at once and sends it with status null (Rust judges too); an override is sent as chosen", async () => {
    const { calls } = await open();
    await type("srv-disk", "value", "92");
    expect(byTestId("item-srv-disk")!.dataset.status).toBe("abnormal");
    expect(within("srv-disk", "status").textContent).toContain("异常");
    expect(within("srv-disk", "status").textContent).toContain("按阈值判断");
    expect(byTestId("saved-indicator")?.textContent).toBe("正在保存…");
    await vi.advanceTimersByTimeAsync(600);
    await settle();
    expect(saves(calls).at(-1)).toEqual({ id: 7, input: { itemKey: "srv-disk", status: null, valueNum: 92, valueText: "", note: "" } });

    await pick("srv-disk", "status-ok");
    expect(saves(calls).at(-1)).toEqual({ id: 7, input: { itemKey: "srv-disk", status: "ok", valueNum: 92, valueText: "", note: "" } });
    expect(within("srv-disk", "status").textContent).toContain("人工判定");

    await type("other", "value", "机房空调检修，已报物业。");
    await vi.advanceTimersByTimeAsync(600);
    await settle();
    expect(saves(calls).at(-1)).toEqual({ id: 7, input: { itemKey: "other", status: null, valueNum: null, valueText: "机房空调检修，已报物业。", note: "" } });
  });

  it("shows Rust's message for answers.<itemKey> beside the field, and a typed non-number without sending it", async () => {
    const { calls } = await open(record(), {
      save_inspection_answer: () => {
        throw { kind: "validation", message: "有 1 处需要修改", fields: [{ field: "answers.svc-sign", message: "“签章服务响应时间”的用时不能为负数。" }] };
      },
    });
    await type("svc-sign", "value", "-1");
    await vi.advanceTimersByTimeAsync(600);
    await settle();
    expect(byTestId("error-answers-svc-sign")?.textContent).toBe("“签章服务响应时间”的用时不能为负数。");
    expect(byTestId("saved-indicator")?.textContent).toContain("未能保存");

    const before = saves(calls).length;
    await type("srv-disk", "value", "九十");
    await vi.advanceTimersByTimeAsync(600);
    await settle();
    expect(saves(calls)).toHaveLength(before);
    expect(byTestId("error-answers-srv-disk")?.textContent).toContain("不是数字");
  });

  it("立即探测 probes the record's services and shows the measurement beside the editable answer", async () => {
    const probed = record({
      method: "autoConfirmed",
      methodName: "自动 + 人工确认",
      answers: [answer("svc-sign", { status: "ok", valueNum: 0.42, measured: probeResult() })],
    });
    const { calls } = await open(record(), { probe_now: () => ({ results: [probeResult()], record: probed }) });
    await clickTestId("probe-now");
    expect(calls.filter((c) => c.cmd === "probe_now").map((c) => c.args)).toEqual([{ recordId: 7 }]);
    expect(within("svc-sign", "measured").textContent?.trim()).toBe("探测 0.42 秒，正常");
    expect(within("svc-sign", "value").querySelector("input")!.value).toBe("0.42");
    expect(byTestId("item-svc-sign")!.dataset.status).toBe("ok");
    expect(byTestId("probe-result-签章服务")?.textContent).toContain("状态 200");
    expect(byTestId("inspection-method")!.textContent).toContain("自动 + 人工确认");
  });

  it("shows a failed probe's reason on the item and Rust's refusal when no service is set up", async () => {
    const failed = probeResult({ outcome: "timeout", ok: false, status: null, ttfbMs: null, totalMs: 10_000, message: "签章服务 10 秒内没有响应：服务器繁忙或网络不通。" });
    const probed = record({ answers: [answer("svc-sign", { status: "abnormal", valueNum: null, note: failed.message, measured: failed })] });
    let refuse = false;
    await open(record(), {
      probe_now: () => {
        if (refuse) throw { kind: "validation", message: "有 1 处需要修改", fields: [{ field: "probe", message: "还没有可探测的服务。" }] };
        return { results: [failed], record: probed };
      },
    });
    await clickTestId("probe-now");
    expect(within("svc-sign", "measured").textContent).toContain("探测失败（超时）：签章服务 10 秒内没有响应");
    expect(byTestId("item-svc-sign")!.dataset.status).toBe("abnormal");
    refuse = true;
    await clickTestId("probe-now");
    expect(byTestId("probe-error")?.textContent).toContain("有 1 处需要修改");
  });

  it("keeps 完成巡检 disabled while required items are missing and lists them", async () => {
    await open();
    const button = byTestId("complete-inspection") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(byTestId("complete-hint")?.textContent).toBe(
      "还有 3 个必填项没有填写：签章服务响应时间、公文传输（收文、发文、流转）、磁盘使用率（最高分区）。",
    );
  });

  it("shows Rust's refusal listing the missing items when completing fails", async () => {
    const { calls } = await open(record({ missingRequired: [] }), {
      complete_inspection: () => {
        throw { kind: "validation", message: "还有 1 个必填项没有填写：巡检截图。填写后再完成巡检。", fields: [{ field: "answers", message: "巡检截图" }] };
      },
    });
    await clickTestId("complete-inspection");
    expect(calls.some((c) => c.cmd === "complete_inspection")).toBe(true);
    expect(byTestId("complete-error")?.textContent).toContain("还有 1 个必填项没有填写：巡检截图");
  });

  it("completes: sends what is still waiting, then shows the number big and locks the record", async () => {
    const ready = record({ missingRequired: [] });
    const done = { ...ready, number: "261123-02", state: "completed", completedAt: "2026-11-23T14:05:30+08:00", summary: ready.suggestedSummary };
    const { calls } = await open(ready, { complete_inspection: () => done });
    expect(byTestId("inspection-summary")!.querySelector("textarea")!.value).toBe("本次巡检共 5 项，均正常，系统运行平稳。");
    await type("fn-doc", "note", "正常");
    await clickTestId("complete-inspection");
    const order = calls.map((c) => c.cmd).filter((c) => c === "save_inspection_answer" || c === "complete_inspection");
    expect(order).toEqual(["save_inspection_answer", "complete_inspection"]);
    expect(byTestId("inspection-number")?.textContent).toBe("261123-02");
    expect(byTestId("complete-inspection")).toBeNull();
    expect(within("fn-doc", "note").querySelector("input")!.disabled).toBe(true);
    expect(byTestId("probe-now")).toBeNull();
  });

  it("saves 巡检人 and 巡检结果分析 through the header, with Rust's field message", async () => {
    const { calls } = await open(record(), {
      save_inspection_header: () => {
        throw { kind: "validation", message: "有 1 处需要修改", fields: [{ field: "inspector", message: "请填写巡检人。" }] };
      },
    });
    const input = byTestId("inspection-inspector")!.querySelector("input")!;
    input.value = "";
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await vi.advanceTimersByTimeAsync(600);
    await settle();
    const sent = calls.filter((c) => c.cmd === "save_inspection_header").map((c) => c.args);
    expect(sent).toEqual([{ id: 7, input: { inspector: "", recorder: "赵工", method: "onSite", summary: "" } }]);
    expect(byTestId("error-inspector")?.textContent).toBe("请填写巡检人。");
    expect(byTestId("complete-hint")?.textContent).toContain("请填写巡检人。");
  });

  it("转为故障 asks for the 故障类型 the profile lists, then sends it", async () => {
    const abnormal = record({
      answers: [answer("fn-doc", { status: "abnormal", note: "收文列表打不开" })],
      abnormal: [{ itemKey: "fn-doc", label: "公文传输（收文、发文、流转）", text: "公文传输（收文、发文、流转） 异常：收文列表打不开" }],
    });
    const draft: FaultInput = {
      reportedAt: "2026-11-23T14:05:00+08:00",
      reporter: "赵工",
      reporterDept: "",
      contact: "",
      channel: "inspection",
      system: "二、核心系统功能巡检",
      title: "巡检发现：公文传输（收文、发文、流转）异常",
      description: "收文列表打不开",
      level: "normal",
      faultType: "",
    };
    const { calls } = await open(abnormal, {
      list_profiles: () => PROFILES.map((p) => ({ ...p, faultTypes: ["软件故障", "网络故障", "其他"] })),
      inspection_fault_draft: () => draft,
      create_fault_from_inspection: () => faultDetail({}, { id: 5, code: "GZ-20261123-05" }),
    });
    await pick("fn-doc", "to-fault");
    await clickTestId("fault-dialog-submit");
    expect(byTestId("error-faultType")?.textContent).toBe("请选择故障类型（软件故障、网络故障、其他）。");
    expect(calls.some((c) => c.cmd === "create_fault_from_inspection")).toBe(false);
    byTestId("fault-dialog-type")!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    await clickTestId("fault-dialog-type-option-软件故障");
    expect(byTestId("error-faultType")).toBeNull();
    await clickTestId("fault-dialog-submit");
    expect(calls.find((c) => c.cmd === "create_fault_from_inspection")?.args.input).toEqual({ ...draft, faultType: "软件故障" });
  });

  it("turns an abnormal item into a fault: draft pre-filled, level chosen, then the code links to the fault", async () => {
    const abnormal = record({
      answers: [answer("fn-doc", { status: "abnormal", note: "收文列表打不开" })],
      abnormal: [{ itemKey: "fn-doc", label: "公文传输（收文、发文、流转）", text: "公文传输（收文、发文、流转） 异常：收文列表打不开" }],
    });
    const linked = { ...abnormal, answers: [answer("fn-doc", { status: "abnormal", note: "收文列表打不开", faultId: 5, faultCode: "GZ-20261123-05" })] };
    const draft: FaultInput = {
      reportedAt: "2026-11-23T14:05:00+08:00",
      reporter: "赵工",
      reporterDept: "",
      contact: "",
      channel: "inspection",
      system: "二、核心系统功能巡检",
      title: "巡检发现：公文传输（收文、发文、流转）异常",
      description: "公文传输（收文、发文、流转） 异常：收文列表打不开（日常巡检，未完成的巡检记录）",
      level: "normal",
      faultType: "",
    };
    let created = false;
    const { calls } = await open(abnormal, {
      get_inspection: () => (created ? linked : abnormal),
      inspection_fault_draft: () => draft,
      create_fault_from_inspection: () => {
        created = true;
        return faultDetail({}, { id: 5, code: "GZ-20261123-05" });
      },
    });
    expect(byTestId("item-svc-sign")!.querySelector('[data-testid="to-fault"]')).toBeNull();
    await pick("fn-doc", "to-fault");
    expect(calls.find((c) => c.cmd === "inspection_fault_draft")?.args).toEqual({ recordId: 7, itemKey: "fn-doc" });
    expect(byTestId("fault-dialog-title")!.querySelector("input")!.value).toBe("巡检发现：公文传输（收文、发文、流转）异常");
    expect(byTestId("fault-dialog-level")!.textContent).toContain("紧急");
    byTestId("fault-dialog-level-urgent")!.querySelector("input")!.click();
    await settle();
    await clickTestId("fault-dialog-submit");
    expect(calls.find((c) => c.cmd === "create_fault_from_inspection")?.args).toEqual({
      recordId: 7,
      itemKey: "fn-doc",
      input: { ...draft, level: "urgent" },
    });
    const link = byTestId("linked-fault-fn-doc") as HTMLAnchorElement;
    expect(link.textContent).toContain("GZ-20261123-05");
    expect(link.getAttribute("href")).toContain("/faults/5");
    expect(byTestId("item-fn-doc")!.querySelector('[data-testid="to-fault"]')).toBeNull();
  });
});
