// What a countdown (响应/恢复时限) shows at a given instant, computed from Rust's
// CountdownView: Rust counts (working days, lunch breaks, pauses); the screen only ticks
// the seconds between two answers and asks again at `nextChangeAt`.
import type { CountdownView } from "../bindings/CountdownView";

/** ok = green, warn = amber (last quarter or ≤ 5 min), late = red (breached), idle = grey. */
export type ClockTone = "ok" | "warn" | "late" | "idle";

export type ClockFace = {
  text: string;
  tone: ClockTone;
  /** Past `nextChangeAt`: the view no longer holds and must be fetched again. */
  stale: boolean;
  /** Live deadline whose clock is stopped now (5×8 outside working hours). */
  offHours: boolean;
};

const FINAL_SECONDS = 5 * 60;

/**
 * Minutes rounded up, as Rust writes them ("1小时05分", "12分"), so the text does not
 * jump when a fresh answer replaces the locally ticked one.
 */
export function formatSlaDuration(seconds: number): string {
  const minutes = Math.ceil(Math.abs(seconds) / 60);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h === 0 ? `${m}分` : `${h}小时${String(m).padStart(2, "0")}分`;
}

function parse(value: string | null): number | null {
  if (value === null) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : ms;
}

/** Seconds left at `nowMs` (negative once overdue), ticking only while the clock runs. */
export function remainingAt(view: CountdownView, nowMs: number): number {
  if (!view.ticking) return view.remainingSeconds;
  const asOf = parse(view.asOf) ?? nowMs;
  const change = parse(view.nextChangeAt);
  // The clock stops at `nextChangeAt` (end of a working window): do not count past it.
  const until = change !== null ? Math.min(nowMs, change) : nowMs;
  const elapsed = Math.max(0, Math.floor((until - asOf) / 1000));
  return view.remainingSeconds - elapsed;
}

export function clockFace(view: CountdownView, nowMs: number): ClockFace {
  const change = parse(view.nextChangeAt);
  const stale = change !== null && nowMs >= change;
  const live = view.state === "running" || view.state === "breached";
  if (!live) {
    // 按需, 挂起中, 已按时完成, 超时 X完成: Rust's words, nothing to tick.
    return { text: view.text, tone: "idle", stale, offHours: false };
  }
  const remaining = remainingAt(view, nowMs);
  const offHours = !view.ticking || stale;
  if (remaining < 0 || (remaining === 0 && view.state === "breached")) {
    return { text: remaining === 0 ? "已超时" : `已超时 ${formatSlaDuration(remaining)}`, tone: "late", stale, offHours };
  }
  const fraction = view.budgetSeconds > 0 ? (view.budgetSeconds - remaining) / view.budgetSeconds : 1;
  const tone: ClockTone = remaining <= FINAL_SECONDS || fraction >= 0.75 ? "warn" : "ok";
  return { text: `剩余 ${formatSlaDuration(remaining)}`, tone, stale, offHours };
}
