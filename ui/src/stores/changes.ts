// Changes announced, not polled: after every committed write Rust emits `store-changed` with the
// tables and rows it changed (StoreChanges). This store hears it once for the whole window and
// turns it into one counter per area; each area's lists watch their counter (and the areas they
// read) and re-read. A write made on this page is announced the same way as one made by the tray,
// the reminder loop or a restore, so nothing needs to bump a counter by hand.
import { defineStore } from "pinia";
import { reactive } from "vue";
import { onStoreChanged, STORE_CHANGED } from "../api/changes";
import type { StoreChanges } from "../bindings/StoreChanges";

/** The areas of crates/README.md whose screens re-read on a change. */
export const AREAS = [
  "faults",
  "tickets",
  "complaints",
  "forms",
  "inspections",
  "attendance",
  "reports",
  "notices",
  "calendar",
  "settings",
  "trust",
] as const;
export type Area = (typeof AREAS)[number];

export { STORE_CHANGED };

/** Which areas show a table's rows. Attachments and links belong to every kind of record. */
const AREAS_OF_TABLE: Record<string, Area[]> = {
  faults: ["faults"],
  fault_events: ["faults"],
  notices: ["notices"],
  attachments: ["faults", "tickets", "inspections", "forms"],
  record_links: ["faults", "tickets", "inspections", "complaints", "forms"],
  requirement_changes: ["tickets"],
  service_records: ["tickets"],
  trainings: ["tickets"],
  faq_entries: ["tickets"],
  complaints: ["complaints"],
  work_evaluations: ["complaints"],
  // 表单: a new version of a definition changes the menu and the editor; a record its list and 今日.
  form_definitions: ["forms"],
  form_records: ["forms"],
  form_record_changes: ["forms"],
  form_fts: ["forms"],
  inspection_templates: ["inspections"],
  inspection_records: ["inspections"],
  inspection_answers: ["inspections"],
  inspection_numbers: ["inspections"],
  probe_targets: ["inspections"],
  probe_results: ["inspections"],
  attendance_rules: ["attendance"],
  attendance_punches: ["attendance"],
  attendance_leaves: ["attendance"],
  duty_periods: ["attendance"],
  duty_assignments: ["attendance"],
  work_logs: ["attendance"],
  monthly_reports: ["reports"],
  assessment_manual: ["reports"],
  calendar_years: ["calendar"],
  calendar_days: ["calendar"],
  calendar_overrides: ["calendar"],
  contract_profiles: ["calendar"],
  project_settings: ["settings"],
  engineers: ["settings"],
  preferences: ["settings", "trust"],
  restore_tests: ["trust"],
};

/**
 * The month's report reads every record area: a change in any of them is a change to it. Complaints
 * cost 满意度 points (seed 001) and draw the cards 今日 shows (seed 003), so they feed it too; the
 * month's workbook has a sheet per form with records and the 配置管理报告.
 */
const FEEDS_REPORTS: Area[] = ["faults", "tickets", "complaints", "forms", "inspections", "attendance", "calendar", "settings"];

/** The areas a batch touches. A table this map does not know touches all of them. */
export function areasOf(changes: StoreChanges): Set<Area> {
  if (changes.everything) return new Set(AREAS);
  const out = new Set<Area>();
  for (const t of changes.tables) {
    const areas = AREAS_OF_TABLE[t.table] ?? (t.table.startsWith("archive_") ? ["trust"] : [...AREAS]);
    for (const a of areas) out.add(a);
  }
  if (FEEDS_REPORTS.some((a) => out.has(a))) out.add("reports");
  return out;
}

export const useChangesStore = defineStore("changes", () => {
  /** Bumped once per batch that touches the area. */
  const seen = reactive(Object.fromEntries(AREAS.map((a) => [a, 0])) as Record<Area, number>);
  let listening: Promise<void> | null = null;

  function apply(changes: StoreChanges) {
    for (const area of areasOf(changes)) seen[area] += 1;
  }

  /** Starts hearing Rust's announcements (once per window; later calls share the first). */
  function start(): Promise<void> {
    listening ??= onStoreChanged(apply).then(
      () => undefined,
      () => {
        // Outside Tauri (a plain browser) there is nothing to hear; lists read on mount.
        listening = null;
      },
    );
    return listening;
  }

  /** A number that changes whenever any of `areas` changed: for `watch`. */
  function version(...areas: Area[]): number {
    return areas.reduce((sum, a) => sum + seen[a], 0);
  }

  return { seen, apply, start, version };
});
