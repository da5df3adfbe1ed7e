// 数据可信 — backups, restore tests, record history and the audit trail (commands/trust.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import type { AppStatus } from "../bindings/AppStatus";
import type { AuditReport } from "../bindings/AuditReport";
import type { BackupOverview } from "../bindings/BackupOverview";
import type { HistoryEntry } from "../bindings/HistoryEntry";
import type { RecordKind } from "../bindings/RecordKind";
import type { RestoreTest } from "../bindings/RestoreTest";
import { call } from "./index";

export const trustApi = {
  /** 备份与恢复: the backups with their check results, the second folder, the restore tests. */
  backupOverview: () => call<BackupOverview>("backup_overview"),
  /** 立即备份: a checked manual copy (with attachments), also copied to the second folder. */
  backupNow: () => call<BackupOverview>("backup_now"),
  /** Sets the second backup folder (null clears it); validation field "extraDir". */
  setBackupDir: (dir: string | null) => call<BackupOverview>("set_backup_dir", { dir }),
  /** The system's folder picker; null when cancelled. */
  pickBackupDir: () => call<string | null>("pick_backup_dir"),
  /**
   * Replaces the (healthy) store with a backup: a safety copy is written first and the current
   * file is kept aside; the store is reopened. Rejects with "corrupt" / "tooNew" / "validation".
   */
  restoreFromBackup: (fileName: string) => call<AppStatus>("restore_from_backup", { fileName }),
  /** 恢复测试 on a copy of a backup (the newest when null); recorded and returned. */
  runRestoreTest: (fileName: string | null) => call<RestoreTest>("run_restore_test", { fileName }),
  /** 修改记录: who changed record (kind, id) and its parts, when, field by field. */
  recordHistory: (kind: RecordKind, id: number) => call<HistoryEntry[]>("record_history", { kind, id }),
  /** The audit trail check: hash chain, changes made outside the app. */
  verifyAudit: () => call<AuditReport>("verify_audit"),
};
