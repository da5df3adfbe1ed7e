// Where a reminder (提醒) leads: the page of the record it is about, by its `subjectKind`.
import type { RouteLocationRaw } from "vue-router";
import type { Notice } from "../bindings/Notice";

/**
 * A monthly report's notice names its month as year*100+month (202611 → "2026-11"); null when the
 * number is no month. (Not from utils/exportMonth: the banner is in the entry bundle, that is not.)
 */
export function monthOfSubject(subjectId: number): string | null {
  const year = Math.floor(subjectId / 100);
  const month = subjectId % 100;
  if (!Number.isInteger(subjectId) || year < 2000 || year > 2099 || month < 1 || month > 12) return null;
  return `${year}-${String(month).padStart(2, "0")}`;
}

/** The page 查看 opens for a notice; null when this version has none for its kind. */
export function noticeRoute(n: Pick<Notice, "subjectKind" | "subjectId">): RouteLocationRaw | null {
  switch (n.subjectKind) {
    case "fault":
      return `/faults/${n.subjectId}`;
    case "change":
      return `/tickets/changes/${n.subjectId}`;
    // A service rule's clock (target: the rule's code) on a 服务记录.
    case "serviceRecord":
      return `/tickets/services/${n.subjectId}`;
    // 整改报告 due (target report) and the cards a complaint drew (cardYellow / cardRed / cardTermination).
    case "complaint":
      return `/complaints/${n.subjectId}`;
    // 服务报告 定稿 / 报送 due (targets ready / delivered): 报表导出 on that month.
    case "monthlyReport": {
      const month = monthOfSubject(n.subjectId);
      return month ? { path: "/export", query: { month } } : "/export";
    }
    // A form's deadline (target: the deadline's key, e.g. 用户签字确认) on one of its records.
    case "form":
      return `/forms/records/${n.subjectId}`;
    case "inspection":
      return "/inspections";
    case "probe":
      return "/inspections?tab=probes";
    case "worklog":
      return "/attendance?tab=worklog";
    default:
      return null;
  }
}
