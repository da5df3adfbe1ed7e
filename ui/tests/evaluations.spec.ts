// 工作情况评价 (seed 004's 工作情况评价表): the month's list with the count of each rating, and the
// form — what it sends, and Rust's message next to the field it names.
import { mount } from "@vue/test-utils";
import { createPinia, setActivePinia } from "pinia";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { EvaluationView } from "../src/bindings/EvaluationView";
import type { IpcError } from "../src/bindings/IpcError";
import EvaluationsPanel from "../src/components/complaints/EvaluationsPanel.vue";
import { elementPlus } from "../src/element";
import { useAppStore } from "../src/stores/app";
import { SETTINGS } from "./fixtures";
import { atChinaTime, byTestId, mockIpc, settle, typeInto } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

function evaluation(over: Partial<EvaluationView> = {}): EvaluationView {
  return {
    id: 1,
    periodStart: "2026-11-16",
    periodEnd: "2026-11-20",
    engineerId: null,
    engineerName: null,
    rating: "basic",
    comments: "响应及时，文档需更规范",
    evaluator: "赵主任",
    evaluatedOn: "2026-11-20",
    createdAt: "2026-11-20T09:00:00Z",
    updatedAt: "2026-11-20T09:00:00Z",
    ...over,
  };
}

describe("工作情况评价", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");
  const mounted: { unmount(): void }[] = [];
  beforeEach(() => {
    setActivePinia(createPinia());
    useAppStore().settings = SETTINGS;
  });
  afterEach(() => {
    for (const w of mounted.splice(0)) w.unmount();
  });

  it("lists the month's forms with the count of each rating", async () => {
    const calls = mockIpc({
      list_evaluations: () => [evaluation(), evaluation({ id: 2, rating: "satisfied", periodStart: "2026-11-09", periodEnd: "2026-11-13" })],
    });
    mounted.push(mount(EvaluationsPanel, { attachTo: document.body, global: { plugins: [elementPlus] } }));
    await settle();
    expect(calls.find((c) => c.cmd === "list_evaluations")!.args).toEqual({ month: "2026-11" });
    expect(byTestId("evaluation-counts")!.textContent).toContain("满意 1");
    expect(byTestId("evaluation-counts")!.textContent).toContain("基本满意 1");
    expect(byTestId("evaluation-counts")!.textContent).toContain("不满意 0");
    expect(byTestId("evaluation-row-1")!.textContent).toContain("2026-11-16 至 2026-11-20");
    expect(byTestId("evaluation-row-1")!.textContent).toContain("基本满意");
  });

  it("says so when the month has none, and sends a new form with Rust's message by its field", async () => {
    const refused: IpcError = {
      kind: "validation",
      message: "请填写评价人。",
      fields: [{ field: "evaluator", message: "请填写评价人。" }],
    };
    let refuse = true;
    const calls = mockIpc({
      list_evaluations: () => [],
      create_evaluation: (args) => {
        if (refuse) throw refused;
        return evaluation({ ...(args.input as object), id: 7 });
      },
    });
    mounted.push(mount(EvaluationsPanel, { attachTo: document.body, global: { plugins: [elementPlus] } }));
    await settle();
    expect(byTestId("evaluations-empty")).not.toBeNull();
    byTestId("new-evaluation")!.click();
    await settle();
    await typeInto("evaluation-comments", "本周工作认真");
    byTestId("evaluation-submit")!.click();
    await settle();
    const sent = calls.find((c) => c.cmd === "create_evaluation")!.args.input as Record<string, unknown>;
    // The week so far: Monday 11-23 to today.
    expect(sent).toMatchObject({ periodStart: "2026-11-23", periodEnd: "2026-11-23", rating: "satisfied", evaluator: "", comments: "本周工作认真", evaluatedOn: "2026-11-23" });
    expect(byTestId("error-evaluator")?.textContent).toBe("请填写评价人。");
    refuse = false;
    await typeInto("evaluation-evaluator", "赵主任");
    expect(byTestId("error-evaluator")).toBeNull();
    byTestId("evaluation-submit")!.click();
    await settle();
    const last = calls.filter((c) => c.cmd === "create_evaluation").pop()!.args.input as Record<string, unknown>;
    expect(last.evaluator).toBe("赵主任");
  });
});
