// Journey of a damaged store: the app opens on the recovery screen instead of failing, restores
// the newest backup after a confirmation, keeps the damaged file aside, and lands on 今日.
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { mkdirSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { AppSession, freshDataDir, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { PROJECT, completeSetup } from "./lib/journeys.mjs";

let driver;
before(async () => {
  driver = await startDriver();
});
after(() => driver?.stop());

test("recovery: a damaged database offers the newest backup and is kept aside", async () => {
  const dataDir = freshDataDir("recovery");
  let app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "recovery-setup", () => completeSetup(app));
  await app.quit();

  // A consistent copy taken with sqlite3's online backup (the app may have been stopped with its
  // last commits still in the WAL), then the live file destroyed.
  const db = path.join(dataDir, "dutydesk.sqlite3");
  mkdirSync(path.join(dataDir, "backups"), { recursive: true });
  execFileSync("sqlite3", [db, `.backup '${path.join(dataDir, "backups", "manual-20261120.sqlite3")}'`]);
  for (const side of ["", "-wal", "-shm"]) rmSync(db + side, { force: true });
  writeFileSync(db, Buffer.alloc(16384, 0x5a));

  app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "recovery", async () => {
    await app.waitForTestId("recovery-page");
    assert.match(await app.text("recovery-message"), /损坏/);
    await app.screenshot("recovery");
    await app.click("restore-backup-0");
    await app.waitFor(
      () =>
        app.execute(`const b = document.querySelector('.el-message-box__btns .el-button--primary');
                     if (!b) return false; b.click(); return true;`),
      "the confirmation",
    );
    await app.waitForTestId("today-page");
    assert.equal(await app.text("today-project-name"), PROJECT);
  });
  await app.quit();

  const kept = readdirSync(dataDir).filter((f) => f.includes(".damaged-"));
  assert.equal(kept.length, 1, `damaged file kept aside: ${readdirSync(dataDir)}`);
});
