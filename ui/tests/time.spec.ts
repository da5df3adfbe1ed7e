import { afterEach, describe, expect, it } from "vitest";
import {
  chinaDateTimeValue,
  contractStanding,
  formatDeadline,
  formatIsoDateWithWeekday,
  formatTimeOfDay,
  isoDateMondayIndex,
  daysBetween,
  formatCountdown,
  formatDateTime,
  formatDuration,
  formatIsoDate,
  formatTimestamp,
  greeting,
} from "../src/utils/time";
import { formatBytes } from "../src/utils/format";

const MIN = 60_000;

describe("Chinese date/time, always in Beijing time", () => {
  const originalTz = process.env.TZ;
  afterEach(() => {
    process.env.TZ = originalTz;
  });

  it("formats 2026-11-23 14:05 +08:00 the Chinese way", () => {
    expect(formatDateTime(new Date("2026-11-23T14:05:00+08:00"))).toBe("2026年11月23日 星期一 14:05");
  });

  it("does not depend on the machine's time zone", () => {
    const instant = new Date("2026-11-23T06:05:00Z");
    for (const tz of ["UTC", "America/New_York", "Asia/Tokyo", "Pacific/Kiritimati"]) {
      process.env.TZ = tz;
      expect(formatDateTime(instant)).toBe("2026年11月23日 星期一 14:05");
    }
  });

  it("rolls over to the next day at Beijing midnight", () => {
    expect(formatDateTime(new Date("2026-11-23T16:00:00Z"))).toBe("2026年11月24日 星期二 00:00");
    expect(formatDateTime(new Date("2026-11-23T15:59:00Z"))).toBe("2026年11月23日 星期一 23:59");
  });

  it("formats Rust timestamps and leaves unparseable ones as they are", () => {
    expect(formatTimestamp("2026-11-22T10:00:00Z")).toBe("2026年11月22日 星期日 18:00");
    expect(formatTimestamp("昨天")).toBe("昨天");
  });

  it("formats calendar dates without leading zeros", () => {
    expect(formatIsoDate("2026-01-05")).toBe("2026年1月5日");
    expect(formatIsoDate("2026-02-30")).toBe("2026-02-30");
    expect(formatIsoDate("")).toBe("");
  });

  it("greets by the Beijing hour", () => {
    expect(greeting(new Date("2026-11-23T08:00:00+08:00"))).toBe("早上好");
    expect(greeting(new Date("2026-11-23T15:00:00+08:00"))).toBe("下午好");
  });
});

describe("durations", () => {
  it("shows time left and time overdue", () => {
    const now = new Date("2026-11-23T14:00:00+08:00");
    expect(formatCountdown(new Date(now.getTime() + 65 * MIN), now)).toBe("剩余 1小时05分");
    expect(formatCountdown(new Date(now.getTime() - 12 * MIN), now)).toBe("已超时 12分");
  });

  it("rounds down to whole minutes and drops minutes from one day on", () => {
    expect(formatDuration(59_999)).toBe("0分");
    expect(formatDuration(12 * MIN + 59_000)).toBe("12分");
    expect(formatDuration(60 * MIN)).toBe("1小时00分");
    expect(formatDuration((24 * 60 + 61) * MIN)).toBe("1天1小时");
  });
});

describe("contract period", () => {
  it("counts whole days between calendar dates", () => {
    expect(daysBetween("2026-11-23", "2026-12-31")).toBe(38);
    expect(daysBetween("2026-12-31", "2026-11-23")).toBe(-38);
    expect(daysBetween("2026-11-23", "bad")).toBeNull();
  });

  it("uses the Beijing date, not the UTC date", () => {
    // 2026-12-30 23:30 UTC is already 12-31 in Beijing: the last day.
    expect(contractStanding("2026-01-01", "2026-12-31", new Date("2026-12-30T17:30:00Z"))).toEqual({
      kind: "running",
      daysRemaining: 0,
    });
  });

  it("knows before, during, after and unknown", () => {
    const now = new Date("2026-11-23T10:00:00+08:00");
    expect(contractStanding("2027-01-01", "2027-12-31", now)).toEqual({ kind: "notStarted", daysUntilStart: 39 });
    expect(contractStanding("2026-01-01", "2026-12-31", now)).toEqual({ kind: "running", daysRemaining: 38 });
    expect(contractStanding("2025-01-01", "2025-12-31", now)).toEqual({ kind: "ended", daysSinceEnd: 327 });
    expect(contractStanding("", "2026-12-31", now)).toEqual({ kind: "unknown" });
  });
});

describe("file sizes", () => {
  it("uses B, KB and MB", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(812_345)).toBe("793.3 KB");
    expect(formatBytes(1_843_200)).toBe("1.8 MB");
  });
});

describe("deadlines and calendar dates", () => {
  it("formats a deadline with fixed-width date and weekday, and null as 按需", () => {
    expect(formatDeadline("2026-10-09T18:00:00+08:00")).toBe("2026年10月09日 星期五 18:00");
    expect(formatDeadline("2026-10-08T01:55:00Z")).toBe("2026年10月08日 星期四 09:55");
    expect(formatDeadline(null)).toBe("按需");
    expect(formatDeadline("不是时间")).toBe("不是时间");
  });

  it("reads the time of day in Beijing", () => {
    expect(formatTimeOfDay("2026-10-08T04:00:00Z")).toBe("12:00");
  });

  it("starts a datetime field at the current Beijing wall time", () => {
    expect(chinaDateTimeValue(new Date("2026-11-23T06:05:30Z"))).toBe("2026-11-23T14:05:00");
  });

  it("knows the weekday of a calendar date, Monday first", () => {
    expect(isoDateMondayIndex("2026-01-01")).toBe(3);
    expect(isoDateMondayIndex("2026-10-12")).toBe(0);
    expect(isoDateMondayIndex("2026-10-11")).toBe(6);
    expect(isoDateMondayIndex("1969-12-29")).toBe(0);
    expect(isoDateMondayIndex("2026-02-30")).toBeNull();
    expect(formatIsoDateWithWeekday("2026-10-01")).toBe("2026年10月1日 星期四");
  });
});
