// Journey of a hostile team archive in the real window (issue 16): a colleague's `.ddarchive`
// crafted so that an attachment's stored path points outside the data directory, and another whose
// fault number is `x/../../../evil-01`. Both are consistent — every row hash, count, size and
// checksum recomputed — so the window's refusal is the importer's judgement of what they say, not
// a checksum failure. Chosen in 报表导出 → 团队归档, each is refused in Chinese before anything is
// imported, and after quitting the store holds no fault, no attachment and no import.
import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { crc32 } from "node:zlib";
import { cliJson } from "./lib/cli.mjs";
import { AppSession, freshDataDir, startDriver, withScreenshotOnFailure } from "./lib/driver.mjs";
import { completeSetup } from "./lib/journeys.mjs";

let driver;
before(async () => {
  driver = await startDriver();
});
after(() => driver?.stop());

const sha256 = (bytes) => createHash("sha256").update(bytes).digest("hex");

/** A zip of `members` ([name, Buffer]) stored uncompressed: enough for the importer to read. */
function zip(members) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const [name, data] of members) {
    const nameBytes = Buffer.from(name, "utf8");
    const crc = crc32(data) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4); // version needed
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(0, 8); // stored
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(nameBytes.length, 26);
    locals.push(local, nameBytes, data);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(0, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(nameBytes.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, nameBytes);
    offset += 30 + nameBytes.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(members.length, 8);
  end.writeUInt16LE(members.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

/** A row's content hash as `archive::row_hash` computes it (code, bookkeeping times and nulls left out). */
function rowHash(table, values) {
  const hashed = {};
  for (const key of Object.keys(values).sort()) {
    if (["code", "created_at", "updated_at"].includes(key) || values[key] === null) continue;
    hashed[key] = values[key];
  }
  return sha256(`dutydesk-archive-row-v1\n${table}\n${JSON.stringify(hashed)}`);
}

const uid = (n) => sha256(`uid-${n}`).slice(0, 32);

/** A consistent archive from 李工's workstation holding `rows` ([table, values]) and `files`. */
function archive(file, rows, files = []) {
  const data = Buffer.from(
    JSON.stringify({
      rows: rows.map(([table, values], i) => ({ table, uid: uid(i), hash: rowHash(table, values), seen: [], values })),
      events: [],
    }),
  );
  const counts = {};
  for (const [table] of rows) counts[table] = (counts[table] ?? 0) + 1;
  const manifest = {
    format: "dutydesk-archive",
    version: 2,
    station: uid("station"),
    exportedBy: "李工",
    projectName: "协同办公平台运维服务项目",
    exportedAt: "2026-11-30T09:00:00Z",
    from: "2026-11-01",
    to: "2026-11-30",
    schemaVersion: 1,
    counts,
    files: [
      { path: "data.json", bytes: data.length, sha256: sha256(data) },
      ...files.map((f) => ({ path: `files/${sha256(f)}`, bytes: f.length, sha256: sha256(f) })),
    ],
  };
  writeFileSync(
    file,
    zip([
      ["manifest.json", Buffer.from(JSON.stringify(manifest))],
      ["data.json", data],
      ...files.map((f) => [`files/${sha256(f)}`, f]),
    ]),
  );
  return file;
}

async function openArchivePanel(app) {
  await app.click("nav-export");
  await app.waitForTestId("team-archive");
}

function showPanel(app) {
  return app.execute(`document.querySelector('[data-testid="team-archive"]').scrollIntoView({ block: "end" });`);
}

/** Types the path (the preview answers first), then asks to import; returns the error shown. */
async function refusedImport(app, file) {
  await app.fill("team-archive-path", file);
  await app.waitFor(() => app.has("team-archive-import-error"), "the preview's refusal");
  await app.click("team-archive-import-button");
  await app.waitFor(
    async () => (await app.has("team-archive-report")) || (await app.has("team-archive-import-error")),
    "the import's answer",
  );
  assert.equal(await app.has("team-archive-report"), false, "a hostile archive was imported");
  return app.text("team-archive-import-error");
}

test("hostile archive: an attachment path outside and a ../ fault number are refused, nothing imported", async () => {
  const dir = freshDataDir("hostile-archive");
  const outside = path.join(dir, "..", "outside-evil.txt");
  const screenshot = Buffer.from("说明");
  const pathArchive = archive(path.join(dir, "李工_附件.ddarchive"), [
    [
      "attachments",
      {
        owner_kind: "fault",
        owner_id: uid("fault"),
        file_name: "系统说明.pdf",
        size_bytes: screenshot.length,
        added_at: "2026-11-10T01:00:00Z",
        stored_path: "../../../../../Windows/System32/calc.exe",
        content_sha256: sha256(screenshot),
      },
    ],
  ], [screenshot]);
  const codeArchive = archive(path.join(dir, "李工_故障.ddarchive"), [
    [
      "faults",
      {
        code: "x/../../../evil-01",
        reported_at: "2026-11-10T09:00:00+08:00",
        reporter: "张科长",
        title: "公文传输中断",
        description: "用户来电反映",
        level: "normal",
        state: "open",
      },
    ],
  ]);

  const app = await AppSession.launch(dir);
  await withScreenshotOnFailure(app, "hostile-archive", async () => {
    await completeSetup(app);
    await openArchivePanel(app);

    const pathError = await refusedImport(app, pathArchive);
    assert.match(pathError, /stored_path/);
    assert.match(pathError, /只属于对方工作站的字段/);
    assert.match(pathError, /没有任何改动/);
    await showPanel(app);
    await app.screenshot("hostile-archive-stored-path");

    const codeError = await refusedImport(app, codeArchive);
    assert.match(codeError, /x\/\.\.\/\.\.\/\.\.\/evil-01/);
    assert.match(codeError, /不是本程序的编号格式/);
    assert.match(codeError, /没有任何改动/);
    await showPanel(app);
    await app.screenshot("hostile-archive-code");

    assert.equal(await app.has("team-archive-imports"), false, "an import was listed");
  });
  await app.quit();

  const info = cliJson("info", "--data-dir", dir);
  assert.equal(info.counts.faults ?? 0, 0);
  assert.equal(info.counts.attachments ?? 0, 0);
  assert.equal(existsSync(outside), false);
  const report = cliJson("verify", "--data-dir", dir);
  assert.equal(report.ok, true, report.message);
});
