// Journey of a fault on the three-level contract: registered as 紧急, both clocks ticking, then
// 响应 → 挂起 (with a reason) → 解除挂起 → 恢复 → 关闭 with the times the engineer states; the
// contract does not let a pause stop the clock, so the pause is listed with its reason as recorded
// and the time ran on (page and explanation); a restart shows the same state and times; the CLI
// reports the month with the same deadlines. The reminder loop runs every 2 s here and, with no
// notification daemon on this D-Bus session, falls back to the in-app banner.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AppSession, freshDataDir, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { cliJson } from "./lib/cli.mjs";
import { beijing, completeSetup } from "./lib/journeys.mjs";

// The app inherits the driver's environment: reminders every 2 s instead of 20 s.
process.env.DUTYDESK_NOTICE_INTERVAL_SECS = "2";

let driver;
before(async () => {
  driver = await startDriver();
});
after(() => driver?.stop());

const clockText = (app, testid) =>
  app.execute(
    `const el = document.querySelector('[data-testid="' + arguments[0] + '"] [data-role="countdown-text"]');
     return el ? el.innerText.trim() : null;`,
    [testid],
  );

async function act(app, type, at, reason) {
  await app.click(`action-${type}`);
  await app.waitForTestId("action-dialog");
  await app.fill("action-at", at);
  if (reason) await app.fill("action-reason", reason);
  await app.click("action-confirm");
  await app.waitFor(
    async () => !(await app.execute(
      `const d = document.querySelector('[data-testid="action-dialog"]');
       return !!d && d.offsetParent !== null;`,
    )),
    `the ${type} dialog to close`,
  );
}

const stateOf = (app) =>
  app.execute(`return document.querySelector('[data-testid="fault-state"]')?.getAttribute('data-state') ?? null;`);

test("faults: an urgent fault from report to close, with a pause, surviving a restart", async () => {
  const dataDir = freshDataDir("faults");
  const reported = beijing(-30);
  let app = await AppSession.launch(dataDir);
  let code;
  let eventsBefore;
  await withScreenshotOnFailure(app, "faults", async () => {
    await completeSetup(app);
    await app.click("nav-faults");
    await app.waitForTestId("new-fault");
    await app.click("new-fault");
    await app.waitForTestId("new-fault-dialog");
    // Refused first: no level chosen, and the Rust message shows next to the field.
    await app.fill("fault-reportedAt", reported);
    await app.fill("fault-reporter", "张科长");
    await app.fill("fault-dept", "办公室");
    await app.click("fault-channel-phone");
    await app.fill("fault-title", "公文传输无法发送");
    await app.fill("fault-description", "点击发送后提示网关超时，全局无法发文。");
    // The type first: the form asks for it itself (the profile lists them, seeds 002/003).
    await app.click("fault-submit");
    const typeError = await app.waitFor(() => app.text("error-faultType"), "the fault type error");
    assert.match(typeError, /请选择故障类型（软件故障、/);
    await app.choose("fault-type", "网络故障");
    await app.click("fault-submit");
    const levelError = await app.waitFor(() => app.text("error-level"), "the level error");
    assert.match(levelError, /请选择故障级别/);
    await app.click("fault-level-urgent");
    await app.screenshot("fault-new");
    await app.click("fault-submit");
    await app.waitForTestId("fault-detail-page");
    code = await app.waitFor(() => app.text("fault-code"), "the fault code");
    assert.match(code, /^GZ-\d{8}-01$/);
    assert.equal(await app.text("fault-type-text"), "网络故障");
    assert.equal(await stateOf(app), "new");

    // Response (10 min) is already late and counts up; restore (4 h) counts down. Both move at the
    // next minute boundary without asking Rust.
    const respond0 = await clockText(app, "countdown-respond");
    const restore0 = await clockText(app, "countdown-restore");
    assert.match(respond0, /^已超时/);
    assert.match(restore0, /^剩余 3小时/);
    await app.waitFor(
      async () => (await clockText(app, "countdown-restore")) !== restore0,
      "the restore clock to tick",
      65_000,
    );
    // Minutes are rounded up both ways, so the overdue clock moves a second after the other.
    await app.waitFor(
      async () => (await clockText(app, "countdown-respond")) !== respond0,
      "the overdue clock to count up",
      5_000,
    );
    await app.screenshot("fault-ticking");

    // The reminder loop announced the breached response in the banner (no notification daemon here).
    const banner = await app.waitFor(() => app.text("notice-banner"), "the in-app reminder", 20_000);
    assert.match(banner, /响应时限已超时/);

    await act(app, "respond", beijing(-25));
    assert.equal(await stateOf(app), "responded");
    await act(app, "pause", beijing(-20), "等待用户提供报错截图");
    assert.equal(await stateOf(app), "paused");
    await act(app, "resume", beijing(-10));
    assert.equal(await stateOf(app), "inProgress");
    await act(app, "restore", beijing(-5));
    assert.equal(await stateOf(app), "restored");
    await act(app, "close", beijing(0));
    assert.equal(await stateOf(app), "closed");

    // No seed lets a pause stop the clock: recorded with its reason, counted all the same.
    const pauseLine = await app.waitFor(() => app.text("recorded-pause-0"), "the recorded pause");
    assert.match(pauseLine, /等待用户提供报错截图/);
    assert.match(pauseLine, /合同未约定挂起停止计时，照常计时/);
    await app.click("explain-restore");
    await app.waitForTestId("explanation-dialog");
    const explanation = await app.waitFor(() => app.text("explanation-dialog"), "the explanation");
    assert.match(explanation, /挂起记录/);
    assert.match(explanation, /等待用户提供报错截图/);
    assert.match(explanation, /合同未约定挂起可停止计时：挂起已记录，挂起期间照常计时。/);
    await app.screenshot("fault-explained");
    eventsBefore = await app.text("event-list");
    assert.match(eventsBefore, /报告[\s\S]*响应[\s\S]*挂起[\s\S]*解除挂起[\s\S]*恢复[\s\S]*关闭/);
  });
  await app.quit();

  app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "faults-restart", async () => {
    await app.waitForTestId("today-page");
    await app.execute("location.hash = '#/faults/1'");
    await app.waitForTestId("fault-detail-page");
    await app.waitFor(async () => (await app.text("fault-code")) === code, "the same fault");
    assert.equal(await stateOf(app), "closed");
    const eventsAfter = await app.waitFor(() => app.text("event-list"), "the events");
    assert.equal(eventsAfter, eventsBefore, "state and times unchanged after a restart");
    await app.screenshot("fault-after-restart");
  });
  await app.quit();

  const month = reported.slice(0, 7);
  const report = cliJson("faults", "--data-dir", dataDir, "--month", month);
  assert.equal(report.count, 1);
  const f = report.faults[0];
  assert.equal(f.code, code);
  assert.equal(f.state, "closed");
  assert.equal(f.respond_met, true);
  assert.equal(f.restore_met, true);
  assert.equal(f.pauses.length, 1);
});
