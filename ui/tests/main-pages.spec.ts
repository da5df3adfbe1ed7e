// The main layout: 今日 shows the real settings and nothing invented; the header
// clock; placeholder areas; 设置 pre-filled and saving through the same form.
import { describe, expect, it, vi } from "vitest";
import { atChinaTime, byTestId, inputOf, mockIpc, mountApp, settle, typeInto } from "./helpers";
import { PROFILES, SETTINGS, status } from "./fixtures";
import { engineerToday, today } from "./attendance-fixtures";
import { AREAS } from "../src/modules";
import type { ProjectSettings } from "../src/bindings/ProjectSettings";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

describe("main layout", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  async function openReady(path = "/", save?: (input: ProjectSettings) => unknown) {
    const calls = mockIpc({
      app_status: () => status("ready", { schemaVersion: 3 }),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
      attendance_today: () => today(SETTINGS.engineers.map((e) => engineerToday(e.id!, e.name))),
      save_settings: (args) => (save ? save(args.input as ProjectSettings) : args.input),
      fault_levels: () => [],
      fault_queue: () => [],
      active_notices: () => [],
      // 今日 asks what waits for an answer; nothing does here.
      list_changes: () => [],
      list_service_records: () => [],
      inspections_due_today: () => [],
    });
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  it("shows the project and the Beijing date/time in the header", async () => {
    await openReady();
    expect(byTestId("header-project-name")?.textContent?.trim()).toBe(SETTINGS.projectName);
    expect(byTestId("header-clock")?.textContent).toBe("2026年11月23日 星期一 14:05");
  });

  it("今日 shows the real settings: project, client, contract period, days left, team", async () => {
    await openReady("/today");
    expect(byTestId("today-project-name")?.textContent).toBe(SETTINGS.projectName);
    expect(byTestId("today-client-name")?.textContent).toBe(SETTINGS.clientName);
    expect(byTestId("today-date")?.textContent).toBe("2026年11月23日 星期一");
    expect(byTestId("today-contract-period")?.textContent?.trim()).toBe("2026年1月1日 至 2026年12月31日");
    expect(byTestId("today-contract-standing")?.textContent).toContain("合同剩余 38 天");
    const team = byTestId("today-team")!.textContent!;
    for (const e of SETTINGS.engineers) {
      expect(team).toContain(e.name);
      expect(team).toContain(e.phone);
      expect(team).toContain(e.role);
    }
  });

  it("今日 invents no numbers and says plainly when there is nothing to show", async () => {
    await openReady("/today");
    const text = byTestId("today-page")!.textContent!;
    const allowed = new Set(["2026", "11", "23", "1", "12", "31", "38", ...SETTINGS.engineers.map((e) => e.phone)]);
    const numbers = text.match(/\d+/g) ?? [];
    expect(numbers.filter((n) => !allowed.has(n))).toEqual([]);
    // Inspections are real now: with none scheduled today it says so.
    expect(byTestId("today-inspections-empty")?.textContent).toContain("今天没有安排巡检（非工作日或未设置计划）");
    // Faults are real now: with none open it says so, and offers 登记故障.
    expect(byTestId("today-faults-empty")?.textContent).toContain("暂无未关闭的故障");
    expect(byTestId("today-new-fault")).not.toBeNull();
    expect(byTestId("today-card-reports")).toBeNull();
    // 打卡 and 值班 are real now: what Rust answered, nothing more.
    const attendance = byTestId("today-attendance-card")!.textContent!;
    expect(attendance).toContain("尚未打卡");
    expect(attendance).toContain("今天和未来一周没有值班安排");
  });

  it("every area not built yet says so, with what it will do", async () => {
    const { router } = await openReady();
    for (const area of AREAS.filter((a) => !a.ready)) {
      byTestId(`nav-${area.id}`)!.click();
      await settle();
      expect(router.currentRoute.value.path).toBe(area.path);
      const page = byTestId(`${area.id}-page`)!;
      expect(page.textContent).toContain("本模块尚在开发中");
      expect(page.textContent).toContain(area.plan);
    }
    byTestId("nav-settings")!.click();
    await settle();
    expect(byTestId("settings-page")).not.toBeNull();
  });

  it("设置 is pre-filled and shows data directory, schema version, and tabs for the calendar, profiles and 时限试算", async () => {
    await openReady("/settings");
    expect(inputOf("field-projectName").value).toBe(SETTINGS.projectName);
    expect(inputOf("field-clientName").value).toBe(SETTINGS.clientName);
    expect(inputOf("field-contractStart").value).toBe("2026年01月01日");
    expect(inputOf("field-contractEnd").value).toBe("2026年12月31日");
    expect(inputOf("field-engineers-1-name").value).toBe("赵工");
    expect(byTestId("settings-data-dir")?.textContent).toBe("/home/test/.local/share/dutydesk-test");
    expect(byTestId("settings-schema-version")?.textContent).toBe("3");
    const profiles = byTestId("settings-profiles")!.textContent!;
    expect(profiles).toContain("四级分类");
    expect(profiles).toContain("四级");
    expect(profiles).toContain("使用中");
    for (const tab of ["工作日历", "合同服务级别", "时限试算"]) expect(byTestId("settings-page")!.textContent).toContain(tab);
    expect(byTestId("settings-page")!.textContent).not.toContain("将随工作日历功能提供");
  });

  it("设置 shows Rust's errors the same way and saves edits", async () => {
    let reject = true;
    const { calls, router } = await openReady("/settings", (input) => {
      if (reject) throw { kind: "validation", message: "项目设置有 1 处需要修改", fields: [{ field: "engineers.1.phone", message: "电话号码格式不正确" }] };
      return { ...input, updatedAt: "2026-11-23T06:06:00Z" };
    });
    await typeInto("field-engineers-1-phone", "12");
    byTestId("save-settings")!.click();
    await settle();
    expect(byTestId("form-error")?.textContent).toContain("项目设置有 1 处需要修改");
    expect(byTestId("error-engineers-1-phone")?.textContent?.trim()).toBe("电话号码格式不正确");

    reject = false;
    await typeInto("field-engineers-1-phone", "01087650000");
    await typeInto("field-projectName", "新项目名称");
    byTestId("save-settings")!.click();
    await settle();
    const last = calls.filter((c) => c.cmd === "save_settings").at(-1)!.args.input as ProjectSettings;
    expect(last.projectName).toBe("新项目名称");
    expect(last.engineers[1]).toEqual({ id: 2, name: "赵工", phone: "01087650000", role: "驻场工程师" });
    expect(byTestId("form-error")).toBeNull();
    expect(byTestId("header-project-name")?.textContent?.trim()).toBe("新项目名称");
    expect(router.currentRoute.value.name).toBe("settings");
  });
});
