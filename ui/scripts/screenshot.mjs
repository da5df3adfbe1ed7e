// Screenshot harness: serves ui/dist with a mocked Tauri IPC (tauri-mock.js,
// injected into index.html here only) and has headless Chromium capture each
// scenario at 1366×768. Usage: npm run build && npm run screenshot [-- scenario …]
// Output: ui/scripts/out/<scenario>.png
import { execFileSync } from "node:child_process";
import { existsSync, mkdirSync, readFileSync, readdirSync } from "node:fs";
import { createServer } from "node:http";
import { dirname, extname, join, normalize } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const dist = join(here, "..", "dist");
const out = join(here, "out");
const assets = join(here, "..", "..", "assets");
const chromium = ["chromium", "chromium-browser", "google-chrome"].find((bin) => {
  try {
    execFileSync("which", [bin], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
});
if (!chromium) throw new Error("no chromium found (apt-get install chromium)");
if (!existsSync(join(dist, "index.html"))) throw new Error("build first: npm run build");
mkdirSync(out, { recursive: true });

const TYPES = { ".html": "text/html", ".js": "text/javascript", ".css": "text/css", ".svg": "image/svg+xml", ".woff2": "font/woff2", ".woff": "font/woff", ".ttf": "font/ttf" };
const CSP = "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:";

const server = createServer((req, res) => {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (url.pathname === "/__tauri-mock.js") {
    res.writeHead(200, { "content-type": "text/javascript" });
    // The shipped holiday files, so the mock's 工作日历 is the real one.
    const holidays = Object.fromEntries(
      [2023, 2024, 2025, 2026].map((year) => [year, JSON.parse(readFileSync(join(assets, "holidays", `${year}.json`), "utf8"))]),
    );
    // And the shipped checklist templates, so 巡检 shows the real ones.
    const templates = ["daily", "monitoring", "weekly", "monthly", "quarterly", "holiday"].map((id) =>
      JSON.parse(readFileSync(join(assets, "templates", `${id}.json`), "utf8")),
    );
    // And the shipped form definitions, so 表单 shows the real ones.
    const forms = readdirSync(join(assets, "forms"))
      .filter((f) => f.endsWith(".json") && f !== "schema.json")
      .sort()
      .map((f) => JSON.parse(readFileSync(join(assets, "forms", f), "utf8")));
    res.end(
      readFileSync(join(here, "tauri-mock.js"), "utf8")
        .replace("/*HOLIDAYS*/ {}", JSON.stringify(holidays))
        .replace("/*TEMPLATES*/ []", JSON.stringify(templates))
        .replace("/*FORMS*/ []", JSON.stringify(forms)),
    );
    return;
  }
  const path = url.pathname === "/" ? "/index.html" : normalize(url.pathname);
  const file = join(dist, path);
  if (!file.startsWith(dist) || !existsSync(file)) {
    res.writeHead(404);
    res.end();
    return;
  }
  let body = readFileSync(file);
  if (path === "/index.html") {
    // The mock must run before the app's module script.
    body = body.toString().replace("<head>", '<head><script src="/__tauri-mock.js"></script>');
  }
  res.writeHead(200, { "content-type": TYPES[extname(file)] ?? "application/octet-stream", "content-security-policy": CSP });
  res.end(body);
});

await new Promise((resolve) => server.listen(0, "127.0.0.1", resolve));
const { port } = server.address();

const all = {
  today: "ready#/today",
  settings: "ready#/settings",
  inspections: "ready#/inspections",
  "inspections-records": "ready#/inspections?tab=records",
  "inspections-probes": "ready#/inspections?tab=probes",
  "inspections-templates": "ready#/inspections?tab=templates",
  "template-editor": "template-editor#/inspections?tab=templates",
  "inspection-record": "ready#/inspections/7",
  "inspection-record-full": "ready#/inspections/7",
  "inspection-record-bottom": "record-bottom#/inspections/7",
  "inspection-print-full": "ready#/inspections/3/print",
  "inspection-print-daily-full": "ready#/inspections/7/print",
  setup: "setup#/setup",
  "setup-errors": "setup-errors#/setup",
  corrupt: "corrupt#/recovery",
  tooNew: "tooNew#/recovery",
  // Whole page in one picture (taller window) to check what lies below the fold.
  "settings-full": "ready#/settings",
  "settings-calendar": "ready#/settings?tab=calendar",
  "settings-calendar-2027": "calendar-2027#/settings?tab=calendar",
  "settings-calendar-override": "calendar-override#/settings?tab=calendar",
  "settings-calendar-import": "calendar-import#/settings?tab=calendar",
  "settings-profiles": "ready#/settings?tab=profiles",
  "settings-sla": "sla#/settings?tab=sla",
  "settings-sla-full": "sla#/settings?tab=sla",
  "settings-calendar-full": "ready#/settings?tab=calendar",
  "setup-errors-full": "setup-errors#/setup",
  faults: "faults#/faults",
  "today-faults": "faults#/today",
  "today-faults-full": "faults#/today",
  "fault-detail": "faults#/faults/1",
  "fault-detail-full": "faults#/faults/4",
  "fault-restored-full": "faults#/faults/5",
  "fault-report-full": "faults#/faults/5/report",
  "new-fault": "new-fault#/faults",
  attendance: "ready#/attendance",
  "attendance-duty": "ready#/attendance?tab=duty",
  "attendance-worklog": "ready#/attendance?tab=worklog",
  "today-full": "ready#/today",
  export: "export#/export?month=2026-11",
  "export-full": "export#/export?month=2026-11",
  "export-confirm": "export-confirm#/export?month=2026-11",
  "export-manual": "export-manual#/export?month=2026-11",
  "export-clean": "ready#/export?month=2026-11",
  "today-score": "export#/today",
  "export-year-full": "export-year#/export?month=2026-11",
  "today-year-full": "year#/today",
  forms: "ready#/forms",
  "forms-search": "forms-search#/forms",
  "form-list": "ready#/forms/release-report",
  "form-config": "ready#/forms/config-item",
  "form-config-report": "ready#/forms/config-item?tab=report",
  "form-new": "ready#/forms/release-report/new",
  "form-record-full": "ready#/forms/records/1",
  "form-print-full": "ready#/forms/records/1/print",
  "form-editor": "ready#/forms/release-report/edit",
  "form-editor-full": "ready#/forms/release-report/edit",
  "form-editor-bottom-full": "record-bottom#/forms/release-report/edit",
  "today-forms-full": "ready#/today",
};
const wanted = process.argv.slice(2).length ? process.argv.slice(2) : Object.keys(all);
for (const name of wanted) {
  const [scenario, hash] = all[name].split("#");
  const url = `http://127.0.0.1:${port}/?scenario=${scenario}#${hash}`;
  const png = join(out, `${name}.png`);
  await new Promise((resolve, reject) => {
    // Asynchronous, so this process's server keeps answering Chromium.
    import("node:child_process").then(({ execFile }) =>
      execFile(
        chromium,
        ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars=false", `--window-size=1366,${name.endsWith("-full") ? 2000 : 768}`, "--virtual-time-budget=3000", `--screenshot=${png}`, url],
        (err) => (err ? reject(err) : resolve()),
      ),
    );
  });
  console.log(`${name}: ${png}`);
}
server.close();
