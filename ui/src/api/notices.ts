// 提醒 — notices raised by deadlines and checks (commands/notices.rs).
// Each function maps to one Tauri command and rejects only with an `IpcError`.
import type { Notice } from "../bindings/Notice";
import { call, subscribe } from "./index";

export const noticesApi = {
  /** Unacknowledged notices, newest first. */
  activeNotices: () => call("active_notices"),
  /** 知道了: one notice, or all of them with `null`. */
  acknowledgeNotice: (id: number | null) => call("acknowledge_notice", { id }),
  /** Every notice raised for one fault, acknowledged or not. */
  faultNotices: (id: number) => call("fault_notices", { id }),
  /** Rust emits `notices-changed` with the newly raised notices. */
  onNoticesChanged: (handler: (raised: Notice[]) => void) => subscribe<Notice[]>("notices-changed", handler),
};
