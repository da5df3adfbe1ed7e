// 提醒横幅: unacknowledged notices at the top of the shell, one line each, three at most
// until unfolded; 查看 opens the record (a fault, a service record, 报表导出 on a report's
// month), 知道了 / 全部知道了 acknowledge; re-read on `notices-changed` and every minute.
import { describe, expect, it, vi } from "vitest";
import type { Notice } from "../src/bindings/Notice";
import { noticeRoute } from "../src/utils/notices";
import { faultDetail, faultHandlers, notice, NOW } from "./fault-fixtures";
import { atChinaTimeWithTimers, byTestId, clickTestId, mockIpc, mountApp, settle } from "./helpers";
import { emitTauriEvent } from "./tauri-events";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const lines = () => [...document.querySelectorAll<HTMLElement>('[data-testid="notice-banner"] [data-testid^="notice-"]')]
  .map((el) => el.dataset.testid!)
  .filter((id) => /^notice-\d+$/.test(id));

describe("提醒横幅", () => {
  atChinaTimeWithTimers(NOW);

  async function open(initial: Notice[]) {
    let active = initial;
    const calls = mockIpc(
      faultHandlers({
        active_notices: () => active,
        acknowledge_notice: (args) => {
          const id = args.id as number | null;
          active = id === null ? [] : active.filter((n) => n.id !== id);
          return null;
        },
        get_fault: (args) => faultDetail({}, { id: args.id as number }),
      }),
    );
    const mounted = await mountApp("/today");
    return { ...mounted, calls, set: (next: Notice[]) => (active = next) };
  }

  it("is not there without notices", async () => {
    await open([]);
    expect(byTestId("notice-banner")).toBeNull();
  });

  it("shows three notices, one line each, and 还有 N 条 for the rest", async () => {
    await open([1, 2, 3, 4, 5].map((id) => notice(id)));
    expect(lines()).toEqual(["notice-1", "notice-2", "notice-3"]);
    expect(byTestId("notice-1")?.textContent).toContain("故障 GZ-20261123-01 响应时限已用去四分之三");
    expect(byTestId("notice-1")?.textContent).toContain("14:03");
    expect(byTestId("notice-more")?.textContent?.trim()).toBe("还有 2 条");
    await clickTestId("notice-more");
    expect(lines()).toHaveLength(5);
  });

  it("知道了 acknowledges one, 全部知道了 all", async () => {
    const { calls } = await open([1, 2].map((id) => notice(id)));
    await clickTestId("notice-ack-1");
    expect(calls.filter((c) => c.cmd === "acknowledge_notice").map((c) => c.args)).toEqual([{ id: 1 }]);
    expect(lines()).toEqual(["notice-2"]);
    // One left: no 全部知道了 for a single line.
    expect(byTestId("notice-ack-all")).toBeNull();
    await clickTestId("notice-ack-2");
    expect(byTestId("notice-banner")).toBeNull();
  });

  it("全部知道了 sends null", async () => {
    const { calls } = await open([1, 2, 3].map((id) => notice(id)));
    await clickTestId("notice-ack-all");
    expect(calls.filter((c) => c.cmd === "acknowledge_notice").map((c) => c.args)).toEqual([{ id: null }]);
    expect(byTestId("notice-banner")).toBeNull();
  });

  it("查看 opens the fault", async () => {
    const { router } = await open([notice(2, { subjectId: 7 })]);
    await clickTestId("notice-view-2");
    expect(router.currentRoute.value.path).toBe("/faults/7");
  });

  it("查看 opens 报表导出 on the month of a monthly report's notice, and a service record's page", async () => {
    const { router } = await open([
      notice(3, { subjectKind: "monthlyReport", subjectId: 202611, target: "ready", title: "2026年11月服务报告应于11月30日前定稿" }),
      notice(4, { subjectKind: "serviceRecord", subjectId: 12, target: "repairOnSite", title: "服务记录 DH-2026-0012 到场时限已用去一半" }),
    ]);
    await clickTestId("notice-view-3");
    expect(router.currentRoute.value.path).toBe("/export");
    expect(router.currentRoute.value.query).toEqual({ month: "2026-11" });
    await clickTestId("notice-view-4");
    expect(router.currentRoute.value.path).toBe("/tickets/services/12");
  });

  it("routes each kind of notice (utils/notices)", () => {
    const at = (subjectKind: string, subjectId: number) => noticeRoute({ subjectKind, subjectId });
    expect(at("monthlyReport", 202701)).toEqual({ path: "/export", query: { month: "2027-01" } });
    expect(at("monthlyReport", 202613)).toBe("/export");
    expect(at("serviceRecord", 12)).toBe("/tickets/services/12");
    expect(at("fault", 7)).toBe("/faults/7");
    expect(at("somethingNew", 1)).toBeNull();
  });

  it("shows new notices when Rust announces them, and does not poll", async () => {
    const { set, calls } = await open([]);
    set([notice(8, { threshold: "breached", title: "故障 GZ-20261123-08 响应已超时" })]);
    emitTauriEvent("store-changed", { everything: false, tables: [{ table: "notices", kind: null, ids: [8], more: false }] });
    await settle();
    expect(byTestId("notice-8")?.textContent).toContain("响应已超时");
    const reads = calls.filter((c) => c.cmd === "active_notices").length;
    set([]);
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await settle();
    expect(calls.filter((c) => c.cmd === "active_notices").length).toBe(reads);
    // Acknowledged elsewhere (the tray, another page): announced, and the banner empties.
    emitTauriEvent("store-changed", { everything: false, tables: [{ table: "notices", kind: null, ids: [8], more: false }] });
    await settle();
    expect(calls.filter((c) => c.cmd === "active_notices").length).toBe(reads + 1);
    expect(byTestId("notice-banner")).toBeNull();
  });
});
