// 报表导出: the month it opens on, the self-check, the assessment sheet with its evidence and the
// hand-entered deductions, the monthly report texts, and the export with its confirmation. The page
// reads the month with one command (month_overview) and reads it again after each write.
import { describe, expect, it, vi } from "vitest";
import type { AssessmentResult } from "../src/bindings/AssessmentResult";
import type { ManualDeduction } from "../src/bindings/ManualDeduction";
import type { ManualDeductionInput } from "../src/bindings/ManualDeductionInput";
import type { MonthlyReportText } from "../src/bindings/MonthlyReportText";
import { assessment, exportHandlers, MANUAL, overview, reportText, SELF_CHECK } from "./export-fixtures";
import { atChinaTime, byTestId, clickTestId, type Handler, inputOf, mockIpc, mountApp, settle, typeInto } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

const PATH = "D:\\运维记录\\协同办公平台运维服务项目_运维记录_2026-11.xlsx";

async function open(extra: Record<string, Handler> = {}, path = "/export") {
  const calls = mockIpc(exportHandlers(extra));
  const mounted = await mountApp(path);
  return { ...mounted, calls };
}

const text = (id: string) => byTestId(id)?.textContent ?? "";
const argsOf = (calls: { cmd: string; args: Record<string, unknown> }[], cmd: string) => calls.filter((c) => c.cmd === cmd).map((c) => c.args);

/**
 * The month as a store would answer it: month_overview returns the deductions as they stand, the
 * removed ones with deletedAt; `sheet` is what Rust computes from them.
 */
function monthStore(sheet: (counting: ManualDeduction[]) => AssessmentResult = () => assessment()) {
  const manual: ManualDeduction[] = MANUAL.map((m) => ({ ...m }));
  const handlers: Record<string, Handler> = {
    month_overview: (args) =>
      overview({ assessment: sheet(manual.filter((m) => m.deletedAt === null)), manualDeductions: manual.map((m) => ({ ...m })) }, args.month as string),
    remove_manual_deduction: (args) => {
      const m = manual.find((x) => x.id === args.id)!;
      m.deletedAt = "2026-12-03T10:00:00+08:00";
      return manual.filter((x) => x.deletedAt === null);
    },
  };
  return { manual, handlers };
}

/** Opens an el-select inside the wrapper and clicks the option with the given test id. */
async function choose(wrapperId: string, optionId: string) {
  byTestId(wrapperId)!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
  await settle();
  await clickTestId(optionId);
}

describe("报表导出", () => {
  // 3 December: the engineer is still handing over November.
  atChinaTime("2026-12-03T10:00:00+08:00");

  it("opens on last month, says the records are complete, and shows the sheet with evidence and the manual line", async () => {
    const { calls, router } = await open();
    expect(router.currentRoute.value.query.month).toBe("2026-11");
    expect(inputOf("export-month").value).toBe("2026年11月");
    // One read of the month for the whole page.
    expect(argsOf(calls, "month_overview")).toEqual([{ month: "2026-11" }]);
    for (const cmd of ["month_self_check", "month_assessment", "get_monthly_report", "list_manual_deductions"]) {
      expect(argsOf(calls, cmd), cmd).toEqual([]);
    }

    expect(text("self-check-list")).toContain("本月记录齐全");

    expect(text("assessment-total")).toContain("98.5");
    expect(text("assessment-total")).toContain("/ 100 分");
    expect(text("assessment-band")).toBe("98.5 分：按合同支付 100%");
    expect(byTestId("assessment-band")!.classList).toContain("is-passed");
    expect(byTestId("assessment-total")!.dataset.passed).toBe("true");

    const complaint = byTestId("assessment-row-satisfaction")!;
    expect(complaint.querySelector('[data-role="score"]')!.textContent).toBe("9");
    expect(complaint.textContent).toContain("投诉 −1 分");
    expect(complaint.textContent).toContain("依据：11月12日 财务处投诉响应慢");
    expect(complaint.querySelector('[data-role="manual"]')?.textContent).toBe("人工录入");
    expect(complaint.querySelector('[data-role="basis"]')!.textContent).toBe("人工录入（记录无法判定的事项）。");

    // Counted from the records: evidence, no 人工录入 tag.
    const sla = byTestId("assessment-row-slaTime")!;
    expect(sla.textContent).toContain("一般故障超时 −0.5 分");
    expect(sla.textContent).toContain("GZ-20261105-01（一般，恢复超时）");
    expect(sla.querySelector('[data-role="manual"]')).toBeNull();

    const training = byTestId("assessment-row-training")!;
    expect(training.querySelector('[data-role="score"]')!.textContent).toBe("10");
    expect(training.querySelector('[data-role="basis"]')!.textContent).toBe("本月培训 2 次。");

    expect(text("manual-row-7")).toContain("人员考核：满意度：投诉 1 次");
    expect(text("manual-row-7")).toContain("11月12日 财务处投诉响应慢");
    byTestId("manual-history-7")!.click();
    await settle();
    expect(argsOf(calls, "record_history")).toEqual([{ kind: "deduction", id: 7 }]);
    expect(byTestId("manual-history-dialog")).not.toBeNull();
  });

  it("shows a failing score in red", async () => {
    await open({
      month_overview: () =>
        overview({ assessment: assessment({ score: 68, passed: false, payPercent: 0, penaltyPercent: 30, bandText: "68 分：低于 70 分，考核不合格，需支付合同金额 30% 的违约金" }) }),
    });
    expect(byTestId("assessment-band")!.classList).toContain("is-failed");
    expect(byTestId("assessment-total")!.dataset.passed).toBe("false");
  });

  it("says so when the profile has no assessment sheet, without inventing a score", async () => {
    await open({
      month_overview: () => overview({ assessment: assessment({ items: [], totalPoints: 0, score: 0, passed: false, bandText: "所选合同服务级别没有考核表。" }) }),
    });
    expect(text("assessment-none")).toContain("所选合同服务级别没有考核表。");
    expect(byTestId("assessment-total")).toBeNull();
    expect(byTestId("manual-add")).toBeNull();
  });

  it("人工录入扣分: Rust's note error appears under the note; then the list and the sheet are read again", async () => {
    let refuse = true;
    const after = assessment({ score: 97.5, bandText: "97.5 分：按合同支付 100%" });
    const added: ManualDeduction = { id: 8, itemCode: "satisfaction", deductionCode: "complaint", count: 2, points: 0, note: "11月20日 办公室投诉", deletedAt: null };
    const { calls } = await open({
      add_manual_deduction: () => {
        if (refuse) {
          throw {
            kind: "validation",
            message: "请写明扣分原因（例如：11月12日 财务处投诉响应慢），考核表会打印这条说明。",
            fields: [{ field: "note", message: "请写明扣分原因（例如：11月12日 财务处投诉响应慢），考核表会打印这条说明。" }],
          };
        }
        return [...MANUAL, added];
      },
      month_overview: () => (refuse ? overview() : overview({ assessment: after, manualDeductions: [...MANUAL, added] })),
    });
    await clickTestId("manual-add");
    expect(byTestId("manual-dialog")).not.toBeNull();
    await choose("manual-item", "manual-item-option-satisfaction");
    // 投诉 is the item's only counted deduction: chosen already, with a count.
    expect(byTestId("manual-deduction-complaint")!.querySelector("input")!.checked).toBe(true);
    expect(byTestId("manual-points")).toBeNull();
    await typeInto("manual-count", "2");
    inputOf("manual-count").dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    expect(text("manual-preview")).toBe("每次扣 1 分，共扣 2 分");

    await clickTestId("manual-submit");
    const sent = argsOf(calls, "add_manual_deduction")[0]!.input as ManualDeductionInput;
    expect(sent).toEqual({ month: "2026-11", itemCode: "satisfaction", deductionCode: "complaint", count: 2, points: 0, note: "" });
    const noteField = byTestId("manual-note")!.closest(".el-form-item")!;
    expect(noteField.querySelector('[data-testid="error-note"]')?.textContent).toContain("请写明扣分原因");
    // Rust's message is the note's own; it is not repeated above the buttons.
    expect(byTestId("manual-error")).toBeNull();

    refuse = false;
    await typeInto("manual-note", "11月20日 办公室投诉");
    expect(byTestId("error-note")).toBeNull();
    await clickTestId("manual-submit");
    expect((argsOf(calls, "add_manual_deduction")[1]!.input as ManualDeductionInput).note).toBe("11月20日 办公室投诉");
    expect(text("manual-row-8")).toContain("投诉 2 次");
    expect(argsOf(calls, "month_overview")).toHaveLength(2);
    expect(text("assessment-band")).toBe("97.5 分：按合同支付 100%");
  });

  it("人工录入扣分 on an item without counted deductions asks for points", async () => {
    const { calls } = await open({ add_manual_deduction: () => MANUAL });
    await clickTestId("manual-add");
    await choose("manual-item", "manual-item-option-training");
    expect(byTestId("manual-deduction")).toBeNull();
    expect(byTestId("manual-count")).toBeNull();
    await typeInto("manual-points", "2");
    inputOf("manual-points").dispatchEvent(new Event("change", { bubbles: true }));
    await typeInto("manual-note", "甲方认为本月未开展培训");
    await clickTestId("manual-submit");
    expect(argsOf(calls, "add_manual_deduction")[0]!.input).toEqual({
      month: "2026-11",
      itemCode: "training",
      deductionCode: null,
      count: 1,
      points: 2,
      note: "甲方认为本月未开展培训",
    });
  });

  it("removes a manual deduction after a second click and reads the sheet again", async () => {
    const store = monthStore();
    const { calls } = await open(store.handlers);
    await clickTestId("manual-remove-7");
    expect(argsOf(calls, "remove_manual_deduction")).toEqual([]);
    await clickTestId("manual-remove-confirm-7");
    expect(argsOf(calls, "remove_manual_deduction")).toEqual([{ month: "2026-11", id: 7 }]);
    expect(byTestId("manual-row-7")).toBeNull();
    expect(text("manual-empty")).toContain("本月没有人工录入的扣分");
    expect(argsOf(calls, "month_overview")).toHaveLength(2);
  });

  it("删除扣分 asks that the record stays, and 显示已删除的扣分 lists removed deductions greyed with when", async () => {
    const removed = { ...MANUAL[0]!, id: 8, note: "录错的投诉", deletedAt: "2026-12-02T16:20:00+08:00" };
    const store = monthStore();
    store.manual.push(removed);
    const { calls } = await open(store.handlers);
    expect(byTestId("manual-row-8")).toBeNull();
    await clickTestId("manual-remove-7");
    expect(text("manual-row-7")).toContain("记录仍保留在历史中");
    expect(byTestId("manual-remove-confirm-7")?.textContent?.trim()).toBe("删除扣分");
    await clickTestId("manual-remove-cancel-7");

    // The month's read holds the removed ones already: showing them asks Rust nothing.
    const before = calls.length;
    byTestId("manual-show-deleted")!.querySelector<HTMLElement>("input")!.click();
    await settle();
    expect(calls.length).toBe(before);
    const row = byTestId("manual-row-8")!;
    expect(row.classList).toContain("is-deleted");
    expect(text("manual-deleted-8")).toContain("已删除 · 2026年12月2日 星期三 16:20");
    expect(byTestId("manual-remove-8")).toBeNull();
    expect(byTestId("manual-row-7")!.classList).not.toContain("is-deleted");

    // Removing with the removed ones shown: the month is read again and lists it as removed.
    await clickTestId("manual-remove-7");
    await clickTestId("manual-remove-confirm-7");
    expect(argsOf(calls, "remove_manual_deduction")).toEqual([{ month: "2026-11", id: 7 }]);
    expect(argsOf(calls, "month_overview")).toHaveLength(2);
    expect(byTestId("manual-row-7")!.classList).toContain("is-deleted");
    expect(text("manual-deleted-7")).toContain("已删除 · 2026年12月3日 星期四 10:00");
  });

  it("lists the self-check's gaps with links, and asks before exporting with them", async () => {
    const { calls, router } = await open({ month_overview: () => overview({ selfCheck: SELF_CHECK }), export_month: () => PATH });
    expect(text("self-check-item-0")).toContain("20日缺 1 次");
    expect(byTestId("self-check-link-1")!.getAttribute("href")).toContain("/faults/1");

    await clickTestId("export-button");
    expect(argsOf(calls, "export_month")).toEqual([]);
    const confirm = byTestId("export-confirm")!;
    expect(confirm.textContent).toContain("还有 2 项缺漏，仍要导出吗？");
    expect(confirm.textContent).toContain("20日缺 1 次");
    expect(confirm.textContent).toContain("GZ-20261123-01");

    await clickTestId("export-confirm-go");
    expect(argsOf(calls, "export_month")).toEqual([{ month: "2026-11", ask: true }]);
    expect(text("export-path")).toBe(PATH);
    await clickTestId("export-open-file");
    await clickTestId("export-open-folder");
    expect(argsOf(calls, "open_export")).toEqual([{ path: PATH }, { path: "D:\\运维记录" }]);

    // 先去补齐 writes nothing.
    await clickTestId("export-quick");
    await clickTestId("export-confirm-cancel");
    expect(argsOf(calls, "export_month")).toHaveLength(1);

    byTestId("self-check-link-1")!.click();
    await settle();
    expect(router.currentRoute.value.path).toBe("/faults/1");
  });

  it("a cancelled save dialog shows nothing; 导出到数据目录 does not ask where", async () => {
    const { calls } = await open({
      export_month: (args) => (args.ask ? null : `/home/test/.local/share/dutydesk-test/exports/运维记录_2026-11.xlsx`),
    });
    await clickTestId("export-button");
    expect(argsOf(calls, "export_month")).toEqual([{ month: "2026-11", ask: true }]);
    expect(byTestId("export-confirm")).toBeNull();
    expect(byTestId("export-path")).toBeNull();
    expect(byTestId("export-error")).toBeNull();
    expect(byTestId("export-button")!.hasAttribute("disabled")).toBe(false);

    await clickTestId("export-quick");
    expect(argsOf(calls, "export_month")[1]).toEqual({ month: "2026-11", ask: false });
    expect(text("export-path")).toBe("/home/test/.local/share/dutydesk-test/exports/运维记录_2026-11.xlsx");
  });

  it("saves the monthly report with the button and on leaving a field, and shows when", async () => {
    const { calls } = await open();
    expect(inputOf("report-overview").value).toBe("本月平台运行平稳。");
    expect(text("report-saved-at")).toBe("上次保存：2026年11月28日 星期六 16:30");

    await typeInto("report-nextPlan", "十二月：年度巡检与总结。");
    expect(text("report-saved-at")).toContain("有未保存的修改");
    await clickTestId("report-save");
    const expected: MonthlyReportText = { ...reportText(), nextPlan: "十二月：年度巡检与总结。" };
    expect(argsOf(calls, "save_monthly_report")).toEqual([{ input: expected }]);
    expect(text("report-saved-at")).toBe("上次保存：2026年12月3日 星期四 10:10");

    // Leaving a changed field saves it; leaving an unchanged one does not.
    await typeInto("report-problems", "20日 短信服务延迟，已处理。");
    inputOf("report-problems").dispatchEvent(new FocusEvent("blur"));
    await settle();
    inputOf("report-overview").dispatchEvent(new FocusEvent("blur"));
    await settle();
    const saves = argsOf(calls, "save_monthly_report");
    expect(saves).toHaveLength(2);
    expect((saves[1]!.input as MonthlyReportText).problems).toBe("20日 短信服务延迟，已处理。");
  });

  it("saves unsaved report text before exporting", async () => {
    const { calls } = await open({ export_month: () => PATH });
    await typeInto("report-userFeedback", "希望增加移动端签章。");
    await clickTestId("export-button");
    const order = calls.map((c) => c.cmd).filter((c) => c === "save_monthly_report" || c === "export_month");
    expect(order).toEqual(["save_monthly_report", "export_month"]);
  });

  it("keeps the month in the route and reads everything for another month", async () => {
    const { calls } = await open({}, "/export?month=2026-10");
    expect(inputOf("export-month").value).toBe("2026年10月");
    expect(argsOf(calls, "month_overview")).toEqual([{ month: "2026-10" }]);
  });

  it("exports the weekly report of the chosen day's week through the save dialog", async () => {
    const weekly = "D:\\运维记录\\周报.xlsx";
    const { calls } = await open({ export_week: () => weekly });
    await clickTestId("weekly-export");
    expect(argsOf(calls, "export_week")).toEqual([{ date: "2026-12-03", ask: true }]);
    expect(text("export-path")).toBe(weekly);
  });

  it("offers the counted deductions of the sheet Rust sends, with their names and units", async () => {
    // A contract's own sheet: two kinds of complaint, none of them the shipped one's.
    const custom = assessment();
    custom.items = custom.items.map((i) =>
      i.code === "satisfaction"
        ? {
            ...i,
            deductions: [
              { code: "writtenComplaint", name: "书面投诉", points: 2, unit: "件" },
              { code: "complaint", name: "口头投诉", points: 0.5, unit: "次" },
            ],
          }
        : i,
    );
    const { calls } = await open({ month_overview: () => overview({ assessment: custom }), add_manual_deduction: () => MANUAL });
    expect(text("manual-row-7")).toContain("人员考核：满意度：口头投诉 1 次");

    await clickTestId("manual-add");
    await choose("manual-item", "manual-item-option-satisfaction");
    // Two counted deductions: none is chosen for the engineer.
    expect(text("manual-deduction-writtenComplaint")).toContain("书面投诉（每件 2 分）");
    expect(text("manual-deduction-complaint")).toContain("口头投诉（每次 0.5 分）");
    expect(byTestId("manual-count")).toBeNull();
    byTestId("manual-deduction-writtenComplaint")!.querySelector<HTMLElement>("input")!.click();
    await settle();
    expect(text("manual-preview")).toBe("每件扣 2 分，共扣 2 分");
    await typeInto("manual-note", "11月18日 财务处书面投诉");
    await clickTestId("manual-submit");
    expect(argsOf(calls, "add_manual_deduction")[0]!.input).toEqual({
      month: "2026-11",
      itemCode: "satisfaction",
      deductionCode: "writtenComplaint",
      count: 1,
      points: 0,
      note: "11月18日 财务处书面投诉",
    });

    // An item the sheet counts nothing on takes points directly.
    await clickTestId("manual-add");
    await choose("manual-item", "manual-item-option-support");
    expect(byTestId("manual-deduction")).toBeNull();
    expect(byTestId("manual-points")).not.toBeNull();
  });

  it("reads the month once more before writing the workbook, and not again for the write", async () => {
    const { calls } = await open({ export_month: () => PATH });
    await clickTestId("export-button");
    const reads = calls.map((c) => c.cmd).filter((c) => c === "month_overview" || c === "export_month");
    expect(reads).toEqual(["month_overview", "month_overview", "export_month"]);
    expect(text("export-path")).toBe(PATH);
  });

  it("says in each part why the month could not be read", async () => {
    const refusal = { kind: "notReady", message: "请先在“设置”中填写项目信息，再导出月度记录。", fields: [] };
    await open({
      month_overview: () => {
        throw refusal;
      },
    });
    expect(text("self-check-error")).toContain(`无法自查：${refusal.message}`);
    expect(text("assessment-error")).toContain(`无法计算考核得分：${refusal.message}`);
    expect(text("report-load-error")).toContain(`无法读取月度报告：${refusal.message}`);
  });
});
