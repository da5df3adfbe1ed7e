// 设置 → 工作日历: the year as month grids with the official days marked, the
// warning for a year not loaded, importing a year, and local overrides.
import { describe, expect, it, vi } from "vitest";
import { atChinaTime, byTestId, inputOf, mockIpc, mountApp, settle, type Handler } from "./helpers";
import { CALENDAR_YEARS, PROFILES, SETTINGS, status, yearView } from "./fixtures";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

describe("设置 → 工作日历", () => {
  atChinaTime("2026-11-23T14:05:30+08:00");

  async function open(path: string, extra: Record<string, Handler> = {}) {
    const calls = mockIpc({
      app_status: () => status("ready"),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
      list_calendar_years: () => CALENDAR_YEARS,
      get_calendar_year: (args) => yearView(args.year as number, (args.year as number) <= 2026),
      ...extra,
    });
    const mounted = await mountApp(path);
    return { ...mounted, calls };
  }

  const cell = (date: string) => byTestId(`calendar-day-${date}`);
  const switchState = () => byTestId("override-working")!.querySelector('[role="switch"]')!.getAttribute("aria-checked");

  /** Opens an el-select inside the wrapper and clicks the option with the given test id. */
  async function choose(wrapperId: string, optionId: string) {
    byTestId(wrapperId)!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    const option = byTestId(optionId);
    if (!option) throw new Error(`no option ${optionId}`);
    option.click();
    await settle();
  }

  it("opens from its tab header and marks 休 and 班 from Rust's view of 2026", async () => {
    const { router, calls } = await open("/settings");
    expect(byTestId("calendar-grid")).toBeNull();
    byTestId("settings-tab-calendar")!.click();
    await settle();
    expect(router.currentRoute.value.query.tab).toBe("calendar");
    expect(calls.find((c) => c.cmd === "get_calendar_year")?.args).toEqual({ year: 2026 });

    expect(document.querySelectorAll('[data-testid^="calendar-day-"]')).toHaveLength(365);
    const holiday = cell("2026-10-01")!;
    expect(holiday.dataset.basis).toBe("officialOffDay");
    expect(holiday.textContent).toContain("休");
    expect(holiday.getAttribute("title")).toBe("2026年10月1日 星期四 · 国庆节 · 法定放假");
    const makeUp = cell("2026-10-10")!;
    expect(makeUp.dataset.basis).toBe("officialMakeUpDay");
    expect(makeUp.textContent).toContain("班");
    expect(makeUp.getAttribute("title")).toContain("调休上班");
    expect(cell("2026-10-11")!.dataset.basis).toBe("weekend");
    expect(cell("2026-10-12")!.dataset.basis).toBe("weekday");
    expect(cell("2026-10-12")!.textContent!.trim()).toBe("12");

    // January 2026 starts on a Thursday: three empty cells before it in a Monday-first grid.
    const january = byTestId("calendar-grid")!.querySelector("section")!;
    expect(january.querySelectorAll(".cal-month__head")[0]!.textContent).toBe("一");
    expect(january.querySelectorAll(".cal-day--pad")).toHaveLength(3);

    const summary = byTestId("calendar-summary")!.textContent!;
    expect(summary).toContain("已载入国务院放假安排（程序内置）");
    expect(summary).toMatch(/工作日 \d+ 天/);
    expect(summary).toContain("https://www.gov.cn/zhengce/zhengceku/202511/content_7047091.htm");
    expect(byTestId("calendar-summary")!.querySelector("a")).toBeNull();
    expect(byTestId("calendar-warning")).toBeNull();
    expect(inputOf("calendar-year-select").closest(".el-select")!.textContent).toContain("2026年");
  });

  it("shows the fallback warning for a year that is not loaded", async () => {
    const { calls } = await open("/settings?tab=calendar");
    await choose("calendar-year-select", "calendar-year-option-2027");
    expect(calls.filter((c) => c.cmd === "get_calendar_year").at(-1)?.args).toEqual({ year: 2027 });
    expect(byTestId("calendar-warning")?.textContent).toContain("2027年的节假日安排尚未导入，已按周一至周五计算工作日");
    expect(byTestId("calendar-summary")?.textContent).toContain("尚未导入国务院放假安排");
    expect(cell("2027-10-01")!.dataset.basis).toBe("weekday");
  });

  it("offers the loaded years and this year ± 1", async () => {
    await open("/settings?tab=calendar");
    byTestId("calendar-year-select")!.querySelector<HTMLElement>(".el-select__wrapper")!.click();
    await settle();
    const years = [...document.querySelectorAll<HTMLElement>('[data-testid^="calendar-year-option-"]')].map((o) => o.textContent?.trim());
    expect(years).toEqual(["2023年（已载入）", "2024年（已载入）", "2025年（已载入）", "2026年（已载入）", "2027年（未导入）"]);
  });

  async function pickFile(name: string, text: string) {
    const input = byTestId("calendar-import-file") as HTMLInputElement;
    const file = new File([text], name, { type: "text/plain" });
    Object.defineProperty(input, "files", { value: [file], configurable: true });
    input.dispatchEvent(new Event("change", { bubbles: true }));
    await vi.waitFor(() => expect(document.body.textContent).toContain(`已选择 ${name}`));
    await settle();
  }

  async function typeYear(value: string) {
    const input = inputOf("calendar-import-year");
    input.focus();
    input.value = value;
    input.dispatchEvent(new Event("input", { bubbles: true }));
    input.dispatchEvent(new Event("change", { bubbles: true }));
    input.blur();
    await settle();
  }

  it("imports a year: sends format, content and year, shows Rust's refusal under the file field, then succeeds", async () => {
    let refuse = true;
    const { calls } = await open("/settings?tab=calendar", {
      import_calendar: () => {
        if (refuse) {
          throw {
            kind: "validation",
            message: "2027年的节假日文件没有任何日期，可能国务院尚未发布当年的放假安排",
            fields: [{ field: "file", message: "2027年的节假日文件没有任何日期，可能国务院尚未发布当年的放假安排" }],
          };
        }
        return 2027;
      },
    });
    byTestId("calendar-import-open")!.click();
    await settle();
    expect(byTestId("calendar-import-dialog")!.textContent).toContain("11–12 月");

    const ics = "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n";
    await pickFile("holiday-cn.ics", ics);
    await typeYear("2027");
    byTestId("calendar-import-submit")!.click();
    await settle();

    expect(calls.find((c) => c.cmd === "import_calendar")?.args).toEqual({ format: "ics", content: ics, year: 2027 });
    const fileField = byTestId("calendar-import-file")!.closest(".el-form-item")!;
    expect(fileField.querySelector('[data-testid="error-file"]')?.textContent).toContain("没有任何日期");
    expect(byTestId("calendar-import-error")?.textContent).toContain("没有导入，工作日历未改变");
    expect(byTestId("calendar-import-error")?.textContent).toContain("可能国务院尚未发布");

    refuse = false;
    const before = calls.filter((c) => c.cmd === "get_calendar_year").length;
    byTestId("calendar-import-submit")!.click();
    await settle();
    expect(document.body.textContent).toContain("已导入 2027 年节假日安排");
    expect(calls.filter((c) => c.cmd === "get_calendar_year").slice(before).map((c) => c.args)).toEqual([{ year: 2027 }]);
    expect(calls.filter((c) => c.cmd === "list_calendar_years").length).toBeGreaterThanOrEqual(2);
  });

  it("infers JSON from the extension, takes the year from the file name, and shows a year error", async () => {
    const { calls } = await open("/settings?tab=calendar", {
      import_calendar: () => {
        throw { kind: "validation", message: "文件是 2026 年的节假日安排，与选择的 2027 年不一致。", fields: [{ field: "year", message: "文件是 2026 年的节假日安排，与选择的 2027 年不一致。" }] };
      },
    });
    byTestId("calendar-import-open")!.click();
    await settle();
    const json = '{"year":2026,"papers":[],"days":[]}';
    await pickFile("2027.json", json);
    byTestId("calendar-import-submit")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "import_calendar")?.args).toEqual({ format: "holidayCnJson", content: json, year: 2027 });
    expect(byTestId("error-year")?.textContent).toContain("不一致");
  });

  it("asks before replacing a year that is already loaded, and sends nothing when cancelled", async () => {
    const { calls } = await open("/settings?tab=calendar", { import_calendar: () => 2026 });
    byTestId("calendar-import-open")!.click();
    await settle();
    await pickFile("2026.json", '{"year":2026,"papers":[],"days":[]}');
    byTestId("calendar-import-submit")!.click();
    await settle();
    const box = document.querySelector(".el-message-box");
    expect(box?.textContent).toContain("2026 年的节假日安排已载入");
    expect(box?.textContent).toContain("整体替换");
    document.querySelector<HTMLElement>(".el-message-box__btns .el-button:not(.el-button--primary)")!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "import_calendar")).toHaveLength(0);

    byTestId("calendar-import-submit")!.click();
    await settle();
    // The cancelled box may linger while it fades out: confirm in the newest one.
    [...document.querySelectorAll<HTMLElement>(".el-message-box__btns .el-button--primary")].at(-1)!.click();
    await settle();
    await settle();
    expect(calls.filter((c) => c.cmd === "import_calendar")).toHaveLength(1);
  });

  it("asks for a file before sending anything", async () => {
    const { calls } = await open("/settings?tab=calendar", { import_calendar: () => 2027 });
    byTestId("calendar-import-open")!.click();
    await settle();
    byTestId("calendar-import-submit")!.click();
    await settle();
    expect(calls.some((c) => c.cmd === "import_calendar")).toBe(false);
    expect(byTestId("error-file")?.textContent).toContain("请先选择");
  });

  it("sets a local override: Rust's reason error shows, then saves with the switch and reason", async () => {
    const overrides: Record<string, { isWorkingDay: boolean; reason: string }> = {};
    const { calls } = await open("/settings?tab=calendar", {
      get_calendar_year: (args) => yearView(args.year as number, true, overrides),
      set_calendar_override: (args) => {
        const input = args.input as { date: string; isWorkingDay: boolean; reason: string };
        if (!input.reason.trim()) {
          throw { kind: "validation", message: "请写明调整原因（如：单位停电闭馆、合同约定加班）。", fields: [{ field: "reason", message: "请写明调整原因（如：单位停电闭馆、合同约定加班）。" }] };
        }
        overrides[input.date] = { isWorkingDay: input.isWorkingDay, reason: input.reason };
        return null;
      },
    });
    cell("2026-10-12")!.click();
    await settle();
    const dialog = byTestId("override-dialog")!;
    expect(dialog.textContent).toContain("2026年10月12日 星期一");
    expect(dialog.textContent).toContain("工作日（上班）");
    expect(byTestId("override-remove")).toBeNull();

    byTestId("override-save")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "set_calendar_override")?.args).toEqual({
      input: { date: "2026-10-12", isWorkingDay: false, reason: "" },
    });
    expect(byTestId("error-reason")?.textContent).toContain("请写明调整原因");

    const reason = inputOf("override-reason");
    reason.value = "甲方大楼停电检修";
    reason.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    expect(byTestId("error-reason")).toBeNull();
    // A working day: the switch starts on 不上班; a click flips it, another flips it back.
    expect(switchState()).toBe("false");
    byTestId("override-working")!.click();
    await settle();
    expect(switchState()).toBe("true");
    byTestId("override-working")!.click();
    await settle();
    expect(switchState()).toBe("false");
    byTestId("override-save")!.click();
    await settle();
    expect(calls.filter((c) => c.cmd === "set_calendar_override").at(-1)?.args).toEqual({
      input: { date: "2026-10-12", isWorkingDay: false, reason: "甲方大楼停电检修" },
    });
    expect(cell("2026-10-12")!.dataset.basis).toBe("localClosure");
    expect(cell("2026-10-12")!.textContent).toContain("闭");
    expect(cell("2026-10-12")!.getAttribute("title")).toContain("甲方大楼停电检修");
  });

  it("turns a holiday into a working day with the switch", async () => {
    const { calls } = await open("/settings?tab=calendar", { set_calendar_override: () => null });
    cell("2026-10-03")!.click();
    await settle();
    // A day off: the switch starts on 上班, the usual reason to override it.
    expect(switchState()).toBe("true");
    const reason = inputOf("override-reason");
    reason.value = "节日值守";
    reason.dispatchEvent(new Event("input", { bubbles: true }));
    await settle();
    byTestId("override-save")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "set_calendar_override")?.args).toEqual({
      input: { date: "2026-10-03", isWorkingDay: true, reason: "节日值守" },
    });
  });

  it("removes an existing override", async () => {
    const overrides: Record<string, { isWorkingDay: boolean; reason: string }> = {
      "2026-10-03": { isWorkingDay: true, reason: "节日值守" },
    };
    const { calls } = await open("/settings?tab=calendar", {
      get_calendar_year: (args) => yearView(args.year as number, true, overrides),
      remove_calendar_override: (args) => {
        delete overrides[args.date as string];
        return null;
      },
    });
    expect(cell("2026-10-03")!.dataset.basis).toBe("localWorkingDay");
    expect(cell("2026-10-03")!.textContent).toContain("加");
    cell("2026-10-03")!.click();
    await settle();
    expect(inputOf("override-reason").value).toBe("节日值守");
    byTestId("override-remove")!.click();
    await settle();
    expect(calls.find((c) => c.cmd === "remove_calendar_override")?.args).toEqual({ date: "2026-10-03" });
    expect(cell("2026-10-03")!.dataset.basis).toBe("officialOffDay");
  });
});
