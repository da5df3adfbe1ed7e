// 应用锁 — the app lock (commands/lock.rs). While the window is locked Rust refuses every other command with kind "locked".
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import type { AppLockInput } from "../bindings/AppLockInput";
import type { AppLockStatus } from "../bindings/AppLockStatus";
import { call, subscribe } from "./index";

export const lockApi = {
  /** Whether a password is set, whether the window is locked now, the idle minutes, any wait. */
  appLockStatus: () => call("app_lock_status"),
  /**
   * 解锁. A wrong password rejects with kind "validation" (field "password", how many tries are
   * left); too many in a row with kind "throttled" (the message says how long to wait).
   */
  unlockApp: (password: string) => call("unlock_app", { password }),
  /** 锁定 now; kind "notReady" when no password is set. */
  lockApp: () => call("lock_app"),
  /**
   * Turns the lock on, or changes its password or idle time (the current password is required).
   * Validation fields: currentPassword, newPassword, newPasswordAgain, idleMinutes.
   */
  setAppLock: (input: AppLockInput) => call("set_app_lock", { input }),
  /** Turns the lock off; validation field currentPassword. */
  clearAppLock: (currentPassword: string) => call("clear_app_lock", { currentPassword }),
  /** The tray's 锁定: Rust locks (when a password is set) and emits the lock's status. */
  onAppLockChanged: (handler: (status: AppLockStatus) => void) =>
    subscribe<AppLockStatus>("app-lock-changed", handler),
};
