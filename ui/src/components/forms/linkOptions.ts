// The records a link field offers for one of its kinds (故障, 需求变更 …, or another form's records),
// each named the way its own list names it. Read from each area's own list command: the newest
// first, at most MAX_OPTIONS, which is what an engineer links in practice (a 发布报告 names the
// upgrade of this month, not one from last year).
import { complaintsApi } from "../../api/complaints";
import { faultsApi } from "../../api/faults";
import { formsApi } from "../../api/forms";
import { inspectionsApi } from "../../api/inspections";
import { ticketsApi } from "../../api/tickets";
import type { RecordKind } from "../../bindings/RecordKind";
import { firstLine } from "../../utils/tickets";
import { formatTimestamp } from "../../utils/time";

/** How many records of one kind the picker offers. */
export const MAX_OPTIONS = 200;

export type LinkOption = { id: number; label: string };

/** The RecordKind a link of a field's kind is stored with: `form:<id>` links are kind "form". */
export function recordKindOf(kind: string): RecordKind {
  return (kind.startsWith("form:") ? "form" : kind) as RecordKind;
}

async function read(kind: string): Promise<LinkOption[]> {
  if (kind.startsWith("form:")) {
    const rows = await formsApi.records({ formId: kind.slice("form:".length) });
    return rows.map((r) => ({ id: r.id, label: `${r.code} ${r.title}` }));
  }
  switch (kind) {
    case "fault":
      return (await faultsApi.faultQueue({ state: "all", level: null, month: null, text: null })).map((f) => ({ id: f.id, label: `${f.code} ${f.title}` }));
    case "change":
      return (await ticketsApi.listChanges({ month: null, state: null, text: null })).map((c) => ({ id: c.id, label: `${c.code} ${c.title}` }));
    case "serviceRecord":
      return (await ticketsApi.listServiceRecords({ month: null, kind: null, openOnly: false, text: null })).map((s) => ({
        id: s.id,
        label: `${s.code} ${firstLine(s.description)}`,
      }));
    case "training":
      return (await ticketsApi.listTrainings({ month: null, text: null })).map((t) => ({ id: t.id, label: `${formatTimestamp(t.heldAt)} ${t.topic}` }));
    case "faq":
      return (await ticketsApi.listFaq({ month: null, text: null })).map((f) => ({ id: f.id, label: `第 ${f.seq} 条 ${firstLine(f.question)}` }));
    case "inspection":
      return (await inspectionsApi.listInspections(null)).map((i) => ({ id: i.id, label: `${i.number ?? i.date} ${i.templateName}` }));
    case "complaint":
      return (await complaintsApi.list({ month: null, text: null })).map((c) => ({ id: c.id, label: `${c.code} ${c.subject}` }));
    default:
      return [];
  }
}

/** The records offered for `kind`, newest first, at most MAX_OPTIONS. */
export async function linkOptions(kind: string): Promise<LinkOption[]> {
  return (await read(kind)).slice(0, MAX_OPTIONS);
}
