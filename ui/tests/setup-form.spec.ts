// 首次使用设置: Rust's validation messages appear under the right fields; a
// successful save opens 今日; typed dates reach the model (WebDriver types them).
import { describe, expect, it, vi } from "vitest";
import { byTestId, inputOf, mockIpc, mountApp, settle, typeInto } from "./helpers";
import { PROFILES, SETTINGS, status } from "./fixtures";
import type { ProjectSettings } from "../src/bindings/ProjectSettings";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

/** Type into the date input the way a WebDriver test does, then commit with Enter. */
async function typeDate(id: string, value: string) {
  const input = inputOf(id);
  input.focus();
  input.dispatchEvent(new FocusEvent("focus"));
  await settle();
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
  input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true }));
  await settle();
}

/** Type into the date input and leave it (change event, as on blur). */
async function typeDateAndBlur(id: string, value: string) {
  const input = inputOf(id);
  input.focus();
  await settle();
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  input.dispatchEvent(new Event("change", { bubbles: true }));
  input.blur();
  await settle();
}

describe("first-start setup form", () => {

  async function openSetup(save: (input: ProjectSettings) => unknown) {
    let saved: ProjectSettings | null = null;
    const calls = mockIpc({
      app_status: () => status(saved ? "ready" : "needsSetup"),
      get_settings: () => saved,
      list_profiles: () => PROFILES,
      save_settings: (args) => {
        const result = save(args.input as ProjectSettings);
        saved = result as ProjectSettings;
        return result;
      },
    });
    const mounted = await mountApp();
    expect(byTestId("setup-page")).not.toBeNull();
    return { ...mounted, calls };
  }

  it("has every field the real-window tests look for", async () => {
    await openSetup(() => SETTINGS);
    for (const id of [
      "field-projectName",
      "field-clientName",
      "field-vendorName",
      "field-contractStart",
      "field-contractEnd",
      "field-profileId",
      "field-engineers-0-name",
      "field-engineers-0-phone",
    ]) {
      expect(() => inputOf(id), id).not.toThrow();
    }
    expect(byTestId("add-engineer")).not.toBeNull();
    expect(byTestId("save-settings")).not.toBeNull();
  });

  it("shows Rust's field errors under the matching fields and the message on top, without navigating", async () => {
    const { router, calls } = await openSetup(() => {
      throw {
        kind: "validation",
        message: "项目设置有 4 处需要修改",
        fields: [
          { field: "projectName", message: "请填写项目名称" },
          { field: "contractEnd", message: "合同结束日期不能早于开始日期" },
          { field: "engineers.0.name", message: "请填写第 1 位成员的姓名" },
          { field: "engineers.0.phone", message: "电话号码格式不正确" },
          { field: "somethingElse", message: "其他问题" },
        ],
      };
    });
    byTestId("save-settings")!.click();
    await settle();

    expect(calls.filter((c) => c.cmd === "save_settings")).toHaveLength(1);
    expect(router.currentRoute.value.name).toBe("setup");
    expect(byTestId("form-error")?.textContent).toContain("项目设置有 4 处需要修改");
    expect(byTestId("form-error")?.textContent).toContain("其他问题");
    const under = (field: string, error: string) =>
      expect(byTestId(`field-${field}`)!.closest(".el-form-item")!.querySelector(`[data-testid="error-${field}"]`)?.textContent?.trim()).toBe(error);
    under("projectName", "请填写项目名称");
    under("contractEnd", "合同结束日期不能早于开始日期");
    under("engineers-0-name", "请填写第 1 位成员的姓名");
    under("engineers-0-phone", "电话号码格式不正确");
    expect(byTestId("error-clientName")).toBeNull();
  });

  it("clears a field's error when the engineer edits it", async () => {
    await openSetup(() => {
      throw { kind: "validation", message: "有误", fields: [{ field: "projectName", message: "请填写项目名称" }] };
    });
    byTestId("save-settings")!.click();
    await settle();
    expect(byTestId("error-projectName")).not.toBeNull();
    await typeInto("field-projectName", "某项目");
    expect(byTestId("error-projectName")).toBeNull();
  });

  it("sends what was entered, including typed dates and added engineers, and opens 今日 on success", async () => {
    const { router, calls } = await openSetup((input) => ({ ...input, updatedAt: "2026-11-23T06:00:00Z" }));
    await typeInto("field-projectName", SETTINGS.projectName);
    await typeInto("field-clientName", SETTINGS.clientName);
    await typeInto("field-vendorName", SETTINGS.vendorName);
    await typeDate("field-contractStart", "2026-01-01");
    await typeDateAndBlur("field-contractEnd", "2026-12-31");
    await typeInto("field-engineers-0-name", "王工");
    await typeInto("field-engineers-0-phone", "13812345678");
    byTestId("add-engineer")!.click();
    await settle();
    await typeInto("field-engineers-1-name", "赵工");
    await typeInto("field-engineers-1-phone", "01087654321");

    byTestId("save-settings")!.click();
    await settle();

    const sent = calls.find((c) => c.cmd === "save_settings")?.args.input as ProjectSettings;
    expect(sent).toEqual({
      projectName: SETTINGS.projectName,
      clientName: SETTINGS.clientName,
      vendorName: SETTINGS.vendorName,
      contractStart: "2026-01-01",
      contractEnd: "2026-12-31",
      profileId: "",
      engineers: [
        { id: null, name: "王工", phone: "13812345678", role: "驻场工程师" },
        { id: null, name: "赵工", phone: "01087654321", role: "驻场工程师" },
      ],
      updatedAt: null,
    });
    expect(router.currentRoute.value.path).toBe("/today");
    expect(byTestId("today-project-name")?.textContent).toBe(SETTINGS.projectName);
  });

  it("accepts dates typed in the displayed Chinese format too", async () => {
    const { calls } = await openSetup(() => {
      throw { kind: "validation", message: "有误", fields: [] };
    });
    await typeDate("field-contractStart", "2026年03月15日");
    byTestId("save-settings")!.click();
    await settle();
    const sent = calls.find((c) => c.cmd === "save_settings")?.args.input as ProjectSettings;
    expect(sent.contractStart).toBe("2026-03-15");
    expect(inputOf("field-contractStart").value).toBe("2026年03月15日");
  });

  it("ignores typed text that is not a date", async () => {
    const { calls } = await openSetup(() => {
      throw { kind: "validation", message: "有误", fields: [] };
    });
    // Element Plus warns about the input in development builds; expected here.
    const warn = vi.spyOn(console, "warn").mockImplementation(() => {});
    await typeDate("field-contractEnd", "明年年底");
    expect(String(warn.mock.calls[0]?.[0])).toContain("Invalid user input");
    byTestId("save-settings")!.click();
    await settle();
    const sent = calls.find((c) => c.cmd === "save_settings")?.args.input as ProjectSettings;
    expect(sent.contractEnd).toBe("");
  });

  it("lists the contract profiles with their levels", async () => {
    await openSetup(() => SETTINGS);
    inputOf("field-profileId").click();
    byTestId("field-profileId")!.querySelector<HTMLElement>(".el-select__wrapper")?.click();
    await settle();
    const option = byTestId("profile-option-four-level");
    expect(option?.textContent).toContain("四级分类");
    expect(option?.textContent).toContain("一级 / 二级 / 三级 / 四级");
    option!.click();
    await settle();
    const hint = byTestId("profile-hint")!;
    const rows = [...hint.querySelectorAll("tbody tr")].map((r) => r.textContent);
    expect(rows).toEqual(["一级5分钟（7×24）1小时（7×24）", "二级5分钟（7×24）90分钟（7×24）", "三级30分钟（7×24）24小时（7×24）", "四级1小时（5×8）5个工作日（5×8）"]);
    expect(hint.textContent).toContain("09:00–12:00、13:00–18:00");
  });
});
