// Changes announced, not polled: which areas a batch from Rust touches, and when the due list
// re-reads by time alone.
import { describe, expect, it } from "vitest";
import { createPinia, setActivePinia } from "pinia";
import { areasOf, useChangesStore } from "../src/stores/changes";
import { untilNextDue } from "../src/composables/useDueInspections";
import type { DueInspection } from "../src/bindings/DueInspection";
import { emitTauriEvent } from "./tauri-events";

const batch = (...tables: string[]) => ({
  everything: false,
  tables: tables.map((table) => ({ table, kind: null, ids: [1], more: false })),
});

describe("areasOf", () => {
  it("maps tables to the areas that show them, and any record change to the month's report", () => {
    expect([...areasOf(batch("fault_events"))].sort()).toEqual(["faults", "reports"]);
    expect([...areasOf(batch("notices"))]).toEqual(["notices"]);
    expect([...areasOf(batch("work_logs"))].sort()).toEqual(["attendance", "reports"]);
    expect([...areasOf(batch("archive_imports"))]).toEqual(["trust"]);
    // Complaints cost 满意度 points and draw cards: 今日 and 报表导出 read them again.
    expect([...areasOf(batch("complaints"))].sort()).toEqual(["complaints", "reports"]);
  });

  it("treats a restore, and a table it does not know, as everything", () => {
    expect(areasOf({ everything: true, tables: [] }).size).toBe(11);
    expect(areasOf(batch("releases")).size).toBe(11);
  });
});

describe("the changes store", () => {
  it("counts each announced batch once per area it touches", async () => {
    setActivePinia(createPinia());
    const changes = useChangesStore();
    await changes.start();
    await changes.start(); // a second caller shares the one listener
    emitTauriEvent("store-changed", batch("faults", "fault_events"));
    expect(changes.seen.faults).toBe(1);
    expect(changes.version("faults", "notices")).toBe(1);
    expect(changes.seen.tickets).toBe(0);
  });
});

describe("untilNextDue", () => {
  const row = (dueAt: string, overdueAt = dueAt, startsAt: string | null = null) =>
    ({ dueAt, overdueAt, startsAt }) as DueInspection;
  const now = Date.parse("2026-11-23T09:00:00+08:00");

  it("waits until the next slot still ahead, one second past it", () => {
    expect(untilNextDue([row("2026-11-23T08:30:00+08:00"), row("2026-11-23T09:30:00+08:00")], now)).toBe(
      30 * 60_000 + 1000,
    );
  });

  it("also wakes when a slot turns 已超时 (its grace ends) or opens", () => {
    // Due at 08:30, overdue at 09:30: the list changes at 09:30 even though dueAt has passed.
    expect(untilNextDue([row("2026-11-23T08:30:00+08:00", "2026-11-23T09:30:00+08:00")], now)).toBe(
      30 * 60_000 + 1000,
    );
    expect(
      untilNextDue([row("2026-11-23T18:00:00+08:00", "2026-11-23T19:00:00+08:00", "2026-11-23T09:10:00+08:00")], now),
    ).toBe(10 * 60_000 + 1000);
  });

  it("waits for China's midnight when no slot is ahead, and never more than an hour", () => {
    const late = Date.parse("2026-11-23T23:50:00+08:00");
    expect(untilNextDue([], late)).toBe(10 * 60_000 + 1000);
    expect(untilNextDue([], now)).toBe(60 * 60_000);
  });
});
