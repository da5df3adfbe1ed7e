// Journey of today's 日常巡检: a service registered for probing (a real HTTP server started here),
// the first slot of the day started from the due list, 立即探测 filling the 签章服务 item, every
// other required item answered, one item marked 异常, the record completed with its YYMMDD-NN number,
// and the linked fault created from the abnormal item, all of it in the record's 修改记录; the CLI
// then lists the record.
import assert from "node:assert/strict";
import http from "node:http";
import { after, before, test } from "node:test";
import { AppSession, freshDataDir, sleep, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { cliJson } from "./lib/cli.mjs";
import { completeSetup } from "./lib/journeys.mjs";

let driver;
let server;
let serviceUrl;
before(async () => {
  server = http.createServer((req, res) => {
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8" });
    res.end("<title>电子签章服务</title>");
  });
  await new Promise((r) => server.listen(0, "127.0.0.1", r));
  serviceUrl = `http://127.0.0.1:${server.address().port}/sign`;
  driver = await startDriver();
});
after(() => {
  driver?.stop();
  server?.close();
});

/** Answers, inside one item, like the engineer: click a status, or type a value. */
function answerAllRequired(app) {
  return app.execute(`
    const type = (input, value) => {
      input.focus();
      input.value = value;
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.dispatchEvent(new Event('change', { bubbles: true }));
      input.blur();
    };
    let n = 0;
    for (const item of document.querySelectorAll('[data-testid^="item-"]')) {
      if (!item.querySelector('.item__required')) continue;
      const value = item.querySelector('[data-testid="value"] input, [data-testid="value"] textarea');
      if (value) {
        if (!value.value) { type(value, value.tagName === 'TEXTAREA' ? '无异常' : '1'); n++; }
        continue;
      }
      if (item.getAttribute('data-status')) continue;
      const ok = item.querySelector('[data-testid="status-ok"] input') ?? item.querySelector('[data-testid="status-ok"]');
      if (ok) { ok.click(); n++; }
    }
    return n;
  `);
}

test("inspections: today's 日常巡检 probed, one item abnormal, completed and numbered, fault linked", async () => {
  const dataDir = freshDataDir("inspections");
  const app = await AppSession.launch(dataDir);
  let number;
  await withScreenshotOnFailure(app, "inspections", async () => {
    await completeSetup(app);

    // 服务探测: the service the template's 签章服务 item names.
    await app.click("nav-inspections");
    await app.waitForTestId("inspections-page");
    await app.click("inspections-tab-probes");
    await app.waitForTestId("probe-target-add");
    await app.click("probe-target-add");
    await app.waitForTestId("probe-target-dialog");
    await app.fill("probe-name", "签章服务");
    await app.fill("probe-url", serviceUrl);
    await app.fill("probe-keyword", "签章");
    await app.click("probe-target-save");
    await app.waitFor(() => app.text("probe-targets").then((t) => t?.includes("签章服务")), "the service listed");

    // 今日巡检: the day's first 日常巡检 slot (a non-working day has none; the CI clock is real).
    await app.click("inspections-tab-today");
    await app.waitForTestId("due-panel");
    const hasDaily = await app.has("due-row-daily-0");
    if (!hasDaily) {
      // No 日常巡检 today (weekend or holiday): start one by hand instead.
      await app.choose("adhoc-template", "日常巡检");
      await app.click("adhoc-start");
    } else {
      await app.execute(
        `document.querySelector('[data-testid="due-row-daily-0"] [data-testid="start-inspection"]').click()`,
      );
    }
    await app.waitForTestId("inspection-page");
    await app.waitForTestId("item-svc-sign");

    await app.click("probe-now");
    await app.waitFor(
      () => app.execute(`return document.querySelector('[data-testid="item-svc-sign"]')?.getAttribute('data-status') === 'ok'`),
      "the probe to fill 签章服务",
    );
    const measured = await app.execute(
      `return document.querySelector('[data-testid="item-svc-sign"] [data-testid="measured"]')?.innerText ?? ''`,
    );
    assert.match(measured, /正常|秒/);

    // Everything else answered; 数据库错误日志 is abnormal, with what was found.
    await answerAllRequired(app);
    // A second pass finds nothing left once the first pass's answers are on screen.
    await app.waitFor(async () => (await answerAllRequired(app)) === 0, "every required item answered");
    await sleep(300);
    await app.execute(
      `const el = document.querySelector('[data-testid="item-db-errors"] [data-testid="status-abnormal"] input')
         ?? document.querySelector('[data-testid="item-db-errors"] [data-testid="status-abnormal"]');
       el.click();`,
    );
    await app.execute(`
      const input = document.querySelector('[data-testid="item-db-errors"] [data-testid="note"] input');
      input.focus(); input.value = 'ORA-01555 快照过旧，夜间报表任务失败';
      input.dispatchEvent(new Event('input', { bubbles: true }));
      input.blur();`);
    await app.waitFor(
      () => app.execute(`return document.querySelector('[data-testid="item-db-errors"]')?.getAttribute('data-status') === 'abnormal'`),
      "the abnormal item",
    );
    await app.waitFor(() => app.text("saved-indicator").then((t) => /已保存/.test(t ?? "")), "the answers saved");
    await app.screenshot("inspection-filled");

    await app.waitFor(
      () => app.execute(`return !document.querySelector('[data-testid="complete-inspection"]')?.disabled`),
      "完成巡检 to be enabled",
      20_000,
    );
    await app.click("complete-inspection");
    number = await app.waitFor(() => app.text("inspection-number"), "the record number", 20_000);
    assert.match(number, /^\d{6}-01$/);
    await app.screenshot("inspection-completed");

    // The abnormal item becomes a fault with the finding and time filled in, linked both ways.
    await app.execute(`document.querySelector('[data-testid="item-db-errors"] [data-testid="to-fault"]').click()`);
    await app.waitForTestId("fault-dialog");
    const description = await app.execute(
      `return document.querySelector('[data-testid="fault-dialog-description"] textarea, [data-testid="fault-dialog-description"] input')?.value ?? ''`,
    );
    assert.match(description, /ORA-01555/);
    await app.choose("fault-dialog-type", "数据故障");
    await app.click("fault-dialog-submit");
    const linked = await app.waitFor(() => app.text("linked-fault-db-errors"), "the linked fault");
    assert.match(linked, /GZ-\d{8}-01/);
    await app.screenshot("inspection-fault-linked");

    // 修改记录: the record's own changes and its answers, each with who and when, oldest first;
    // the completion and the fault made from the abnormal item are the latest entries.
    await app.click("inspection-history-toggle");
    await app.waitFor(
      () => app.execute(`return document.querySelector('[data-testid="record-history"]')?.dataset.kind === 'inspection'`),
      "the 修改记录 section",
    );
    const history = await app.waitFor(
      () => app.text("record-history").then((t) => (/ORA-01555/.test(t ?? "") && /检查结果/.test(t ?? "") ? t : null)),
      "the answers in the history",
    );
    assert.match(history, /新增巡检记录/);
    assert.match(history, /修改巡检检查项|新增巡检检查项/);
    assert.match(history, /王工/);
    assert.doesNotMatch(history, /程序之外/);
    // Values as the record page words them: no stored codes, no RFC 3339 in UTC.
    assert.match(history, /异常/);
    assert.doesNotMatch(history, /\b(abnormal|draft|completed|onSite)\b/);
    assert.doesNotMatch(history, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    await app.execute(`document.querySelector('[data-testid="inspection-history"]').scrollIntoView({ block: 'start' })`);
    await app.screenshot("inspection-history");
    await app.execute(
      `const all = document.querySelectorAll('[data-testid^="record-history-entry-"]'); all[all.length - 1].scrollIntoView({ block: 'end' })`,
    );
    await app.screenshot("inspection-history-latest");
    await app.click("linked-fault-db-errors");
    await app.waitForTestId("fault-detail-page");
    const title = await app.waitFor(() => app.text("fault-title-text"), "the fault title");
    assert.match(title, /巡检发现：数据库错误日志异常/);
  });
  await app.quit();

  const month = `20${number.slice(0, 2)}-${number.slice(2, 4)}`;
  const report = cliJson("inspections", "--data-dir", dataDir, "--month", month);
  assert.equal(report.count, 1);
  const r = report.records[0];
  assert.equal(r.number, number);
  const sign = r.answers.find((a) => a.item_key === "svc-sign");
  assert.equal(sign.measured.ok, true);
  const db = r.answers.find((a) => a.item_key === "db-errors");
  assert.equal(db.status, "abnormal");
  assert.match(db.fault, /^GZ-/);
});
