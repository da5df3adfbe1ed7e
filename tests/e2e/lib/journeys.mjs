// Steps several journeys share.
export const PROJECT = "协同办公平台运维服务（2026年度）";
export const CLIENT = "某市机关事务管理局";

/** Fills the first-start form with a valid three-level project and one engineer. */
export async function fillValidForm(app) {
  await app.fill("field-projectName", PROJECT);
  await app.fill("field-clientName", CLIENT);
  await app.fill("field-vendorName", "某信息技术有限公司");
  await app.fill("field-contractStart", "2026-01-01");
  await app.fill("field-contractEnd", "2026-12-31");
  await app.choose("field-profileId", "紧急");
  await app.fill("field-engineers-0-name", "王工");
  await app.fill("field-engineers-0-phone", "13800138000");
}

/** From a fresh data directory to 今日. */
export async function completeSetup(app) {
  await app.waitForTestId("setup-page");
  await fillValidForm(app);
  await app.click("save-settings");
  await app.waitForTestId("today-page");
}

/** `YYYY-MM-DD HH:mm` in Beijing time, `minutes` from now (whole minutes, as the forms and pickers take). */
export function beijing(minutes) {
  const t = new Date(Date.now() + minutes * 60_000 + 8 * 3600_000);
  return t.toISOString().slice(0, 16).replace("T", " ");
}
