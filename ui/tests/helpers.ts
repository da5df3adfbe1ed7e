// Mounts the whole app (router, Pinia, Element Plus) over a mocked IPC.
import { flushPromises, mount } from "@vue/test-utils";
import { invoke } from "@tauri-apps/api/core";
import { elementPlus } from "../src/element";
import { createPinia, setActivePinia } from "pinia";
import type { ComponentOptions } from "vue";
import { afterEach, beforeEach, vi } from "vitest";
import { createMemoryHistory, loadRouteLocation, type RouteLocationNormalized, type Router } from "vue-router";
import App from "../src/App.vue";
import { createAppRouter } from "../src/router";

export type Handler = (args: Record<string, unknown>) => unknown;

/** Answers `invoke` from a table of command handlers; a handler may throw to reject. */
export function mockIpc(handlers: Record<string, Handler>) {
  const calls: { cmd: string; args: Record<string, unknown> }[] = [];
  vi.mocked(invoke).mockImplementation(async (cmd: string, args?: unknown) => {
    const a = (args ?? {}) as Record<string, unknown>;
    calls.push({ cmd, args: a });
    const handler = handlers[cmd];
    if (!handler) throw `command ${cmd} not found`;
    return handler(a);
  });
  return calls;
}

/** `mixins`: global mixins, e.g. an `updated` hook that counts re-renders per component. */
export async function mountApp(initialPath = "/", options: { mixins?: ComponentOptions[] } = {}) {
  const pinia = createPinia();
  setActivePinia(pinia);
  const router = await createLoadedRouter();
  const wrapper = mount(App, {
    attachTo: document.body,
    global: { plugins: [pinia, router, elementPlus], mixins: options.mixins ?? [] },
  });
  await router.push(initialPath);
  await router.isReady();
  await settle();
  return { wrapper, router };
}

/**
 * The app's router with every page's chunk already loaded. Pages load on navigation
 * (router/index.ts); in the app that takes a moment once per page, here a module import that
 * would outlast `settle()` after a click. Loading them up front (as the router itself does, so
 * the records keep the loaded components) keeps each test's timing as it was.
 */
export async function createLoadedRouter(): Promise<Router> {
  const router = createAppRouter(createMemoryHistory());
  await loadRouteLocation({ matched: router.getRoutes() } as unknown as RouteLocationNormalized);
  // The parts the shell and 今日 load when first wanted (App.vue, MainLayout.vue, TodayView.vue),
  // loaded the same way.
  await Promise.all([
    import("../src/components/LockScreen.vue"),
    import("../src/components/faults/NewFaultDialog.vue"),
    import("../src/components/faults/DeadlineDialog.vue"),
  ]);
  return router;
}

/** Let pending IPC promises, router navigations and re-renders finish. */
export async function settle() {
  for (let i = 0; i < 5; i++) await flushPromises();
}

export function byTestId(id: string): HTMLElement | null {
  return document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
}

export function inputOf(id: string): HTMLInputElement {
  // A textarea has the same value / input event as an input.
  const el = document.querySelector<HTMLInputElement>(`[data-testid="${id}"] input, [data-testid="${id}"] textarea`);
  if (!el) throw new Error(`no input inside [data-testid="${id}"]`);
  return el;
}

export async function typeInto(id: string, value: string) {
  const input = inputOf(id);
  input.value = value;
  input.dispatchEvent(new Event("input", { bubbles: true }));
  await settle();
}

/**
 * Within a describe: `Date` and the timers stand still at `iso` until the test advances them
 * (`vi.advanceTimersByTimeAsync`). Promises and `flushPromises` (setImmediate) run as usual.
 */
export function atChinaTimeWithTimers(iso: string) {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date", "setTimeout", "clearTimeout", "setInterval", "clearInterval"] });
    vi.setSystemTime(new Date(iso));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}

/** Clicks the element with this test id and lets the app settle. */
export async function clickTestId(id: string) {
  const el = byTestId(id);
  if (!el) throw new Error(`nothing at [data-testid="${id}"]`);
  el.click();
  await settle();
}

/**
 * Within a describe: `Date` stands at `iso` for every test. Only Date is faked, so the app's
 * timers and promises run as usual.
 */
export function atChinaTime(iso: string) {
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(new Date(iso));
  });
  afterEach(() => {
    vi.useRealTimers();
  });
}
