// Pages are chunks loaded on navigation (router/index.ts). At launch the first page's chunk must
// load while the start-up state is still being read, not only after it.
import { mount } from "@vue/test-utils";
import { invoke } from "@tauri-apps/api/core";
import { createPinia, setActivePinia } from "pinia";
import { describe, expect, it, vi } from "vitest";
import { createMemoryHistory } from "vue-router";
import App from "../src/App.vue";
import { elementPlus } from "../src/element";
import { createAppRouter } from "../src/router";
import { PROFILES, SETTINGS, status } from "./fixtures";
import { mockIpc } from "./helpers";

vi.mock("@tauri-apps/api/core", () => ({ invoke: vi.fn() }));

describe("the first page's chunk", () => {
  it("loads while app_status is still unanswered", async () => {
    let answer: (value: unknown) => void = () => {};
    mockIpc({
      app_lock_status: () => ({ enabled: false, locked: false, idleMinutes: 10, retryAfterSeconds: null }),
      app_status: () => new Promise((resolve) => (answer = resolve)),
      get_settings: () => SETTINGS,
      list_profiles: () => PROFILES,
    });
    const pinia = createPinia();
    setActivePinia(pinia);
    const router = createAppRouter(createMemoryHistory());
    mount(App, { attachTo: document.body, global: { plugins: [pinia, router, elementPlus] } });
    const today = router.getRoutes().find((r) => r.name === "today")!;
    expect(typeof today.components?.default).toBe("function");
    const navigated = router.push("/today");
    await vi.waitFor(() => expect(vi.mocked(invoke).mock.calls.some(([cmd]) => cmd === "app_status")).toBe(true));
    // Still unanswered, and TodayView is loaded: the record now holds the component itself.
    await vi.waitFor(() => expect(typeof today.components?.default).toBe("object"), { timeout: 10_000 });
    answer(status("ready"));
    await navigated;
    expect(router.currentRoute.value.name).toBe("today");
  });
});
