// Inspections shaped like Rust's answers (bindings Template, DueInspection, InspectionRecordView …).
// The clock stands at 2026-11-23 14:05:30 Beijing time, a Monday (a working day).
import type { AnswerView } from "../src/bindings/AnswerView";
import type { DueInspection } from "../src/bindings/DueInspection";
import type { InspectionRecordView } from "../src/bindings/InspectionRecordView";
import type { ProbeResult } from "../src/bindings/ProbeResult";
import type { ProbeTarget } from "../src/bindings/ProbeTarget";
import type { Template } from "../src/bindings/Template";
import { LEVELS } from "./fault-fixtures";
import { PROFILES, SETTINGS, status } from "./fixtures";
import type { Handler } from "./helpers";

export const NOW = "2026-11-23T14:05:30+08:00";

/** A shortened 日常巡检 (assets/templates/daily.json): one item of each kind. */
export const DAILY: Template = {
  id: "daily",
  name: "日常巡检",
  kind: "daily",
  version: 1,
  description: "关键服务、核心功能、服务器、数据库、日志、系统对接、数据交换和备份的日常检查，形成《软件巡检记录单》。",
  source: "种子 000、种子 002",
  schedule: { type: "timesPerWorkingDay", times: ["09:30", "14:00", "16:30"] },
  builtin: true,
  sections: [
    {
      title: "一、关键服务巡检（可用性、响应速度、稳定性）",
      items: [
        { key: "svc-sign", label: "签章服务响应时间", kind: "seconds", unit: "秒", warnAbove: 3, required: true, probe: "签章服务", measure: "total" },
      ],
    },
    {
      title: "二、核心系统功能巡检",
      items: [{ key: "fn-doc", label: "公文传输（收文、发文、流转）", kind: "check", required: true }],
    },
    {
      title: "三、服务器",
      items: [{ key: "srv-disk", label: "磁盘使用率（最高分区）", kind: "number", unit: "%", warnAbove: 85, required: true }],
    },
    {
      title: "七、其他",
      items: [
        { key: "other", label: "其他情况说明", kind: "text", required: false },
        { key: "screenshot", label: "巡检截图", kind: "attachment", required: false },
      ],
    },
  ],
};

/** 系统监测日志 (assets/templates/monitoring.json), two of its services. */
export const MONITORING: Template = {
  id: "monitoring",
  name: "系统监测日志",
  kind: "monitoring",
  version: 1,
  description: "每个工作日 3 次对各子服务进行监测。",
  source: "种子 004",
  schedule: { type: "timesPerWorkingDay", times: ["09:00", "13:30", "17:00"] },
  builtin: true,
  sections: [
    {
      title: "签章服务",
      system: "一体化协同办公平台",
      items: [
        { key: "sign-refresh", label: "签章服务 刷新时间", kind: "seconds", unit: "秒", warnAbove: 3, required: true, probe: "签章服务", measure: "ttfb" },
        { key: "sign-login", label: "签章服务 登录时间", kind: "seconds", unit: "秒", warnAbove: 5, required: true, probe: "签章服务", measure: "total" },
      ],
    },
    {
      title: "短信服务",
      system: "一体化协同办公平台",
      items: [
        { key: "sms-refresh", label: "短信服务 刷新时间", kind: "seconds", unit: "秒", warnAbove: 3, required: true, probe: "短信服务", measure: "ttfb" },
        { key: "sms-login", label: "短信服务 登录时间", kind: "seconds", unit: "秒", warnAbove: 5, required: true, probe: "短信服务", measure: "total" },
      ],
    },
  ],
};

export const WEEKLY: Template = {
  ...DAILY,
  id: "weekly",
  name: "周巡检",
  kind: "weekly",
  schedule: { type: "weekly", weekday: 5 },
  sections: [{ title: "一、平台运行", items: [{ key: "wk-app", label: "应用运行状态", kind: "check", required: true }] }],
};

export function due(over: Partial<DueInspection> = {}): DueInspection {
  const dueAt = over.dueAt ?? "2026-11-23T09:30:00+08:00";
  return {
    templateId: "daily",
    templateName: "日常巡检",
    kind: "daily",
    slot: "2026-11-23@09:30",
    slotLabel: "09:30（第 1 次）",
    dueAt,
    // Rust's grace: an hour after the due time a slot not done turns 已超时.
    overdueAt: new Date(Date.parse(dueAt) + 3600_000).toISOString(),
    startsAt: null,
    state: "due",
    recordId: null,
    number: null,
    ...over,
  };
}

/** Today at 14:05: the morning round done, the 09:00 monitoring overdue, 14:00 started, 16:30 ahead. */
export const DUE_TODAY: DueInspection[] = [
  due({ templateId: "monitoring", templateName: "系统监测日志", kind: "monitoring", slot: "2026-11-23@09:00", slotLabel: "09:00（第 1 次）", dueAt: "2026-11-23T09:00:00+08:00", state: "done", recordId: 3, number: "261123-01" }),
  due({ state: "overdue" }),
  due({ templateId: "monitoring", templateName: "系统监测日志", kind: "monitoring", slot: "2026-11-23@13:30", slotLabel: "13:30（第 2 次）", dueAt: "2026-11-23T13:30:00+08:00", state: "inProgress", recordId: 6 }),
  due({ slot: "2026-11-23@14:00", slotLabel: "14:00（第 2 次）", dueAt: "2026-11-23T14:00:00+08:00", state: "due" }),
  due({ slot: "2026-11-23@16:30", slotLabel: "16:30（第 3 次）", dueAt: "2026-11-23T16:30:00+08:00", state: "upcoming" }),
  due({ templateId: "weekly", templateName: "周巡检", kind: "weekly", slot: "2026-W48", slotLabel: "本周", dueAt: "2026-11-27T18:00:00+08:00", state: "due" }),
];

export function answer(itemKey: string, over: Partial<AnswerView> = {}): AnswerView {
  return { itemKey, status: null, valueNum: null, valueText: "", note: "", measured: null, faultId: null, faultCode: null, updatedAt: "2026-11-23T06:05:00+00:00", ...over };
}

export function probeResult(over: Partial<ProbeResult> = {}): ProbeResult {
  return {
    name: "签章服务",
    url: "https://sign.oa.example.gov.cn/login",
    outcome: "ok",
    ok: true,
    status: 200,
    ttfbMs: 180,
    totalMs: 420,
    certDaysLeft: 120,
    certNotAfter: "2027-03-23T00:00:00Z",
    message: "签章服务 正常：状态码 200，用时 0.42 秒。",
    checkedAt: "2026-11-23T06:05:30Z",
    ...over,
  };
}

/** Record 7: today's 14:00 daily round, a draft with nothing answered yet. */
export function record(over: Partial<InspectionRecordView> = {}): InspectionRecordView {
  return {
    id: 7,
    number: null,
    template: DAILY,
    slot: "2026-11-23@14:00",
    date: "2026-11-23",
    projectName: SETTINGS.projectName,
    clientName: SETTINGS.clientName,
    inspector: "赵工",
    recorder: "赵工",
    method: "onSite",
    methodName: "现场",
    startedAt: "2026-11-23T14:02:00+08:00",
    endedAt: null,
    summary: "",
    state: "draft",
    completedAt: null,
    answers: [],
    abnormal: [],
    missingRequired: ["签章服务响应时间", "公文传输（收文、发文、流转）", "磁盘使用率（最高分区）"],
    suggestedSummary: "本次巡检共 5 项，均正常，系统运行平稳。",
    ...over,
  };
}

export const TARGETS: ProbeTarget[] = [
  {
    id: 1,
    name: "签章服务",
    url: "https://sign.oa.example.gov.cn/login",
    expectedStatus: null,
    keyword: "登录",
    timeoutMs: 10_000,
    allowInvalidCert: true,
    background: true,
    last: probeResult(),
    failuresInARow: 0,
  },
  {
    id: 2,
    name: "短信服务",
    url: "http://10.1.2.3:8080/sms/health",
    expectedStatus: 200,
    keyword: "",
    timeoutMs: 5_000,
    allowInvalidCert: false,
    background: false,
    last: probeResult({ name: "短信服务", url: "http://10.1.2.3:8080/sms/health", outcome: "refused", ok: false, status: null, ttfbMs: null, totalMs: 3, certDaysLeft: null, certNotAfter: null, message: "短信服务 连接被拒绝：服务未启动或端口不对，请检查服务进程和防火墙。" }),
    failuresInARow: 3,
  },
];

/** The shell's commands for a ready app, plus inspections; `extra` overrides. */
export function inspectionHandlers(extra: Record<string, Handler> = {}): Record<string, Handler> {
  return {
    app_status: () => status("ready", { schemaVersion: 5 }),
    get_settings: () => SETTINGS,
    list_profiles: () => PROFILES,
    fault_levels: () => LEVELS,
    fault_queue: () => [],
    active_notices: () => [],
    inspections_due_today: () => DUE_TODAY,
    list_inspection_templates: () => [DAILY, MONITORING, WEEKLY],
    list_stopped_inspection_templates: () => [],
    list_probe_targets: () => TARGETS,
    get_inspection: () => record(),
    list_attachments: () => [],
    ...extra,
  };
}
