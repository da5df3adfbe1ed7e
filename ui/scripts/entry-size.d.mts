// Types for entry-size.mjs (a plain Node script, also imported by tests/bundle.spec.ts).
export interface Part {
  /** Paths relative to dist/. */
  files: string[];
  raw: number;
  gzip: number;
}
export const dist: string;
export function entrySize(dir?: string): { js: Part; css: Part; chunks: { js: number; css: number } };
