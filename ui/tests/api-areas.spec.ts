// One name per area: ui/src/api/<area>.ts calls exactly the commands of
// src-tauri/src/commands/<area>.rs, and index.ts keeps only the shared core (the typed `call`,
// events, errors). commands.ts is generated from Rust; changes.ts only listens.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ui = join(__dirname, "..");
const apiDir = join(ui, "src/api");
const commandsDir = join(ui, "../src-tauri/src/commands");

/** The command names a TS file passes to `call`. */
function calledCommands(file: string): string[] {
  const text = readFileSync(file, "utf8");
  return [...text.matchAll(/\bcall(?:<[^(]*?>)?\("([a-z_]+)"/g)].map((m) => m[1]!);
}

/** The commands a shell file defines. */
function shellCommands(area: string): Set<string> {
  const text = readFileSync(join(commandsDir, `${area}.rs`), "utf8");
  return new Set([...text.matchAll(/#\[tauri::command[^\]]*\]\s*pub(?:\(crate\))? (?:async )?fn (\w+)/g)].map((m) => m[1]!));
}

const areas = readdirSync(apiDir)
  .filter((f) => f.endsWith(".ts") && !["index.ts", "errors.ts", "commands.ts", "changes.ts"].includes(f))
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
        "reports",
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

  it("index.ts calls no command itself: it is the shared core", () => {
    expect(calledCommands(join(apiDir, "index.ts"))).toEqual([]);
  });
});
