// The fault module's shared state: the active profile's levels and 故障类型, the queue filter (kept
// while the engineer opens a fault and comes back), the 登记故障 dialog that every page
// and the Ctrl+N shortcut open. Lists re-read when Rust announces a change (stores/changes.ts).
import { defineStore } from "pinia";
import { computed, reactive, ref } from "vue";
import { faultsApi } from "../api/faults";
import type { FaultFilter } from "../bindings/FaultFilter";
import type { IpcError } from "../bindings/IpcError";
import type { LevelOption } from "../bindings/LevelOption";
import { profileFaultTypes } from "../utils/faults";
import { useAppStore } from "./app";

/** The queue filter as the toolbar edits it: "" means no filter. */
export type QueueFilter = { state: string; level: string; month: string; text: string };

export function toFaultFilter(f: QueueFilter): FaultFilter {
  const text = f.text.trim();
  return {
    state: f.state || null,
    level: f.level || null,
    month: f.month || null,
    text: text || null,
  };
}

export const useFaultsStore = defineStore("faults", () => {
  const levels = ref<LevelOption[]>([]);
  const levelsError = ref<IpcError | null>(null);
  const filter = reactive<QueueFilter>({ state: "open", level: "", month: "", text: "" });
  const newFaultOpen = ref(false);
  const app = useAppStore();
  /** 故障类型 of the profile in effect (项目设置), offered by every form that creates a fault. */
  const faultTypes = computed(() => profileFaultTypes(app.profiles, app.settings?.profileId));

  /** The levels and, with the profiles, the 故障类型 of the profile in effect. */
  async function loadLevels(): Promise<void> {
    const profiles = app.loadProfiles();
    try {
      levels.value = await faultsApi.faultLevels();
      levelsError.value = null;
    } catch (error) {
      levelsError.value = error as IpcError;
    }
    await profiles;
  }

  function openNewFault() {
    newFaultOpen.value = true;
  }

  return { levels, levelsError, faultTypes, filter, newFaultOpen, loadLevels, openNewFault };
});
