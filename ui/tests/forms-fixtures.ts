// 表单 test data shaped like the Rust answers (bindings in src/bindings): a definition with one
// field of every type, a 发布报告-like form, its records, rows and paper form.
import type { FormDeadlineView } from "../src/bindings/FormDeadlineView";
import type { FormDefinition } from "../src/bindings/FormDefinition";
import type { FormRecordRow } from "../src/bindings/FormRecordRow";
import type { FormRecordView } from "../src/bindings/FormRecordView";
import type { FormSummary } from "../src/bindings/FormSummary";
import type { PrintedForm } from "../src/bindings/PrintedForm";

/** One field of each of the eleven types, in the order the page shows them. */
export function everyTypeDefinition(over: Partial<FormDefinition> = {}): FormDefinition {
  return {
    id: "drill",
    version: 2,
    name: "应急演练记录",
    group: "应急与安全",
    source: "003 1.1.1.5",
    description: "每次应急演练的记录。",
    numbering: { prefix: "YL", period: "year" },
    dateField: "heldAt",
    titleField: "subject",
    engineerField: "leader",
    fields: [
      { key: "subject", label: "演练主题", type: "text", required: true, maxLength: 50 },
      { key: "process", label: "演练过程", type: "longText", hint: "按时间顺序写明" },
      { key: "duration", label: "恢复用时", type: "number", unit: "分钟", min: 0, max: 600, decimals: 0 },
      { key: "plannedOn", label: "计划日期", type: "date" },
      { key: "heldAt", label: "演练时间", type: "dateTime", required: true },
      { key: "result", label: "演练结果", type: "choice", options: ["成功", "部分成功", "失败"] },
      { key: "leader", label: "负责人", type: "engineer" },
      { key: "rolledBack", label: "已回退", type: "yesNo" },
      {
        key: "steps",
        label: "演练步骤",
        type: "table",
        maxRows: 3,
        columns: [
          { key: "step", label: "步骤", type: "text", required: true },
          { key: "minutes", label: "用时", type: "number", unit: "分钟" },
          { key: "ok", label: "达标", type: "yesNo" },
        ],
      },
      { key: "files", label: "附件", type: "attachment" },
      { key: "related", label: "关联记录", type: "link", kinds: ["fault", "form:emergency-plan"] },
    ],
    deadlines: [],
    signatures: [
      { label: "用户确认人", date: true },
      { label: "驻场工程师", date: false },
    ],
    print: { title: "应急演练记录", orientation: "portrait", rows: [["subject", "heldAt"]] },
    sheet: { name: "应急演练记录", columns: ["@code", "subject", "heldAt", "@state"] },
    ...over,
  };
}

export function deadline(status: FormDeadlineView["status"], over: Partial<FormDeadlineView> = {}): FormDeadlineView {
  return {
    key: "signed",
    label: "用户签字确认",
    within: "30天（7×24）",
    rule: "004：所有发布报告须在 1 个月内得到用户签字",
    deadline: "2026-12-23T10:00:00+08:00",
    metAt: null,
    status,
    summary: `截止 2026年12月23日 10:00，${{ overdue: "已超时 3天", pending: "剩余 2天", late: "超时 1天完成", met: "按时", notStarted: "未开始" }[status]}`,
    remindMinutes: 4320,
    ...over,
  };
}

export function formRow(id: number, code: string, over: Partial<FormRecordRow> = {}): FormRecordRow {
  return {
    id,
    code,
    formId: "drill",
    formName: "应急演练记录",
    recordDate: "2026-11-23",
    title: `演练 ${id}`,
    engineerName: "王工",
    state: "open",
    stateLabel: "进行中",
    deadline: null,
    cells: [],
    updatedAt: "2026-11-23T02:00:00Z",
    ...over,
  };
}

export function formRecord(over: Partial<FormRecordView> = {}): FormRecordView {
  const definition = over.definition ?? everyTypeDefinition();
  return {
    id: 7,
    code: "YL-2026-0001",
    formId: definition.id,
    formVersion: definition.version,
    formName: definition.name,
    recordDate: "2026-11-23",
    title: "数据库切换演练",
    engineerId: 1,
    engineerName: "王工",
    state: "open",
    stateLabel: "进行中",
    values: { subject: "数据库切换演练", heldAt: "2026-11-23T10:00:00+08:00", leader: 1 },
    deadlines: [],
    links: [],
    definition,
    newerVersion: null,
    createdAt: "2026-11-23T02:00:00Z",
    updatedAt: "2026-11-23T02:00:00Z",
    ...over,
  };
}

export function summary(definition: FormDefinition, over: Partial<FormSummary> = {}): FormSummary {
  return { definition, builtin: true, records: 0, overdue: 0, pending: 0, ...over };
}

export const PRINTED: PrintedForm = {
  title: "发布报告",
  code: "FB-202611-001",
  orientation: "portrait",
  header: [
    { label: "项目名称", value: "协同办公平台运维服务" },
    { label: "甲方单位", value: "某市机关事务管理局" },
    { label: "编号", value: "FB-202611-001" },
  ],
  blocks: [
    {
      type: "row",
      cells: [
        { label: "子系统名称", value: "公文传输" },
        { label: "发布版本号", value: "V3.2.1" },
      ],
    },
    { type: "text", label: "发布内容", value: "修复公文附件下载失败。\n优化签章速度。" },
    { type: "table", label: "演练步骤", columns: ["步骤", "用时"], rows: [["切换", "5分钟"]] },
    { type: "table", label: "遗留问题", columns: ["问题", "计划"], rows: [] },
  ],
  signatures: [
    { label: "用户单位主管领导（签字、盖章）", date: true },
    { label: "项目经理审核", date: true },
    { label: "技术工程师（发布）", date: false },
  ],
  note: "软件上线前，发布报告需通过各方的签字确认后方可进行程序替换。",
  footer: "发布报告 第 1 版 · 驻场运维台",
};
