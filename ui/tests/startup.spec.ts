// App start: app_status decides the first screen.
import { describe, expect, it, vi } from "vitest";
import { ElMessageBox, type MessageBoxData } from "element-plus";
import { byTestId, mockIpc, mountApp, settle } from "./helpers";
import { PROFILES, SETTINGS, status } from "./fixtures";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

/** What ElMessageBox.confirm resolves with when the user confirms. */
const CONFIRMED = "confirm" as unknown as MessageBoxData;

/** A backup written by hand or by an older version: no check recorded beside it. */
const UNCHECKED = { kind: "other", check: null, schemaVersion: null, attachments: null, warnings: [] };

const BACKUPS = [
  { fileName: "dutydesk-20261122.sqlite3", createdAt: "2026-11-22T10:00:00Z", sizeBytes: 1_843_200, ...UNCHECKED },
  { fileName: "dutydesk-20261121.sqlite3", createdAt: "2026-11-21T10:00:00Z", sizeBytes: 812_345, ...UNCHECKED },
];

describe("app start routes by StartupState", () => {

  it("ready → 今日 in the main layout", async () => {
    mockIpc({ app_status: () => status("ready"), get_settings: () => SETTINGS, list_profiles: () => PROFILES });
    const { router } = await mountApp();
    expect(router.currentRoute.value.path).toBe("/today");
    expect(byTestId("app-shell")).not.toBeNull();
    expect(byTestId("today-page")).not.toBeNull();
    for (const id of ["today", "inspections", "faults", "tickets", "attendance", "export", "knowledge", "settings"]) {
      expect(byTestId(`nav-${id}`), id).not.toBeNull();
    }
  });

  it("needsSetup → 首次使用设置, also when asking for another page", async () => {
    const calls = mockIpc({ app_status: () => status("needsSetup"), get_settings: () => null, list_profiles: () => PROFILES });
    const { router } = await mountApp("/faults");
    expect(router.currentRoute.value.name).toBe("setup");
    expect(byTestId("setup-page")).not.toBeNull();
    expect(byTestId("app-shell")).toBeNull();
    expect(calls.map((c) => c.cmd)).not.toContain("get_settings");
  });

  it("ready without settings still asks for them", async () => {
    mockIpc({ app_status: () => status("ready"), get_settings: () => null, list_profiles: () => PROFILES });
    const { router } = await mountApp();
    expect(router.currentRoute.value.name).toBe("setup");
  });

  it("corrupt → 数据恢复 with backups and the start-fresh button", async () => {
    mockIpc({
      app_status: () => status("corrupt", { message: "数据文件已损坏：database disk image is malformed", schemaVersion: null, backups: BACKUPS }),
    });
    const { router } = await mountApp("/today");
    expect(router.currentRoute.value.name).toBe("recovery");
    const page = byTestId("recovery-page")!;
    expect(page.textContent).toContain("数据文件已损坏：database disk image is malformed");
    expect(page.textContent).toContain("/home/test/.local/share/dutydesk-test");
    expect(page.textContent).toContain("2026年11月22日 星期日 18:00");
    expect(page.textContent).toContain("1.8 MB");
    expect(page.textContent).toContain("793.3 KB");
    expect(byTestId("restore-backup-0")).not.toBeNull();
    expect(byTestId("restore-backup-1")).not.toBeNull();
    expect(byTestId("start-fresh")?.textContent).toContain("新建空数据库（损坏文件将保留）");
  });

  it("tooNew → explanation only, no destructive buttons", async () => {
    mockIpc({ app_status: () => status("tooNew", { message: "数据库版本 7 高于本程序支持的 1", backups: BACKUPS }) });
    await mountApp();
    const page = byTestId("recovery-page")!;
    expect(page.textContent).toContain("请安装最新版本");
    expect(byTestId("start-fresh")).toBeNull();
    expect(byTestId("restore-backup-0")).toBeNull();
  });

  it("openFailed → recovery page with the Rust message", async () => {
    mockIpc({
      app_status: () =>
        status("openFailed", {
          message: "数据目录没有写入权限",
          schemaVersion: null,
          backups: [
            { fileName: "auto-20261120-090000.sqlite3", createdAt: "2026-11-20T01:00:00+00:00", sizeBytes: 65536, ...UNCHECKED, kind: "auto" },
          ],
        }),
    });
    await mountApp();
    expect(byTestId("recovery-page")?.textContent).toContain("数据目录没有写入权限");
    expect(byTestId("start-fresh")).toBeNull();
    // The file may be healthy and newer than any backup: no restore is offered.
    expect(byTestId("restore-backup-0")).toBeNull();
  });

  it("a failing app_status is shown, and 重新检查 tries again", async () => {
    let fail = true;
    mockIpc({
      app_status: () => {
        if (fail) throw { kind: "io", message: "无法访问数据目录", fields: [] };
        return status("ready");
      },
      get_settings: () => SETTINGS,
    });
    const { router } = await mountApp();
    expect(byTestId("recovery-page")?.textContent).toContain("无法访问数据目录");
    fail = false;
    byTestId("recheck")!.click();
    await settle();
    expect(router.currentRoute.value.path).toBe("/today");
  });

  it("restoring a backup asks first, calls restore_backup with the file name, then opens 今日", async () => {
    let restored = false;
    const calls = mockIpc({
      app_status: () => status("corrupt", { backups: BACKUPS }),
      restore_backup: () => {
        restored = true;
        return status("ready");
      },
      get_settings: () => (restored ? SETTINGS : null),
    });
    const confirm = vi.spyOn(ElMessageBox, "confirm").mockResolvedValue(CONFIRMED);
    const { router } = await mountApp();
    byTestId("restore-backup-1")!.click();
    await settle();
    expect(confirm).toHaveBeenCalledOnce();
    expect(calls.find((c) => c.cmd === "restore_backup")?.args).toEqual({ fileName: "dutydesk-20261121.sqlite3" });
    expect(router.currentRoute.value.path).toBe("/today");
  });

  it("a cancelled confirmation restores nothing", async () => {
    const calls = mockIpc({ app_status: () => status("corrupt", { backups: BACKUPS }) });
    vi.spyOn(ElMessageBox, "confirm").mockRejectedValue("cancel");
    const { router } = await mountApp();
    byTestId("start-fresh")!.click();
    await settle();
    expect(calls.map((c) => c.cmd)).not.toContain("start_fresh");
    expect(router.currentRoute.value.name).toBe("recovery");
  });

  it("start fresh leads to the first-start setup", async () => {
    let fresh = false;
    mockIpc({
      app_status: () => status(fresh ? "needsSetup" : "corrupt"),
      start_fresh: () => {
        fresh = true;
        return status("needsSetup");
      },
      list_profiles: () => PROFILES,
    });
    vi.spyOn(ElMessageBox, "confirm").mockResolvedValue(CONFIRMED);
    const { router } = await mountApp();
    byTestId("start-fresh")!.click();
    await settle();
    expect(router.currentRoute.value.name).toBe("setup");
  });
});
