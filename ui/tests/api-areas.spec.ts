// One name per area: ui/src/api/<area>.ts calls exactly the commands of
// src-tauri/src/commands/<area>.rs, and index.ts keeps only the shared core (plus the reports and
// export calls that the reports move takes to api/reports.ts).
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ui = join(__dirname, "..");
const apiDir = join(ui, "src/api");
const commandsDir = join(ui, "../src-tauri/src/commands");

/** The command names a TS file passes to `call`. */
function calledCommands(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/call<[^]*?>\("([a-z_]+)"/g)].map((m) => m[1]!);
}

/** The commands a shell file defines. */
function shellCommands(area: string): Set<string> {
  const text = readFileSync(join(commandsDir, `${area}.rs`), "utf8");
  return new Set([...text.matchAll(/#\[tauri::command[^\]]*\]\s*pub(?:\(crate\))? (?:async )?fn (\w+)/g)].map((m) => m[1]!));
}

const areas = readdirSync(apiDir)
  .filter((f) => f.endsWith(".ts") && f !== "index.ts" && f !== "errors.ts")
  .map((f) => f.replace(/\.ts$/, ""));

describe("api/<area>.ts", () => {
  it("has one file per shell commands file that the UI calls", () => {
    expect(areas.sort()).toEqual(
      expect.arrayContaining([
        "app",
        "attendance",
        "calendar",
        "faults",
        "inspections",
        "lock",
        "notices",
        "settings",
        "tickets",
        "trust",
      ]),
    );
  });

  it.each(areas)("%s.ts calls only commands of commands/%s.rs", (area) => {
    const called = calledCommands(join(apiDir, `${area}.ts`));
    expect(called.length).toBeGreaterThan(0);
    const defined = shellCommands(area);
    expect(called.filter((c) => !defined.has(c))).toEqual([]);
  });

  it("index.ts calls only the reports commands and the export calls still waiting for the reports move", () => {
    const called = new Set(calledCommands(join(apiDir, "index.ts")));
    const waiting = new Set([
      ...shellCommands("reports"),
      "open_export",
      "archive_overview",
      "pick_archive_save_path",
      "pick_archive_file",
      "export_archive",
      "preview_archive",
      "import_archive",
      "resolve_archive_conflict",
    ]);
    expect([...called].filter((c) => !waiting.has(c))).toEqual([]);
  });
});
