// Reads what a journey needs from a workbook the app wrote: its sheets by name and the text of each.
// An .xlsx is a zip of XML parts; Node's zlib inflates them, so no package or system tool is needed.
// rust_xlsxwriter streams its zip (sizes in the central directory, data descriptors after each
// part) and never writes ZIP64 for files of a month's size; anything else is refused, not misread.
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

/** The parts of the zip at `file`, by name. */
function zipParts(file) {
  const buf = readFileSync(file);
  // End of central directory: the last signature 0x06054b50 (a comment may follow it).
  let eocd = -1;
  for (let i = buf.length - 22; i >= Math.max(0, buf.length - 22 - 0xffff); i--) {
    if (buf.readUInt32LE(i) === 0x06054b50) {
      eocd = i;
      break;
    }
  }
  if (eocd < 0) throw new Error(`${file} is not a zip file`);
  const count = buf.readUInt16LE(eocd + 10);
  let at = buf.readUInt32LE(eocd + 16);
  if (count === 0xffff || at === 0xffffffff) throw new Error(`${file}: ZIP64 is not read here`);
  const parts = new Map();
  for (let n = 0; n < count; n++) {
    if (buf.readUInt32LE(at) !== 0x02014b50) throw new Error(`${file}: damaged central directory`);
    const method = buf.readUInt16LE(at + 10);
    const size = buf.readUInt32LE(at + 20);
    const nameLength = buf.readUInt16LE(at + 28);
    const extraLength = buf.readUInt16LE(at + 30);
    const commentLength = buf.readUInt16LE(at + 32);
    const local = buf.readUInt32LE(at + 42);
    const name = buf.toString("utf8", at + 46, at + 46 + nameLength);
    // The local header's own name and extra lengths: they need not match the directory's.
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    if (method === 8) parts.set(name, inflateRawSync(data));
    else if (method === 0) parts.set(name, data);
    else throw new Error(`${file}: ${name} is compressed with method ${method}`);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

const unescape = (s) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** The text runs of an XML fragment (`<t>` elements), joined. */
const runs = (xml) => [...xml.matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)].map((m) => unescape(m[1])).join("");

/**
 * The workbook's sheet names in order, and each sheet's text: its cells' strings (shared or
 * inline) in the order the sheet holds them, one per line.
 */
export function readWorkbook(file) {
  const parts = zipParts(file);
  const part = (name) => parts.get(name)?.toString("utf8") ?? "";
  const shared = [...part("xl/sharedStrings.xml").matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => runs(m[1]));
  const targets = new Map(
    [...part("xl/_rels/workbook.xml.rels").matchAll(/<Relationship [^>]*?Id="([^"]+)"[^>]*?Target="([^"]+)"/g)].map((m) => [m[1], m[2]]),
  );
  const sheets = [];
  const text = new Map();
  for (const m of part("xl/workbook.xml").matchAll(/<sheet [^>]*?name="([^"]*)"[^>]*?r:id="([^"]+)"/g)) {
    const name = unescape(m[1]);
    const target = (targets.get(m[2]) ?? "").replace(/^\/?(xl\/)?/, "xl/");
    // A blank formatted cell is self-closing (<c r="B2" s="1"/>) and holds nothing.
    const cells = [...part(target).matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)].flatMap(([, attributes, body = ""]) => {
      const type = / t="(\w+)"/.exec(attributes)?.[1];
      if (type === "s") return [shared[Number(/<v>(\d+)<\/v>/.exec(body)?.[1])] ?? ""];
      if (type === "inlineStr" || type === "str") return [runs(body) || unescape(/<v>([^<]*)<\/v>/.exec(body)?.[1] ?? "")];
      return [];
    });
    sheets.push(name);
    text.set(name, cells.join("\n"));
  }
  return { sheets, text };
}
