// Journey of 考勤值班 in the real window: clock in from 今日, write today's work log, put the
// 国庆节 holiday of 2026 on duty from the calendar's suggestion and assign the engineer, read the
// month matrix, then restart and find it all kept; the CLI derives the same month from the store.
//
// The app runs on the real clock, so the journey never assumes what time it is: a clock-in now is
// 进行中, 迟到 or (on a day off) 加班, never 缺勤; the 2026-10 duty is checked only once it is past.
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

/** Today and this month in Beijing, as the app computes them. */
function chinaToday() {
  const iso = new Date(Date.now() + 8 * 3600 * 1000).toISOString();
  return { date: iso.slice(0, 10), month: iso.slice(0, 7) };
}

const WORKLOG = "E2E 工作日志：上午巡检关键服务正常；下午处理财务处公文传输咨询一次。";

const attr = (app, testid, name) =>
  app.execute(
    `const el = document.querySelector('[data-testid="' + arguments[0] + '"]');
     return el ? el.getAttribute(arguments[1]) : null;`,
    [testid, name],
  );

/** The id of the duty row that starts on `date`, once it is listed. */
const dutyIdStarting = (app, date) =>
  app.waitFor(
    () =>
      app.execute(
        `const row = document.querySelector('[data-testid^="duty-row-"][data-start-date="' + arguments[0] + '"]');
         return row ? row.getAttribute('data-duty-id') : null;`,
        [date],
      ),
    `the duty starting ${date}`,
  );

async function openTab(app, tab, ready) {
  await app.click(`attendance-tab-${tab}`);
  await app.waitForTestId(ready);
}

/** Steps the matrix to `label` (e.g. 2026年10月) with its arrows. */
async function showMonth(app, label, month) {
  for (let i = 0; i < 48; i++) {
    const shown = await app.text("matrix-month-label");
    if (shown === label) return;
    const [y, m] = shown.replace("月", "").split("年").map(Number);
    const current = `${y}-${String(m).padStart(2, "0")}`;
    await app.click(current > month ? "matrix-prev-month" : "matrix-next-month");
    await app.waitFor(async () => (await app.text("matrix-month-label")) !== shown, "the month to change");
  }
  throw new Error(`could not reach ${label}`);
}

test("attendance: clock in, write the log, assign holiday duty, see the month, and keep it all after a restart", async () => {
  const dataDir = freshDataDir("attendance");
  const { date: today, month } = chinaToday();
  let engineerId;
  let dutyId;
  let app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "attendance", async () => {
    await completeSetup(app);

    // 今日: one click clocks in 王工 at the system clock's time.
    await app.waitForTestId("today-attendance-card");
    await app.waitForTestId("today-clock-0");
    assert.equal(await attr(app, "today-clock-0", "data-kind"), "in");
    assert.match(await app.text("today-punches-0"), /尚未打卡/);
    assert.match(await app.text("today-worklog-0"), /日志未写/);
    await app.click("today-clock-0");
    await app.waitFor(async () => (await attr(app, "today-clock-0", "data-kind")) === "out", "the button to offer 下班打卡");
    assert.match(await app.text("today-punches-0"), /上班 \d\d:\d\d/);
    await app.screenshot("attendance-today-clocked-in");

    // 考勤值班 → 打卡与考勤: today's punch is listed, and today's cell is not an absence.
    await app.click("nav-attendance");
    await app.waitForTestId("attendance-page");
    await app.waitForTestId("attendance-matrix");
    assert.match(await app.text("punch-list-0"), /上班打卡 \d\d:\d\d · 按钮打卡/);
    engineerId = await app.waitFor(() => attr(app, "matrix-row-0", "data-engineer-id"), "the engineer row");
    const todayCell = `matrix-cell-${engineerId}-${today}`;
    await app.waitForTestId(todayCell);
    assert.ok(
      ["pending", "late", "overtime"].includes(await attr(app, todayCell, "data-status")),
      `today's status after clocking in: ${await attr(app, todayCell, "data-status")}`,
    );

    // 工作日志: today's entry, written and saved.
    await openTab(app, "worklog", "worklog-content");
    await app.fill("worklog-content", WORKLOG);
    await app.click("worklog-save");
    await app.waitForTestId("worklog-month-list");
    await app.waitFor(async () => (await app.text("worklog-month-list"))?.includes("E2E 工作日志"), "the saved log in the month's list");
    assert.match(await app.text("worklog-status"), /已保存/);
    await app.screenshot("attendance-worklog");

    // 值班安排: 国庆节 2026 from the work calendar's suggestion, with 王工 assigned.
    await openTab(app, "duty", "duty-year");
    await app.choose("duty-year", "2026年");
    await app.waitForTestId("duty-suggestion-2026-10-01");
    await app.click("duty-suggestion-create-2026-10-01");
    dutyId = await dutyIdStarting(app, "2026-10-01");
    assert.ok(await app.has(`duty-unassigned-${dutyId}`), "a new duty is flagged as unassigned");
    await app.choose(`duty-assign-select-${dutyId}`, "王工");
    await app.click(`duty-assign-${dutyId}`);
    // The select itself shows 王工 once chosen; the duty is assigned when its 未安排 flag goes.
    await app.waitFor(async () => !(await app.has(`duty-unassigned-${dutyId}`)), "the duty to be assigned");
    assert.match(await app.text(`duty-people-${dutyId}`), /王工/);
    assert.match(await app.text(`duty-row-${dutyId}`), /国庆节值班/);
    await app.screenshot("attendance-duty");

    // 取消安排 keeps the row (显示已删除的值班 lists it greyed); assigning 王工 again brings it back.
    const assignmentTestId = await app.waitFor(
      () =>
        app.execute(
          `const b = document.querySelector('[data-testid="duty-people-' + arguments[0] + '"] [data-testid^="duty-unassign-"]');
           return b ? b.getAttribute('data-testid') : null;`,
          [dutyId],
        ),
      "王工's 取消安排 button",
    );
    const assignmentId = assignmentTestId.replace("duty-unassign-", "");
    await app.click(assignmentTestId);
    await app.waitForTestId(`duty-unassigned-${dutyId}`);
    await app.execute(`document.querySelector('[data-testid="duty-show-deleted"] input').click(); return true;`);
    await app.waitForTestId(`duty-cancelled-${assignmentId}`);
    assert.match(await app.text(`duty-cancelled-${assignmentId}`), /王工\s*已取消安排/);
    await app.screenshot("attendance-duty-cancelled-shown");
    await app.choose(`duty-assign-select-${dutyId}`, "王工");
    await app.click(`duty-assign-${dutyId}`);
    await app.waitFor(async () => !(await app.has(`duty-unassigned-${dutyId}`)), "王工 assigned again");
    assert.ok(!(await app.has(`duty-cancelled-${assignmentId}`)), "the same row is back, not a second one");
    assert.ok(await app.has(`duty-unassign-${assignmentId}`), "王工's assignment keeps its id");
    await app.execute(`document.querySelector('[data-testid="duty-show-deleted"] input').click(); return true;`);

    // The month matrix: this month, then October 2026 with the duty.
    await openTab(app, "punch", "attendance-matrix");
    await app.screenshot("attendance-matrix");
    await showMonth(app, "2026年10月", "2026-10");
    await app.waitForTestId(`matrix-cell-${engineerId}-2026-10-02`);
    if (today > "2026-10-02") {
      await app.waitFor(
        async () => (await app.text(`matrix-cell-${engineerId}-2026-10-02`)) === "班",
        "班 on 2026-10-02",
      );
    }
    assert.match(await app.text("matrix-assessment-attendance"), /人员考核：考勤/);
    await app.screenshot("attendance-matrix-2026-10");
  });
  await app.quit();

  app = await AppSession.launch(dataDir);
  await withScreenshotOnFailure(app, "attendance-restart", async () => {
    await app.waitForTestId("today-page");
    await app.waitForTestId("today-clock-0");
    await app.waitFor(async () => (await attr(app, "today-clock-0", "data-kind")) === "out", "still clocked in");
    assert.match(await app.text("today-punches-0"), /上班 \d\d:\d\d/);
    assert.match(await app.text("today-worklog-0"), /日志已写/);

    await app.click("nav-attendance");
    await app.waitForTestId("attendance-matrix");
    await app.waitForTestId(`matrix-cell-${engineerId}-${today}`);
    assert.notEqual(await attr(app, `matrix-cell-${engineerId}-${today}`, "data-status"), "absent");

    await openTab(app, "worklog", "worklog-content");
    await app.waitFor(async () => (await app.text("worklog-month-list"))?.includes("E2E 工作日志"), "the log after a restart");
    await openTab(app, "duty", "duty-year");
    await app.choose("duty-year", "2026年");
    await app.waitForTestId(`duty-row-${dutyId}`);
    assert.match(await app.text(`duty-people-${dutyId}`), /王工/);
    await app.screenshot("attendance-restart");
  });
  await app.quit();

  // The CLI derives the same month from the same store.
  const cli = cliJson("attendance", "--data-dir", dataDir, "--month", month);
  const wang = cli.engineers.find((e) => e.name === "王工");
  const day = wang.days.find((d) => d.date === today);
  assert.match(day.clock_in, /^\d\d:\d\d$/);
  assert.notEqual(day.status, "absent");
  const info = cliJson("info", "--data-dir", dataDir);
  assert.equal(info.counts.attendance_punches, 1);
  assert.equal(info.counts.work_logs, 1);
  assert.equal(info.counts.duty_periods, 1);
  assert.equal(info.counts.duty_assignments, 1);
});
