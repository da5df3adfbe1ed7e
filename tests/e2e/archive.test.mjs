// Journey of 报表导出 → 团队归档 in the real window: another engineer's workstation (a second data
// directory, set up through the window, its records written and exported with the CLI) hands over
// an archive; the window imports it, lists what came in, says nothing is new on a second import,
// refuses a damaged file in Chinese, and the records are there after a restart, with the other
// workstation's changes in their 修改记录 and a verifying audit trail.
import assert from "node:assert/strict";
import { writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { execFileSync } from "node:child_process";
import { cliBinary, cliJson } from "./lib/cli.mjs";
import { AppSession, freshDataDir, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { completeSetup } from "./lib/journeys.mjs";

let driver;
before(async () => {
  driver = await startDriver();
});
after(() => driver?.stop());

/** Today's date in Beijing, YYYY-MM-DD. */
function chinaToday() {
  return new Intl.DateTimeFormat("sv-SE", { timeZone: "Asia/Shanghai" }).format(new Date());
}

async function openArchivePanel(app) {
  await app.click("nav-export");
  await app.waitForTestId("team-archive");
}

/** Brings the panel into view for a screenshot: it is the last card of the page. */
function showPanel(app) {
  return app.execute(`document.querySelector('[data-testid="team-archive"]').scrollIntoView({ block: "end" });`);
}

async function importFile(app, file) {
  await app.fill("team-archive-path", file);
  await app.click("team-archive-import-button");
  await app.waitFor(
    async () => (await app.has("team-archive-report")) || (await app.has("team-archive-import-error")),
    "the import's answer",
  );
}

test("archive: import another workstation's archive once, refuse a damaged one", async () => {
  // The other engineer's workstation: set up through the window, then three records written and
  // the day exported by the CLI, as a script on that machine would.
  const otherDir = freshDataDir("archive-other");
  const other = await AppSession.launch(otherDir);
  await withScreenshotOnFailure(other, "archive-other", () => completeSetup(other));
  await other.quit();
  execFileSync(cliBinary, ["selftest-write", "--data-dir", otherDir, "--count", "3"]);
  const today = chinaToday();
  const file = path.join(otherDir, `李工_${today}.ddarchive`);
  const exported = cliJson("archive", "export", "--data-dir", otherDir, "--from", today, "--to", today, "--out", file);
  assert.equal(exported.records, 3);

  const dataDir = freshDataDir("archive");
  let app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "archive", async () => {
    await completeSetup(app);
    await openArchivePanel(app);

    // Choosing the file shows what it holds before anything is imported.
    await app.fill("team-archive-path", file);
    await app.waitForTestId("team-archive-preview");
    assert.match(await app.text("team-archive-preview"), /常见问题 3 条/);
    await showPanel(app);
    await app.screenshot("archive-preview");

    await importFile(app, file);
    assert.equal(await app.has("team-archive-import-error"), false, await app.text("team-archive-import-error"));
    assert.match(await app.text("team-archive-report"), /新增 3 条/);
    await app.waitForTestId("team-archive-imports");
    await showPanel(app);
    await app.screenshot("archive-imported");

    // The same file again: nothing new, nothing written.
    await importFile(app, file);
    assert.match(await app.text("team-archive-report"), /没有新内容/);

    // Half a file, as from an interrupted copy.
    const damaged = path.join(otherDir, "damaged.ddarchive");
    writeFileSync(damaged, "PK\u0003\u0004 interrupted copy");
    await importFile(app, damaged);
    assert.match(await app.text("team-archive-import-error"), /不是完整的驻场运维台归档/);
    await showPanel(app);
    await app.screenshot("archive-refused");
  });
  await app.quit();

  // After a restart the records are there, listed in 知识库.
  app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "archive-restart", async () => {
    await app.waitForTestId("today-page");
    await app.click("nav-knowledge");
    await app.waitForTestId("faq-list");
    assert.match(await app.text("faq-list"), /自检写入 2/);

    // Its 修改记录 shows what was done to it on the other workstation, tagged as from there,
    // before this workstation's import.
    await app.click("faq-history-2");
    const history = await app.waitFor(
      () => app.text("faq-history-dialog").then((t) => (/来自.+的工作站/.test(t ?? "") && /导入/.test(t ?? "") ? t : null)),
      "the other workstation's changes in the history",
    );
    assert.match(history, /新增常见问题/);
    assert.doesNotMatch(history, /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}/);
    await app.screenshot("archive-faq-history");
  });
  await app.quit();
  assert.equal(cliJson("info", "--data-dir", dataDir).counts.faq_entries, 3);
  const report = cliJson("verify", "--data-dir", dataDir);
  assert.equal(report.ok, true, report.message);
});
