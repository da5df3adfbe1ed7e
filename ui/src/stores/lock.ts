// 应用锁 in the window: whether a password is set and whether the window is locked (Rust decides
// both and refuses every other command while locked), unlocking, 锁定 now, and the idle timer.
//
// Idle time is measured on the wall clock from the last mouse or keyboard activity, checked every
// few seconds and again whenever the window is shown or focused, so a machine that slept or a
// window hidden in the tray (whose timers may be slowed) still locks on time.
import { defineStore } from "pinia";
import { computed, ref } from "vue";
import { whenRefusedAsLocked } from "../api";
import { lockApi } from "../api/lock";
import type { AppLockStatus } from "../bindings/AppLockStatus";

export const IDLE_CHECK_MS = 10_000;
const ACTIVITY_EVENTS = ["mousemove", "mousedown", "keydown", "wheel", "touchstart"] as const;

export const useLockStore = defineStore("lock", () => {
  const status = ref<AppLockStatus | null>(null);
  /** Counts unlocks in a running session; pages that poll re-read when it changes. */
  const unlocks = ref(0);
  let lastActivity = Date.now();
  let waiting: (() => void)[] = [];

  const enabled = computed(() => status.value?.enabled ?? false);
  const locked = computed(() => status.value?.locked ?? false);

  /** Adopts Rust's answer; an unlocked window lets the start-up go on and restarts the idle time. */
  function adopt(next: AppLockStatus) {
    const wasLocked = locked.value;
    status.value = next;
    if (!next.locked) {
      lastActivity = Date.now();
      const resume = waiting;
      waiting = [];
      resume.forEach((go) => go());
      if (wasLocked) unlocks.value += 1;
    }
  }

  /** Asks Rust. Never rejects: outside the app there is no lock to know about. */
  async function refresh(): Promise<void> {
    try {
      adopt(await lockApi.appLockStatus());
    } catch {
      // Rust still refuses commands while locked, and whenRefusedAsLocked brings the screen.
    }
  }

  /** Resolves once the window is unlocked (at once when it is not locked). */
  function untilUnlocked(): Promise<void> {
    if (!locked.value) return Promise.resolve();
    return new Promise((resolve) => waiting.push(resolve));
  }

  /** 解锁; rejects with Rust's IpcError (wrong password, or a wait after too many). */
  async function unlock(password: string): Promise<AppLockStatus> {
    const next = await lockApi.unlockApp(password);
    adopt(next);
    return next;
  }

  /** 锁定 now; rejects with Rust's IpcError when no password is set. */
  async function lockNow(): Promise<void> {
    adopt(await lockApi.lockApp());
  }

  function noteActivity() {
    lastActivity = Date.now();
  }

  /** Locks when the set minutes have passed since the last activity. */
  function checkIdle() {
    const s = status.value;
    if (!s || !s.enabled || s.locked) return;
    if (Date.now() - lastActivity >= s.idleMinutes * 60_000) {
      lockNow().catch(() => {
        // The password was cleared meanwhile: nothing to lock with.
      });
    }
  }

  function onVisibility() {
    if (document.visibilityState === "visible") checkIdle();
  }

  /** A command refused as locked (the tray locked it, or another window): show the lock screen. */
  function refusedAsLocked() {
    if (locked.value) return;
    const known = status.value;
    status.value = {
      enabled: true,
      locked: true,
      idleMinutes: known?.idleMinutes ?? 10,
      retryAfterSeconds: known?.retryAfterSeconds ?? null,
    };
    void refresh();
  }

  /** Starts the idle timer and the activity listeners; returns what stops them. */
  function watch(): () => void {
    lastActivity = Date.now();
    for (const name of ACTIVITY_EVENTS) window.addEventListener(name, noteActivity, { capture: true, passive: true });
    document.addEventListener("visibilitychange", onVisibility);
    window.addEventListener("focus", checkIdle);
    const timer = setInterval(checkIdle, IDLE_CHECK_MS);
    whenRefusedAsLocked(refusedAsLocked);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, noteActivity, { capture: true });
      document.removeEventListener("visibilitychange", onVisibility);
      window.removeEventListener("focus", checkIdle);
      clearInterval(timer);
      whenRefusedAsLocked(null);
    };
  }

  return { status, unlocks, enabled, locked, adopt, refresh, untilUnlocked, unlock, lockNow, checkIdle, watch };
});
