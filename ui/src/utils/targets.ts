// 自定义合同服务级别: a level's target (TargetValue from Rust) as the editor holds it while
// it is being changed, and back. Rust validates the result; this only converts units.
import type { TargetKind } from "../bindings/TargetKind";
import type { TargetValue } from "../bindings/TargetValue";

export type TargetUnit = "minute" | "hour";
export type TargetClock = "7x24" | "5x8";

/**
 * One target being edited. Every kind keeps its own fields, so switching the kind
 * back and forth loses nothing; only the fields of `kind` are sent.
 */
export interface TargetDraft {
  kind: TargetKind;
  /** The duration in `unit` (minutes kind). */
  amount: number | null;
  unit: TargetUnit;
  clock: TargetClock;
  /** 个工作日 (workingDays kind). */
  days: number | null;
}

export const KIND_OPTIONS: readonly { value: TargetKind; label: string }[] = [
  { value: "minutes", label: "分钟数" },
  { value: "workingDays", label: "工作日" },
  { value: "onDemand", label: "按需" },
];

export const UNIT_OPTIONS: readonly { value: TargetUnit; label: string }[] = [
  { value: "minute", label: "分钟" },
  { value: "hour", label: "小时" },
];

export const CLOCK_OPTIONS: readonly { value: TargetClock; label: string }[] = [
  { value: "7x24", label: "7×24" },
  { value: "5x8", label: "5×8" },
];

const MINUTES_PER: Record<TargetUnit, number> = { minute: 1, hour: 60 };

/** The largest number Rust's u32 takes; anything else is sent as null so Rust explains the range. */
const U32_MAX = 4_294_967_295;

function asCount(value: number | null): number | null {
  if (value === null || !Number.isFinite(value)) return null;
  const n = Math.round(value);
  return n >= 0 && n <= U32_MAX ? n : null;
}

/** Rust's target as the editor starts with it: whole hours are shown in hours. */
export function draftFromTarget(target: TargetValue): TargetDraft {
  const draft: TargetDraft = {
    kind: target.kind,
    amount: null,
    unit: "minute",
    clock: target.clock === "5x8" ? "5x8" : "7x24",
    days: target.days,
  };
  const minutes = target.minutes;
  if (minutes !== null) {
    if (minutes > 0 && minutes % 60 === 0) {
      draft.unit = "hour";
      draft.amount = minutes / 60;
    } else {
      draft.amount = minutes;
    }
  }
  return draft;
}

/** What is sent to Rust: minutes converted from hours; the other kinds' fields null. */
export function targetFromDraft(draft: TargetDraft): TargetValue {
  switch (draft.kind) {
    case "minutes":
      return {
        kind: "minutes",
        minutes: asCount(draft.amount === null ? null : draft.amount * MINUTES_PER[draft.unit]),
        clock: draft.clock,
        days: null,
      };
    case "workingDays":
      return { kind: "workingDays", minutes: null, clock: null, days: asCount(draft.days) };
    case "onDemand":
      return { kind: "onDemand", minutes: null, clock: null, days: null };
  }
}

/** The name a copy starts with: "<base name>（本项目）"; a copy of such a copy gets "（副本）" instead. */
export function copyName(baseName: string): string {
  return baseName.endsWith("（本项目）") ? `${baseName}（副本）` : `${baseName}（本项目）`;
}
