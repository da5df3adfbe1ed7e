// 报表导出 test data shaped like Rust's answers for the three-level profile's sheet (seed 001).
import type { ArchiveOverview } from "../src/bindings/ArchiveOverview";
import type { ArchivePreview } from "../src/bindings/ArchivePreview";
import type { AssessmentItemResult } from "../src/bindings/AssessmentItemResult";
import type { AssessmentResult } from "../src/bindings/AssessmentResult";
import type { ManualDeduction } from "../src/bindings/ManualDeduction";
import type { MonthlyReportText } from "../src/bindings/MonthlyReportText";
import type { MonthOverview } from "../src/bindings/MonthOverview";
import type { SheetDeduction } from "../src/bindings/SheetDeduction";
import type { SelfCheckItem } from "../src/bindings/SelfCheckItem";
import type { HandoverPackage } from "../src/bindings/HandoverPackage";
import type { YearSummary } from "../src/bindings/YearSummary";
import { emptyMonthCharts } from "./chart-fixtures";
import { faultHandlers } from "./fault-fixtures";
import type { Handler } from "./helpers";

/** The counted deductions of the shipped three-level sheet (assets/profiles/three-level.json), as Rust sends them. */
export const SHEET_DEDUCTIONS: Record<string, SheetDeduction[]> = {
  attendance: [
    { code: "lateOrEarly", name: "无故迟到、早退", points: 1, unit: "人次" },
    { code: "absent", name: "无故未在岗", points: 1, unit: "人次" },
  ],
  duty: [{ code: "missedDuty", name: "值守缺席", points: 1, unit: "次" }],
  satisfaction: [{ code: "complaint", name: "投诉", points: 1, unit: "次" }],
  slaTime: [
    { code: "breachUrgent", name: "紧急故障超时", points: 1, unit: "次" },
    { code: "breachNormal", name: "一般故障超时", points: 0.5, unit: "次" },
    { code: "breachMinor", name: "轻微故障超时", points: 0.2, unit: "次" },
  ],
};

function item(code: string, name: string, fullPoints: number, basis: string, over: Partial<AssessmentItemResult> = {}): AssessmentItemResult {
  return {
    code,
    name,
    group: name.startsWith("人员考核") ? "人员考核" : null,
    rule: `${name}的考核内容及标准。`,
    fullPoints,
    score: fullPoints,
    lines: [],
    basis,
    deductions: SHEET_DEDUCTIONS[code] ?? [],
    computed: code !== "satisfaction",
    ...over,
  };
}

/** November 2026: one 一般 fault restored late (counted) and one complaint entered by hand. */
export function assessment(over: Partial<AssessmentResult> = {}): AssessmentResult {
  return {
    month: "2026-11",
    profileName: "三级分类",
    totalPoints: 100,
    score: 98.5,
    payPercent: 100,
    passed: true,
    penaltyPercent: 0,
    bandApplies: true,
    bandText: "98.5 分：按合同支付 100%",
    items: [
      item("training", "日常使用培训", 10, "本月培训 2 次。"),
      item("inspection", "日常巡检", 20, "本月完成巡检 57 次。"),
      item("attendance", "人员考核：考勤", 10, "记录中未发现扣分事项。"),
      item("duty", "人员考核：重要时期值守", 10, "记录中未发现扣分事项。"),
      item("satisfaction", "人员考核：满意度", 10, "人工录入（记录无法判定的事项）。", {
        score: 9,
        lines: [{ name: "投诉", count: 1, pointsEach: 1, points: 1, evidence: ["11月12日 财务处投诉响应慢"], manual: true }],
      }),
      item("slaTime", "故障响应与解决时间", 10, "按本月记录计算。", {
        score: 9.5,
        lines: [
          { name: "一般故障超时", count: 1, pointsEach: 0.5, points: 0.5, evidence: ["GZ-20261105-01（一般，恢复超时）"], manual: false },
        ],
      }),
      item("faultRecords", "故障处理", 10, "本月故障 3 起，已完成故障报告 3 份。"),
      item("support", "技术支持", 10, "本月服务记录 14 条。"),
      item("requirementChange", "需求变更", 10, "本月需求变更 2 项，24 小时内响应 2 项。"),
    ],
    ...over,
  };
}

export const MANUAL: ManualDeduction[] = [
  { id: 7, itemCode: "satisfaction", deductionCode: "complaint", count: 1, points: 0, note: "11月12日 财务处投诉响应慢", deletedAt: null },
];

export function reportText(over: Partial<MonthlyReportText> = {}): MonthlyReportText {
  return {
    month: "2026-11",
    overview: "本月平台运行平稳。",
    workSummary: "第一周：完成公文传输模块升级。",
    loadBackup: "",
    problems: "",
    majorIncidents: "",
    userFeedback: "",
    loginsDocs: "",
    nextPlan: "",
    updatedAt: "2026-11-28T08:30:00Z",
    ...over,
  };
}

export const SELF_CHECK: SelfCheckItem[] = [
  { kind: "inspection", message: "有 1 个工作日的日常巡检未全部完成：20日缺 1 次。", record: null },
  { kind: "faultReport", message: "故障 GZ-20261123-01（公文系统无法登录）还没有完成故障报告。", record: { kind: "fault", id: 1 } },
];

/** The 报表导出 page's one read of a month: the sheet above, the complaint, nothing missing, the report. */
export function overview(over: Partial<MonthOverview> = {}, month = "2026-11"): MonthOverview {
  return {
    month,
    assessment: assessment({ month }),
    manualDeductions: MANUAL,
    selfCheck: [],
    report: reportText({ month }),
    charts: emptyMonthCharts(),
    delivery: null,
    ...over,
  };
}

/** Every command the export page and 今日 call, over the fault module's ready-store handlers. */
export function exportHandlers(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return faultHandlers({
    month_overview: (args) => overview({}, args.month as string),
    month_assessment: () => assessment(),
    // A monthly contract: no period panel above the month's sheet.
    period_assessment: () => null,
    save_monthly_report: (args) => ({ ...(args.input as MonthlyReportText), updatedAt: "2026-12-03T02:10:00Z" }),
    export_month: () => null,
    // A month outside the contract's term until a test says otherwise.
    year_summary: () => null,
    open_export: () => null,
    archive_overview: () => archiveOverview(),
    record_history: () => [],
    preview_archive: () => archivePreview(),
    ...extra,
  });
}

/** 团队归档 as a workstation with nothing imported yet. */
export function archiveOverview(extra: Partial<ArchiveOverview> = {}): ArchiveOverview {
  return {
    station: "3f9a12c4",
    imports: [],
    conflicts: [],
    openConflicts: 0,
    ...extra,
  };
}

/** Another engineer's November archive of the same project. */
export function archivePreview(extra: Partial<ArchivePreview> = {}): ArchivePreview {
  return {
    exportedBy: "李工",
    exportedAt: "2026-12-02T09:00:00Z",
    projectName: "协同办公平台运维服务项目",
    otherProject: false,
    fromThisStation: false,
    from: "2026-11-01",
    to: "2026-11-30",
    counts: [
      { table: "faults", label: "故障", rows: 12 },
      { table: "work_logs", label: "工作日志", rows: 20 },
    ],
    files: 3,
    definitionChanges: [],
    ...extra,
  };
}

/** The 2026 service year up to 30 November under seed 003 (95 % availability floor): 公文传输 below it. */
export function yearSummary(over: Partial<YearSummary> = {}): YearSummary {
  return {
    start: "2026-01-01",
    end: "2026-12-31",
    through: "2026-11-30",
    measuredFrom: "2026-01-01",
    label: "2026年度",
    profileName: "四级分类",
    faults: 9,
    byLevel: [
      { level: "level1", levelName: "一级", faults: 2, respondLate: 0, restoreLate: 1, open: 0 },
      { level: "level2", levelName: "二级", faults: 3, respondLate: 1, restoreLate: 0, open: 1 },
      { level: "level3", levelName: "三级", faults: 4, respondLate: 0, restoreLate: 0, open: 0 },
      { level: "level4", levelName: "四级", faults: 0, respondLate: 0, restoreLate: 0, open: 0 },
    ],
    byType: [],
    outageLevels: ["level1"],
    availability: [
      { system: "公文传输", outages: 2, outageMinutes: 24_480, availabilityPercent: 94.91, belowFloor: true },
      { system: "综合办公", outages: 0, outageMinutes: 0, availabilityPercent: 100, belowFloor: false },
    ],
    availabilityFloorPercent: 95,
    inspectionsDone: 236,
    inspectionSlotsMissed: 3,
    trainings: 4,
    trainingAttendees: 87,
    trainingPlan: null,
    trainingShort: [],
    changes: 6,
    changesLate: 1,
    hotlineCalls: 120,
    repairs: 15,
    consultations: 30,
    complaints: 2,
    complaintsNotCounted: 1,
    ratedSatisfied: 3,
    ratedBasic: 1,
    ratedUnsatisfied: 0,
    faqAdded: 12,
    ...over,
  };
}

/** The handover folder as Rust writes it (paths relative to the folder). */
export const HANDOVER: HandoverPackage = {
  folder: "/home/test/.local/share/dutydesk-test/exports/协同办公平台运维服务项目_合同期移交资料_2026",
  files: [
    { path: "00_目录.xlsx", content: "移交资料目录" },
    { path: "运维记录/运维记录_2026-01.xlsx", content: "2026年1月运维记录" },
    { path: "年度总结报告_2026年度.xlsx", content: "年度总结报告" },
    { path: "常见问题及解决方案.xlsx", content: "全部常见问题 12 条" },
  ],
};
