// 故障 queue: rows with level, state, both countdowns and the report-due badge; filters
// sent to Rust; refresh every minute and on `notices-changed`; and the performance
// promise — with 1,000 open faults a tick re-renders the clocks only, never the rows.
import { describe, expect, it, vi } from "vitest";
import type { ComponentPublicInstance } from "vue";
import type { FaultFilter } from "../src/bindings/FaultFilter";
import type { FaultRow } from "../src/bindings/FaultRow";
import { countdown, faultDetail, faultHandlers, faultRow, NOW } from "./fault-fixtures";
import { atChinaTimeWithTimers, byTestId, inputOf, mockIpc, mountApp, settle } from "./helpers";
import { emitTauriEvent } from "./tauri-events";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const rowsOf = () => [...document.querySelectorAll<HTMLElement>('[data-testid^="fault-row-"]')];
const textOf = (id: string) => byTestId(id)?.querySelector("[data-role=countdown-text]")?.textContent?.trim();

describe("故障 queue", () => {
  atChinaTimeWithTimers(NOW);

  async function open(rows: FaultRow[] | ((filter: FaultFilter) => FaultRow[]), path = "/faults") {
    const calls = mockIpc(
      faultHandlers({
        fault_queue: (args) => (typeof rows === "function" ? rows(args.filter as FaultFilter) : rows),
        get_fault: (args) => faultDetail({}, { id: args.id as number }),
      }),
    );
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  const queueCalls = (calls: { cmd: string; args: Record<string, unknown> }[]) => calls.filter((c) => c.cmd === "fault_queue");

  it("lists each fault with code, level, title, reporter, state, both countdowns and the report badge", async () => {
    const restored = faultRow({
      id: 2,
      code: "GZ-20261122-03",
      title: "打印服务异常",
      level: "normal",
      levelName: "一般",
      state: "restored",
      respond: countdown({ state: "met", text: "已按时完成", ticking: false }),
      restore: countdown({ state: "metLate", text: "超时 12分完成", ticking: false }),
      reportDue: "2026-11-24T10:00:00+08:00",
    });
    const { calls } = await open([faultRow(), restored]);
    expect(queueCalls(calls)[0]!.args).toEqual({ filter: { state: "open", level: null, month: null, text: null } });
    expect(rowsOf().map((r) => r.dataset.testid)).toEqual(["fault-row-GZ-20261123-01", "fault-row-GZ-20261122-03"]);
    const first = byTestId("fault-row-GZ-20261123-01")!.textContent!;
    for (const part of ["GZ-20261123-01", "紧急", "新建", "公文系统无法登录", "张三（办公室）", "公文流转"]) expect(first).toContain(part);
    expect(textOf("countdown-respond-GZ-20261123-01")).toBe("剩余 5分");
    expect(textOf("countdown-restore-GZ-20261123-01")).toBe("剩余 3小时55分");
    expect(byTestId("countdown-respond-GZ-20261123-01")!.textContent).toContain("11月23日 14:10 前");
    expect(byTestId("countdown-restore-GZ-20261122-03")?.dataset.tone).toBe("idle");
    expect(textOf("countdown-restore-GZ-20261122-03")).toBe("超时 12分完成");
    expect(byTestId("report-due-GZ-20261122-03")?.textContent).toBe("故障报告待写 · 11月24日 10:00 前");
    expect(byTestId("report-due-GZ-20261123-01")).toBeNull();
    // Severity colours: the first level red, the second amber.
    expect(byTestId("fault-row-GZ-20261123-01")!.querySelector(".el-tag--danger")?.textContent).toBe("紧急");
    expect(byTestId("fault-row-GZ-20261122-03")!.querySelector(".el-tag--warning")?.textContent).toBe("一般");
    expect(byTestId("fault-count")?.textContent).toBe("共 2 条");
  });

  it("opens a fault by its row, and explains a deadline from the row without opening it", async () => {
    const { router, calls } = await open([faultRow({ id: 7 })]);
    byTestId("countdown-restore-GZ-20261123-01")!.querySelector<HTMLElement>("[data-testid=explain-restore]")!.click();
    await settle();
    expect(router.currentRoute.value.path).toBe("/faults");
    expect(calls.find((c) => c.cmd === "get_fault")?.args).toEqual({ id: 7 });
    expect(byTestId("explanation-text")?.textContent).toContain("恢复时限 4小时（7×24）");
    // The pause counted is listed in the unfolded calculation.
    expect(byTestId("explanation-dialog")!.textContent).toContain("等待用户确认");

    byTestId("fault-row-GZ-20261123-01")!.click();
    await settle();
    expect(router.currentRoute.value.path).toBe("/faults/7");
  });

  it("says so when nothing is open, and sends the filters chosen", async () => {
    const { calls } = await open([]);
    expect(byTestId("fault-queue-empty")?.textContent).toContain("暂无未关闭的故障");

    byTestId("fault-filter-state")!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    byTestId("fault-filter-state-closed")!.click();
    await settle();
    expect(queueCalls(calls).at(-1)!.args.filter).toEqual({ state: "closed", level: null, month: null, text: null });
    expect(byTestId("fault-queue-empty")?.textContent).toContain("没有符合条件的故障");

    byTestId("fault-filter-level")!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    byTestId("fault-filter-level-urgent")!.click();
    await settle();

    const search = inputOf("fault-filter-text");
    search.value = " 公文 ";
    search.dispatchEvent(new Event("input", { bubbles: true }));
    await vi.advanceTimersByTimeAsync(300);
    await settle();
    expect(queueCalls(calls).at(-1)!.args.filter).toEqual({ state: "closed", level: "urgent", month: null, text: "公文" });
  });

  it("reads the queue again when Rust announces a change to faults or notices, and never polls", async () => {
    const { calls } = await open([faultRow()]);
    const before = queueCalls(calls).length;
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    await settle();
    expect(queueCalls(calls).length).toBe(before);
    emitTauriEvent("store-changed", { everything: false, tables: [{ table: "faults", kind: "fault", ids: [1], more: false }] });
    await settle();
    expect(queueCalls(calls).length).toBe(before + 1);
    emitTauriEvent("store-changed", { everything: false, tables: [{ table: "notices", kind: null, ids: [3], more: false }] });
    await settle();
    expect(queueCalls(calls).length).toBe(before + 2);
    // A change no queue shows (a training) reads nothing.
    emitTauriEvent("store-changed", { everything: false, tables: [{ table: "trainings", kind: "training", ids: [2], more: false }] });
    await settle();
    expect(queueCalls(calls).length).toBe(before + 2);
  });

  it("reads the queue once when many clocks pass their nextChangeAt together", async () => {
    const lunch = "2026-11-23T14:05:32+08:00";
    const stopping = (id: number) =>
      faultRow({
        id,
        code: `GZ-20261123-${String(id).padStart(2, "0")}`,
        respond: countdown({ clock: "5x8", nextChangeAt: lunch }),
        restore: countdown({ clock: "5x8", nextChangeAt: lunch, remainingSeconds: 9_000, budgetSeconds: 14_400 }),
      });
    const { calls } = await open([1, 2, 3, 4, 5].map(stopping));
    const before = queueCalls(calls).length;
    await vi.advanceTimersByTimeAsync(3_000);
    await settle();
    expect(queueCalls(calls).length).toBe(before + 1);
  });

  it("1,000 open faults: a tick re-renders the 2,000 clocks and not one row", async () => {
    // Each countdown is one second past a whole minute, so every clock's words change on
    // the next tick (minutes are rounded up: 60m+1 s → "m+1分", 60m s → "m分").
    const rows = Array.from({ length: 1000 }, (_, i) => {
      const m = (i % 50) + 1;
      return faultRow({
        id: i + 1,
        code: `GZ-${String(i + 1).padStart(4, "0")}`,
        title: `故障 ${i + 1}`,
        respond: countdown({ budgetSeconds: 3_600, remainingSeconds: 60 * m + 1 }),
        restore: countdown({ budgetSeconds: 14_400, remainingSeconds: 60 * (m + 60) + 1 }),
      });
    });
    const renders = new Map<string, number>();
    const counter = {
      updated(this: ComponentPublicInstance) {
        const name = (this.$options as { __name?: string; name?: string }).__name ?? this.$options.name ?? "anonymous";
        renders.set(name, (renders.get(name) ?? 0) + 1);
      },
    };
    mockIpc(faultHandlers({ fault_queue: () => rows }));
    await mountApp("/faults", { mixins: [counter] });
    expect(rowsOf()).toHaveLength(1000);
    expect(textOf("countdown-respond-GZ-0001")).toBe("剩余 2分");
    expect(textOf("countdown-restore-GZ-0001")).toBe("剩余 1小时02分");

    renders.clear();
    const started = performance.now();
    await vi.advanceTimersByTimeAsync(1_000);
    const tickMs = performance.now() - started;
    expect(textOf("countdown-respond-GZ-0001")).toBe("剩余 1分");
    expect(textOf("countdown-restore-GZ-0001")).toBe("剩余 1小时01分");
    expect(textOf("countdown-respond-GZ-1000")).toBe("剩余 50分");
    expect(renders.get("CountdownClock")).toBe(2000);
    expect(renders.get("FaultQueueRow")).toBeUndefined();
    expect(renders.get("FaultsView")).toBeUndefined();
    expect([...renders.keys()]).toEqual(["CountdownClock"]);

    // A tick that changes no words re-renders nothing at all.
    renders.clear();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(renders.size).toBe(0);
    console.info(`1,000 rows: one tick re-rendered 2,000 clocks in ${tickMs.toFixed(0)} ms (happy-dom)`);
  });
});

describe("今日 → 未关闭的故障", () => {
  atChinaTimeWithTimers(NOW);

  it("lists the first eight open faults with both clocks, and the reports still to write", async () => {
    const open = Array.from({ length: 10 }, (_, i) => faultRow({ id: i + 1, code: `GZ-20261123-${String(i + 1).padStart(2, "0")}` }));
    const closedOwingReport = faultRow({
      id: 20,
      code: "GZ-20261120-01",
      title: "邮件延迟",
      state: "closed",
      respond: countdown({ state: "met", text: "已按时完成", ticking: false }),
      restore: countdown({ state: "met", text: "已按时完成", ticking: false }),
      reportDue: "2026-11-22T10:00:00+08:00",
    });
    const calls = mockIpc(faultHandlers({ fault_queue: () => [...open, closedOwingReport] }));
    const { router } = await mountApp("/today");
    expect(calls.find((c) => c.cmd === "fault_queue")?.args).toEqual({ filter: { state: "attention", level: null, month: null, text: null } });
    const card = byTestId("today-card-faults")!;
    const shown = [...card.querySelectorAll<HTMLElement>('[data-testid^="fault-row-"]')].map((r) => r.dataset.testid);
    expect(shown).toHaveLength(8);
    expect(shown[0]).toBe("fault-row-GZ-20261123-01");
    expect(shown).not.toContain("fault-row-GZ-20261120-01");
    expect(byTestId("today-fault-count")?.textContent).toBe("10 条");
    expect(textOf("countdown-respond-GZ-20261123-01")).toBe("剩余 5分");
    expect(textOf("countdown-restore-GZ-20261123-01")).toBe("剩余 3小时55分");
    expect(byTestId("today-report-GZ-20261120-01")?.textContent).toContain("应于 2026年11月22日 星期日 10:00 前完成");

    await vi.advanceTimersByTimeAsync(1_000);
    expect(textOf("countdown-respond-GZ-20261123-01")).toBe("剩余 5分");

    byTestId("today-all-faults")!.click();
    await settle();
    expect(router.currentRoute.value.path).toBe("/faults");
  });
});
