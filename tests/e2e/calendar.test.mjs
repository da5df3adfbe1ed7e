// Journey of the work calendar and the SLA engine through 设置: the 2026 calendar with its 调休
// days, a local closure that survives a restart and moves a deadline, and a trial deadline with
// its explanation.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AppSession, freshDataDir, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { cliJson } from "./lib/cli.mjs";
import { completeSetup } from "./lib/journeys.mjs";

let driver;
before(async () => {
  driver = await startDriver();
});
after(() => driver?.stop());

const basis = (app, date) =>
  app.execute(
    `const el = document.querySelector('[data-testid="calendar-day-' + arguments[0] + '"]');
     return el ? el.getAttribute('data-basis') : null;`,
    [date],
  );

async function openCalendar2026(app) {
  await app.click("nav-settings");
  await app.waitForTestId("settings-page");
  await app.click("settings-tab-calendar");
  await app.waitForTestId("calendar-year-select");
  await app.choose("calendar-year-select", "2026");
  await app.waitFor(async () => (await basis(app, "2026-10-10")) !== null, "the 2026 grid");
}

test("calendar: 2026 holidays and 调休, a local closure, and a deadline explained", async () => {
  const dataDir = freshDataDir("calendar");
  let app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "calendar", async () => {
    await completeSetup(app);
    await openCalendar2026(app);
    assert.equal(await basis(app, "2026-10-01"), "officialOffDay");
    assert.equal(await basis(app, "2026-10-10"), "officialMakeUpDay");
    assert.equal(await basis(app, "2026-02-14"), "officialMakeUpDay");
    assert.equal(await basis(app, "2026-11-23"), "weekday");
    await app.screenshot("calendar-2026");

    // A reason is required; the Rust message appears next to the field.
    await app.click("calendar-day-2026-11-23");
    await app.waitForTestId("override-dialog");
    await app.click("override-save");
    const reasonError = await app.waitFor(() => app.text("error-reason"), "the reason error");
    assert.match(reasonError, /原因/);
    await app.fill("override-reason", "机房停电，单位闭馆");
    await app.click("override-save");
    await app.waitFor(
      async () => (await basis(app, "2026-11-23")) === "localClosure",
      "the closure to show",
    );

    await app.click("settings-tab-sla");
    await app.waitForTestId("sla-profile");
    await app.choose("sla-profile", "四级");
    await app.choose("sla-level", "四级");
    await app.fill("sla-reported-at", "2026-09-30 17:55:00");
    await app.click("sla-calculate");
    const respondBy = await app.waitFor(() => app.text("sla-respond-by"), "the respond-by time");
    assert.match(respondBy, /2026年10月08日/);
    assert.match(respondBy, /09:55/);
    const restoreBy = await app.text("sla-restore-by");
    assert.match(restoreBy, /2026年10月13日/);
    const explanation = await app.execute(
      `const el = document.querySelector('[data-testid="sla-explanation-restore"]');
       return el ? el.textContent : null;`,
    );
    assert.match(explanation, /国庆节/);
    await app.screenshot("sla-preview");
  });
  await app.quit();

  app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "calendar-restart", async () => {
    await app.waitForTestId("today-page");
    await openCalendar2026(app);
    assert.equal(await basis(app, "2026-11-23"), "localClosure");
  });
  await app.quit();

  // The CLI counts with the same store: on the closed Monday the hour starts on Tuesday.
  const sla = cliJson(
    "sla", "--data-dir", dataDir, "--profile", "four-level", "--level", "四级",
    "--reported", "2026-11-23T10:00:00+08:00",
  );
  assert.equal(sla.respond_by, "2026-11-24T10:00:00+08:00");
});

test("profiles: copy the four-level contract as the project's own with a shorter 一级 restore", async () => {
  const dataDir = freshDataDir("profiles");
  const app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "profiles", async () => {
    await completeSetup(app);
    await app.click("nav-settings");
    await app.waitForTestId("settings-page");
    await app.click("settings-tab-profiles");
    await app.waitForTestId("profile-copy-four-level");
    await app.click("profile-copy-four-level");
    await app.waitForTestId("profile-editor");
    await app.fill("profile-name", "本项目四级响应");
    // 一级 restore: 60 minutes in the shipped profile (shown as 1 小时); the contract says 45分钟.
    await app.choose("target-0-restore-unit", "分钟");
    await app.fill("target-0-restore-amount", "45");
    await app.screenshot("profile-editor");
    await app.click("profile-save");
    await app.waitForTestId("profile-card-custom-1");
    const card = await app.text("profile-card-custom-1");
    assert.match(card, /本项目四级响应/);
    assert.match(card, /45分钟/);
    await app.screenshot("profiles");
  });
  await app.quit();

  const sla = cliJson(
    "sla", "--data-dir", dataDir, "--profile", "custom-1", "--level", "一级",
    "--reported", "2026-11-23T10:00:00+08:00",
  );
  assert.equal(sla.restore_by, "2026-11-23T10:45:00+08:00");
});
