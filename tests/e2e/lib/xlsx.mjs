// Reads what a journey needs from a workbook the app wrote: its sheet names and its text. An .xlsx
// is a zip of XML parts; Node's zlib inflates them, so no package or system tool is needed.
import { readFileSync } from "node:fs";
import { inflateRawSync } from "node:zlib";

/** The parts of the zip at `file`, by name (central directory; stored or deflated entries). */
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
    const start = local + 30 + buf.readUInt16LE(local + 26) + buf.readUInt16LE(local + 28);
    const data = buf.subarray(start, start + size);
    parts.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return parts;
}

const unescape = (s) =>
  s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, "&");

/** The workbook's sheet names in order, and every string its cells hold (shared or inline). */
export function readWorkbook(file) {
  const parts = zipParts(file);
  const workbook = parts.get("xl/workbook.xml")?.toString("utf8") ?? "";
  const sheets = [...workbook.matchAll(/<sheet [^>]*name="([^"]*)"/g)].map((m) => unescape(m[1]));
  const strings = [];
  for (const [name, data] of parts) {
    if (name === "xl/sharedStrings.xml" || /^xl\/worksheets\/sheet\d+\.xml$/.test(name)) {
      for (const m of data.toString("utf8").matchAll(/<t(?: [^>]*)?>([^<]*)<\/t>/g)) strings.push(unescape(m[1]));
    }
  }
  return { sheets, text: strings.join("\n") };
}
