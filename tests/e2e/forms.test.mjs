// Journey of a form record (表单, issue 15): a 发布报告 filled from its shipped definition
// (assets/forms/release-report.json — the fields are read from the file, not written here), refused
// once for a required field left blank with Rust's message beside it, saved with its number, printed
// (the screenshot shows the paper form with every signature block), and found again from 表单 by a
// word of its content.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { AppSession, freshDataDir, repoRoot, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { beijing, completeSetup } from "./lib/journeys.mjs";

const FORM_ID = "release-report";
const definition = JSON.parse(readFileSync(path.join(repoRoot, "assets/forms", `${FORM_ID}.json`), "utf8"));

/** A word of the content that no other text of the journey holds: the search must find it there. */
const WORD = "预览插件";
const CONTENT = `修复公文附件${WORD}在国产浏览器下无法打开的问题；优化签章服务的响应速度。`;

let driver;
before(async () => {
  driver = await startDriver();
});
after(() => driver?.stop());

/** Scrolls the element into view (top of the page's scroll area) before a screenshot. */
function scrollTo(app, selector) {
  return app.execute(`document.querySelector(arguments[0])?.scrollIntoView({ block: "start" });`, [selector]);
}

/** Fills one field of the definition with a value its type takes, through its input on the page. */
async function fillField(app, field) {
  const testid = `form-field-${field.key}`;
  switch (field.type) {
    case "text":
      return app.fill(testid, field.key === definition.titleField ? "公文传输" : `${field.label}（测试）`.slice(0, field.maxLength ?? 100));
    case "longText":
      return app.fill(testid, field.key === "content" ? CONTENT : `${field.label}：按计划完成。`);
    case "number":
      return app.fill(testid, String(field.min ?? 1));
    case "date":
      return app.fill(testid, beijing(0).slice(0, 10));
    case "dateTime":
      return app.fill(testid, beijing(-60));
    case "choice":
      return app.choose(testid, field.options[0]);
    case "engineer":
      return app.choose(testid, "王工");
    case "yesNo":
      return app.execute(`document.querySelector('[data-testid="' + arguments[0] + '"] .el-radio input')?.click();`, [testid]);
    default:
      throw new Error(`the journey cannot fill a required ${field.type} field (${field.key})`);
  }
}

test("forms: a 发布报告 filled from its definition, refused once, printed with its signature blocks and found by a word", async () => {
  const required = definition.fields.filter((f) => f.required);
  // The field left blank on the first save: a required text field that is not the title.
  const skipped = required.find((f) => f.type === "text" && f.key !== definition.titleField) ?? required[0];
  assert.ok(skipped, "the 发布报告 has a required field");
  assert.ok(definition.fields.some((f) => f.key === "content"), "the 发布报告 has its 发布内容");

  const app = await AppSession.launch(freshDataDir("forms"));
  await withScreenshotOnFailure(app, "forms", async () => {
    await completeSetup(app);

    // 表单 → 发布报告 → 新建.
    await app.click("nav-forms");
    await app.waitForTestId(`form-card-${FORM_ID}`);
    assert.match(await app.text(`form-card-${FORM_ID}`), new RegExp(definition.name));
    await app.click(`form-new-${FORM_ID}`);
    await app.waitForTestId("form-record-page");
    await app.waitForTestId(`form-field-${definition.fields[0].key}`);
    assert.equal(await app.text("form-record-code"), "新记录");
    // Every field of the definition has its input on the page.
    for (const f of definition.fields) assert.ok(await app.has(`form-field-${f.key}`), `the page shows ${f.label}`);
    // 发布内容 holds the word the search will find, whether or not it is required.
    await fillField(app, definition.fields.find((f) => f.key === "content"));

    // Every required field but one: Rust refuses, and says so beside that field.
    for (const f of required) if (f !== skipped && f.key !== "content") await fillField(app, f);
    await app.click("form-save");
    const error = await app.waitFor(() => app.text(`error-values-${skipped.key}`), `the message beside ${skipped.label}`);
    assert.match(error, new RegExp(skipped.label));
    assert.equal(await app.text("form-record-code"), "新记录");
    await app.screenshot("forms-refused");

    // Filled in: saved, numbered by the form's own series.
    await fillField(app, skipped);
    await app.click("form-save");
    const prefix = definition.numbering.prefix;
    const code = await app.waitFor(
      async () => {
        const text = await app.text("form-record-code");
        return text?.startsWith(`${prefix}-`) ? text : null;
      },
      "the record's number",
    );
    assert.match(code, new RegExp(`^${prefix}-\\d{4,8}-\\d{2,4}$`));
    assert.equal(await app.has(`error-values-${skipped.key}`), false);
    await app.waitForTestId("form-deadlines");
    await app.screenshot("forms-record");

    // 打印: the paper form with its title, the content and one block per signature.
    await app.click("form-print");
    await app.waitForTestId("printed-form", 20_000);
    assert.equal(await app.text("printed-form-title"), definition.print.title);
    const paper = await app.text("printed-form");
    assert.ok(paper.includes(code), "the number is on the paper");
    assert.ok(paper.includes(WORD), "the content is on the paper");
    const blocks = await app.execute(
      `return [...document.querySelectorAll('[data-testid="signature-block"]')].map((b) => b.innerText.trim());`,
    );
    assert.equal(blocks.length, definition.signatures.length);
    definition.signatures.forEach((s, i) => {
      assert.ok(blocks[i].includes(s.label), `signature block ${i + 1} is ${s.label}`);
      assert.match(blocks[i], /签字：/);
      if (s.date) assert.match(blocks[i], /日期：\s*年\s*月\s*日/);
    });
    assert.ok(await app.has("print-now"));
    await scrollTo(app, '[data-testid="print-view"]');
    await app.screenshot("forms-print");
    await scrollTo(app, '[data-testid="signature-block"]');
    await app.screenshot("forms-print-signatures");

    // Back to 表单: a word of the content finds the record, highlighted, and opens it.
    await app.click("nav-forms");
    await app.waitForTestId("forms-search");
    await app.fill("forms-search", WORD);
    const hit = await app.waitFor(
      () =>
        app.execute(
          `const row = [...document.querySelectorAll('[data-testid^="form-hit-"]')].find((r) => r.innerText.includes(arguments[0]));
           return row ? row.dataset.testid : null;`,
          [code],
        ),
      "the record among the search hits",
    );
    const marked = await app.execute(
      `return [...document.querySelectorAll('[data-testid="' + arguments[0] + '"] mark')].map((m) => m.innerText).join('');`,
      [hit],
    );
    assert.ok(marked.includes(WORD) || WORD.includes(marked), `the hit marks ${WORD} (marked: ${marked})`);
    await app.screenshot("forms-search");
    await app.click(hit);
    await app.waitFor(async () => (await app.text("form-record-code")) === code, "the record's page from the search");
  });
  await app.quit();
});
