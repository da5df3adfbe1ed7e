// App status and project settings: what the shell found at start-up and what the
// engineer configured. Views read from here; only actions call the api.
import { defineStore } from "pinia";
import { computed, ref } from "vue";
import { appApi } from "../api/app";
import { settingsApi } from "../api/settings";
import type { AppStatus } from "../bindings/AppStatus";
import type { IpcError } from "../bindings/IpcError";
import type { ProfileEditInput } from "../bindings/ProfileEditInput";
import type { ProfileSummary } from "../bindings/ProfileSummary";
import type { ProjectSettings } from "../bindings/ProjectSettings";
import { useLockStore } from "./lock";

/**
 * Which screen the app belongs on:
 * - loading: start-up not finished;
 * - setup: store is fine but no settings yet (首次使用设置);
 * - recovery: store damaged, too new, or could not be opened (数据恢复);
 * - ready: the main layout;
 * - error: app_status itself failed (shown on the recovery page with a retry).
 */
export type Phase = "loading" | "setup" | "recovery" | "ready" | "error";

export const useAppStore = defineStore("app", () => {
  const status = ref<AppStatus | null>(null);
  const statusError = ref<IpcError | null>(null);
  const settings = ref<ProjectSettings | null>(null);
  const profiles = ref<ProfileSummary[]>([]);
  const profilesError = ref<IpcError | null>(null);
  let starting: Promise<void> | null = null;

  const phase = computed<Phase>(() => {
    if (statusError.value) return "error";
    const s = status.value;
    if (!s) return "loading";
    switch (s.state) {
      case "ready":
      case "needsSetup":
        // Settings decide, so a save moves us to "ready" even before the
        // next app_status, and a ready store without settings still asks for them.
        return settings.value ? "ready" : "setup";
      case "corrupt":
      case "tooNew":
      case "openFailed":
        return "recovery";
    }
    return "recovery";
  });

  /** Adopt a status from Rust and, when the store is usable, read the settings. */
  async function applyStatus(next: AppStatus): Promise<void> {
    status.value = next;
    statusError.value = null;
    settings.value = next.state === "ready" ? await settingsApi.getSettings() : null;
  }

  async function load(): Promise<void> {
    // 应用锁: a window locked at start reads nothing until the password is entered (Rust would
    // refuse it anyway); the lock screen covers the page meanwhile.
    const lock = useLockStore();
    await lock.refresh();
    await lock.untilUnlocked();
    try {
      await applyStatus(await appApi.appStatus());
    } catch (error) {
      statusError.value = error as IpcError;
    }
  }

  /** Runs the start-up sequence once; later calls wait for the same run. */
  function start(): Promise<void> {
    starting ??= load();
    return starting;
  }

  /** Start over (the retry button after a failed start-up). */
  function reload(): Promise<void> {
    starting = load();
    return starting;
  }

  async function loadProfiles(): Promise<void> {
    try {
      profiles.value = await settingsApi.listProfiles();
      profilesError.value = null;
    } catch (error) {
      profilesError.value = error as IpcError;
    }
  }

  /**
   * Saves a custom profile (a copy or its next version) and re-reads the list, so every
   * profile select (项目设置, 时限试算) offers it at once. Rejects with the IpcError from Rust.
   */
  async function saveCustomProfile(input: ProfileEditInput): Promise<ProfileSummary> {
    const saved = await settingsApi.saveCustomProfile(input);
    // Show it even if the re-read below fails; the re-read keeps Rust's order.
    const at = profiles.value.findIndex((p) => p.id === saved.id);
    profiles.value = at < 0 ? [...profiles.value, saved] : profiles.value.map((p, i) => (i === at ? saved : p));
    await loadProfiles();
    return saved;
  }

  /** Saves and adopts the settings; rejects with the IpcError from Rust. */
  async function saveSettings(input: ProjectSettings): Promise<ProjectSettings> {
    const saved = await settingsApi.saveSettings(input);
    settings.value = saved;
    // The first save turns "needsSetup" into "ready" on the Rust side; pick up the
    // fresh status (schema version etc.). A failure here does not undo the save.
    try {
      status.value = await appApi.appStatus();
    } catch {
      /* keep the previous status; phase already follows the saved settings */
    }
    return saved;
  }

  async function restoreBackup(fileName: string): Promise<void> {
    await applyStatus(await appApi.restoreBackup(fileName));
  }

  async function startFresh(): Promise<void> {
    await applyStatus(await appApi.startFresh());
  }

  return {
    status,
    statusError,
    settings,
    profiles,
    profilesError,
    phase,
    start,
    reload,
    loadProfiles,
    saveCustomProfile,
    saveSettings,
    restoreBackup,
    startFresh,
  };
});
