// Journey of a requirement change (需求变更 / 项目工单) on the three-level contract (seed 000/001:
// answered within 24 hours, counted 7×24): entered in the window with the 工作事由 refused first,
// its response clock running in the list, answered on its page, printed as seed 002's 项目工单 with
// its four signature blocks, exported with one click (报表导出 → 导出到数据目录) into the month's
// workbook, and still there, answered, after the app is started again.
import assert from "node:assert/strict";
import { existsSync } from "node:fs";
import { after, before, test } from "node:test";
import { AppSession, freshDataDir, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { CLIENT, beijing, completeSetup } from "./lib/journeys.mjs";
import { readWorkbook } from "./lib/xlsx.mjs";

let driver;
before(async () => {
  driver = await startDriver();
});
after(() => driver?.stop());

/** Whether the dialog `testid` is gone or hidden. */
function dialogClosed(app, testid) {
  return app.execute(
    `const d = document.querySelector('[data-testid="' + arguments[0] + '"]');
     return !d || d.offsetParent === null;`,
    [testid],
  );
}

test("changes: a 需求变更 entered, refused once, answered within its 24 hours, printed as 项目工单, exported in the month's workbook, kept across a restart", async () => {
  const dataDir = freshDataDir("changes");
  let app = await AppSession.launch(dataDir);
  let code;
  await withScreenshotOnFailure(app, "changes", async () => {
    await completeSetup(app);
    await app.click("nav-tickets");
    await app.click("new-change");
    await app.waitForTestId("change-form");
    // Requested an hour ago: 23 hours of the 24 left.
    const requested = beijing(-60);
    await app.fill("change-requested-at", requested);
    await app.fill("change-description", "办公室需要按周查看会议室占用情况，并可在线预约。");
    await app.fill("change-field-requesterDept", "办公室");
    await app.fill("change-field-contact", "张主任");
    await app.fill("change-field-operator", "王工");
    // Refused first: no 工作事由, and Rust's message shows next to the field.
    await app.click("change-submit");
    const error = await app.waitFor(() => app.text("error-title"), "the title error");
    assert.match(error, /工作事由/);
    await app.fill("change-title", "新增会议室预约模块");
    await app.click("change-submit");
    await app.waitFor(() => dialogClosed(app, "change-form"), "the change dialog to close");

    code = await app.waitFor(
      () => app.execute(`return document.querySelector('[data-testid^="change-row-"] .records__code')?.innerText.trim() ?? null;`),
      "the change in the list",
    );
    assert.match(code, /^BG-\d{8}-01$/);
    const row = await app.text(`change-row-${code}`);
    assert.match(row, /新增会议室预约模块/);
    assert.match(row, /剩余\s*2[23]小时/);
    await app.screenshot("changes-list");

    // Answered on its page, inside the 24 hours.
    await app.click(`change-row-${code}`);
    await app.waitForTestId("change-detail");
    assert.equal(await app.text("change-code"), code);
    await app.click("change-respond");
    await app.waitForTestId("change-respond-dialog");
    await app.fill("change-respond-text", "可在下周版本中实现，先出原型给办公室确认。");
    await app.click("change-respond-submit");
    await app.waitFor(() => dialogClosed(app, "change-respond-dialog"), "the respond dialog to close");
    await app.waitFor(async () => /已响应/.test((await app.text("change-state")) ?? ""), "the change answered");
    assert.match(await app.text("change-deadline"), /已按时响应/);
    await app.screenshot("changes-detail");

    // 打印: seed 002's 项目工单, 操作人员 signing without a date, the client named on 建设方's line.
    await app.click("print-record");
    await app.waitForTestId("printed-form", 20_000);
    assert.equal(await app.text("printed-form-title"), "项目工单");
    const paper = await app.text("printed-form");
    assert.match(paper, /新增会议室预约模块/);
    assert.match(paper, /可在下周版本中实现/);
    const blocks = await app.execute(
      `return [...document.querySelectorAll('[data-testid="signature-block"]')].map((b) => ({
         label: b.querySelector('.paper__signature-label')?.innerText.trim(),
         dated: /日期/.test(b.innerText),
       }));`,
    );
    assert.deepEqual(blocks, [
      { label: "使用方（需求提出人）", dated: true },
      { label: "承建方（操作人员）", dated: false },
      { label: "承建方（项目经理）", dated: true },
      { label: `建设方（${CLIENT}）`, dated: true },
    ]);
    await app.execute(`document.querySelector('.paper__signatures')?.scrollIntoView({ block: "center" });`);
    await app.screenshot("changes-print-signatures");

    // 报表导出 of the change's month, one click into the data directory. The self-check may list
    // what a fresh project still owes (today's inspections, the work log); exported anyway.
    await app.execute(`location.hash = '#/export?month=' + arguments[0];`, [requested.slice(0, 7)]);
    await app.waitForTestId("export-page", 20_000);
    await app.click("export-quick");
    // The self-check's dialog, the written path or an error, whichever comes first.
    const visible = (testid) =>
      app.execute(`const d = document.querySelector('[data-testid="' + arguments[0] + '"]'); return !!d && d.offsetParent !== null;`, [testid]);
    const outcome = async () =>
      (await app.text("export-error")) ? "error" : (await app.text("export-path")) ? "written" : null;
    let first = await app.waitFor(async () => (await outcome()) ?? ((await visible("export-confirm")) ? "confirm" : null), "the export to answer", 30_000);
    if (first === "confirm") {
      assert.ok((await app.text("export-confirm-list")).length > 0, "the self-check names what is missing");
      await app.click("export-confirm-go");
      first = await app.waitFor(outcome, "the month's workbook written", 30_000);
    }
    assert.equal(first, "written", `the export failed: ${await app.text("export-error")}`);
    const path = await app.text("export-path");
    assert.match(path, /\.xlsx$/);
    assert.ok(path.startsWith(dataDir), `${path} is in the data directory ${dataDir}`);
    assert.ok(existsSync(path), `${path} exists`);
    const workbook = readWorkbook(path);
    assert.ok(workbook.sheets.includes("考核表"), `sheets: ${workbook.sheets.join(", ")}`);
    // The change on its own sheet, with its 工作事由 and the answer in time.
    const sheet = workbook.text.get("需求变更") ?? "";
    assert.match(sheet, new RegExp(`^${code}$`, "m"));
    assert.match(sheet, /^新增会议室预约模块$/m);
    assert.match(sheet, /^按时$/m);
    await app.execute(`document.querySelector('[data-testid="export-done"]')?.scrollIntoView({ block: "center" });`);
    await app.screenshot("changes-exported");
  });
  await app.quit();

  // Started again on the same data directory: the change is there, answered.
  app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "changes-restart", async () => {
    await app.waitForTestId("today-page", 20_000);
    await app.click("nav-tickets");
    await app.waitForTestId(`change-row-${code}`, 20_000);
    assert.match(await app.text(`change-row-${code}`), /已响应/);
  });
  await app.quit();
});
