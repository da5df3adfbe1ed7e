// Vite + Vitest configuration for the DutyDesk webview.
// The bundle is served by Tauri from the tauri:// custom protocol, so it must be
// self-contained: no CDN, no remote fonts, nothing that needs eval (strict CSP).
import { defineConfig } from "vitest/config";
import vue from "@vitejs/plugin-vue";

export default defineConfig({
  plugins: [vue()],
  // Keep Tauri's Rust errors visible in the terminal.
  clearScreen: false,
  server: {
    port: 1420,
    strictPort: true,
  },
  build: {
    outDir: "dist",
    // WebKitGTK 2.50 on Linux (UOS / Kylin / Debian), WebView2 on Windows.
    target: ["es2021", "safari15", "chrome105"],
    // The bundle is read from local disk by the webview, never over a network,
    // so one ~1 MB chunk with all of Element Plus costs nothing; splitting it would
    // only add requests. Raised limit rather than an ignored warning.
    chunkSizeWarningLimit: 1600,
  },
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.spec.ts"],
    setupFiles: ["tests/setup.ts"],
    restoreMocks: true,
    // Whole-app mounts with a year of calendar cells take 1–3 s each; leave room on a busy machine.
    testTimeout: 20_000,
  },
});
