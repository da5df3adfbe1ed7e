// 巡检 → 模板 and 服务探测: templates with their schedule in words and the editor (Rust's
// field errors under the fields); the services with their last result, the switches, the
// dialog and 全部探测.
import { describe, expect, it, vi } from "vitest";
import type { ProbeTargetInput } from "../src/bindings/ProbeTargetInput";
import type { Template } from "../src/bindings/Template";
import { DAILY, inspectionHandlers, MONITORING, NOW, probeResult, TARGETS, WEEKLY } from "./inspection-fixtures";
import { atChinaTime, byTestId, clickTestId, mockIpc, mountApp, settle, typeInto, type Handler } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

describe("巡检 → 模板 and 服务探测", () => {
  atChinaTime(NOW);

  async function open(path: string, extra: Record<string, Handler> = {}) {
    const calls = mockIpc(inspectionHandlers(extra));
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  it("模板 lists each template with its kind and schedule in Chinese", async () => {
    await open("/inspections?tab=templates");
    expect(byTestId("template-schedule-daily")?.textContent).toBe("每个工作日 09:30、14:00、16:30");
    expect(byTestId("template-schedule-monitoring")?.textContent).toBe("每个工作日 09:00、13:30、17:00");
    expect(byTestId("template-schedule-weekly")?.textContent).toBe("每周五");
    const table = byTestId("templates-table")!.textContent!;
    expect(table).toContain("系统监测");
    expect(table).toContain("内置");
    expect(byTestId("template-edit-daily")?.textContent?.trim()).toBe("复制并编辑");
  });

  it("停用 asks first, then stops the checklist; 已停用 offers 启用", async () => {
    let active = true;
    const { calls } = await open("/inspections?tab=templates", {
      list_inspection_templates: () => (active ? [DAILY, MONITORING, WEEKLY] : [DAILY, WEEKLY]),
      list_stopped_inspection_templates: () => (active ? [] : [MONITORING]),
      set_inspection_template_active: (args) => {
        active = args.active as boolean;
        return MONITORING;
      },
    });
    expect(byTestId("stopped-templates-table")).toBeNull();
    byTestId("template-stop-monitoring")!.click();
    await settle();
    const box = document.querySelector(".el-message-box");
    expect(box?.textContent).toContain("不再列入今日、提醒和自查");
    document.querySelector<HTMLElement>(".el-message-box__btns .el-button:not(.el-button--primary)")!.click();
    await settle();
    expect(calls.some((c) => c.cmd === "set_inspection_template_active")).toBe(false);

    byTestId("template-stop-monitoring")!.click();
    await settle();
    // The cancelled box may linger while it fades out: confirm in the newest one.
    [...document.querySelectorAll<HTMLElement>(".el-message-box__btns .el-button--primary")].at(-1)!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "set_inspection_template_active").map((c) => c.args)).toEqual([
      { id: "monitoring", active: false },
    ]);
    expect(byTestId("template-schedule-monitoring")).toBeNull();
    expect(byTestId("stopped-templates-table")!.textContent).toContain(MONITORING.name);

    await clickTestId("template-start-monitoring");
    expect(calls.filter((c) => c.cmd === "set_inspection_template_active").map((c) => c.args).at(-1)).toEqual({
      id: "monitoring",
      active: true,
    });
    expect(byTestId("template-schedule-monitoring")).not.toBeNull();
    expect(byTestId("stopped-templates-table")).toBeNull();
  });

  it("复制并编辑 sends the edited copy and shows Rust's field errors under the fields", async () => {
    let sent: Template | null = null;
    await open("/inspections?tab=templates", {
      save_inspection_template: (args) => {
        sent = args.input as Template;
        throw {
          kind: "validation",
          message: "有 2 处需要修改",
          fields: [
            { field: "sections.1.items.0.label", message: "请填写检查项名称。" },
            { field: "schedule", message: "巡检时间“9点”无法识别，请写成 HH:MM，例如 09:30。" },
          ],
        };
      },
    });
    await clickTestId("template-edit-daily");
    expect(byTestId("template-name")!.querySelector("input")!.value).toBe("日常巡检（本项目）");
    await typeInto("template-times", "09:00、9点");
    expect(byTestId("template-schedule-preview")?.textContent).toBe("每个工作日 09:00、9点");
    await typeInto("template-item-1-0-label", "");
    await clickTestId("template-save");
    expect(sent).not.toBeNull();
    const t = sent as unknown as Template;
    expect(t.id).toBe("daily");
    expect(t.name).toBe("日常巡检（本项目）");
    expect(t.schedule).toEqual({ type: "timesPerWorkingDay", times: ["09:00", "9点"] });
    expect(t.sections[0]!.items[0]).toEqual({ key: "svc-sign", label: "签章服务响应时间", kind: "seconds", required: true, unit: "秒", warnAbove: 3, probe: "签章服务", measure: "total" });
    expect(t.source).toBe("自定义，基于“日常巡检”（种子 000、种子 002）");
    expect(byTestId("error-sections-1-items-0-label")?.textContent).toBe("请填写检查项名称。");
    expect(byTestId("error-schedule")?.textContent).toContain("巡检时间“9点”无法识别");
    expect(byTestId("template-editor-error")?.textContent).toContain("有 2 处需要修改");
  });

  it("服务探测 shows each service's last result and switches, and 全部探测 shows what it found", async () => {
    const { calls } = await open("/inspections?tab=probes", {
      probe_now: () => ({ results: [probeResult(), TARGETS[1]!.last!], record: null }),
    });
    const sign = byTestId("probe-last-1")!.textContent!;
    expect(sign).toContain("正常");
    expect(sign).toContain("状态 200");
    expect(sign).toContain("总用时 0.42 秒");
    expect(sign).toContain("证书剩余 120 天");
    expect(byTestId("probe-last-2")!.textContent).toContain("连接被拒绝");
    expect(byTestId("probe-last-2")!.textContent).toContain("连续失败 3 次");
    expect(byTestId("probe-targets")!.textContent).toContain("不校验证书");
    await clickTestId("probe-all");
    expect(calls.filter((c) => c.cmd === "probe_now").map((c) => c.args)).toEqual([{ recordId: null }]);
    expect(byTestId("probe-all-results")!.textContent).toContain("本次探测结果（1 / 2 正常）");
    expect(byTestId("probe-result-短信服务")!.textContent).toContain("服务未启动或端口不对");
    // Every service the templates name has a target here.
    expect(byTestId("probe-missing")).toBeNull();
  });

  it("turning 后台探测 on saves the whole target; the dialog shows Rust's field errors", async () => {
    const saved: ProbeTargetInput[] = [];
    const { calls } = await open("/inspections?tab=probes", {
      save_probe_target: (args) => {
        const input = args.input as ProbeTargetInput;
        saved.push(input);
        if (input.id === null) throw { kind: "validation", message: "有 1 处需要修改", fields: [{ field: "url", message: "网址“sign”应以 http:// 或 https:// 开头。" }] };
        return TARGETS.map((t) => (t.id === input.id ? { ...t, background: input.background } : t));
      },
    });
    byTestId("probe-background-2")!.click();
    await settle();
    expect(saved[0]).toEqual({ id: 2, name: "短信服务", url: "http://10.1.2.3:8080/sms/health", expectedStatus: 200, keyword: "", timeoutMs: 5000, allowInvalidCert: false, background: true });
    await clickTestId("probe-target-add");
    await typeInto("probe-name", "网关服务");
    await typeInto("probe-url", "sign");
    await clickTestId("probe-target-save");
    expect(saved[1]).toMatchObject({ id: null, name: "网关服务", url: "sign", timeoutMs: 10_000, expectedStatus: null });
    expect(byTestId("error-url")?.textContent).toContain("应以 http:// 或 https:// 开头");
    expect(calls.filter((c) => c.cmd === "save_probe_target")).toHaveLength(2);
  });

});
