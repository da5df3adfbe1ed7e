// Reminders go through the desktop notification service when there is one: a dunst daemon runs on
// this test's display and D-Bus session. The window is closed to the tray before the reminder is
// due, and the notification still arrives, because the reminder loop reads deadlines from the store.
import assert from "node:assert/strict";
import { execFileSync, spawn } from "node:child_process";
import { after, before, test } from "node:test";
import { AppSession, freshDataDir, sleep, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { beijing, completeSetup } from "./lib/journeys.mjs";

// The app inherits the driver's environment; the first scan comes 8 s after start.
process.env.DUTYDESK_NOTICE_INTERVAL_SECS = "8";

let driver;
let dunst;
before(async () => {
  dunst = spawn("dunst", [], { stdio: "ignore" });
  await sleep(500);
  driver = await startDriver();
});
after(() => {
  driver?.stop();
  dunst?.kill();
});

/**
 * Summaries of the notifications dunst has shown so far. Under Xvfb the "user" is always idle, and
 * dunst keeps notifications on screen while idle; closing them moves them to its history.
 */
function dunstSummaries() {
  try {
    execFileSync("dunstctl", ["close-all"]);
    const out = execFileSync("dunstctl", ["history"], { encoding: "utf8" });
    const history = JSON.parse(out);
    return history.data.flat().map((n) => n.summary?.data ?? "");
  } catch {
    return [];
  }
}

test("notifications: a breached deadline reaches the desktop with the window hidden in the tray", async () => {
  const dataDir = freshDataDir("notifications");
  const app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "notifications", async () => {
    await completeSetup(app);
    await app.click("nav-faults");
    await app.click("new-fault");
    await app.waitForTestId("new-fault-dialog");
    await app.fill("fault-reportedAt", beijing(-15));
    await app.fill("fault-reporter", "张科长");
    await app.click("fault-channel-phone");
    await app.click("fault-level-urgent");
    await app.choose("fault-type", "软件故障");
    await app.fill("fault-title", "签章服务不可用");
    await app.fill("fault-description", "盖章时报错。");
    await app.click("fault-submit");
    await app.waitForTestId("fault-detail-page");
    const code = await app.text("fault-code");

    // Put the window away: DutyDesk keeps running in the tray.
    await app.click("hide-to-tray");
    const summary = await app.waitFor(
      () => dunstSummaries().find((s) => s.includes(code) && s.includes("响应时限已超时")),
      "the desktop notification",
      40_000,
    );
    assert.match(summary, /故障 GZ-\d{8}-01 响应时限已超时/);
  });
  await app.quit();
});
