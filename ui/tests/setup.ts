// Vitest set-up: every test talks to a mocked Tauri IPC (see helpers.ts); the
// marker below is what the api layer checks to tell "inside the app" from "plain browser".
// Events from Rust go through an in-memory bus (tauri-events.ts) that tests emit on.
import { enableAutoUnmount } from "@vue/test-utils";
import { afterEach, vi } from "vitest";
import { resetTauriEvents } from "./tauri-events";

vi.mock("@tauri-apps/api/event", () => import("./tauri-events"));

(window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};

// happy-dom's Element#toString returns the element's outerHTML, where browsers return
// "[object HTMLDivElement]". Popper.js (Element Plus' dropdowns) calls toString on each
// scroll parent up to <body> to tell a window from an element, so with a 1,000-row list
// on the page every dropdown serialised the whole document — seconds per mount. Behave
// like a browser.
Object.defineProperty(Element.prototype, "toString", {
  configurable: true,
  writable: true,
  value(this: Element) {
    return `[object ${this.constructor.name}]`;
  },
});

// Every app a test mounts is unmounted after it, before the page is cleared.
enableAutoUnmount(afterEach);

afterEach(() => {
  document.body.innerHTML = "";
  resetTauriEvents();
});
