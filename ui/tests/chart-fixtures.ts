// The month charts as Rust sends them with MonthOverview (crates/core/src/reports/charts.rs): the
// November of crates/core/tests/month_charts.rs, and a month with nothing recorded.
import type { ChartTable } from "../src/bindings/ChartTable";
import type { MonthCharts } from "../src/bindings/MonthCharts";

const WEEKS = [
  "第1周（11/01–11/01）",
  "第2周（11/02–11/08）",
  "第3周（11/09–11/15）",
  "第4周（11/16–11/22）",
  "第5周（11/23–11/29）",
  "第6周（11/30–11/30）",
];

function table(over: Partial<ChartTable> & Pick<ChartTable, "title" | "categories" | "series">): ChartTable {
  return { categoryLabel: "周次", unit: "起", stacked: false, horizontal: false, caption: "", empty: false, emptyText: "本月暂无记录", ...over };
}

export function monthCharts(over: Partial<MonthCharts> = {}): MonthCharts {
  return {
    hasRecords: true,
    faultsByWeek: table({
      title: "各周故障（按级别）",
      categories: WEEKS,
      series: [
        { name: "紧急", values: [1, 0, 1, 0, 0, 0] },
        { name: "一般", values: [0, 0, 1, 0, 0, 0] },
        { name: "轻微", values: [0, 0, 0, 0, 0, 1] },
      ],
      caption: "本月故障 4 起：紧急 2 起，一般 1 起，轻微 1 起。",
      emptyText: "本月暂无故障记录",
    }),
    deadlines: table({
      title: "时限完成情况",
      categoryLabel: "时限",
      categories: ["故障响应", "故障恢复", "需求变更响应"],
      series: [
        { name: "按时", values: [2, 2, 1] },
        { name: "超时", values: [1, 1, 0] },
        { name: "未到期", values: [0, 0, 1] },
        { name: "按需（无时限）", values: [1, 1, 0] },
      ],
      unit: "项",
      stacked: true,
      horizontal: true,
      caption: "按时 5 项，超时 2 项，未到期 1 项，按需（无时限）2 项。",
      emptyText: "本月暂无故障和需求变更记录",
    }),
    inspections: table({
      title: "日常巡检：应做与完成",
      categories: WEEKS,
      series: [
        { name: "应巡检", values: [0, 30, 30, 30, 30, 6] },
        { name: "已完成", values: [0, 2, 0, 0, 0, 1] },
      ],
      unit: "次",
      caption: "日常巡检应做 126 次，已完成 3 次。",
      emptyText: "本月暂无到期的日常巡检",
    }),
    attendance: table({
      title: "考勤情况",
      categoryLabel: "工程师",
      categories: ["王工", "李工"],
      series: [
        { name: "正常", values: [20, 19] },
        { name: "迟到", values: [0, 1] },
        { name: "早退", values: [0, 0] },
        { name: "缺勤", values: [1, 0] },
        { name: "请假", values: [0, 0.5] },
      ],
      unit: "天",
      caption: "迟到 1 天，早退 0 天，缺勤 1 天，请假 0.5 天。",
      emptyText: "本月暂无考勤记录",
    }),
    score: table({
      title: "考核得分：96 分",
      categoryLabel: "考核项",
      categories: ["日常使用培训", "日常巡检", "人员考核：考勤", "人员考核：重要时期值守", "人员考核：满意度", "故障响应与解决时间", "故障处理", "技术支持", "需求变更"],
      series: [
        { name: "得分", values: [10, 20, 8, 10, 10, 8, 10, 10, 10] },
        { name: "扣分", values: [0, 0, 2, 0, 0, 2, 0, 0, 0] },
      ],
      unit: "分",
      stacked: true,
      horizontal: true,
      caption: "96 分：按合同支付 100%（满分 100）。扣分：人员考核：考勤 −2（无故迟到、早退 1 次，无故未在岗 1 次）；故障响应与解决时间 −2（紧急故障超时 2 次）。",
      emptyText: "所选合同服务级别没有考核表",
    }),
    ...over,
  };
}

/** A month with nothing recorded, as Rust answers it (the sheet still has its items). */
export function emptyMonthCharts(): MonthCharts {
  const c = monthCharts();
  const zero = (t: ChartTable, emptyText: string, caption: string): ChartTable => ({
    ...t,
    series: t.series.map((s) => ({ ...s, values: s.values.map(() => 0) })),
    empty: true,
    emptyText,
    caption,
  });
  return {
    hasRecords: false,
    faultsByWeek: zero(c.faultsByWeek, "本月暂无故障记录", "本月没有故障。"),
    deadlines: zero({ ...c.deadlines, categories: ["故障响应", "故障恢复"] }, "本月暂无故障和需求变更记录", "本月没有需要计时的故障或需求变更。"),
    inspections: zero(c.inspections, "本月暂无到期的日常巡检", "本月还没有到期的日常巡检。"),
    attendance: zero(c.attendance, "本月暂无考勤记录", "迟到 0 天，早退 0 天，缺勤 0 天，请假 0 天。"),
    score: { ...c.score, title: "考核得分：100 分", series: [c.score.series[0]!, { name: "扣分", values: c.score.categories.map(() => 0) }] },
  };
}
