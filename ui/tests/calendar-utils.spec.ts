import { describe, expect, it } from "vitest";
import { describeDay, formatFromFileName, monthGrids, sourceLabel, yearFromFileName } from "../src/utils/calendar";
import { yearDays } from "./fixtures";

describe("calendar helpers", () => {
  it("lays out months Monday first with the right padding", () => {
    const grids = monthGrids(yearDays(2026));
    expect(grids.map((g) => g.month)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12]);
    // 2026-01-01 Thursday, 2026-02-01 Sunday, 2026-06-01 Monday.
    const lead = (m: number) => grids[m - 1]!.cells.findIndex((c) => c !== null);
    expect([lead(1), lead(2), lead(6)]).toEqual([3, 6, 0]);
    expect(grids[1]!.cells.filter(Boolean)).toHaveLength(28);
    expect(grids.reduce((n, g) => n + g.cells.filter(Boolean).length, 0)).toBe(365);
  });

  it("describes a day for its tooltip", () => {
    expect(describeDay({ date: "2026-10-10", isWorkingDay: true, basis: "officialMakeUpDay", name: "国庆节" })).toBe(
      "2026年10月10日 星期六 · 国庆节 · 调休上班",
    );
    expect(describeDay({ date: "2026-10-11", isWorkingDay: false, basis: "weekend", name: null })).toBe("2026年10月11日 星期日 · 周末休息");
  });

  it("infers the import format and year from the file name", () => {
    expect(formatFromFileName("2027.JSON")).toBe("holidayCnJson");
    expect(formatFromFileName("holiday-cn.ics")).toBe("ics");
    expect(formatFromFileName("notice.txt")).toBeNull();
    expect(yearFromFileName("2027.json")).toBe(2027);
    expect(yearFromFileName("holiday-cn-2027-v2.ics")).toBe(2027);
    expect(yearFromFileName("holiday-cn.ics")).toBeNull();
    expect(yearFromFileName("12027.json")).toBeNull();
  });

  it("names the sources", () => {
    expect(sourceLabel("builtin")).toBe("程序内置");
    expect(sourceLabel("ics")).toContain(".ics");
    expect(sourceLabel(null)).toBe("未导入");
  });
});
