// 提醒: the notices Rust raised that the engineer has not acknowledged yet (shown in the
// banner). The banner re-reads when Rust announces a change to the notices table (raised by the
// reminder loop, acknowledged anywhere): see stores/changes.ts.
import { defineStore } from "pinia";
import { ref } from "vue";
import { noticesApi } from "../api/notices";
import type { IpcError } from "../bindings/IpcError";
import type { Notice } from "../bindings/Notice";

export const useNoticesStore = defineStore("notices", () => {
  const active = ref<Notice[]>([]);
  const error = ref<IpcError | null>(null);

  async function load(): Promise<void> {
    try {
      active.value = await noticesApi.activeNotices();
      error.value = null;
    } catch (e) {
      error.value = e as IpcError;
    }
  }

  /** 知道了 for one notice, or for all with `null`; rejects with Rust's error. */
  async function acknowledge(id: number | null): Promise<void> {
    await noticesApi.acknowledgeNotice(id);
    active.value = id === null ? [] : active.value.filter((n) => n.id !== id);
    await load();
  }

  return { active, error, load, acknowledge };
});
