// Journey of 设置 → 备份与恢复 in the real window: a manual backup passes its integrity check, a
// restore test on a copy passes and is listed, and restoring the backup after a confirmation brings
// back the project name changed since, keeps the replaced file aside and a safety copy, and leaves
// an audit trail the CLI verifies.
import assert from "node:assert/strict";
import { readdirSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { cliJson } from "./lib/cli.mjs";
import { AppSession, freshDataDir, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { PROJECT, completeSetup } from "./lib/journeys.mjs";

const RENAMED = "改名后的项目（恢复前）";

let driver;
before(async () => {
  driver = await startDriver();
});
after(() => driver?.stop());

/** Opens 设置 → 备份与恢复 and waits for the panel's answer from Rust. */
async function openBackupTab(app) {
  await app.click("nav-settings");
  await app.waitForTestId("settings-page");
  await app.click("settings-tab-backup");
  await app.waitForTestId("backup-panel");
  await app.waitFor(
    async () => (await app.has("backup-table")) || (await app.has("backup-empty")),
    "the backup list",
  );
}

/** The row index of the first backup whose type cell reads `label` (手动, 每日自动, …), or -1. */
function rowOfKind(app, label) {
  return app.execute(
    `const cells = [...document.querySelectorAll('[data-testid^="backup-kind-"]')];
     const hit = cells.find((c) => c.innerText.trim() === arguments[0]);
     return hit ? Number(hit.dataset.testid.replace('backup-kind-', '')) : -1;`,
    [label],
  );
}

/** Clicks the primary button of the open Element Plus confirmation. */
function confirmDialog(app) {
  return app.waitFor(
    () =>
      app.execute(`const b = document.querySelector('.el-message-box__btns .el-button--primary');
                   if (!b) return false; b.click(); return true;`),
    "the confirmation",
  );
}

test("backup: back up, test the restore on a copy, restore after a confirmation", async () => {
  const dataDir = freshDataDir("backup");
  const app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "backup", async () => {
    await completeSetup(app);
    await openBackupTab(app);

    // 立即备份: a manual copy, checked.
    await app.click("backup-now");
    const manual = await app.waitFor(async () => {
      const i = await rowOfKind(app, "手动");
      return i >= 0 ? i + 1 : 0; // +1 so row 0 is truthy
    }, "the manual backup in the list");
    const row = manual - 1;
    assert.equal(await app.text(`backup-check-${row}`), "通过");

    // 恢复测试 on a copy of the newest backup: passes and is listed.
    await app.click("backup-restore-test");
    await app.waitForTestId("restore-test-result-0", 30_000);
    assert.equal(await app.text("restore-test-result-0"), "通过");
    assert.match(await app.text("restore-test-detail-0"), /恢复测试通过/);
    await app.screenshot("backup-panel");

    // Change the project after the backup.
    await app.click("settings-tab-project");
    await app.fill("field-projectName", RENAMED);
    await app.click("save-settings");
    await app.waitFor(
      () => app.execute(`return [...document.querySelectorAll('.el-message')].some((m) => m.innerText.includes('设置已保存'));`),
      "设置已保存",
    );
    await app.click("nav-today");
    await app.waitFor(async () => (await app.text("today-project-name")) === RENAMED, "the renamed project on 今日");

    // Restore the manual backup: asks first, then the old name is back.
    await openBackupTab(app);
    const again = await rowOfKind(app, "手动");
    assert.ok(again >= 0, "the manual backup is still listed");
    await app.click(`backup-restore-${again}`);
    await confirmDialog(app);
    await app.waitFor(async () => (await app.has("backup-error")) || (await rowOfKind(app, "恢复前")) >= 0, "the restore");
    assert.equal(await app.has("backup-error"), false, await app.text("backup-error"));
    await app.click("nav-today");
    await app.waitFor(async () => (await app.text("today-project-name")) === PROJECT, "the restored project on 今日");
    await app.screenshot("backup-restored");
  });
  await app.quit();

  const files = readdirSync(dataDir);
  assert.equal(files.filter((f) => f.includes(".replaced-")).length, 1, `replaced file kept aside: ${files}`);
  const backups = readdirSync(path.join(dataDir, "backups"));
  assert.ok(backups.some((f) => f.startsWith("pre-restore-") && f.endsWith(".sqlite3")), `safety copy: ${backups}`);
  assert.equal(cliJson("info", "--data-dir", dataDir).project.project_name, PROJECT);
  const report = cliJson("verify", "--data-dir", dataDir);
  assert.equal(report.ok, true, report.message);
  // The restore test was recorded after the backup, so the restored store does not hold it; the
  // safety copy written before the restore does.
});
