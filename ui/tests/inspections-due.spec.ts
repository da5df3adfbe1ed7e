// 巡检 → 今日巡检: the due list with its states, 开始/继续 starting the slot, 查看 opening a
// done one, and 临时巡检 with slot null.
import { describe, expect, it, vi } from "vitest";
import { inspectionHandlers, NOW, record } from "./inspection-fixtures";
import { atChinaTime, byTestId, clickTestId, mockIpc, mountApp, settle, type Handler } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const rowIds = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>("[data-testid^='due-row-']")].map((r) => r.dataset.testid);

async function clickIn(rowId: string, id: string) {
  const el = byTestId(rowId)?.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no ${id} in ${rowId}`);
  el.click();
  await settle();
}

describe("今日巡检", () => {
  atChinaTime(NOW);

  async function open(path: string, extra: Record<string, Handler> = {}) {
    const calls = mockIpc(inspectionHandlers({ start_inspection: (args) => record({ id: args.slot === null ? 9 : 7 }), ...extra }));
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  it("lists today's slots in time order with their state, number and button", async () => {
    await open("/inspections");
    expect(rowIds(byTestId("due-panel")!)).toEqual([
      "due-row-monitoring-0",
      "due-row-daily-0",
      "due-row-monitoring-1",
      "due-row-daily-1",
      "due-row-daily-2",
      "due-row-weekly-0",
    ]);
    const text = (id: string) => byTestId(id)!.textContent!.replace(/\s+/g, " ");
    expect(text("due-row-monitoring-0")).toContain("09:00（第 1 次）");
    expect(text("due-row-monitoring-0")).toContain("已完成");
    expect(text("due-row-monitoring-0")).toContain("261123-01");
    expect(text("due-row-monitoring-0")).toContain("查看");
    expect(text("due-row-daily-0")).toContain("已超时");
    expect(text("due-row-monitoring-1")).toContain("进行中");
    expect(text("due-row-monitoring-1")).toContain("继续");
    expect(text("due-row-daily-1")).toContain("待巡检");
    expect(text("due-row-daily-1")).toContain("开始");
    expect(text("due-row-daily-2")).toContain("未到时间");
    expect(text("due-row-weekly-0")).toContain("本周，11月27日 18:00 前");
    const tag = (id: string) => byTestId(id)!.querySelector<HTMLElement>(".el-tag")!.className;
    expect(tag("due-row-daily-0")).toContain("el-tag--danger");
    expect(tag("due-row-daily-1")).toContain("el-tag--warning");
    expect(tag("due-row-monitoring-1")).toContain("el-tag--primary");
    expect(tag("due-row-monitoring-0")).toContain("el-tag--success");
  });

  it("开始 starts the slot and opens the fill-in page; 查看 opens a done record without starting", async () => {
    const { calls, router } = await open("/inspections");
    await clickIn("due-row-daily-1", "start-inspection");
    expect(calls.filter((c) => c.cmd === "start_inspection").map((c) => c.args)).toEqual([{ templateId: "daily", slot: "2026-11-23@14:00" }]);
    expect(router.currentRoute.value.path).toBe("/inspections/7");
    expect(byTestId("inspection-page")).not.toBeNull();

    await router.push("/inspections");
    await settle();
    await clickIn("due-row-monitoring-0", "open-inspection");
    expect(router.currentRoute.value.path).toBe("/inspections/3");
    expect(calls.filter((c) => c.cmd === "start_inspection")).toHaveLength(1);
  });

  it("shows Rust's refusal to start (no project settings yet)", async () => {
    await open("/inspections", {
      start_inspection: () => {
        throw { kind: "notReady", message: "请先在“设置”中填写项目信息，再开始巡检。", fields: [] };
      },
    });
    await clickIn("due-row-daily-1", "start-inspection");
    expect(byTestId("start-error")?.textContent).toContain("请先在“设置”中填写项目信息");
  });

  it("临时巡检 starts the chosen template with slot null", async () => {
    const { calls, router } = await open("/inspections");
    await clickTestId("adhoc-start");
    expect(byTestId("adhoc-error")?.textContent).toContain("请先选择巡检模板");
    byTestId("adhoc-template")!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    await clickTestId("adhoc-template-option-monitoring");
    await clickTestId("adhoc-start");
    expect(calls.filter((c) => c.cmd === "start_inspection").map((c) => c.args)).toEqual([{ templateId: "monitoring", slot: null }]);
    expect(router.currentRoute.value.path).toBe("/inspections/9");
  });
});
