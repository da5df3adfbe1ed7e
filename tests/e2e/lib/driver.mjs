// A small W3C WebDriver client for the real DutyDesk window, through tauri-driver and
// WebKitWebDriver. No dependencies: Node's fetch and child_process are enough, and keep the
// journeys readable.
import { spawn } from "node:child_process";
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const here = path.dirname(fileURLToPath(import.meta.url));
export const repoRoot = path.resolve(here, "../../..");
export const outputDir = path.join(repoRoot, "tests/e2e/output");
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 4444);
const BASE = `http://127.0.0.1:${PORT}`;

/** The debug build with the frontend embedded (`tauri build --debug --no-bundle`). */
export const appBinary =
  process.env.DUTYDESK_APP ?? path.join(repoRoot, "target/debug/dutydesk");

export const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** A fresh data directory for one journey: tests never touch an engineer's real records. */
export function freshDataDir(name) {
  return mkdtempSync(path.join(tmpdir(), `dutydesk-e2e-${name}-`));
}

/**
 * Starts one tauri-driver for the whole file and waits until it answers. It runs in its own
 * process group, logging to a file rather than a pipe, so stopping it also ends WebKitWebDriver
 * and any app it left running, and nothing keeps this test process alive afterwards.
 */
export async function startDriver() {
  mkdirSync(outputDir, { recursive: true });
  const logFile = path.join(outputDir, "tauri-driver.log");
  const log = openSync(logFile, "a");
  const child = spawn("tauri-driver", ["--port", String(PORT)], {
    stdio: ["ignore", log, log],
    detached: true,
  });
  closeSync(log);
  child.unref();
  const stop = () => {
    try {
      process.kill(-child.pid, "SIGTERM");
    } catch {
      // already gone
    }
  };
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    try {
      const res = await fetch(`${BASE}/status`);
      if (res.ok) return { stop };
    } catch {
      // not listening yet
    }
    if (child.exitCode !== null) break;
    await sleep(100);
  }
  stop();
  throw new Error(`tauri-driver did not start: ${readFileSync(logFile, "utf8").slice(-2000)}`);
}

async function call(method, url, body) {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) {
    const err = json.value ?? {};
    throw new Error(`${method} ${url}: ${err.error ?? res.status} ${err.message ?? ""}`);
  }
  return json.value;
}

export class AppSession {
  /** Launches the real app on `dataDir`. */
  static async launch(dataDir) {
    const value = await call("POST", "/session", {
      capabilities: {
        alwaysMatch: {
          "tauri:options": { application: appBinary, args: ["--data-dir", dataDir] },
        },
      },
    });
    const session = new AppSession(value.sessionId);
    await session.waitFor(
      () => session.execute("return document.readyState === 'complete' && !!document.querySelector('#app > *')"),
      "the window to load",
    );
    return session;
  }

  constructor(id) {
    this.id = id;
  }

  cmd(method, suffix, body) {
    return call(method, `/session/${this.id}${suffix}`, body);
  }

  execute(script, args = []) {
    return this.cmd("POST", "/execute/sync", { script, args });
  }

  /** Polls `probe` until it returns a truthy value. */
  async waitFor(probe, what, timeoutMs = 15_000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      try {
        const value = await probe();
        if (value) return value;
      } catch (err) {
        last = err;
      }
      await sleep(150);
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ""}`);
  }

  /** True once an element with this data-testid is in the page. */
  has(testid) {
    return this.execute(`return !!document.querySelector(arguments[0])`, [sel(testid)]);
  }

  waitForTestId(testid, timeoutMs) {
    return this.waitFor(() => this.has(testid), `[data-testid=${testid}]`, timeoutMs);
  }

  /** Visible text of the element (trimmed), or null when absent. */
  text(testid) {
    return this.execute(
      `const el = document.querySelector(arguments[0]); return el ? el.innerText.trim() : null;`,
      [sel(testid)],
    );
  }

  /**
   * Types into the input inside the element: sets the value and dispatches the events Vue's v-model
   * and Element Plus listen to (WebKit's sendKeys is unreliable on these widgets).
   */
  async fill(testid, value) {
    await this.waitForTestId(testid);
    const ok = await this.execute(
      `const root = document.querySelector(arguments[0]);
       if (!root) return false;
       const el = root.matches('input, textarea') ? root : root.querySelector('input, textarea');
       if (!el) return false;
       el.focus();
       el.value = arguments[1];
       el.dispatchEvent(new Event('input', { bubbles: true }));
       el.dispatchEvent(new Event('change', { bubbles: true }));
       el.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', code: 'Enter', bubbles: true }));
       el.blur();
       return true;`,
      [sel(testid), value],
    );
    if (!ok) throw new Error(`no input in [data-testid=${testid}]`);
    await sleep(50);
  }

  /**
   * Clicks the element once it is in the page. Routes and dialogs are chunks loaded on first use,
   * so an element can arrive a moment after the click that asked for it; waiting here, as
   * WebDriver's implicit wait would, keeps every journey from racing the loader.
   */
  async click(testid) {
    await this.waitForTestId(testid);
    const ok = await this.execute(
      `const el = document.querySelector(arguments[0]); if (!el) return false; el.click(); return true;`,
      [sel(testid)],
    );
    if (!ok) throw new Error(`nothing to click at [data-testid=${testid}]`);
    await sleep(50);
  }

  /** Opens an Element Plus select and picks the option whose text contains `label`. */
  async choose(testid, label) {
    await this.waitForTestId(testid);
    await this.execute(
      `const root = document.querySelector(arguments[0]);
       (root.querySelector('.el-select__wrapper, .el-select__selection, input') ?? root).click();`,
      [sel(testid)],
    );
    await this.waitFor(
      () =>
        this.execute(
          // Closed dropdowns of other selects stay in the page: only a visible option counts.
          `const items = [...document.querySelectorAll('.el-select-dropdown__item')]
             .filter((i) => i.offsetParent !== null);
           const item = items.find((i) => i.innerText.includes(arguments[0]));
           if (!item) return false;
           item.click();
           return true;`,
          [label],
        ),
      `option ${label}`,
    );
    // Let the dropdown close, or the next select's search could still see this one's options.
    await this.waitFor(
      () =>
        this.execute(
          `return [...document.querySelectorAll('.el-select__popper')]
             .every((p) => p.offsetParent === null || getComputedStyle(p).display === 'none');`,
        ),
      "the dropdown to close",
    );
  }

  async screenshot(name) {
    // WebKit can hand back the previous frame right after a route change; let it paint first.
    await this.execute(
      "return new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))",
    ).catch(() => {});
    await sleep(300);
    const png = await this.cmd("GET", "/screenshot");
    mkdirSync(outputDir, { recursive: true });
    const file = path.join(outputDir, `${name}.png`);
    writeFileSync(file, Buffer.from(png, "base64"));
    return file;
  }

  /** Ends the session, which closes the app. */
  async quit() {
    await this.cmd("DELETE", "").catch(() => {});
    await sleep(300);
  }
}

function sel(testid) {
  return `[data-testid="${testid}"]`;
}

/**
 * Runs a journey body with a session; on failure saves a screenshot under tests/e2e/output/
 * and closes the app before rethrowing, so a red CI run shows what the window looked like.
 */
export async function withScreenshotOnFailure(session, name, body) {
  try {
    return await body();
  } catch (err) {
    if (session) {
      const file = await session.screenshot(`FAILED-${name}`).catch(() => null);
      if (file) err.message += `\n  screenshot: ${file}`;
      await session.quit();
    }
    throw err;
  }
}
