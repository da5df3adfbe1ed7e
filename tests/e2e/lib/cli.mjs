// Runs the headless CLI built from the same crates, to check what the window stored.
import { execFileSync } from "node:child_process";
import path from "node:path";
import { repoRoot } from "./driver.mjs";

export const cliBinary =
  process.env.DUTYDESK_CLI ?? path.join(repoRoot, "target/debug/dutydesk-cli");

export function cliJson(...args) {
  const out = execFileSync(cliBinary, args, { encoding: "utf8" });
  return JSON.parse(out);
}
