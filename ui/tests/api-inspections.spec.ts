// The 巡检 wrappers call the Rust commands of src-tauri/src/commands/inspections.rs by name,
// with the camelCase argument names Tauri maps to their parameters.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import { api } from "../src/api";
import type { AnswerInput } from "../src/bindings/AnswerInput";
import type { FaultInput } from "../src/bindings/FaultInput";
import type { ProbeTargetInput } from "../src/bindings/ProbeTargetInput";
import type { RecordHeaderInput } from "../src/bindings/RecordHeaderInput";
import { DAILY } from "./inspection-fixtures";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

describe("巡检 api", () => {
  beforeEach(() => {
    vi.mocked(invoke).mockReset();
    vi.mocked(invoke).mockResolvedValue(null);
  });

  it("calls every inspection command with the argument names Rust expects", async () => {
    const answer: AnswerInput = { itemKey: "srv-disk", status: null, valueNum: 92, valueText: "", note: "" };
    const header: RecordHeaderInput = { inspector: "赵工", recorder: "王工", method: "remote", summary: "" };
    const target: ProbeTargetInput = { id: null, name: "签章服务", url: "https://sign.example/", expectedStatus: null, keyword: "", timeoutMs: 10_000, allowInvalidCert: false, background: true };
    const fault: FaultInput = { reportedAt: "2026-11-23T14:05:00+08:00", reporter: "赵工", reporterDept: "", contact: "", channel: "inspection", system: "", title: "巡检发现", description: "磁盘 92%", level: "normal" };
    await api.listInspectionTemplates();
    await api.getInspectionTemplate("daily");
    await api.saveInspectionTemplate(DAILY);
    await api.inspectionsDueToday();
    await api.startInspection("daily", "2026-11-23@14:00");
    await api.startInspection("daily", null);
    await api.getInspection(7);
    await api.saveInspectionAnswer(7, answer);
    await api.saveInspectionHeader(7, header);
    await api.completeInspection(7);
    await api.deleteInspection(7);
    await api.listInspections("2026-11");
    await api.listInspections(null);
    await api.listProbeTargets();
    await api.saveProbeTarget(target);
    await api.removeProbeTarget(2);
    await api.probeNow(7);
    await api.probeNow(null);
    await api.inspectionFaultDraft(7, "srv-disk");
    await api.createFaultFromInspection(7, "srv-disk", fault);
    await api.listAttachments("inspection", 7);
    await api.pickAttachments("inspection", 7);
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ["list_inspection_templates", undefined],
      ["get_inspection_template", { id: "daily" }],
      ["save_inspection_template", { input: DAILY }],
      ["inspections_due_today", undefined],
      ["start_inspection", { templateId: "daily", slot: "2026-11-23@14:00" }],
      ["start_inspection", { templateId: "daily", slot: null }],
      ["get_inspection", { id: 7 }],
      ["save_inspection_answer", { id: 7, input: answer }],
      ["save_inspection_header", { id: 7, input: header }],
      ["complete_inspection", { id: 7 }],
      ["delete_inspection", { id: 7 }],
      ["list_inspections", { month: "2026-11" }],
      ["list_inspections", { month: null }],
      ["list_probe_targets", undefined],
      ["save_probe_target", { input: target }],
      ["remove_probe_target", { id: 2 }],
      ["probe_now", { recordId: 7 }],
      ["probe_now", { recordId: null }],
      ["inspection_fault_draft", { recordId: 7, itemKey: "srv-disk" }],
      ["create_fault_from_inspection", { recordId: 7, itemKey: "srv-disk", input: fault }],
      ["list_attachments", { ownerKind: "inspection", ownerId: 7 }],
      ["pick_attachments", { ownerKind: "inspection", ownerId: 7 }],
    ]);
  });
});
