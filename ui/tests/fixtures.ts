// Test data shaped like the Rust answers (bindings in src/bindings).
import type { AppStatus } from "../src/bindings/AppStatus";
import type { CalendarDayView } from "../src/bindings/CalendarDayView";
import type { CalendarYearSummary } from "../src/bindings/CalendarYearSummary";
import type { CalendarYearView } from "../src/bindings/CalendarYearView";
import type { DeadlinePreview } from "../src/bindings/DeadlinePreview";
import type { LevelSummary } from "../src/bindings/LevelSummary";
import type { ProfileSummary } from "../src/bindings/ProfileSummary";
import type { TargetValue } from "../src/bindings/TargetValue";
import type { ProjectSettings } from "../src/bindings/ProjectSettings";

export const DATA_DIR = "/home/test/.local/share/dutydesk-test";

export function status(state: AppStatus["state"], extra: Partial<AppStatus> = {}): AppStatus {
  return { state, message: null, dataDir: DATA_DIR, schemaVersion: 1, backups: [], ...extra };
}

/** A target in words ("10分钟（7×24）", "5个工作日（5×8）", "按需") as the editable value Rust sends along. */
function target(text: string): TargetValue {
  const days = /^(\d+)个工作日/.exec(text);
  if (days) return { kind: "workingDays", minutes: null, clock: null, days: Number(days[1]) };
  const m = /^(\d+)(分钟|小时)（(7×24|5×8)）$/.exec(text);
  if (m) {
    const minutes = Number(m[1]) * (m[2] === "小时" ? 60 : 1);
    return { kind: "minutes", minutes, clock: m[3] === "7×24" ? "7x24" : "5x8", days: null };
  }
  return { kind: "onDemand", minutes: null, clock: null, days: null };
}

function level(code: string, name: string, description: string, respond: string, restore: string): LevelSummary {
  return { code, name, description, respond, restore, respondTarget: target(respond), restoreTarget: target(restore) };
}

export const PROFILES: ProfileSummary[] = [
  {
    id: "three-level",
    name: "三级分类",
    description: "紧急、一般、轻微三级。",
    version: 1,
    source: "种子 000、001",
    levels: ["紧急", "一般", "轻微"],
    levelTargets: [
      level("urgent", "紧急", "系统宕机、无法启用。", "10分钟（7×24）", "4小时（7×24）"),
      level("normal", "一般", "非致命错误。", "30分钟（7×24）", "8小时（7×24）"),
      level("minor", "轻微", "易用性改进。", "按需", "按需"),
    ],
    rules: [{ code: "requirementChange", name: "需求变更响应", target: "24小时（7×24）" }],
    businessHours: "09:00–12:00、13:00–18:00",
    businessWindows: [
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "18:00" },
    ],
    hasAssessment: true,
    assessmentPeriod: "year",
    assessmentPeriodLabel: "年度",
    pauseStopsClock: false,
    hasCards: false,
    faultTypes: [],
    builtin: true,
  },
  {
    id: "four-level",
    name: "四级分类",
    description: "一级至四级。",
    version: 2,
    source: "种子 003",
    levels: ["一级", "二级", "三级", "四级"],
    levelTargets: [
      level("level1", "一级", "系统瘫痪。", "5分钟（7×24）", "1小时（7×24）"),
      level("level2", "二级", "部分退化。", "5分钟（7×24）", "90分钟（7×24）"),
      level("level3", "三级", "部分功能异常。", "30分钟（7×24）", "24小时（7×24）"),
      level("level4", "四级", "影响很小。", "1小时（5×8）", "5个工作日（5×8）"),
    ],
    rules: [],
    businessHours: "09:00–12:00、13:00–18:00",
    businessWindows: [
      { start: "09:00", end: "12:00" },
      { start: "13:00", end: "18:00" },
    ],
    hasAssessment: false,
    assessmentPeriod: null,
    assessmentPeriodLabel: null,
    pauseStopsClock: false,
    hasCards: true,
    faultTypes: [],
    builtin: true,
  },
];

/** The official 2026 days around 国庆节 (a subset of assets/holidays/2026.json). */
export const OFFICIAL_2026: Record<string, { name: string; isOffDay: boolean }> = {
  "2026-09-20": { name: "国庆节", isOffDay: false },
  "2026-09-25": { name: "中秋节", isOffDay: true },
  "2026-10-01": { name: "国庆节", isOffDay: true },
  "2026-10-02": { name: "国庆节", isOffDay: true },
  "2026-10-03": { name: "国庆节", isOffDay: true },
  "2026-10-04": { name: "国庆节", isOffDay: true },
  "2026-10-05": { name: "国庆节", isOffDay: true },
  "2026-10-06": { name: "国庆节", isOffDay: true },
  "2026-10-07": { name: "国庆节", isOffDay: true },
  "2026-10-10": { name: "国庆节", isOffDay: false },
};

const pad2 = (n: number) => String(n).padStart(2, "0");

/** Every day of `year` the way get_calendar_year classifies it. */
export function yearDays(
  year: number,
  official: Record<string, { name: string; isOffDay: boolean }> = {},
  overrides: Record<string, { isWorkingDay: boolean; reason: string }> = {},
): CalendarDayView[] {
  const days: CalendarDayView[] = [];
  for (let t = Date.UTC(year, 0, 1); new Date(t).getUTCFullYear() === year; t += 86_400_000) {
    const d = new Date(t);
    const date = `${year}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}`;
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const o = overrides[date];
    const off = official[date];
    if (o) {
      days.push({ date, isWorkingDay: o.isWorkingDay, basis: o.isWorkingDay ? "localWorkingDay" : "localClosure", name: o.reason });
    } else if (off) {
      days.push({ date, isWorkingDay: !off.isOffDay, basis: off.isOffDay ? "officialOffDay" : "officialMakeUpDay", name: off.name });
    } else {
      days.push({ date, isWorkingDay: !weekend, basis: weekend ? "weekend" : "weekday", name: null });
    }
  }
  return days;
}

export function yearView(year: number, loaded: boolean, overrides: Record<string, { isWorkingDay: boolean; reason: string }> = {}): CalendarYearView {
  const days = yearDays(year, loaded && year === 2026 ? OFFICIAL_2026 : {}, overrides);
  return {
    year,
    loaded,
    source: loaded ? "builtin" : null,
    papers: loaded ? ["https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm"] : [],
    importedAt: loaded ? "2026-11-20T01:30:00+00:00" : null,
    warning: loaded ? null : `${year}年的节假日安排尚未导入，已按周一至周五计算工作日`,
    workingDays: days.filter((d) => d.isWorkingDay).length,
    days,
  };
}

export const CALENDAR_YEARS: CalendarYearSummary[] = [2023, 2024, 2025, 2026].map((year) => ({
  year,
  source: "builtin",
  importedAt: "2026-11-20T01:30:00+00:00",
  offDays: 30,
  makeUpDays: 8,
}));

/** JSON numbers where ts-rs says bigint (i64): what really crosses IPC. */

/** preview_deadlines four-level / 四级 / 2026-09-30 17:55, as the Rust engine answers. */
export const PREVIEW_LEVEL4: DeadlinePreview = {
  profileId: "four-level",
  profileVersion: 2,
  level: "level4",
  levelName: "四级",
  reportedAt: "2026-09-30T17:55:00+08:00",
  respondBy: "2026-10-08T09:55:00+08:00",
  restoreBy: "2026-10-13T18:00:00+08:00",
  respond: {
    targetText: "1小时（5×8）",
    clock: "5x8",
    startedAt: "2026-09-30T17:55:00+08:00",
    countingFrom: "2026-09-30T17:55:00+08:00",
    deadline: "2026-10-08T09:55:00+08:00",
    segments: [
      { start: "2026-09-30T17:55:00+08:00", end: "2026-09-30T18:00:00+08:00", minutes: 5 },
      { start: "2026-10-08T09:00:00+08:00", end: "2026-10-08T09:55:00+08:00", minutes: 55 },
    ],
    calendarDays: [
      { date: "2026-10-01", weekday: "星期四", name: "国庆节", isWorkingDay: false },
      { date: "2026-10-07", weekday: "星期三", name: "国庆节", isWorkingDay: false },
    ],
    pauses: [],
    profileId: "four-level",
    profileVersion: 2,
    warnings: [],
    summary:
      "响应时限 1小时（5×8），仅计工作日的 09:00–12:00、13:00–18:00。2026年9月30日 星期三 17:55 起算；期间10月1日至10月7日国庆节休息；截止 2026年10月8日 星期四 09:55。",
  },
  restore: {
    targetText: "5个工作日（5×8）",
    clock: "5x8",
    startedAt: "2026-09-30T17:55:00+08:00",
    countingFrom: "2026-10-08T09:00:00+08:00",
    deadline: "2026-10-13T18:00:00+08:00",
    segments: [
      { start: "2026-10-08T09:00:00+08:00", end: "2026-10-08T12:00:00+08:00", minutes: 180 },
      { start: "2026-10-08T13:00:00+08:00", end: "2026-10-08T18:00:00+08:00", minutes: 300 },
    ],
    calendarDays: [
      { date: "2026-10-01", weekday: "星期四", name: "国庆节", isWorkingDay: false },
      { date: "2026-10-10", weekday: "星期六", name: "国庆节", isWorkingDay: true },
    ],
    pauses: [],
    profileId: "four-level",
    profileVersion: 2,
    warnings: ["演示警告：仅用于测试"],
    summary:
      "恢复时限 5个工作日（5×8），仅计工作日的 09:00–12:00、13:00–18:00。2026年9月30日 星期三 17:55 起算，2026年10月8日 星期四 09:00 开始计时，第 5 个工作日下班时到期；期间10月1日至10月7日国庆节休息、10月10日国庆节上班；截止 2026年10月13日 星期二 18:00。",
  },
  // No pause recorded; no shipped profile lets a pause stop the clock.
  recordedPauses: [],
  pausesStopClock: false,
  warnings: ["演示警告：仅用于测试"],
};

export const SETTINGS: ProjectSettings = {
  projectName: "协同办公平台运维服务项目",
  clientName: "测试市人民政府办公室",
  vendorName: "测试信息技术有限公司",
  contractStart: "2026-01-01",
  contractEnd: "2026-12-31",
  profileId: "three-level",
  engineers: [
    { id: 1, name: "王工", phone: "13812345678", role: "项目经理" },
    { id: 2, name: "赵工", phone: "01087654321", role: "驻场工程师" },
  ],
  updatedAt: "2026-11-20T09:30:00+08:00",
};

/** A custom profile as list_profiles returns it after a copy of 四级分类 was saved twice. */
export const CUSTOM_PROFILE: ProfileSummary = {
  ...PROFILES[1]!,
  id: "custom-1",
  name: "本项目四级事件响应",
  description: "按本合同第七条。",
  version: 2,
  source: "自定义，基于“四级分类”（种子 003）",
  levelTargets: [
    level("level1", "一级", "系统瘫痪。", "5分钟（7×24）", "2小时（7×24）"),
    level("level2", "二级", "部分退化。", "5分钟（7×24）", "90分钟（7×24）"),
    level("level3", "三级", "部分功能异常。", "30分钟（7×24）", "24小时（7×24）"),
    level("level4", "四级", "影响很小。", "1小时（5×8）", "5个工作日（5×8）"),
  ],
  builtin: false,
};
