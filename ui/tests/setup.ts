// Vitest set-up: every test talks to a mocked Tauri IPC (see helpers.ts); the
// marker below is what the api layer checks to tell "inside the app" from "plain browser".
import { enableAutoUnmount } from "@vue/test-utils";
import { afterEach } from "vitest";

(window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};

// Every app a test mounts is unmounted after it, before the page is cleared.
enableAutoUnmount(afterEach);

afterEach(() => {
  document.body.innerHTML = "";
});
