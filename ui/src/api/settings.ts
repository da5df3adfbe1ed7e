// 设置 — project settings and contract profiles (commands/settings.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import type { ProfileEditInput } from "../bindings/ProfileEditInput";
import type { ProjectSettings } from "../bindings/ProjectSettings";
import { call } from "./index";

export const settingsApi = {
  /** The project settings, or null before the first-start setup. */
  getSettings: () => call("get_settings"),
  /** Validates and stores the settings; rejects with kind "validation" and `fields`. */
  saveSettings: (input: ProjectSettings) => call("save_settings", { input }),
  /** Contract profiles (service levels): the shipped ones and the custom ones, newest version of each. */
  listProfiles: () => call("list_profiles"),
  /**
   * 自定义合同服务级别: `id: null` saves a copy of `baseId` (custom-N, version 1); `id` = `baseId`
   * = a custom profile saves its next version. Shipped profiles are refused (field "id").
   * Validation fields: "name", "levels", "levels.<i>.respond" / "levels.<i>.restore", "id".
   */
  saveCustomProfile: (input: ProfileEditInput) => call("save_custom_profile", { input }),
};
