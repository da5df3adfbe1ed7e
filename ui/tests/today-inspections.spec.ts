// 今日 → 今日巡检 card: today's due list with the overdue ones first and red, one click to
// continue, and the plain sentence on a day without inspections.
import { describe, expect, it, vi } from "vitest";
import { DUE_TODAY, inspectionHandlers, NOW, record } from "./inspection-fixtures";
import { atChinaTime, byTestId, mockIpc, mountApp, settle, type Handler } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const rowIds = (root: HTMLElement) => [...root.querySelectorAll<HTMLElement>("[data-testid^='due-row-']")].map((r) => r.dataset.testid);

async function clickIn(rowId: string, id: string) {
  const el = byTestId(rowId)?.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no ${id} in ${rowId}`);
  el.click();
  await settle();
}

describe("今日 → 今日巡检", () => {
  atChinaTime(NOW);

  async function open(path: string, extra: Record<string, Handler> = {}) {
    const calls = mockIpc(inspectionHandlers({ start_inspection: () => record(), ...extra }));
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  it("overdue first and red, the others in time order, one click to continue", async () => {
    const { calls, router } = await open("/today");
    const card = byTestId("today-card-inspections")!;
    expect(rowIds(card)).toEqual([
      "due-row-daily-0",
      "due-row-monitoring-0",
      "due-row-monitoring-1",
      "due-row-daily-1",
      "due-row-daily-2",
      "due-row-weekly-0",
    ]);
    expect(byTestId("due-row-daily-0")!.className).toContain("due-list__row--overdue");
    expect(byTestId("today-inspections-count")?.textContent?.trim()).toBe(`已完成 1 / ${DUE_TODAY.length}`);
    await clickIn("due-row-monitoring-1", "start-inspection");
    expect(calls.find((c) => c.cmd === "start_inspection")?.args).toEqual({ templateId: "monitoring", slot: "2026-11-23@13:30" });
    expect(router.currentRoute.value.path).toBe("/inspections/7");
  });

  it("on a day without inspections says so", async () => {
    await open("/today", { inspections_due_today: () => [] });
    expect(byTestId("today-inspections-empty")?.textContent?.trim()).toBe("今天没有安排巡检（非工作日或未设置计划）");
    expect(byTestId("today-card-inspections")!.querySelector("[data-testid^='due-row-']")).toBeNull();
  });
});
