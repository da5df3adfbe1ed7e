// What the webview loads before the first screen can render: the files dist/index.html names
// (the entry script, the chunks it imports statically — <link rel="modulepreload"> — and the
// stylesheets), raw and gzip-compressed (level 9), with the count of all chunks in dist/.
// Usage: node scripts/entry-size.mjs   (after npm run build); tests/bundle.spec.ts uses it.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

export const dist = join(dirname(fileURLToPath(import.meta.url)), "..", "dist");

/** @returns {{ js: Part, css: Part, chunks: { js: number, css: number } }} with Part = { files: string[], raw: number, gzip: number } */
export function entrySize(dir = dist) {
  const html = readFileSync(join(dir, "index.html"), "utf8");
  const refs = (re) => [...html.matchAll(re)].map((m) => m[1].replace(/^\//, ""));
  const js = [
    ...refs(/<script[^>]*type="module"[^>]*src="([^"]+)"/g),
    ...refs(/<link[^>]*rel="modulepreload"[^>]*href="([^"]+)"/g),
  ];
  const css = refs(/<link[^>]*rel="stylesheet"[^>]*href="([^"]+)"/g);
  const part = (files) => {
    let raw = 0;
    let gzip = 0;
    for (const f of files) {
      const bytes = readFileSync(join(dir, f));
      raw += bytes.length;
      gzip += gzipSync(bytes, { level: 9 }).length;
    }
    return { files, raw, gzip };
  };
  const assets = readdirSync(join(dir, "assets"));
  return {
    js: part(js),
    css: part(css),
    chunks: { js: assets.filter((f) => f.endsWith(".js")).length, css: assets.filter((f) => f.endsWith(".css")).length },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const s = entrySize();
  const kb = (n) => `${(n / 1000).toFixed(2)} kB`;
  console.log(`entry JS : ${s.js.files.length} files, ${kb(s.js.raw)} raw, ${kb(s.js.gzip)} gzip`);
  console.log(`entry CSS: ${s.css.files.length} files, ${kb(s.css.raw)} raw, ${kb(s.css.gzip)} gzip`);
  console.log(`chunks in dist/assets: ${s.chunks.js} JS, ${s.chunks.css} CSS`);
}
