// 变更通知: Rust announces every committed write as one `store-changed` event (see
// crates/store/src/changes.rs); the changes store turns it into a counter per area.
import { listen } from "@tauri-apps/api/event";
import type { StoreChanges } from "../bindings/StoreChanges";

/** The event Rust emits after each commit (src-tauri/src/lib.rs `STORE_CHANGED`). */
export const STORE_CHANGED = "store-changed";

/** Calls `handler` with each batch of changes; resolves with the function that stops listening. */
export async function onStoreChanged(handler: (changes: StoreChanges) => void): Promise<() => void> {
  return listen<StoreChanges>(STORE_CHANGED, (e) => handler(e.payload));
}
