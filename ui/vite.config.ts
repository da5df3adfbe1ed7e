// Vite + Vitest configuration for the DutyDesk webview.
// The bundle is served by Tauri from the tauri:// custom protocol, so it must be
// self-contained: no CDN, no remote fonts, nothing that needs eval (strict CSP).
import { defineConfig } from "vitest/config";
import vue from "@vitejs/plugin-vue";
import type { Plugin } from "vite";
import Components from "unplugin-vue-components/vite";
import { ElementPlusResolver } from "unplugin-vue-components/resolvers";

/**
 * tauri.conf.json freezes Object.prototype (app.security.freezePrototype). Day.js then fails to
 * load — it sets `valueOf` and `toString` on its prototype by assignment, and assigning a property
 * that a frozen prototype already has throws ("Cannot assign to read only property 'valueOf'") —
 * and the window stays blank. This gives Day.js' prototype its own writable `valueOf`/`toString`
 * first, so its assignments (and its plugins', e.g. utc's valueOf) succeed.
 */
function dayjsUnderFrozenPrototype(): Plugin {
  const line = "var _proto = Dayjs.prototype;";
  return {
    name: "dayjs-under-frozen-prototype",
    transform(code, id) {
      if (!/[\\/]dayjs[\\/]esm[\\/]index\.js$/.test(id)) return null;
      if (!code.includes(line)) {
        this.error("dayjs/esm/index.js changed: update dayjsUnderFrozenPrototype in vite.config.ts");
      }
      const own = ["valueOf", "toString", "toJSON", "toLocaleString"]
        .map((k) => `Object.defineProperty(_proto, "${k}", { value: undefined, writable: true, configurable: true, enumerable: false });`)
        .join(" ");
      return { code: code.replace(line, `${line} ${own}`), map: null };
    },
  };
}

/**
 * The same frozen Object.prototype (see above) stops ECharts from loading: its scheduler copies
 * every name of two classes' prototypes onto a plain object by assignment (`mockMethods`), and one
 * of those names is `constructor`, which the frozen Object.prototype holds read-only ("Cannot
 * assign to read only property 'constructor'"). This defines the properties instead, which a
 * frozen prototype does not prevent. tests/charts-frozen-prototype.spec.ts draws every chart so.
 */
function echartsUnderFrozenPrototype(): Plugin {
  const line = "target[name_1] = noop;";
  return {
    name: "echarts-under-frozen-prototype",
    transform(code, id) {
      if (!/[\\/]echarts[\\/]lib[\\/]core[\\/]Scheduler\.js$/.test(id)) return null;
      if (!code.includes(line)) {
        this.error("echarts/lib/core/Scheduler.js changed: update echartsUnderFrozenPrototype in vite.config.ts");
      }
      const defined = "Object.defineProperty(target, name_1, { value: noop, writable: true, configurable: true, enumerable: true });";
      return { code: code.replace(line, defined), map: null };
    },
  };
}

export default defineConfig({
  plugins: [
    vue(),
    // Element Plus on demand (its documented resolver): each <el-*> tag and v-loading in a
    // template becomes an import of that component and its CSS, so a page's chunk carries only
    // the parts it shows instead of the whole library at start. No declaration file: the
    // components' types come from element-plus' own global declarations (tsconfig.json: "element-plus/global").
    Components({ resolvers: [ElementPlusResolver()], dts: false }),
    dayjsUnderFrozenPrototype(),
    echartsUnderFrozenPrototype(),
  ],
  resolve: {
    // Day.js in its ES module build, whose prototype line `var _proto = Dayjs.prototype;` the
    // plugin below can find (Element Plus imports the minified UMD build by default).
    alias: [
      { find: /^dayjs$/, replacement: "dayjs/esm/index.js" },
      { find: /^dayjs\/plugin\/([A-Za-z]+)(\.js)?$/, replacement: "dayjs/esm/plugin/$1/index.js" },
      { find: /^dayjs\/locale\/([A-Za-z-]+)(\.js)?$/, replacement: "dayjs/esm/locale/$1.js" },
    ],
  },

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
    // Pages are separate chunks loaded on navigation (router/index.ts) and Element Plus comes
    // in per component: what the first screen parses at start is the entry chunk, whose size
    // tests/bundle.spec.ts holds under a budget. Vite's default chunk-size warning applies.
  },
  test: {
    environment: "happy-dom",
    include: ["tests/**/*.spec.ts"],
    setupFiles: ["tests/setup.ts"],
    restoreMocks: true,
    // The resolver's per-component style modules import Element Plus' .css files, which Node
    // cannot load: let Vite process those modules (Vitest then stubs the CSS itself).
    // ECharts and ZRender go through Vite too, so that the charts are tested with the patch the
    // bundle carries (echartsUnderFrozenPrototype).
    server: { deps: { inline: [/element-plus[\\/]es[\\/]components[\\/][^\\/]+[\\/]style[\\/]/, /[\\/]node_modules[\\/](echarts|zrender)[\\/]/] } },
    // Whole-app mounts with a year of calendar cells take 1–3 s each; leave room on a busy machine.
    testTimeout: 20_000,
  },
});
