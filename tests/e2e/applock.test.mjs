// Journey of 应用锁 in the real window: a password set in 设置 → 应用锁; after a restart the lock
// screen covers the window and Rust itself refuses the page's commands; a wrong password is refused
// in Chinese, the right one opens 今日; 锁定 in the header locks again; and `dutydesk-cli
// unlock-reset` clears a forgotten password so the next start opens without one.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { cliJson } from "./lib/cli.mjs";
import { AppSession, freshDataDir, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { PROJECT, completeSetup } from "./lib/journeys.mjs";

const PASSWORD = "值班台-密码-2468";

let driver;
before(async () => {
  driver = await startDriver();
});
after(() => driver?.stop());

/** Asks Rust directly, as a page script could, and says how it answered. */
function askRust(app, command) {
  return app.execute(
    `return window.__TAURI_INTERNALS__.invoke(arguments[0], {}).then(
       () => "answered",
       (e) => (e && e.kind ? e.kind + "：" + e.message : String(e)));`,
    [command],
  );
}

async function unlock(app, password) {
  await app.fill("lock-password", password);
  await app.click("lock-unlock");
}

test("applock: set a password, start locked, a wrong password is refused, the right one opens 今日", async () => {
  const dataDir = freshDataDir("applock");

  let app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "applock-set", async () => {
    await completeSetup(app);
    await app.click("nav-settings");
    await app.waitForTestId("settings-page");
    await app.click("settings-tab-lock");
    await app.waitForTestId("applock-panel");
    await app.waitFor(async () => (await app.text("applock-state"))?.includes("未启用"), "the lock's state");
    assert.match(await app.text("applock-statement"), /没有加密/);
    await app.fill("field-newPassword", PASSWORD);
    await app.fill("field-newPasswordAgain", PASSWORD);
    await app.click("applock-save");
    await app.waitFor(async () => (await app.text("applock-state"))?.includes("已启用"), "the lock turned on");
    assert.equal(await app.has("lock-now"), true);
    assert.equal(await app.has("lock-screen"), false, "setting the lock does not lock the window");
    await app.screenshot("applock-settings");
  });
  await app.quit();

  app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "applock-unlock", async () => {
    await app.waitForTestId("lock-screen");
    assert.equal(await app.text("lock-title"), "驻场运维台已锁定");
    assert.equal(await app.has("app-shell"), false);
    // Not only a cover over the page: Rust refuses the commands themselves.
    assert.equal(await askRust(app, "get_settings"), "locked：窗口已锁定，请先输入密码解锁。");
    await app.screenshot("applock-lock-screen");

    await unlock(app, "不是这个密码");
    await app.waitForTestId("lock-error");
    assert.equal(await app.text("lock-error"), "密码不正确，还可以再试 4 次。");
    assert.equal(await app.has("lock-screen"), true);
    await app.screenshot("applock-wrong-password");

    await unlock(app, PASSWORD);
    await app.waitForTestId("today-page", 20_000);
    assert.equal(await app.has("lock-screen"), false);
    await app.waitFor(async () => (await app.text("today-project-name")) === PROJECT, "the project on 今日");
    assert.equal(await askRust(app, "get_settings"), "answered");

    // 锁定 in the header: covered again at once, and the password opens it again.
    await app.click("lock-now");
    await app.waitForTestId("lock-screen");
    assert.equal(await askRust(app, "get_settings"), "locked：窗口已锁定，请先输入密码解锁。");
    await unlock(app, PASSWORD);
    await app.waitFor(async () => !(await app.has("lock-screen")), "the lock screen to go");
    assert.equal(await app.has("today-page"), true);
  });
  await app.quit();

  // Forgotten password: the command line clears it, and the next start opens without one.
  const reset = cliJson("unlock-reset", "--data-dir", dataDir);
  assert.equal(reset.cleared, true, reset.message);
  app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "applock-reset", async () => {
    await app.waitForTestId("today-page", 20_000);
    assert.equal(await app.has("lock-screen"), false);
  });
  await app.quit();
});
