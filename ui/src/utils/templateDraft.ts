// The template editor's working copy: a Template with the numbers as typed (text) and the
// schedule's parameters side by side, converted back to a Template on save. Typing errors
// the editor can see itself (a threshold that is not a number) get the same field paths as
// Rust's messages; everything else Rust judges.
import type { ItemKind } from "../bindings/ItemKind";
import type { Schedule } from "../bindings/Schedule";
import type { Template } from "../bindings/Template";
import type { TemplateItem } from "../bindings/TemplateItem";

export type ScheduleType = Schedule["type"];

export const SCHEDULE_TYPE_LABELS: Record<ScheduleType, string> = {
  timesPerWorkingDay: "每个工作日固定时间",
  perWeek: "每周若干次",
  weekly: "每周固定一天",
  monthly: "每月固定一天",
  monthEnd: "每月最后一个工作日",
  quarterly: "每季度末月固定一天",
  beforeHoliday: "节假日前最后一个工作日",
  none: "不定期（手动开始）",
};

export const SCHEDULE_TYPES: readonly ScheduleType[] = ["timesPerWorkingDay", "perWeek", "weekly", "monthly", "monthEnd", "quarterly", "beforeHoliday", "none"];

export type ItemDraft = {
  key: string;
  label: string;
  kind: ItemKind;
  required: boolean;
  unit: string;
  warnBelow: string;
  warnAbove: string;
  probe: string;
  measure: string;
  hint: string;
};

export type SectionDraft = { title: string; system: string; items: ItemDraft[] };

export type TemplateDraft = {
  name: string;
  description: string;
  scheduleType: ScheduleType;
  /** "09:30、14:00、16:30" */
  times: string;
  count: number;
  weekday: number;
  day: number;
  sections: SectionDraft[];
};

const num = (v: number | null | undefined) => (v == null ? "" : String(v));

export function itemDraft(item: TemplateItem): ItemDraft {
  return {
    key: item.key,
    label: item.label,
    kind: item.kind,
    required: item.required,
    unit: item.unit ?? "",
    warnBelow: num(item.warnBelow),
    warnAbove: num(item.warnAbove),
    probe: item.probe ?? "",
    measure: item.measure ?? "",
    hint: item.hint ?? "",
  };
}

export function draftFromTemplate(t: Template, name: string = t.name): TemplateDraft {
  const s = t.schedule;
  return {
    name,
    description: t.description,
    scheduleType: s.type,
    times: s.type === "timesPerWorkingDay" ? s.times.join("、") : "09:30、14:00、16:30",
    count: s.type === "perWeek" ? s.count : 3,
    weekday: s.type === "weekly" ? s.weekday : 5,
    day: s.type === "monthly" || s.type === "quarterly" ? s.day : 25,
    sections: t.sections.map((sec) => ({ title: sec.title, system: sec.system ?? "", items: sec.items.map(itemDraft) })),
  };
}

/** A key not used yet in the draft: item-1, item-2 … */
export function freshKey(d: TemplateDraft): string {
  const used = new Set(d.sections.flatMap((s) => s.items.map((i) => i.key)));
  for (let n = 1; ; n++) {
    const key = `item-${n}`;
    if (!used.has(key)) return key;
  }
}

export function blankItem(key: string): ItemDraft {
  return { key, label: "", kind: "check", required: true, unit: "", warnBelow: "", warnAbove: "", probe: "", measure: "", hint: "" };
}

/** "09:30、14:00，16:30 17:00" → ["09:30", "14:00", "16:30", "17:00"] (Rust checks the format). */
export function splitTimes(text: string): string[] {
  return text
    .split(/[、,，;；\s]+/)
    .map((t) => t.trim())
    .filter((t) => t);
}

function scheduleOf(d: TemplateDraft): Schedule {
  switch (d.scheduleType) {
    case "timesPerWorkingDay":
      return { type: "timesPerWorkingDay", times: splitTimes(d.times) };
    case "perWeek":
      return { type: "perWeek", count: d.count };
    case "weekly":
      return { type: "weekly", weekday: d.weekday };
    case "monthly":
      return { type: "monthly", day: d.day };
    case "monthEnd":
      return { type: "monthEnd" };
    case "quarterly":
      return { type: "quarterly", day: d.day };
    case "beforeHoliday":
      return { type: "beforeHoliday" };
    case "none":
      return { type: "none" };
  }
}

const usesThresholds = (kind: ItemKind) => kind === "number" || kind === "seconds";
const usesProbe = (kind: ItemKind) => kind === "number" || kind === "seconds" || kind === "check";

export { usesProbe, usesThresholds };

/**
 * The Template to send, or the fields the editor can already tell are wrong (numbers that
 * are not numbers). Fields that do not apply to an item's kind are dropped.
 */
export function templateFromDraft(base: Template, d: TemplateDraft): { template: Template; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const parse = (text: string, field: string): number | null => {
    const t = text.trim();
    if (!t) return null;
    const v = Number(t);
    if (!Number.isFinite(v)) {
      errors[field] = `“${t}”不是数字，请填写数字或留空。`;
      return null;
    }
    return v;
  };
  const sections = d.sections.map((s, si) => ({
    title: s.title.trim(),
    ...(s.system.trim() ? { system: s.system.trim() } : {}),
    items: s.items.map((i, ii) => {
      const field = `sections.${si}.items.${ii}`;
      const item: TemplateItem = { key: i.key.trim(), label: i.label.trim(), kind: i.kind, required: i.required };
      if (usesThresholds(i.kind)) {
        const unit = i.kind === "seconds" ? i.unit.trim() || "秒" : i.unit.trim();
        if (unit) item.unit = unit;
        const lo = parse(i.warnBelow, `${field}.warnBelow`);
        const hi = parse(i.warnAbove, `${field}.warnAbove`);
        if (lo !== null) item.warnBelow = lo;
        if (hi !== null) item.warnAbove = hi;
      }
      if (usesProbe(i.kind) && i.probe.trim()) {
        item.probe = i.probe.trim();
        if (i.kind !== "check" && i.measure) item.measure = i.measure;
      }
      if (i.hint.trim()) item.hint = i.hint.trim();
      return item;
    }),
  }));
  return {
    template: { ...base, name: d.name.trim(), description: d.description.trim(), schedule: scheduleOf(d), sections },
    errors,
  };
}
