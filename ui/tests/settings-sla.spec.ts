// 设置 → 时限试算 and 合同服务级别: the calculator sends what was chosen (the typed
// report time in China time), shows both deadlines the Chinese way with Rust's
// explanation, and Rust's errors; the profiles tab lists levels and targets.
import { describe, expect, it, vi } from "vitest";
import { atChinaTime, byTestId, inputOf, mockIpc, mountApp, settle, type Handler } from "./helpers";
import { PREVIEW_LEVEL4, PROFILES, SETTINGS, status } from "./fixtures";
import type { DeadlinePreview } from "../src/bindings/DeadlinePreview";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

describe("设置 → 时限试算", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  async function open(path: string, preview: Handler) {
    const calls = mockIpc({
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
      preview_deadlines: preview,
    });
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  async function choose(wrapperId: string, optionId: string) {
    byTestId(wrapperId)!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    const option = byTestId(optionId);
    if (!option) throw new Error(`no option ${optionId}`);
    option.click();
    await settle();
  }

  /** Types into the picker's input as WebDriver does, then commits with Enter or by leaving it. */
  async function typeTime(value: string, commit: "enter" | "blur") {
    const input = inputOf("sla-reported-at");
    input.focus();
    input.dispatchEvent(new FocusEvent("focus"));
    await settle();
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    if (commit === "enter") {
      input.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", code: "Enter", bubbles: true }));
    } else {
      input.dispatchEvent(new Event("change", { bubbles: true }));
      input.blur();
    }
    await settle();
  }

  const lastPreview = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
    calls.filter((c) => c.cmd === "preview_deadlines").at(-1)?.args;

  it("opens from its tab header with the project's profile and the current China time", async () => {
    const { router } = await open("/settings", () => PREVIEW_LEVEL4);
    byTestId("settings-tab-sla")!.click();
    await settle();
    expect(router.currentRoute.value.query.tab).toBe("sla");
    expect(inputOf("sla-profile").closest(".el-select")!.textContent).toContain("三级分类");
    expect(inputOf("sla-level").closest(".el-select")!.textContent).toContain("紧急");
    expect(inputOf("sla-reported-at").value).toBe("2026-11-23 14:05:00");
  });

  it("sends profile, level and the typed time (+08:00), then shows both deadlines and the explanation", async () => {
    const { calls } = await open("/settings?tab=sla", () => PREVIEW_LEVEL4);
    await choose("sla-profile", "sla-profile-option-four-level");
    // Another profile starts from its most severe level.
    expect(inputOf("sla-level").closest(".el-select")!.textContent).toContain("一级");
    await choose("sla-level", "sla-level-option-level4");
    await typeTime("2026-09-30 17:55:00", "enter");
    byTestId("sla-calculate")!.click();
    await settle();

    expect(lastPreview(calls)).toEqual({ profileId: "four-level", level: "level4", reportedAt: "2026-09-30T17:55:00+08:00" });
    expect(byTestId("sla-respond-by")?.textContent?.trim()).toBe("2026年10月08日 星期四 09:55");
    expect(byTestId("sla-respond-by")?.dataset.value).toBe("2026-10-08T09:55:00+08:00");
    expect(byTestId("sla-restore-by")?.textContent?.trim()).toBe("2026年10月13日 星期二 18:00");
    expect(byTestId("sla-explanation-restore")?.textContent).toBe(PREVIEW_LEVEL4.restore.summary);
    expect(byTestId("sla-explanation-respond")?.textContent).toBe(PREVIEW_LEVEL4.respond.summary);
    expect(byTestId("sla-result-head")?.textContent).toContain("四级分类（第 2 版） · 四级");
    // The restore explanation's warning is shown with it (and not a second time on top).
    expect(byTestId("sla-warning-restore")?.textContent).toContain("演示警告");
    expect(byTestId("sla-warnings")).toBeNull();

    const restore = byTestId("sla-result-restore")!;
    restore.querySelector<HTMLElement>(".el-collapse-item__header")!.click();
    await settle();
    const segments = byTestId("sla-segments-restore")!.textContent!;
    expect(segments).toContain("2026年10月08日 星期四 09:00 – 12:00");
    expect(segments).toContain("3小时");
    expect(restore.textContent).toContain("合计 8小时");
    const days = byTestId("sla-days-restore")!.textContent!;
    expect(days).toContain("2026年10月10日 星期六");
    expect(days).toContain("国庆节");
    expect(days).toContain("上班");
    expect(byTestId("sla-error")).toBeNull();
  });

  it("takes a typed time committed by leaving the field", async () => {
    const { calls } = await open("/settings?tab=sla", () => PREVIEW_LEVEL4);
    await typeTime("2026-09-30 17:55:00", "blur");
    byTestId("sla-calculate")!.click();
    await settle();
    expect(lastPreview(calls)).toEqual({ profileId: "three-level", level: "urgent", reportedAt: "2026-09-30T17:55:00+08:00" });
  });

  it("shows 按需 when there is no deadline", async () => {
    const onDemand: DeadlinePreview = {
      ...PREVIEW_LEVEL4,
      profileId: "three-level",
      level: "minor",
      levelName: "轻微",
      respondBy: null,
      restoreBy: null,
      respond: { ...PREVIEW_LEVEL4.respond, targetText: "按需", clock: null, deadline: null, countingFrom: null, segments: [], calendarDays: [], warnings: [], summary: "响应时限：按需处理，不设时限。" },
      restore: { ...PREVIEW_LEVEL4.restore, targetText: "按需", clock: null, deadline: null, countingFrom: null, segments: [], calendarDays: [], warnings: [], summary: "恢复时限：按需处理，不设时限。" },
      warnings: [],
    };
    await open("/settings?tab=sla", () => onDemand);
    byTestId("sla-calculate")!.click();
    await settle();
    expect(byTestId("sla-respond-by")?.textContent?.trim()).toBe("按需");
    expect(byTestId("sla-restore-by")?.textContent?.trim()).toBe("按需");
    expect(byTestId("sla-explanation-restore")?.textContent).toBe("恢复时限：按需处理，不设时限。");
    expect(byTestId("sla-result-restore")!.querySelector(".el-collapse")).toBeNull();
  });

  it("shows Rust's error, under the field it names", async () => {
    await open("/settings?tab=sla", () => {
      throw {
        kind: "validation",
        message: "“三级分类”没有级别“level9”；可用的级别：urgent（紧急）、normal（一般）、minor（轻微）。",
        fields: [{ field: "level", message: "“三级分类”没有级别“level9”；可用的级别：urgent（紧急）、normal（一般）、minor（轻微）。" }],
      };
    });
    byTestId("sla-calculate")!.click();
    await settle();
    expect(byTestId("sla-error")?.textContent).toContain("没有级别");
    expect(byTestId("sla-level")!.closest(".el-form-item")!.querySelector('[data-testid="error-level"]')?.textContent).toContain("可用的级别");
    expect(byTestId("sla-respond-by")).toBeNull();
  });

  it("shows a non-validation error too", async () => {
    await open("/settings?tab=sla", () => {
      throw { kind: "notReady", message: "数据库尚未打开：磁盘不可用", fields: [] };
    });
    byTestId("sla-calculate")!.click();
    await settle();
    expect(byTestId("sla-error")?.textContent).toContain("数据库尚未打开");
  });
});

describe("设置 → 合同服务级别", () => {

  it("lists every profile with source, version, hours, levels with targets and rules, marking the one in use", async () => {
    mockIpc({
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
    });
    const mounted = await mountApp("/settings");
    byTestId("settings-tab-profiles")!.click();
    await settle();
    expect(mounted.router.currentRoute.value.query.tab).toBe("profiles");

    const three = byTestId("profile-card-three-level")!;
    expect(three.textContent).toContain("本项目使用中");
    expect(three.textContent).toContain("种子 000、001");
    expect(three.textContent).toContain("第 1 版");
    expect(three.textContent).toContain("09:00–12:00、13:00–18:00");
    expect(three.textContent).toContain("有（按考核表评分）");
    expect(three.textContent).toContain("需求变更响应");
    expect(three.textContent).toContain("24小时（7×24）");

    const four = byTestId("profile-card-four-level")!;
    expect(four.textContent).not.toContain("使用中");
    const rows = [...four.querySelectorAll('[data-testid="profile-levels-four-level"] tbody tr')].map((r) => r.textContent);
    expect(rows).toHaveLength(4);
    expect(rows[3]).toContain("四级");
    expect(rows[3]).toContain("1小时（5×8）");
    expect(rows[3]).toContain("5个工作日（5×8）");
    expect(four.textContent).toContain("考核表无");
    expect(four.querySelector('[data-testid="profile-rules-four-level"]')).toBeNull();
  });
});
