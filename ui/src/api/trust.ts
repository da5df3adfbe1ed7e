// 数据可信 — backups, restore tests, record history and the audit trail (commands/trust.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import type { RecordKind } from "../bindings/RecordKind";
import { call } from "./index";

export const trustApi = {
  /** 备份与恢复: the backups with their check results, the second folder, the restore tests. */
  backupOverview: () => call("backup_overview"),
  /** 立即备份: a checked manual copy (with attachments), also copied to the second folder. */
  backupNow: () => call("backup_now"),
  /** Sets the second backup folder (null clears it); validation field "extraDir". */
  setBackupDir: (dir: string | null) => call("set_backup_dir", { dir }),
  /** The system's folder picker; null when cancelled. */
  pickBackupDir: () => call("pick_backup_dir"),
  /**
   * Replaces the (healthy) store with a backup: a safety copy is written first and the current
   * file is kept aside; the store is reopened. Rejects with "corrupt" / "tooNew" / "validation".
   */
  restoreFromBackup: (fileName: string) => call("restore_from_backup", { fileName }),
  /** 恢复测试 on a copy of a backup (the newest when null); recorded and returned. */
  runRestoreTest: (fileName: string | null) => call("run_restore_test", { fileName }),
  /** 修改记录: who changed record (kind, id) and its parts, when, field by field. */
  recordHistory: (kind: RecordKind, id: number) => call("record_history", { kind, id }),
  /** The audit trail check: hash chain, changes made outside the app. */
  verifyAudit: () => call("verify_audit"),
  // 团队归档: a date range moved between workstations as one checked file.
  /** This workstation, the archives imported here, the conflicts (open first), the proposed file name. */
  archiveOverview: () => call("archive_overview"),
  /** The save dialog for the archive of [from, to], proposing its usual name; null when cancelled. */
  pickArchiveSavePath: (from: string, to: string) => call("pick_archive_save_path", { from, to }),
  /** The open dialog for an archive; null when cancelled. */
  pickArchiveFile: () => call("pick_archive_file"),
  /** Writes the archive of China dates [from, to]; validation fields "from", "to", "path". */
  exportArchive: (from: string, to: string, path: string) =>
    call("export_archive", { from, to, path }),
  /** What the archive holds (read and checked whole, nothing written); rejects like importArchive. */
  previewArchive: (path: string) => call("preview_archive", { path }),
  /**
   * Checks the archive whole, then merges it in one transaction. A damaged, tampered, newer or
   * incomplete archive rejects with kind "validation" (field "archive") and nothing is written.
   */
  importArchive: (path: string) => call("import_archive", { path }),
  /** Decides a conflict: keep "ours" or take "theirs"; resolves with the new overview. */
  resolveArchiveConflict: (id: number, keep: "ours" | "theirs") =>
    call("resolve_archive_conflict", { id, keep }),
};
