// 应用锁 over a mocked IPC: the lock screen at start, after idle minutes, from the header and the
// tray, and when Rust refuses a command as locked; and 设置 → 应用锁.
import { describe, expect, it, vi } from "vitest";
import { mount } from "@vue/test-utils";
import { elementPlus } from "../src/element";
import { createPinia, setActivePinia } from "pinia";
import App from "../src/App.vue";
import type { AppLockStatus } from "../src/bindings/AppLockStatus";
import type { IpcError } from "../src/bindings/IpcError";
import { atChinaTimeWithTimers, byTestId, clickTestId, createLoadedRouter, inputOf, mockIpc, mountApp, settle, typeInto, type Handler } from "./helpers";
import { PROFILES, SETTINGS, status } from "./fixtures";
import { emitTauriEvent } from "./tauri-events";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

function lockStatus(extra: Partial<AppLockStatus> = {}): AppLockStatus {
  return { enabled: true, locked: false, idleMinutes: 10, retryAfterSeconds: null, ...extra };
}

function refused(kind: IpcError["kind"], message: string, field?: string): IpcError {
  return { kind, message, fields: field ? [{ field, message }] : [] };
}

const READY: Record<string, Handler> = {
  app_status: () => status("ready"),
  get_settings: () => SETTINGS,
  list_profiles: () => PROFILES,
};

/** Mounts the whole app without waiting for the first navigation, which waits for the unlock. */
async function mountLocked() {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = await createLoadedRouter();
  mount(App, { attachTo: document.body, global: { plugins: [pinia, router, elementPlus] } });
  const navigated = router.push("/");
  await settle();
  return { router, navigated };
}

function messages(): string[] {
  return [...document.querySelectorAll(".el-message")].map((m) => m.textContent ?? "");
}

describe("the lock screen", () => {
  it("covers the window at start and reads nothing until the right password", async () => {
    let locked = true;
    const calls = mockIpc({
      ...READY,
      app_lock_status: () => lockStatus({ locked }),
      unlock_app: ({ password }) => {
        if (password !== "值班台密码") throw refused("validation", "密码不正确，还可以再试 4 次。", "password");
        locked = false;
        return lockStatus();
      },
    });
    const { router, navigated } = await mountLocked();

    expect(byTestId("lock-screen")).not.toBeNull();
    expect(byTestId("lock-title")!.textContent).toBe("驻场运维台已锁定");
    expect(byTestId("app-shell")).toBeNull();
    expect(calls.map((c) => c.cmd)).toEqual(["app_lock_status"]);

    await typeInto("lock-password", "猜一个");
    await clickTestId("lock-unlock");
    expect(calls.at(-1)).toEqual({ cmd: "unlock_app", args: { password: "猜一个" } });
    expect(byTestId("lock-error")!.textContent).toBe("密码不正确，还可以再试 4 次。");
    expect(inputOf("lock-password").value).toBe("");
    expect(byTestId("lock-screen")).not.toBeNull();
    expect(calls.map((c) => c.cmd)).not.toContain("app_status");

    await typeInto("lock-password", "值班台密码");
    await clickTestId("lock-unlock");
    await navigated;
    await settle();
    expect(byTestId("lock-screen")).toBeNull();
    expect(router.currentRoute.value.path).toBe("/today");
    expect(byTestId("today-page")).not.toBeNull();
    expect(byTestId("lock-now")).not.toBeNull();
  });

  it("after too many wrong passwords the button waits as long as Rust says", async () => {
    let wait: number | null = null;
    mockIpc({
      ...READY,
      app_lock_status: () => lockStatus({ locked: true, retryAfterSeconds: wait }),
      unlock_app: () => {
        wait = 30;
        throw refused("throttled", "密码不正确。已连续输错 5 次，请 30 秒后再试。");
      },
    });
    await mountLocked();
    await typeInto("lock-password", "第五次猜");
    // Enter in the password field tries it, like the button.
    inputOf("lock-password").dispatchEvent(new KeyboardEvent("keyup", { key: "Enter", bubbles: true }));
    await settle();
    expect(byTestId("lock-error")!.textContent).toBe("密码不正确。已连续输错 5 次，请 30 秒后再试。");
    const button = byTestId("lock-unlock") as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    expect(button.textContent!.trim()).toBe("请 30 秒后再试");
  });

  it("the tray's 锁定 shows the lock screen (Rust emits the status)", async () => {
    mockIpc({ ...READY, app_lock_status: () => lockStatus() });
    await mountApp();
    expect(byTestId("lock-screen")).toBeNull();
    emitTauriEvent("app-lock-changed", lockStatus({ locked: true }));
    await settle();
    expect(byTestId("lock-screen")).not.toBeNull();
  });

  it("a command refused as locked brings the lock screen even without the event", async () => {
    let locked = false;
    const calls = mockIpc({
      ...READY,
      app_lock_status: () => lockStatus({ locked }),
      backup_overview: () => {
        throw refused("locked", "窗口已锁定，请先输入密码解锁。");
      },
    });
    await mountApp();
    locked = true;
    const { trustApi } = await import("../src/api/trust");
    await trustApi.backupOverview().catch(() => {});
    await settle();
    expect(byTestId("lock-screen")).not.toBeNull();
    expect(calls.filter((c) => c.cmd === "app_lock_status").length).toBeGreaterThan(1);
  });

  it("the tray's 锁定 without a password says where to set one", async () => {
    mockIpc({ ...READY, app_lock_status: () => lockStatus({ enabled: false }) });
    await mountApp();
    emitTauriEvent("app-lock-changed", lockStatus({ enabled: false }));
    await settle();
    expect(byTestId("lock-screen")).toBeNull();
    expect(messages().join()).toContain("还没有设置应用锁密码");
    expect(byTestId("lock-now")).toBeNull();
  });

  it("锁定 in the header locks at once; after unlocking the reminders are read again", async () => {
    const calls = mockIpc({
      ...READY,
      app_lock_status: () => lockStatus(),
      lock_app: () => lockStatus({ locked: true }),
      unlock_app: () => lockStatus(),
      active_notices: () => [],
    });
    await mountApp();
    await clickTestId("lock-now");
    expect(calls.map((c) => c.cmd)).toContain("lock_app");
    expect(byTestId("lock-screen")).not.toBeNull();
    expect(document.querySelector(".app-root")!.hasAttribute("inert")).toBe(true);

    const reads = calls.filter((c) => c.cmd === "active_notices").length;
    await typeInto("lock-password", "值班台密码");
    await clickTestId("lock-unlock");
    expect(byTestId("lock-screen")).toBeNull();
    expect(document.querySelector(".app-root")!.hasAttribute("inert")).toBe(false);
    expect(calls.filter((c) => c.cmd === "active_notices").length).toBe(reads + 1);
  });
});

describe("locking after idle minutes", () => {
  atChinaTimeWithTimers("2026-11-23T14:05:00+08:00");

  function idleIpc() {
    return mockIpc({
      ...READY,
      app_lock_status: () => lockStatus({ idleMinutes: 1 }),
      lock_app: () => lockStatus({ idleMinutes: 1, locked: true }),
    });
  }

  it("locks after the set minutes without mouse or keyboard", async () => {
    const calls = idleIpc();
    await mountApp();
    await vi.advanceTimersByTimeAsync(50_000);
    expect(calls.map((c) => c.cmd)).not.toContain("lock_app");
    await vi.advanceTimersByTimeAsync(20_000);
    await settle();
    expect(calls.map((c) => c.cmd)).toContain("lock_app");
    expect(byTestId("lock-screen")).not.toBeNull();
  });

  it("activity starts the minutes again", async () => {
    const calls = idleIpc();
    await mountApp();
    await vi.advanceTimersByTimeAsync(50_000);
    window.dispatchEvent(new MouseEvent("mousemove"));
    await vi.advanceTimersByTimeAsync(40_000);
    expect(calls.map((c) => c.cmd)).not.toContain("lock_app");
    document.body.dispatchEvent(new KeyboardEvent("keydown", { key: "a", bubbles: true }));
    await vi.advanceTimersByTimeAsync(40_000);
    expect(calls.map((c) => c.cmd)).not.toContain("lock_app");
    await vi.advanceTimersByTimeAsync(30_000);
    await settle();
    expect(calls.map((c) => c.cmd)).toContain("lock_app");
  });

  it("no lock without a password", async () => {
    const calls = mockIpc({ ...READY, app_lock_status: () => lockStatus({ enabled: false, idleMinutes: 1 }) });
    await mountApp();
    await vi.advanceTimersByTimeAsync(5 * 60_000);
    expect(calls.map((c) => c.cmd)).not.toContain("lock_app");
  });
});

describe("设置 → 应用锁", () => {
  async function open(initial: AppLockStatus, extra: Record<string, Handler> = {}) {
    let current = initial;
    const calls = mockIpc({
      ...READY,
      app_lock_status: () => current,
      ...extra,
    });
    const set = (next: AppLockStatus) => {
      current = next;
      return next;
    };
    await mountApp("/settings?tab=lock");
    return { calls, set };
  }

  it("says plainly what the lock protects and what it does not", async () => {
    await open(lockStatus({ enabled: false }));
    const statement = byTestId("applock-statement")!.textContent!;
    expect(statement).toContain("保护这个窗口");
    expect(statement).toContain("程序拒绝读取和修改任何记录");
    expect(statement).toContain("不保护磁盘上的文件");
    expect(statement).toContain("dutydesk.sqlite3、备份和附件都没有加密");
    expect(statement).toContain("dutydesk-cli unlock-reset");
    expect(byTestId("applock-state")!.textContent).toContain("未启用");
    expect(byTestId("field-currentPassword")).toBeNull();
  });

  it("turns the lock on with the password typed twice and the idle minutes", async () => {
    let setCall: Record<string, unknown> | null = null;
    const { set } = await open(lockStatus({ enabled: false }), {
      set_app_lock: (args) => {
        setCall = args;
        return set(lockStatus({ idleMinutes: 15 }));
      },
    });
    await typeInto("field-newPassword", "值班台密码");
    await typeInto("field-newPasswordAgain", "值班台密码");
    await typeInto("field-idleMinutes", "15");
    inputOf("field-idleMinutes").dispatchEvent(new Event("change", { bubbles: true }));
    await settle();
    await clickTestId("applock-save");
    expect(setCall).toEqual({
      input: { currentPassword: null, newPassword: "值班台密码", newPasswordAgain: "值班台密码", idleMinutes: 15 },
    });
    expect(byTestId("applock-state")!.textContent).toContain("已启用：启动时锁定，空闲 15 分钟后锁定。");
    expect(inputOf("field-newPassword").value).toBe("");
    expect(byTestId("field-currentPassword")).not.toBeNull();
    expect(byTestId("lock-now")).not.toBeNull();
  });

  it("shows Rust's message next to the field and keeps what was typed", async () => {
    await open(lockStatus({ enabled: false }), {
      set_app_lock: () => {
        throw refused("validation", "密码至少 6 个字符，现在只有 3 个。", "newPassword");
      },
    });
    await typeInto("field-newPassword", "abc");
    await clickTestId("applock-save");
    expect(byTestId("error-newPassword")!.textContent).toBe("密码至少 6 个字符，现在只有 3 个。");
    expect(byTestId("applock-error")).toBeNull();
    expect(byTestId("applock-state")!.textContent).toContain("未启用");
  });

  it("changing and turning off take the current password", async () => {
    const { calls, set } = await open(lockStatus({ idleMinutes: 10 }), {
      set_app_lock: ({ input }) => {
        if ((input as { currentPassword: string }).currentPassword !== "值班台密码") {
          throw refused("validation", "当前密码不正确，还可以再试 4 次。", "currentPassword");
        }
        return lockStatus({ idleMinutes: 10 });
      },
      clear_app_lock: ({ currentPassword }) => {
        if (currentPassword !== "值班台密码") throw refused("validation", "当前密码不正确，还可以再试 3 次。", "currentPassword");
        return set(lockStatus({ enabled: false }));
      },
    });
    expect(byTestId("applock-state")!.textContent).toContain("已启用");
    await typeInto("field-currentPassword", "错的密码");
    await typeInto("field-newPassword", "新的密码123");
    await typeInto("field-newPasswordAgain", "新的密码123");
    await clickTestId("applock-save");
    expect(byTestId("error-currentPassword")!.textContent).toBe("当前密码不正确，还可以再试 4 次。");

    await typeInto("field-currentPassword", "值班台密码");
    await clickTestId("applock-clear");
    expect(calls.at(-1)).toEqual({ cmd: "clear_app_lock", args: { currentPassword: "值班台密码" } });
    expect(byTestId("applock-state")!.textContent).toContain("未启用");
    expect(byTestId("lock-now")).toBeNull();
  });
});
