// What ships: the built bundle (ui/dist), as the webview loads it.
//
// The first screen parses only what it needs: pages are chunks loaded on navigation and Element
// Plus comes in per component (vite.config.ts, router/index.ts). The budget holds what the webview
// loads before anything renders — the entry script, the chunks it imports statically and the
// stylesheets that dist/index.html names — so that an eager import of a page or of the whole
// library shows up here. Measured 2026-12-06 (docs/benchmarks.md, "UI 入口包大小"): 347 kB JS and
// 68 kB CSS raw once 登记故障 and the lock screen load when first wanted (509 kB and 123 kB before;
// 1,436 kB and 445 kB as one bundle); the budgets leave ~10% for growth.
import { execFileSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { dist, entrySize } from "../scripts/entry-size.mjs";

const JS_BUDGET = 380_000;
const CSS_BUDGET = 75_000;

const ui = join(dist, "..");

/** Newest modification time under a path (a file, or a folder walked recursively). */
function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

/** scripts/test.sh builds before the unit tests; a plain `npm test` builds here when dist/ is missing or older than the sources. */
function ensureBuilt() {
  const index = join(dist, "index.html");
  const inputs = ["src", "index.html", "vite.config.ts", "package-lock.json"].map((p) => newest(join(ui, p)));
  if (existsSync(index) && statSync(index).mtimeMs >= Math.max(...inputs)) return;
  execFileSync(process.execPath, [join(ui, "node_modules", "vite", "bin", "vite.js"), "build", "--logLevel", "error"], {
    cwd: ui,
    stdio: "inherit",
    // Vitest sets NODE_ENV=test, which Vite would keep: Vue's development build, not what ships.
    env: { ...process.env, NODE_ENV: "production" },
  });
}

// One file builds, so that two test files never write dist/ at once.
beforeAll(ensureBuilt, 240_000);

describe("the entry bundle", () => {
  it("stays under its budget, with pages in chunks of their own", () => {
    const size = entrySize();
    expect(size.js.raw, `entry JS ${size.js.files.join(", ")}`).toBeLessThanOrEqual(JS_BUDGET);
    expect(size.css.raw, `entry CSS ${size.css.files.join(", ")}`).toBeLessThanOrEqual(CSS_BUDGET);
    // A page loaded eagerly would land in the entry: none of the views' chunks may be named there.
    const views = readdirSync(join(dist, "assets")).filter((f) => /^(TodayView|ReportsView|SettingsView|AttendanceView)-.*\.js$/.test(f));
    expect(views).toHaveLength(4);
    expect(size.js.files.filter((f) => views.some((v) => f.endsWith(v)))).toEqual([]);
  });
});

describe("under a frozen Object.prototype (tauri.conf.json: freezePrototype)", () => {
  it("every chunk holding Day.js gives its prototype own valueOf/toString first", () => {
    // tests/frozen-prototype.spec.ts runs the patched Day.js; here, that the split bundle still
    // carries the patch (vite.config.ts: dayjsUnderFrozenPrototype) wherever Day.js landed.
    const chunks = readdirSync(join(dist, "assets")).filter((f) => f.endsWith(".js"));
    const withDayjs = chunks.filter((f) => readFileSync(join(dist, "assets", f), "utf8").includes("Invalid Date"));
    expect(withDayjs.length).toBeGreaterThan(0);
    for (const f of withDayjs) {
      const code = readFileSync(join(dist, "assets", f), "utf8");
      for (const key of ["valueOf", "toString"]) {
        expect(code, `${f}: ${key}`).toMatch(new RegExp(`Object\\.defineProperty\\(\\w+,"${key}",\\{value:void 0,writable:!0`));
      }
    }
  });
});
