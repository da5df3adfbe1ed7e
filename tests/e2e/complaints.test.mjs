// Journeys of a complaint (投诉).
// On the four-level contract (seed 003: a 黄牌 per complaint, a 整改报告 within two working days):
// a complaint entered in the window with a field refused first, its 黄牌 on 今日, the report's
// reminder in the banner leading back to it, and 报表导出 (no assessment sheet for seed 003).
// On the three-level contract (seed 001, scored once a year): a complaint costs 满意度 a point in
// the year's running score on 报表导出.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AppSession, freshDataDir, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { cliJson } from "./lib/cli.mjs";
import { beijing, completeSetup, fillValidForm } from "./lib/journeys.mjs";

// The app inherits the driver's environment: reminders every 2 s instead of 20 s.
process.env.DUTYDESK_NOTICE_INTERVAL_SECS = "2";

let driver;
before(async () => {
  driver = await startDriver();
});
after(() => driver?.stop());

/** Scrolls the element into view (top of the page's scroll area) before a screenshot. */
function scrollTo(app, testid) {
  return app.execute(`document.querySelector('[data-testid="' + arguments[0] + '"]')?.scrollIntoView({ block: "start" });`, [testid]);
}

/** Fills and saves the complaint dialog, refused once for the missing 投诉事项; resolves with its code. */
async function enterComplaint(app, { at, subject }) {
  await app.click("nav-complaints");
  await app.waitForTestId("new-complaint");
  await app.click("new-complaint");
  await app.waitForTestId("complaint-form");
  await app.fill("complaint-received-at", at);
  await app.fill("complaint-complainant", "李科长");
  await app.fill("complaint-unit", "财务处");
  await app.fill("complaint-details", "上午多次登录超时，影响发文。");
  // Refused first: no 投诉事项, and Rust's message shows next to the field.
  await app.click("complaint-submit");
  const error = await app.waitFor(() => app.text("error-subject"), "the subject error");
  assert.match(error, /投诉事项/);
  await app.fill("complaint-subject", subject);
  await app.screenshot("complaint-new");
  await app.click("complaint-submit");
  await app.waitFor(
    async () => !(await app.execute(
      `const d = document.querySelector('[data-testid="complaint-form"]');
       return !!d && d.offsetParent !== null;`,
    )),
    "the complaint dialog to close",
  );
  const code = await app.waitFor(
    () => app.execute(`return document.querySelector('[data-testid^="complaint-row-"] .records__code')?.innerText.trim() ?? null;`),
    "the complaint in the list",
  );
  assert.match(code, /^TS-\d{8}-01$/);
  // The saved toast comes to rest below the header, never over its clock. It slides in from above
  // (its enter transition starts a frame after it is inserted), so it is watched until it rests
  // below; one that stays over the header (Element Plus' 16 px default) is never seen there.
  let seen = null;
  await app.waitFor(
    async () => {
      seen = await app.execute(
        `const m = [...document.querySelectorAll('.el-message')].find((m) => m.innerText.includes('已登记投诉'));
         const h = document.querySelector('[data-testid="header-clock"]')?.closest('header');
         return m && h ? { top: m.getBoundingClientRect().top, headerBottom: h.getBoundingClientRect().bottom } : null;`,
      ) ?? seen;
      return seen && seen.top >= seen.headerBottom;
    },
    `the saved toast below the header (last seen at ${JSON.stringify(seen)})`,
    2_500,
  ).catch(() => {
    assert.fail(`the toast at ${seen?.top}px covers the header (to ${seen?.headerBottom}px)`);
  });
  return code;
}

test("complaints: four-level contract — a complaint draws a 黄牌 on 今日 and a report reminder", async () => {
  const dataDir = freshDataDir("complaints-four");
  const app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "complaints-four", async () => {
    await app.waitForTestId("setup-page");
    await fillValidForm(app);
    await app.choose("field-profileId", "四级事件响应");
    await app.click("save-settings");
    await app.waitForTestId("today-page");
    // No complaint yet: the card of complaints and cards is there (the contract issues cards), empty.
    await app.waitForTestId("today-card-cards");
    assert.match(await app.text("today-cards-complaints"), /^0 次投诉/);

    // Received a week ago: the two working days for the 整改报告 have run out.
    const code = await enterComplaint(app, { at: beijing(-7 * 24 * 60), subject: "公文系统登录慢" });
    const row = await app.text(`complaint-row-${code}`);
    assert.match(row, /已超时未提交/);
    await app.screenshot("complaints-list");

    await app.click("nav-today");
    await app.waitForTestId("today-card-cards");
    await app.waitFor(async () => /^1 次投诉/.test((await app.text("today-cards-complaints")) ?? ""), "the complaint counted on 今日");
    assert.match(await app.text("today-cards-yellow"), /^1 张黄牌/);
    assert.match(await app.text("today-cards-red"), /^0 张红牌/);
    const card = await app.text("today-card-yellow-0");
    assert.match(card, new RegExp(`黄牌\\s*${code}`));
    assert.match(card, /第 1 次投诉：公文系统登录慢/);

    // The reminder loop announced the report's deadline and the card in the banner.
    const banner = await app.waitFor(
      async () => {
        const text = (await app.text("notice-banner")) ?? "";
        return /整改报告/.test(text) ? text : null;
      },
      "the rectification reminder",
      20_000,
    );
    assert.match(banner, new RegExp(`投诉 ${code} 整改报告时限已超时`));
    await scrollTo(app, "today-card-cards");
    await app.screenshot("complaints-today");

    // 查看 on the reminder leads to the complaint's page, with the report overdue.
    const noticeId = await app.execute(
      `const line = [...document.querySelectorAll('[data-testid^="notice-"]')].find((l) => /整改报告/.test(l.innerText) && /^notice-\\d+$/.test(l.dataset.testid));
       return line ? line.dataset.testid.slice('notice-'.length) : null;`,
    );
    assert.ok(noticeId, "a reminder line for the report");
    await app.click(`notice-view-${noticeId}`);
    await app.waitForTestId("complaint-detail");
    assert.equal(await app.text("complaint-code"), code);
    assert.match(await app.text("complaint-report"), /已超时未提交/);
    await app.waitForTestId("record-history");
    await app.screenshot("complaint-detail");

    // 报表导出: seed 003 has no assessment sheet, so no period panel.
    await app.click("nav-export");
    await app.waitForTestId("assessment");
    assert.equal(await app.has("period-panel"), false);
    await app.screenshot("complaints-export-four-level");
  });
  await app.quit();
});

test("complaints: three-level contract — a complaint costs 满意度 a point in the year's running score", async () => {
  const dataDir = freshDataDir("complaints-three");
  const app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "complaints-three", async () => {
    await completeSetup(app);
    // A contract without cards: nothing on 今日 until someone complains.
    assert.equal(await app.has("today-card-cards"), false);

    const at = beijing(-60);
    const code = await enterComplaint(app, { at, subject: "会议通知未及时推送" });
    const month = at.slice(0, 7);

    await app.click("nav-today");
    await app.waitForTestId("today-card-cards");
    await app.waitFor(async () => /^1 次投诉/.test((await app.text("today-cards-complaints")) ?? ""), "the complaint counted on 今日");
    assert.equal(await app.has("today-cards-yellow"), false);

    // 报表导出 of the complaint's month: the year's running score above the month's sheet.
    await app.execute(`location.hash = '#/export?month=' + arguments[0];`, [month]);
    await app.waitForTestId("period-panel", 20_000);
    assert.match(await app.text("period-label"), /年度/);
    const satisfaction = await app.waitFor(
      () => app.execute(`return document.querySelector('[data-testid="period-row-satisfaction"] [data-role="score"]')?.innerText.trim() ?? null;`),
      "the 满意度 score",
    );
    const full = await app.execute(
      `return document.querySelector('[data-testid="period-row-satisfaction"] td:nth-child(2)')?.innerText.trim() ?? null;`,
    );
    assert.equal(Number(satisfaction), Number(full) - 1);
    assert.match(await app.text("period-row-satisfaction"), new RegExp(code));
    assert.match(await app.text(`period-month-total-${month}`), /−1/);
    await scrollTo(app, "period-panel");
    await app.screenshot("complaints-export-period");
    await scrollTo(app, "period-months");
    await app.screenshot("complaints-export-period-months");

    // Only the page area scrolls, never the window: a chart's hidden table caption once made the
    // document thousands of pixels tall, and scrolling past the page's end moved the whole window.
    await app.waitForTestId("chart-period-score-table", 20_000);
    const overflow = await app.execute(
      `const main = document.querySelector('.app-shell__main'); main.scrollTop = main.scrollHeight;
       const doc = document.scrollingElement; return doc.scrollHeight - doc.clientHeight;`,
    );
    assert.ok(overflow <= 1, `the window itself scrolls by ${overflow} px on 报表导出`);

    // The command line reads the same running score from the same records.
    const cli = cliJson("assessment", "--data-dir", dataDir, "--period", month);
    assert.equal(cli.items.find((i) => i.code === "satisfaction").score, Number(satisfaction));
  });
  await app.quit();
});
