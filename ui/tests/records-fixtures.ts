// Records shaped like the Rust answers for the 工单 and 知识库 screens (bindings in src/bindings).
// The clock of these tests stands at 2026-11-23 14:05:30 Beijing time.
import type { ChangeDeadline } from "../src/bindings/ChangeDeadline";
import type { ChangeView } from "../src/bindings/ChangeView";
import type { FaqEntry } from "../src/bindings/FaqEntry";
import type { LevelOption } from "../src/bindings/LevelOption";
import type { ServiceDeadline } from "../src/bindings/ServiceDeadline";
import type { ServiceFaultDraft } from "../src/bindings/ServiceFaultDraft";
import type { ServiceRecordView } from "../src/bindings/ServiceRecordView";

export const NOW = "2026-11-23T14:05:30+08:00";

function deadline(requestedAt: string, respondBy: string, extra: Partial<ChangeDeadline>): ChangeDeadline {
  return {
    respondBy,
    met: null,
    breached: false,
    status: "running",
    remainingSeconds: 0,
    text: "",
    explanation: {
      targetText: "24小时（7×24）",
      clock: "7x24",
      startedAt: requestedAt,
      countingFrom: requestedAt,
      deadline: respondBy,
      segments: [{ start: requestedAt, end: respondBy, minutes: 1440 }],
      calendarDays: [],
      pauses: [],
      profileId: "three-level",
      profileVersion: 1,
      warnings: [],
      summary: "需求变更响应时限 24小时（7×24），连续计时。2026年11月23日 星期一 09:30 起算；截止 2026年11月24日 星期二 09:30。",
    },
    ...extra,
  };
}

function change(id: number, code: string, title: string, extra: Partial<ChangeView>): ChangeView {
  return {
    id,
    code,
    projectName: "协同办公平台运维服务项目",
    projectCode: "",
    serviceUnit: "测试市人民政府办公室",
    serviceLocation: "",
    contact: "李科长",
    phone: "",
    requestedAt: "2026-11-23T09:30:00+08:00",
    title,
    description: title,
    requesterDept: "办公室",
    scope: "inScope",
    feasibility: "",
    impact: "",
    reviewOpinion: "",
    response: "",
    result: "",
    remark: "",
    operator: "",
    state: "new",
    respondedAt: null,
    completedAt: null,
    profileId: "three-level",
    profileVersion: 1,
    deadline: null,
    deadlineNote: null,
    links: [],
    createdAt: "2026-11-23T09:31:00+08:00",
    updatedAt: "2026-11-23T09:31:00+08:00",
    ...extra,
  };
}

/** Asked this morning, not answered: 19 h 24 min left at NOW. */
export const CHANGE_RUNNING = change(1, "BG-20261123-01", "公文传输增加“抄送”栏", {
  deadline: deadline("2026-11-23T09:30:00+08:00", "2026-11-24T09:30:00+08:00", {
    remainingSeconds: 69_900,
    text: "剩余 19小时25分",
  }),
});

/** Asked two days ago, still not answered. */
export const CHANGE_OVERDUE = change(2, "BG-20261121-01", "会议管理导出参会名单", {
  requestedAt: "2026-11-21T10:00:00+08:00",
  requesterDept: "机关事务科",
  scope: "outOfScope",
  deadline: deadline("2026-11-21T10:00:00+08:00", "2026-11-22T10:00:00+08:00", {
    status: "breached",
    breached: true,
    remainingSeconds: -101_100,
    text: "已超时 1天4小时",
  }),
});

/** Answered 12 minutes late. */
export const CHANGE_LATE = change(3, "BG-20261120-01", "通知公告置顶", {
  requestedAt: "2026-11-20T08:00:00+08:00",
  state: "responded",
  respondedAt: "2026-11-21T08:12:00+08:00",
  response: "下周二上线",
  deadline: deadline("2026-11-20T08:00:00+08:00", "2026-11-21T08:00:00+08:00", {
    status: "metLate",
    met: false,
    breached: true,
    remainingSeconds: -720,
    text: "超时 12分完成",
  }),
});

export function service(id: number, code: string, extra: Partial<ServiceRecordView> = {}): ServiceRecordView {
  return {
    id,
    kind: "hotline",
    code,
    receivedAt: "2026-11-23T10:15:00+08:00",
    customer: "财政局",
    contact: "",
    phone: "13900001111",
    address: "",
    fax: "",
    reporter: "张三",
    category: "公文传输",
    description: "公文传输无法打开OFD正文\n提示：转换服务超时",
    otherRequests: "",
    handling: "",
    engineer: "王工",
    completedAt: null,
    confirmedBy: "",
    confirmedAt: null,
    satisfaction: null,
    respondedAt: null,
    escalatedAt: null,
    calledBackAt: null,
    onSiteAt: null,
    delayReason: "",
    promisedAt: null,
    deadlines: [],
    links: [],
    createdAt: "2026-11-23T10:16:00+08:00",
    updatedAt: "2026-11-23T10:16:00+08:00",
    ...extra,
  };
}

export const SERVICE_OPEN = service(11, "DH-2026-0012");

function serviceDeadline(code: string, name: string, target: string, extra: Partial<ServiceDeadline>): ServiceDeadline {
  return { code, name, target, until: "回馈或完成", dueAt: null, doneAt: null, status: "running", remainingSeconds: 0, text: "", ...extra };
}

/**
 * A repair request under seed 004 received on Friday, not answered by Monday's working day: 报修回馈
 * breached, 电话回馈 answered in time, 2 周内关闭 still running.
 */
export const SERVICE_REPAIR_LATE = service(12, "BX-2026-0003", {
  kind: "repair",
  receivedAt: "2026-11-20T10:00:00+08:00",
  calledBackAt: "2026-11-20T16:00:00+08:00",
  delayReason: "需厂商提供补丁",
  promisedAt: "2026-11-27T18:00:00+08:00",
  deadlines: [
    serviceDeadline("repairFeedback", "报修回馈", "1个工作日（5×8）", {
      dueAt: "2026-11-23T10:00:00+08:00",
      status: "breached",
      remainingSeconds: -14_730,
      text: "已超时 4小时06分",
    }),
    serviceDeadline("callBack", "电话回馈", "1个工作日（5×8）", {
      until: "电话回馈",
      dueAt: "2026-11-23T10:00:00+08:00",
      doneAt: "2026-11-20T16:00:00+08:00",
      status: "met",
      text: "已按时完成",
    }),
    serviceDeadline("closeWithin", "关闭", "2周（7×24）", {
      until: "完成",
      dueAt: "2026-12-04T10:00:00+08:00",
      remainingSeconds: 935_070,
      text: "剩余 10天19小时",
    }),
  ],
});

export const FAULT_DRAFT: ServiceFaultDraft = {
  serviceRecordId: 11,
  serviceCode: "DH-2026-0012",
  reportedAt: "2026-11-23T10:15:00+08:00",
  reporter: "张三",
  reporterDept: "财政局",
  contact: "13900001111",
  title: "公文传输无法打开OFD正文",
  description: "公文传输无法打开OFD正文\n提示：转换服务超时",
};

export const LEVELS: LevelOption[] = [
  { code: "urgent", name: "紧急", description: "系统宕机、无法启用。", targets: "响应 10分钟（7×24），恢复 4小时（7×24）" },
  { code: "normal", name: "一般", description: "非致命错误。", targets: "响应 30分钟（7×24），恢复 8小时（7×24）" },
  { code: "minor", name: "轻微", description: "易用性改进。", targets: "响应 按需，恢复 按需" },
];

export function faq(id: number, seq: number, question: string, solution: string, extra: Partial<FaqEntry> = {}): FaqEntry {
  return {
    id,
    seq,
    question,
    solution,
    remark: "",
    sourceLink: "",
    links: [],
    createdAt: "2026-11-20T09:00:00+08:00",
    updatedAt: "2026-11-20T09:00:00+08:00",
    ...extra,
  };
}

export const FAQS: FaqEntry[] = [
  faq(21, 1, "OFD正文打不开", "重启OFD转换服务后重新打开。", { links: [{ kind: "serviceRecord", id: 11, isSource: true, createdAt: "2026-11-20T09:00:00+08:00" }] }),
  faq(22, 2, "会议通知收不到短信", "检查短信服务网关的发送队列。", { remark: "短信网关由第三方维护" }),
];
