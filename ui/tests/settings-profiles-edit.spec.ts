// 设置 → 合同服务级别 → 自定义: copying a profile as the contract's own, changing a custom
// one (a new version), hours sent as minutes, Rust's field errors under the target they
// name, and the saved profile offered at once by every profile select.
import { describe, expect, it, vi } from "vitest";
import { byTestId, inputOf, mockIpc, mountApp, settle, typeInto, type Handler } from "./helpers";
import { CUSTOM_PROFILE, PROFILES, SETTINGS, status } from "./fixtures";
import type { ProfileEditInput } from "../src/bindings/ProfileEditInput";
import type { ProfileSummary } from "../src/bindings/ProfileSummary";
import type { TargetValue } from "../src/bindings/TargetValue";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

/** "10分钟（7×24）" etc., as Rust words a target (enough for the list to show). */
function words(t: TargetValue): string {
  const clock = t.clock === "5x8" ? "5×8" : "7×24";
  if (t.kind === "minutes") return t.minutes! % 60 === 0 ? `${t.minutes! / 60}小时（${clock}）` : `${t.minutes}分钟（${clock}）`;
  if (t.kind === "workingDays") return `${t.days}个工作日（5×8）`;
  return "按需";
}

const PERIOD_LABELS: Record<string, string> = { month: "月度", quarter: "季度", year: "年度" };

/** A save_custom_profile that behaves like Rust's for valid input: custom-N, versions counted. */
function saveLike(profiles: ProfileSummary[]): Handler {
  return (args) => {
    const input = args.input as ProfileEditInput;
    const base = profiles.find((p) => p.id === input.baseId)!;
    const id = input.id ?? `custom-${profiles.filter((p) => !p.builtin).length + 1}`;
    const saved: ProfileSummary = {
      ...base,
      id,
      name: input.name.trim(),
      description: input.description.trim(),
      version: input.id ? base.version + 1 : 1,
      builtin: false,
      assessmentPeriod: input.assessmentPeriod ?? base.assessmentPeriod,
      assessmentPeriodLabel: input.assessmentPeriod ? PERIOD_LABELS[input.assessmentPeriod]! : base.assessmentPeriodLabel,
      pauseStopsClock: input.pauseStopsClock ?? base.pauseStopsClock,
      levelTargets: base.levelTargets.map((l) => {
        const edit = input.levels.find((e) => e.code === l.code);
        return edit
          ? { ...l, respond: words(edit.respond), restore: words(edit.restore), respondTarget: edit.respond, restoreTarget: edit.restore }
          : l;
      }),
    };
    const at = profiles.findIndex((p) => p.id === id);
    if (at < 0) profiles.push(saved);
    else profiles[at] = saved;
    return saved;
  };
}

const minutes = (n: number, clock = "7x24"): TargetValue => ({ kind: "minutes", minutes: n, clock, days: null });
const ON_DEMAND: TargetValue = { kind: "onDemand", minutes: null, clock: null, days: null };

describe("设置 → 合同服务级别 → 自定义", () => {

  async function open(save: Handler | "like-rust" = "like-rust", initial: ProfileSummary[] = PROFILES) {
    const profiles = initial.map((p) => ({ ...p }));
    const calls = mockIpc({
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => profiles.map((p) => ({ ...p })),
      save_custom_profile: save === "like-rust" ? saveLike(profiles) : save,
      preview_deadlines: () => {
        throw { kind: "notReady", message: "未用到", fields: [] };
      },
    });
    const mounted = await mountApp("/settings?tab=profiles");
    return { ...mounted, calls, profiles };
  }

  /** Opens the el-select inside the wrapper and clicks the option with the given test id. */
  async function choose(wrapperId: string, optionId: string) {
    const wrapper = byTestId(wrapperId);
    if (!wrapper) throw new Error(`no select ${wrapperId}`);
    wrapper.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    const option = byTestId(optionId);
    if (!option) throw new Error(`no option ${optionId}`);
    option.click();
    await settle();
  }

  const selected = (wrapperId: string) => byTestId(wrapperId)!.querySelector(".el-select__wrapper")?.textContent?.trim();
  const editorOpen = () => {
    const dialog = byTestId("profile-editor");
    return !!dialog && (dialog.closest(".el-overlay") as HTMLElement | null)?.style.display !== "none";
  };
  const saves = (calls: { cmd: string; args: Record<string, unknown> }[]) =>
    calls.filter((c) => c.cmd === "save_custom_profile").map((c) => c.args.input as ProfileEditInput);
  const listings = (calls: { cmd: string }[]) => calls.filter((c) => c.cmd === "list_profiles").length;

  it("offers 复制为自定义 on every card and 修改 only on custom ones", async () => {
    await open("like-rust", [...PROFILES, CUSTOM_PROFILE]);
    for (const p of PROFILES) {
      expect(byTestId(`profile-copy-${p.id}`)?.textContent).toContain("复制为自定义");
      expect(byTestId(`profile-edit-${p.id}`)).toBeNull();
    }
    expect(byTestId("profile-copy-custom-1")).not.toBeNull();
    expect(byTestId("profile-edit-custom-1")?.textContent).toContain("修改");
    expect(byTestId("profile-card-custom-1")!.textContent).toContain("自定义");
  });

  it("copies a shipped profile: prefilled name, targets in hours where whole, minutes sent; the copy is listed", async () => {
    const { calls } = await open();
    byTestId("profile-copy-three-level")!.click();
    await settle();
    expect(editorOpen()).toBe(true);
    expect(byTestId("profile-editor")!.textContent).toContain("修改会保存为新版本；已登记的故障仍按登记时的版本计时，不会被悄悄改动。");
    expect(inputOf("profile-name").value).toBe("三级分类（本项目）");
    expect(byTestId("profile-description")!.querySelector("textarea")!.value).toBe("紧急、一般、轻微三级。");
    // 紧急: 10 minutes, 4 hours (shown as hours); 轻微: 按需 with no amount.
    expect(inputOf("target-0-respond-amount").value).toBe("10");
    expect(selected("target-0-respond-unit")).toBe("分钟");
    expect(inputOf("target-0-restore-amount").value).toBe("4");
    expect(selected("target-0-restore-unit")).toBe("小时");
    expect(selected("target-0-restore-clock")).toBe("7×24");
    expect(selected("target-2-respond-kind")).toBe("按需");
    expect(byTestId("target-2-respond-amount")).toBeNull();
    // Levels are fixed: one row each, no way to add or remove.
    expect(byTestId("profile-editor-levels")!.querySelectorAll("tbody tr")).toHaveLength(3);

    await typeInto("target-0-restore-amount", "2");
    await typeInto("profile-name", "本项目服务级别");
    const before = listings(calls);
    byTestId("profile-save")!.click();
    await settle();

    expect(saves(calls)).toEqual([
      {
        id: null,
        baseId: "three-level",
        name: "本项目服务级别",
        description: "紧急、一般、轻微三级。",
        levels: [
          { code: "urgent", respond: minutes(10), restore: minutes(120) },
          { code: "normal", respond: minutes(30), restore: minutes(480) },
          { code: "minor", respond: ON_DEMAND, restore: ON_DEMAND },
        ],
        businessHours: [
          { start: "09:00", end: "12:00" },
          { start: "13:00", end: "18:00" },
        ],
      },
    ]);
    expect(document.querySelector(".el-message")?.textContent).toContain("已保存「本项目服务级别」第 1 版");
    expect(listings(calls)).toBe(before + 1);
    expect(editorOpen()).toBe(false);
    const card = byTestId("profile-card-custom-1")!;
    expect(card.textContent).toContain("本项目服务级别");
    expect(card.textContent).toContain("2小时（7×24）");
    expect(byTestId("profile-edit-custom-1")).not.toBeNull();
  });

  it("converts hours to minutes, sends the 5×8 clock, working days and 按需", async () => {
    const { calls } = await open();
    byTestId("profile-copy-four-level")!.click();
    await settle();
    // 四级: respond 1 hour 5×8, restore 5 working days.
    expect(inputOf("target-3-respond-amount").value).toBe("1");
    expect(selected("target-3-respond-unit")).toBe("小时");
    expect(selected("target-3-respond-clock")).toBe("5×8");
    expect(selected("target-3-restore-kind")).toBe("工作日");
    expect(inputOf("target-3-restore-amount").value).toBe("5");
    // 二级: 90 minutes is not whole hours, so it stays in minutes.
    expect(inputOf("target-1-restore-amount").value).toBe("90");
    expect(selected("target-1-restore-unit")).toBe("分钟");

    // 一级 respond: 5 minutes → 1.5 hours on 5×8.
    await choose("target-0-respond-unit", "target-0-respond-unit-option-hour");
    await typeInto("target-0-respond-amount", "1.5");
    await choose("target-0-respond-clock", "target-0-respond-clock-option-5x8");
    // 三级 restore: 24 hours → 3 working days.
    await choose("target-2-restore-kind", "target-2-restore-kind-option-workingDays");
    await typeInto("target-2-restore-amount", "3");
    // 四级 restore: 5 working days → 按需.
    await choose("target-3-restore-kind", "target-3-restore-kind-option-onDemand");
    // 二级 restore: 90 minutes read as hours → 90 hours.
    await choose("target-1-restore-unit", "target-1-restore-unit-option-hour");

    byTestId("profile-save")!.click();
    await settle();
    expect(saves(calls)[0]!.levels).toEqual([
      { code: "level1", respond: minutes(90, "5x8"), restore: minutes(60) },
      { code: "level2", respond: minutes(5), restore: minutes(5400) },
      { code: "level3", respond: minutes(30), restore: { kind: "workingDays", minutes: null, clock: null, days: 3 } },
      { code: "level4", respond: minutes(60, "5x8"), restore: ON_DEMAND },
    ]);
  });

  it("saves a custom profile's next version under its own id", async () => {
    const { calls } = await open("like-rust", [...PROFILES, CUSTOM_PROFILE]);
    byTestId("profile-edit-custom-1")!.click();
    await settle();
    expect(inputOf("profile-name").value).toBe("本项目四级事件响应");
    expect(byTestId("profile-editor-basis")!.textContent).toContain("保存后为第 3 版");
    expect(inputOf("target-0-restore-amount").value).toBe("2");
    await typeInto("target-0-restore-amount", "3");
    byTestId("profile-save")!.click();
    await settle();

    const sent = saves(calls)[0]!;
    expect(sent.id).toBe("custom-1");
    expect(sent.baseId).toBe("custom-1");
    expect(sent.name).toBe("本项目四级事件响应");
    expect(sent.levels[0]).toEqual({ code: "level1", respond: minutes(5), restore: minutes(180) });
    expect(document.querySelector(".el-message")?.textContent).toContain("已保存「本项目四级事件响应」第 3 版");
    expect(byTestId("profile-card-custom-1")!.textContent).toContain("第 3 版");
    expect(byTestId("profile-card-custom-1")!.textContent).toContain("3小时（7×24）");
    expect(document.querySelectorAll('[data-testid="profile-card-custom-1"]')).toHaveLength(1);
  });

  it("shows Rust's field errors under the target they name and keeps the dialog open", async () => {
    const { calls } = await open(() => {
      throw {
        kind: "validation",
        message: "有 2 处填写需要修改，请查看标红的字段。",
        fields: [
          { field: "name", message: "请填写自定义服务级别的名称。" },
          { field: "levels.1.restore", message: "一般的恢复时限：请填写 1 分钟到 366 天之间的时长（以分钟计）。" },
        ],
      };
    });
    byTestId("profile-copy-three-level")!.click();
    await settle();
    await typeInto("profile-name", "");
    await typeInto("target-1-restore-amount", "");
    const before = listings(calls);
    byTestId("profile-save")!.click();
    await settle();

    expect(saves(calls)[0]!.levels[1]!.restore).toEqual({ kind: "minutes", minutes: null, clock: "7x24", days: null });
    expect(byTestId("profile-editor-error")?.textContent).toContain("有 2 处填写需要修改");
    expect(byTestId("error-name")?.textContent).toContain("请填写自定义服务级别的名称");
    const error = byTestId("error-levels-1-restore")!;
    expect(error.textContent).toContain("一般的恢复时限");
    // Under 一般's 恢复时限 editor, not any other.
    expect(error.closest("td")!.querySelector('[data-testid="target-1-restore-amount"]')).not.toBeNull();
    expect(error.closest("tr")!.textContent).toContain("一般");
    expect(byTestId("error-levels-1-respond")).toBeNull();
    expect(byTestId("error-levels-0-restore")).toBeNull();
    expect(editorOpen()).toBe(true);
    expect(listings(calls)).toBe(before);
    expect(byTestId("profile-card-custom-1")).toBeNull();

    // Changing the target clears its message.
    await typeInto("target-1-restore-amount", "8");
    expect(byTestId("error-levels-1-restore")).toBeNull();
    expect(byTestId("error-name")).not.toBeNull();
  });

  it("shows a refusal for a shipped profile and other errors in the alert", async () => {
    await open(() => {
      throw {
        kind: "validation",
        message: "内置的合同服务级别不能直接修改，请先“复制为自定义”再修改副本。",
        fields: [{ field: "id", message: "内置的合同服务级别不能直接修改，请先“复制为自定义”再修改副本。" }],
      };
    });
    byTestId("profile-copy-three-level")!.click();
    await settle();
    byTestId("profile-save")!.click();
    await settle();
    expect(byTestId("profile-editor-error")?.textContent).toContain("内置的合同服务级别不能直接修改");
    expect(byTestId("error-id")?.textContent).toContain("复制为自定义");
    expect(editorOpen()).toBe(true);
  });

  it("offers the saved profile in 项目设置 and 时限试算 at once", async () => {
    const { router } = await open();
    // 时限试算 rendered before the save.
    byTestId("settings-tab-sla")!.click();
    await settle();
    byTestId("settings-tab-profiles")!.click();
    await settle();
    byTestId("profile-copy-four-level")!.click();
    await settle();
    byTestId("profile-save")!.click();
    await settle();
    expect(router.currentRoute.value.query.tab).toBe("profiles");

    byTestId("settings-tab-sla")!.click();
    await settle();
    byTestId("sla-profile")!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    expect(byTestId("sla-profile-option-custom-1")?.textContent).toContain("四级分类（本项目）");

    byTestId("settings-tab-project")!.click();
    await settle();
    byTestId("field-profileId")!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    expect(byTestId("profile-option-custom-1")?.textContent).toContain("四级分类（本项目）");
  });

  it("edits the business hours: a window removed is not sent, and Rust's message shows under them", async () => {
    const { calls } = await open(() => {
      throw {
        kind: "validation",
        message: "工作时间设置有误：时段重叠",
        fields: [{ field: "businessHours", message: "工作时间设置有误：时段重叠" }],
      };
    });
    byTestId("profile-copy-three-level")!.click();
    await settle();
    expect(byTestId("business-1-start")).not.toBeNull();
    byTestId("business-1-remove")!.click();
    await settle();
    expect(byTestId("business-1-start")).toBeNull();
    byTestId("profile-save")!.click();
    await settle();
    expect(saves(calls)[0]?.businessHours).toEqual([{ start: "09:00", end: "12:00" }]);
    expect(byTestId("error-businessHours")?.textContent).toContain("时段重叠");
    expect(editorOpen()).toBe(true);
  });
  it("shows each profile's 考核周期 and pause rule; a copy changes them and the saved card says so", async () => {
    const { calls } = await open();
    expect(byTestId("profile-period-three-level")?.textContent).toBe("年度");
    expect(byTestId("profile-pause-three-level")?.textContent).toBe("挂起只记录，照常计时");
    // No sheet, no period.
    expect(byTestId("profile-period-four-level")).toBeNull();
    expect(byTestId("profile-card-four-level")!.textContent).toContain("黄牌 / 红牌");

    byTestId("profile-copy-three-level")!.click();
    await settle();
    expect(selected("profile-assessment-period")).toBe("年度");
    expect(byTestId("profile-pause-help")?.textContent).toBe("合同未约定时不应打开：种子合同均未允许挂起停止计时");
    expect(byTestId("profile-pause-stops-clock")!.querySelector(".el-switch")!.classList).not.toContain("is-checked");

    await choose("profile-assessment-period", "period-option-quarter");
    byTestId("profile-pause-stops-clock")!.querySelector<HTMLElement>(".el-switch")!.click();
    await settle();
    byTestId("profile-save")!.click();
    await settle();
    expect(saves(calls)[0]).toMatchObject({ assessmentPeriod: "quarter", pauseStopsClock: true });
    expect(byTestId("profile-period-custom-1")?.textContent).toBe("季度");
    expect(byTestId("profile-pause-custom-1")?.textContent).toBe("挂起期间停止计时");
  });

  it("sends neither when untouched, and offers no period for a profile without a sheet", async () => {
    const { calls } = await open();
    byTestId("profile-copy-four-level")!.click();
    await settle();
    expect(byTestId("profile-assessment-period")).toBeNull();
    expect(byTestId("profile-pause-stops-clock")).not.toBeNull();
    byTestId("profile-save")!.click();
    await settle();
    expect(saves(calls)[0]).not.toHaveProperty("assessmentPeriod");
    expect(saves(calls)[0]).not.toHaveProperty("pauseStopsClock");
  });

  it("shows Rust's refusal of a period that does not tile the contract next to the select", async () => {
    const message = "合同期 2026年03月01日 至 2027年02月28日 不能按年度整数划分，请选择月度或季度。";
    await open(() => {
      throw { kind: "validation", message, fields: [{ field: "assessmentPeriod", message }] };
    });
    byTestId("profile-copy-three-level")!.click();
    await settle();
    await choose("profile-assessment-period", "period-option-month");
    byTestId("profile-save")!.click();
    await settle();
    const error = byTestId("error-assessmentPeriod")!;
    expect(error.textContent).toBe(message);
    // Next to the select, not only in the list above the form.
    expect(error.closest(".el-form-item")!.querySelector("[data-testid=profile-assessment-period]")).not.toBeNull();
    expect(editorOpen()).toBe(true);
  });
});
