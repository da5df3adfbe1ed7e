// 故障 — faults, their attachments and links, exports and printing (commands/faults.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import type { FaultAction } from "../bindings/FaultAction";
import type { FaultDetailsInput } from "../bindings/FaultDetailsInput";
import type { FaultFilter } from "../bindings/FaultFilter";
import type { FaultInput } from "../bindings/FaultInput";
import type { RecordKind } from "../bindings/RecordKind";
import { call, subscribe } from "./index";

export const faultsApi = {
  /** The levels of the active profile, most severe first, with their targets in words. */
  faultLevels: () => call("fault_levels"),
  /** 故障队列, already sorted (open ones by the nearest deadline). Validation field: "month". */
  faultQueue: (filter: FaultFilter) => call("fault_queue", { filter }),
  getFault: (id: number) => call("get_fault", { id }),
  /**
   * 登记故障. Validation fields: reportedAt, reporter, channel, title, description, level.
   */
  createFault: (input: FaultInput) => call("create_fault", { input }),
  /**
   * One lifecycle step (响应, 开始处理, 挂起 …) at the time it happened.
   * Validation fields: at, reason, level, action (not allowed in the current state).
   */
  applyFaultAction: (id: number, action: FaultAction) => call("apply_fault_action", { id, action }),
  /** 处理过程, 原因, 结果, 措施, 确认 … Validation fields are the input's keys. */
  updateFaultDetails: (id: number, input: FaultDetailsInput) =>
    call("update_fault_details", { id, input }),
  /** 故障报告已完成; refused with a message naming the missing parts. */
  markFaultReportWritten: (id: number) => call("mark_fault_report_written", { id }),
  /** Writes the one-sheet 故障报告 workbook; resolves with its absolute path. */
  exportFaultReport: (id: number) => call("export_fault_report", { id }),
  /** Prints the current page through the webview's print dialog. */
  printWindow: () => call("print_window"),
  /** Opens attachment `id`; Rust resolves its stored path, never the webview. */
  openAttachment: (id: number) => call("open_attachment", { id }),
  listAttachments: (ownerKind: RecordKind, ownerId: number) =>
    call("list_attachments", { ownerKind, ownerId }),
  /** Rust shows a file picker and copies the chosen files in; [] when cancelled. */
  pickAttachments: (ownerKind: RecordKind, ownerId: number) =>
    call("pick_attachments", { ownerKind, ownerId }),
  addAttachment: (ownerKind: RecordKind, ownerId: number, path: string) =>
    call("add_attachment", { ownerKind, ownerId, path }),
  listLinks: (kind: RecordKind, id: number) => call("list_links", { kind, id }),
  /**
   * Opens a file the app exported, or the folder holding it, with the system's default program.
   * Rust opens only what the app itself wrote (this session's saves, or `exports/` by name) and
   * only reveals executables and scripts; any other path is refused.
   */
  openExport: (path: string) => call("open_export", { path }),
  /** The tray's 登记故障… (Rust shows the window, then emits `open-new-fault`). */
  onOpenNewFault: (handler: () => void) => subscribe<null>("open-new-fault", () => handler()),
};
