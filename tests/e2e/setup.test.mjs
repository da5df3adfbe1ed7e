// Journeys of the first start: the setup form, 今日, and settings that survive a restart.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { AppSession, freshDataDir, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { cliJson } from "./lib/cli.mjs";
import { CLIENT, PROJECT, fillValidForm } from "./lib/journeys.mjs";

let driver;
before(async () => {
  driver = await startDriver();
});
after(() => driver?.stop());

test("first start: fill the setup form, land on 今日, and find it all again after a restart", async () => {
  const dataDir = freshDataDir("setup");
  let app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "setup-first-start", async () => {
    await app.waitForTestId("setup-page");
    await app.screenshot("setup-form");
    await fillValidForm(app);
    await app.click("save-settings");
    await app.waitForTestId("today-page");
    assert.equal(await app.text("today-project-name"), PROJECT);
    assert.equal(await app.text("today-client-name"), CLIENT);
    await app.screenshot("today");
  });
  await app.quit();

  app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "setup-restart", async () => {
    await app.waitForTestId("today-page");
    assert.equal(await app.text("today-project-name"), PROJECT);
    await app.click("nav-settings");
    await app.waitForTestId("settings-page");
    const value = await app.waitFor(
      () =>
        app.execute(
          `const el = document.querySelector('[data-testid="field-projectName"] input, input[data-testid="field-projectName"]');
           return el && el.value;`,
        ),
      "the settings form to fill",
    );
    assert.equal(value, PROJECT);
    await app.screenshot("settings");
  });
  await app.quit();

  const info = cliJson("--data-dir", dataDir, "info");
  assert.equal(info.project.project_name, PROJECT);
  assert.equal(info.project.client_name, CLIENT);
  assert.equal(info.project.contract_end, "2026-12-31");
  assert.equal(info.project.profile_id, "three-level");
  assert.deepEqual(
    info.project.engineers.map((e) => [e.name, e.phone]),
    [["王工", "13800138000"]],
  );
  assert.equal(info.counts.engineers, 1);
});

test("invalid settings: Chinese errors next to the fields, nothing saved", async () => {
  const dataDir = freshDataDir("invalid");
  const app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "setup-invalid", async () => {
    await app.waitForTestId("setup-page");
    await fillValidForm(app);
    await app.fill("field-projectName", "");
    await app.fill("field-contractStart", "2026-06-01");
    await app.fill("field-contractEnd", "2026-05-31");
    await app.click("save-settings");
    const nameError = await app.waitFor(() => app.text("error-projectName"), "the 项目名称 error");
    assert.match(nameError, /项目名称/);
    const endError = await app.waitFor(() => app.text("error-contractEnd"), "the 合同结束日期 error");
    assert.match(endError, /必须晚于开始日期/);
    assert.ok(await app.has("setup-page"), "still on the setup form");
    await app.screenshot("setup-invalid");
  });
  await app.quit();

  const info = cliJson("--data-dir", dataDir, "info");
  assert.equal(info.project, null, "nothing was saved");
  assert.equal(info.counts.engineers, 0);
});
