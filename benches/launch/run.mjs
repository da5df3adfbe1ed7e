// The launch bench (issue 17): DutyDesk against a bare Tauri app linking the same crates, each
// launched through tauri-driver in turn, measuring
//   - the time from asking for the window to the first usable screen (bare: its static page
//     loaded; DutyDesk: 今日 rendered with the project and the fault queue's answer), and
//   - the PSS of the whole process tree (the app and its WebKit processes) after 3 s idle.
// DutyDesk runs on a store holding a whole contract year for five engineers (`dutydesk-cli
// selftest-year`). Not part of the test run: see benches/launch/README.md for how to run it.
import { execFileSync, spawn } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
// Where cargo put the release builds: `CARGO_TARGET_DIR` as cargo itself reads it.
const release = path.join(process.env.CARGO_TARGET_DIR ?? path.join(repo, "target"), "release");
const APPS = {
  bare: path.join(release, "dutydesk-bare"),
  // `LAUNCH_APP` measures another build of DutyDesk (an older commit, another profile).
  dutydesk: process.env.LAUNCH_APP ?? path.join(release, "dutydesk"),
};
const CLI = path.join(release, "dutydesk-cli");
const RUNS = Number(process.env.LAUNCH_RUNS ?? 5);
const PORT = Number(process.env.TAURI_DRIVER_PORT ?? 4455);
const BASE = `http://127.0.0.1:${PORT}`;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

for (const [name, bin] of Object.entries({ ...APPS, cli: CLI })) {
  if (!existsSync(bin)) {
    console.error(`missing ${name}: ${bin}\nbuild first (see benches/launch/README.md)`);
    process.exit(2);
  }
}

async function call(method, url, body) {
  const res = await fetch(`${BASE}${url}`, {
    method,
    headers: { "content-type": "application/json" },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok) throw new Error(`${method} ${url}: ${JSON.stringify(json.value ?? res.status)}`);
  return json.value;
}

/** The store of a whole year, generated once and copied for each launch of DutyDesk. */
function yearStore() {
  const cached = path.join(tmpdir(), "dutydesk-launch-year");
  // Reused between runs of the bench: the year takes minutes to write.
  if (!existsSync(path.join(cached, "year.json"))) {
    rmSync(cached, { recursive: true, force: true });
    const t = Date.now();
    const out = execFileSync(CLI, ["--data-dir", cached, "selftest-year"], { encoding: "utf8" });
    writeFileSync(path.join(cached, "year.json"), out);
    console.log(`generated the year in ${((Date.now() - t) / 1000).toFixed(0)} s: ${out.replace(/\s+/g, " ")}`);
  }
  return cached;
}

/** Every process whose parent chain leads to `root`, with `root`. */
function tree(root) {
  const parents = new Map();
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, "utf8");
      const ppid = Number(stat.slice(stat.lastIndexOf(")") + 2).split(" ")[1]);
      parents.set(Number(entry), ppid);
    } catch {
      // gone meanwhile
    }
  }
  const members = new Set([root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!members.has(pid) && members.has(ppid)) {
        members.add(pid);
        grew = true;
      }
    }
  }
  return [...members];
}

/**
 * PSS of the tree in MB, and how it splits between the app and the WebKit processes, each also by
 * what the pages hold: anonymous (heaps: Rust's, the JS heap, the DOM and its layout), file-backed
 * (the libraries and fonts mapped, shared with other processes) and shared memory (the surfaces
 * the web process draws into for the UI process).
 */
function pss(root) {
  const zero = () => ({ total: 0, anon: 0, file: 0, shmem: 0 });
  const parts = { app: zero(), webkit: zero() };
  const field = (rollup, name) => Number(new RegExp(`^${name}:\\s+(\\d+)`, "m").exec(rollup)?.[1] ?? 0) / 1024;
  for (const pid of tree(root)) {
    try {
      const rollup = readFileSync(`/proc/${pid}/smaps_rollup`, "utf8");
      const comm = readFileSync(`/proc/${pid}/comm`, "utf8").trim();
      const part = parts[comm.startsWith("WebKit") ? "webkit" : "app"];
      part.total += field(rollup, "Pss");
      part.anon += field(rollup, "Pss_Anon");
      part.file += field(rollup, "Pss_File");
      part.shmem += field(rollup, "Pss_Shmem");
    } catch {
      // gone meanwhile
    }
  }
  return { total: parts.app.total + parts.webkit.total, app: parts.app, webkit: parts.webkit };
}

/** The newest process running `bin`. */
function pidOf(bin) {
  const out = execFileSync("pgrep", ["-n", "-f", `^${bin}`], { encoding: "utf8" }).trim();
  return Number(out);
}

const READY = {
  bare: "return document.readyState === 'complete' && !!document.querySelector('h1')",
  dutydesk:
    "const n = document.querySelector('[data-testid=\"today-project-name\"]');" +
    "return !!(n && n.textContent.trim() && (document.querySelector('[data-testid=\"today-fault-count\"]') || document.querySelector('[data-testid=\"today-faults-empty\"]')))",
};

async function launch(name, dataDir) {
  const args = name === "dutydesk" ? ["--data-dir", dataDir] : [];
  const t0 = performance.now();
  const { sessionId } = await call("POST", "/session", {
    capabilities: { alwaysMatch: { "tauri:options": { application: APPS[name], args } } },
  });
  const window = (performance.now() - t0) / 1000;
  // Where the time goes: the window is there (the session answers), the page's script has run
  // (Vue mounted something), the screen is usable.
  let mounted = null;
  const deadline = Date.now() + 60_000;
  for (;;) {
    const [isMounted, isReady] = await call("POST", `/session/${sessionId}/execute/sync`, {
      script: `return [!!document.querySelector('#app > *, body > h1'), (() => { ${READY[name]} })()]`,
      args: [],
    });
    if (isMounted && mounted === null) mounted = (performance.now() - t0) / 1000;
    if (isReady) break;
    if (Date.now() > deadline) throw new Error(`${name}: no usable screen in 60 s`);
    await sleep(10);
  }
  const ready = (performance.now() - t0) / 1000;
  // Inside the page, on its own clock (from the navigation's start): the document fetched, the DOM
  // parsed (the entry's modules have run once DOMContentLoaded fires: module scripts are deferred),
  // Vue mounted, the first page let through and 今日 mounted (the UI's marks). WebKitGTK lists no
  // resource timings for the app's asset protocol, so the scripts' own fetches are not shown.
  const page = await call("POST", `/session/${sessionId}/execute/sync`, {
    script:
      "const nav = performance.getEntriesByType('navigation')[0] || {};" +

      "const at = (name) => performance.getEntriesByName(name)[0]?.startTime ?? 0;" +
      "const mark = performance.getEntriesByName('dutydesk:mounted')[0];" +
      "return { html: nav.responseEnd || 0," +
      " dcl: nav.domContentLoadedEventEnd || 0, mounted: mark ? mark.startTime : 0, now: performance.now()," +
      " routed: at('dutydesk:routed'), today: at('dutydesk:today-mounted')," +
      " calls: performance.getEntriesByType('measure').filter((m) => m.name.startsWith('ipc ')).map((m) => [m.name.slice(4), Math.round(m.startTime), Math.round(m.duration)]) };",
    args: [],
  });
  await sleep(3000);
  const memory = pss(pidOf(APPS[name]));
  await call("DELETE", `/session/${sessionId}`).catch(() => {});
  await sleep(700);
  return { window, mounted: mounted ?? ready, ready, memory, page };
}

/** 今日 and 报表导出 (with the period's charts) from the real window on the year's store. */
async function screenshots(dataDir) {
  const out = path.join(repo, "benches/launch/out");
  mkdirSync(out, { recursive: true });
  const { sessionId } = await call("POST", "/session", {
    capabilities: { alwaysMatch: { "tauri:options": { application: APPS.dutydesk, args: ["--data-dir", dataDir] } } },
  });
  const run = (script) => call("POST", `/session/${sessionId}/execute/sync`, { script, args: [] });
  const waitFor = async (script) => {
    const deadline = Date.now() + 30_000;
    while (!(await run(script))) {
      if (Date.now() > deadline) throw new Error(`screenshots: timed out on ${script}`);
      await sleep(50);
    }
  };
  const shot = async (name) => {
    await sleep(800);
    const png = await call("GET", `/session/${sessionId}/screenshot`);
    writeFileSync(path.join(out, `${name}.png`), Buffer.from(png, "base64"));
  };
  try {
    await waitFor(READY.dutydesk);
    await waitFor("return !!document.querySelector('[data-testid=\"today-score-sparkline\"]')").catch(() => {});
    await shot("today");
    await run("document.querySelector('[data-testid=\"nav-export\"]').click(); return true");
    await waitFor("return !!document.querySelector('[data-testid=\"period-score-chart\"] svg, [data-testid=\"period-score-chart\"] canvas')");
    await run("document.querySelector('[data-testid=\"period-score-chart\"]').scrollIntoView({ block: 'center' }); return true");
    await shot("export-period-charts");
  } finally {
    await call("DELETE", `/session/${sessionId}`).catch(() => {});
    await sleep(700);
  }
}

const stats = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return { min: s[0], median: s[Math.floor(s.length / 2)], max: s[s.length - 1] };
};

// A window manager, as on every desktop: without one GTK waits about half a second for an answer
// when a window with a tray icon and a remembered geometry is shown (3 starts in 5 under bare Xvfb;
// never with a window manager), which the bare app, showing nothing of the kind, does not pay.
// `LAUNCH_WM=` (empty) measures without one.
const wmCommand = process.env.LAUNCH_WM ?? "openbox";
const wm = wmCommand ? spawn(wmCommand, [], { stdio: "ignore", detached: true }) : null;
wm?.on("error", () => console.error(`no window manager (${wmCommand} not found): launches pay GTK's wait for one`));
if (wm) await sleep(1000);
const driver = spawn("tauri-driver", ["--port", String(PORT)], { stdio: "ignore", detached: true });
const stop = () => {
  for (const child of [driver, wm]) {
    try {
      if (child?.pid) process.kill(-child.pid, "SIGTERM");
    } catch {
      // gone
    }
  }
};
try {
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${BASE}/status`)).ok) break;
    } catch {
      // not yet
    }
    await sleep(100);
  }
  const year = yearStore();
  const results = { bare: [], dutydesk: [] };
  // One launch of each first, not counted: the first start on a copied store takes its day's
  // backup, and the first WebKit start warms the page cache.
  const data = mkdtempSync(path.join(tmpdir(), "dutydesk-launch-"));
  cpSync(year, data, { recursive: true });
  await launch("bare", data);
  await launch("dutydesk", data);
  for (let i = 0; i < RUNS; i++) {
    for (const name of ["bare", "dutydesk"]) results[name].push(await launch(name, data));
  }
  await screenshots(data);
  rmSync(data, { recursive: true, force: true });
  const fmt = (x, d = 3) => x.toFixed(d);
  const row = (label, pick, d, unit) => {
    const b = stats(results.bare.map(pick));
    const a = stats(results.dutydesk.map(pick));
    console.log(
      `| ${label} | ${fmt(b.min, d)}–${fmt(b.max, d)} (median ${fmt(b.median, d)}) ${unit} | ` +
        `${fmt(a.min, d)}–${fmt(a.max, d)} (median ${fmt(a.median, d)}) ${unit} | ${(a.median / b.median).toFixed(2)}× |`,
    );
  };
  const size = (f) => (statSync(f).size / 1024 / 1024).toFixed(1);
  console.log(`\n${RUNS} launches each, alternating, one run (${new Date().toISOString()}); window manager: ${wm?.pid ? wmCommand : "none"}\n`);
  console.log("| | bare Tauri app | DutyDesk (a year, 5 engineers) | ratio |\n|---|---|---|---|");
  row("launch → window (the session answers)", (r) => r.window, 3, "s");
  row("launch → page script ran (Vue mounted)", (r) => r.mounted, 3, "s");
  row("launch → first usable screen", (r) => r.ready, 3, "s");
  row("process tree PSS after 3 s idle", (r) => r.memory.total, 0, "MB");
  for (const [group, label] of [["app", "the app process"], ["webkit", "WebKit processes"]]) {
    row(`  of which ${label}`, (r) => r.memory[group].total, 0, "MB");
    row(`    anonymous (heaps)`, (r) => r.memory[group].anon, 0, "MB");
    row(`    file-backed (libraries)`, (r) => r.memory[group].file, 0, "MB");
    row(`    shared memory`, (r) => r.memory[group].shmem, 0, "MB");
  }
  console.log(`| release binary | ${size(APPS.bare)} MB | ${size(APPS.dutydesk)} MB | ${(statSync(APPS.dutydesk).size / statSync(APPS.bare).size).toFixed(2)}× |`);
  console.log("\nInside the page, ms from the navigation's start (median; DutyDesk: at the moment 今日 was usable)\n");
  console.log("| | bare | DutyDesk |\n|---|---|---|");
  const med = (name, pick) => stats(results[name].map(pick)).median;
  for (const [label, pick] of [
    ["document fetched", (r) => r.page.html],
    ["DOMContentLoaded (the entry has run)", (r) => r.page.dcl],
    ["Vue mounted (mark)", (r) => r.page.mounted],
    ["first page let through: start-up state read, chunk loaded (mark)", (r) => r.page.routed ?? 0],
    ["今日 mounted (mark)", (r) => r.page.today ?? 0],
    ["usable (time of the read)", (r) => r.page.now],
  ]) {
    console.log(`| ${label} | ${med("bare", pick).toFixed(0)} | ${med("dutydesk", pick).toFixed(0)} |`);
  }
  // The last launch's calls into Rust up to the usable screen: [command, sent at, round trip] in ms
  // of the page's clock.
  const last = results.dutydesk[results.dutydesk.length - 1].page.calls ?? [];
  console.log("\nDutyDesk's calls into Rust until 今日 was usable (last launch; ms from the navigation's start)\n");
  console.log("| command | sent at | answered after |\n|---|---|---|");
  for (const [name, at, took] of last) console.log(`| ${name} | ${at} | ${took} |`);
} finally {
  stop();
}
