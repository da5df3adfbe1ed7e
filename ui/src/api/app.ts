// The window itself: the store's state at start, recovery, the tray (commands/app.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import { call } from "./index";

export const appApi = {
  /** What the shell found when opening the data store. */
  appStatus: () => call("app_status"),
  /** Hides the window to the tray (reminders keep coming). */
  hideToTray: () => call("hide_to_tray"),
  /** Recovery: replace the damaged store with one of its backups. */
  restoreBackup: (fileName: string) => call("restore_backup", { fileName }),
  /** Recovery: move the damaged store aside and start with an empty one. */
  startFresh: () => call("start_fresh"),
};
