// The work areas of the app: one entry per left-navigation item and route.
// `plan` is one sentence of what the area will do (from the domain brief); areas
// not built yet show it on a plain "尚在开发中" page, never sample data.
import type { Component } from "vue";
import {
  Calendar,
  ChatLineSquare,
  Collection,
  Document,
  Download,
  House,
  Setting,
  Tickets,
  View,
  WarningFilled,
} from "@element-plus/icons-vue";

export type AreaId =
  | "today"
  | "inspections"
  | "faults"
  | "tickets"
  | "complaints"
  | "forms"
  | "attendance"
  | "export"
  | "knowledge"
  | "settings";

export type Area = {
  id: AreaId;
  title: string;
  path: string;
  icon: Component;
  /** Built already: the route shows a real page instead of the placeholder. */
  ready: boolean;
  plan: string;
};

export const AREAS: readonly Area[] = [
  {
    id: "today",
    title: "今日",
    path: "/today",
    icon: House,
    ready: true,
    plan: "一眼看清今天：打卡、巡检、未结故障、值班和本月考核。",
  },
  {
    id: "inspections",
    title: "巡检",
    path: "/inspections",
    icon: View,
    ready: true,
    plan: "按合同要求记录每日、每周、每月巡检（关键服务、服务器、数据库、备份等），生成软件巡检记录单和系统监测日志。",
  },
  {
    id: "faults",
    title: "故障",
    path: "/faults",
    icon: WarningFilled,
    ready: true,
    plan: "登记用户报修和巡检发现的故障，按合同服务级别计算响应与恢复时限并倒计时提醒，形成可交给甲方签字的故障处理记录。",
  },
  {
    id: "tickets",
    title: "工单",
    path: "/tickets",
    icon: Tickets,
    ready: true,
    plan: "记录需求变更、报修单、热线电话、咨询和培训等服务记录，跟踪 24 小时内答复等时限。",
  },
  {
    id: "complaints",
    title: "投诉",
    path: "/complaints",
    icon: ChatLineSquare,
    ready: true,
    plan: "登记用户投诉，跟踪问题分析处理整改报告的提交时限，按合同计入满意度考核和黄牌、红牌。",
  },
  {
    id: "forms",
    title: "表单",
    path: "/forms",
    icon: Document,
    ready: true,
    plan: "合同要求提交的各类表单（发布报告、系统配置管理表、数据备份记录、应急演练记录等）：按表单定义填写、跟踪时限、打印签字，并可按合同增改表单。",
  },
  {
    id: "attendance",
    title: "考勤值班",
    path: "/attendance",
    icon: Calendar,
    ready: true,
    plan: "上下班打卡，安排重大节假日和重要时期的值班值守，统计团队出勤，按国务院节假日安排（含调休）计算工作日。",
  },
  {
    id: "export",
    title: "报表导出",
    path: "/export",
    icon: Download,
    ready: true,
    plan: "生成周报、月报、年度总结和运维工作考核表，并导出甲方需要的 Excel 记录。",
  },
  {
    id: "knowledge",
    title: "知识库",
    path: "/knowledge",
    icon: Collection,
    ready: true,
    plan: "整理常见问题及解决方案、系统配置管理表等资料，便于查阅和交接。",
  },
  {
    id: "settings",
    title: "设置",
    path: "/settings",
    icon: Setting,
    ready: true,
    plan: "项目信息、合同期、服务级别和团队成员。",
  },
];

export function areaById(id: AreaId): Area {
  const area = AREAS.find((a) => a.id === id);
  if (!area) throw new Error(`unknown area ${id}`);
  return area;
}
