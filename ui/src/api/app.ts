// The window itself: the store's state at start, recovery, the tray (commands/app.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import type { AppStatus } from "../bindings/AppStatus";
import { call } from "./index";

export const appApi = {
  /** What the shell found when opening the data store. */
  appStatus: () => call<AppStatus>("app_status"),
  /** Hides the window to the tray (reminders keep coming). */
  hideToTray: () => call<void>("hide_to_tray"),
  /** Recovery: replace the damaged store with one of its backups. */
  restoreBackup: (fileName: string) => call<AppStatus>("restore_backup", { fileName }),
  /** Recovery: move the damaged store aside and start with an empty one. */
  startFresh: () => call<AppStatus>("start_fresh"),
};
