// Vitest set-up: every test talks to a mocked Tauri IPC (see helpers.ts); the
// marker below is what the api layer checks to tell "inside the app" from "plain browser".
import { afterEach } from "vitest";

(window as unknown as Record<string, unknown>).__TAURI_INTERNALS__ = {};

afterEach(() => {
  document.body.innerHTML = "";
});
