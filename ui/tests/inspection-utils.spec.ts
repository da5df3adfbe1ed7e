// The inspection module's words and rules: schedules in Chinese, thresholds, what a probe
// measured, the due list's order and ids, and the template editor's conversion.
import { describe, expect, it } from "vitest";
import type { Schedule } from "../src/bindings/Schedule";
import type { TemplateItem } from "../src/bindings/TemplateItem";
import {
  describeSchedule,
  dueRowIds,
  isAbnormalValue,
  measuredText,
  overdueFirst,
  slotText,
  thresholdText,
} from "../src/utils/inspections";
import { draftFromTemplate, splitTimes, templateFromDraft } from "../src/utils/templateDraft";
import { DAILY, DUE_TODAY, probeResult } from "./inspection-fixtures";

describe("describeSchedule", () => {
  it.each<[Schedule, string]>([
    [{ type: "timesPerWorkingDay", times: ["09:30", "14:00", "16:30"] }, "每个工作日 09:30、14:00、16:30"],
    [{ type: "perWeek", count: 3 }, "每周 3 次（工作日）"],
    [{ type: "weekly", weekday: 5 }, "每周五"],
    [{ type: "weekly", weekday: 7 }, "每周日"],
    [{ type: "monthly", day: 25 }, "每月 25 日"],
    [{ type: "quarterly", day: 20 }, "每季度末月 20 日"],
    [{ type: "beforeHoliday" }, "节假日前最后一个工作日"],
    [{ type: "none" }, "不定期（手动开始）"],
  ])("%j → %s", (schedule, text) => {
    expect(describeSchedule(schedule)).toBe(text);
  });
});

const seconds: TemplateItem = { key: "sign-refresh", label: "签章服务 刷新时间", kind: "seconds", required: true, unit: "秒", warnAbove: 3, probe: "签章服务", measure: "ttfb" };

describe("thresholds and probe measurements", () => {
  it("judges like Rust: above warnAbove or below warnBelow", () => {
    expect(isAbnormalValue(seconds, 3)).toBe(false);
    expect(isAbnormalValue(seconds, 3.01)).toBe(true);
    expect(isAbnormalValue({ ...seconds, warnAbove: null, warnBelow: 10 }, 9)).toBe(true);
    expect(thresholdText(seconds)).toBe("正常 ≤ 3 秒");
    expect(thresholdText({ ...seconds, unit: "%", warnBelow: 10, warnAbove: 85 })).toBe("正常范围 10–85 %");
    expect(thresholdText({ ...seconds, warnAbove: null })).toBe("");
  });

  it("reads the probe time the item takes (ttfb or total), rounded as Rust stores it", () => {
    expect(measuredText(seconds, probeResult({ ttfbMs: 184 }))).toBe("探测 0.18 秒，正常");
    expect(measuredText({ ...seconds, measure: "total" }, probeResult({ totalMs: 3525 }))).toBe("探测 3.53 秒，超过上限 3 秒");
    expect(measuredText(seconds, probeResult({ ok: false, outcome: "dns", message: "找不到主机。" }))).toBe("探测失败（域名解析失败）：找不到主机。");
    expect(measuredText({ ...seconds, kind: "check" }, probeResult())).toBe("探测正常（0.42 秒）");
  });

  it("names the slot a record fulfils", () => {
    expect(slotText("2026-11-23@14:00")).toBe("计划 14:00");
    expect(slotText("adhoc:2026-11-23T14:05:30+08:00")).toBe("临时巡检（计划外）");
    expect(slotText("2026-W48")).toBe("本周");
    expect(slotText("2026-Q4")).toBe("2026 年第 4 季度");
  });
});

describe("due list order and ids", () => {
  it("puts overdue first and keeps per-template ids from Rust's order", () => {
    const sorted = overdueFirst(DUE_TODAY);
    expect(sorted[0]!.state).toBe("overdue");
    const ids = dueRowIds(DUE_TODAY);
    expect(sorted.map((d) => ids.get(d))).toEqual([
      "due-row-daily-0",
      "due-row-monitoring-0",
      "due-row-monitoring-1",
      "due-row-daily-1",
      "due-row-daily-2",
      "due-row-weekly-0",
    ]);
  });
});

describe("template editor conversion", () => {
  it("round-trips a template unchanged", () => {
    const { template, errors } = templateFromDraft(DAILY, draftFromTemplate(DAILY));
    expect(errors).toEqual({});
    expect(template).toEqual(DAILY);
  });

  it("reports a threshold that is not a number under its field, and drops fields a kind does not use", () => {
    const d = draftFromTemplate(DAILY);
    d.sections[2]!.items[0]!.warnAbove = "八十五";
    d.sections[1]!.items[0]!.unit = "%";
    d.scheduleType = "monthly";
    d.day = 25;
    const { template, errors } = templateFromDraft(DAILY, d);
    expect(errors).toEqual({ "sections.2.items.0.warnAbove": "“八十五”不是数字，请填写数字或留空。" });
    expect(template.sections[1]!.items[0]).toEqual({ key: "fn-doc", label: "公文传输（收文、发文、流转）", kind: "check", required: true });
    expect(template.schedule).toEqual({ type: "monthly", day: 25 });
  });

  it("splits typed times on Chinese and Latin separators", () => {
    expect(splitTimes("09:30、14:00，16:30 17:00,18:00")).toEqual(["09:30", "14:00", "16:30", "17:00", "18:00"]);
  });
});
