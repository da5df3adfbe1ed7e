// The 巡检 wrappers call the Rust commands of src-tauri/src/commands/inspections.rs by name,
// with the camelCase argument names Tauri maps to their parameters.
import { beforeEach, describe, expect, it, vi } from "vitest";
import { invoke } from "@tauri-apps/api/core";
import { faultsApi } from "../src/api/faults";
import { inspectionsApi } from "../src/api/inspections";
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
    const fault: FaultInput = { reportedAt: "2026-11-23T14:05:00+08:00", reporter: "赵工", reporterDept: "", contact: "", channel: "inspection", system: "", title: "巡检发现", description: "磁盘 92%", level: "normal", faultType: "" };
    await inspectionsApi.listInspectionTemplates();
    await inspectionsApi.getInspectionTemplate("daily");
    await inspectionsApi.saveInspectionTemplate(DAILY);
    await inspectionsApi.listStoppedInspectionTemplates();
    await inspectionsApi.setInspectionTemplateActive("monitoring", false);
    await inspectionsApi.inspectionsDueToday();
    await inspectionsApi.startInspection("daily", "2026-11-23@14:00");
    await inspectionsApi.startInspection("daily", null);
    await inspectionsApi.getInspection(7);
    await inspectionsApi.saveInspectionAnswer(7, answer);
    await inspectionsApi.saveInspectionHeader(7, header);
    await inspectionsApi.completeInspection(7);
    await inspectionsApi.deleteInspection(7);
    await inspectionsApi.listInspections("2026-11");
    await inspectionsApi.listInspections(null);
    await inspectionsApi.listProbeTargets();
    await inspectionsApi.saveProbeTarget(target);
    await inspectionsApi.removeProbeTarget(2);
    await inspectionsApi.probeNow(7);
    await inspectionsApi.probeNow(null);
    await inspectionsApi.inspectionFaultDraft(7, "srv-disk");
    await inspectionsApi.createFaultFromInspection(7, "srv-disk", fault);
    await faultsApi.listAttachments("inspection", 7);
    await faultsApi.pickAttachments("inspection", 7);
    expect(vi.mocked(invoke).mock.calls).toEqual([
      ["list_inspection_templates", undefined],
      ["get_inspection_template", { id: "daily" }],
      ["save_inspection_template", { input: DAILY }],
      ["list_stopped_inspection_templates", undefined],
      ["set_inspection_template_active", { id: "monitoring", active: false }],
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
