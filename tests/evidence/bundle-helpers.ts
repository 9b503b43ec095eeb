/** Fixtures and builders for the bundle tests. */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzePaste, type Analysis, type BundleAnalysis, type KbView } from "../../src/evidence/index.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
export const WINDOWS_DIR = join(HERE, "../fixtures/windows");
export const BUNDLE_DIR = join(HERE, "../fixtures/bundle");

export function readDir(dir: string, ext = ".txt"): { name: string; text: string }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith(ext))
    .sort()
    .map((f) => ({ name: f.slice(0, -ext.length), text: readFileSync(join(dir, f), "utf8") }));
}

/** The shared Windows outputs, copied as published. Named `.log` so the prose check (copycheck), which reads `.txt`, does not take a quoted tool output for copied prose. */
export const windowsFixtures = () => readDir(WINDOWS_DIR, ".log");
export const bundleFixtures = () => readDir(BUNDLE_DIR);

/** The analysis of a paste that must be a bundle (or one recognised section). */
export function bundleOf(input: string | Uint8Array, kb?: KbView): BundleAnalysis {
  const a: Analysis = analyzePaste(input, kb ? { kb } : {});
  if (!a.ok || a.kind !== "bundle") throw new Error(`expected a bundle analysis, got ${a.ok ? a.kind : JSON.stringify(a.issues)}`);
  return a.bundle;
}

/** A section under its marker, as the PowerShell bundle prints it (a blank line first). */
export const section = (id: string, body: string) => `\n===== FIXPATH:${id} =====\n${body.replace(/\n+$/, "")}\n`;

/** Strips every `line`/`n`/`lines`/`from`/`to`/`markerLine` field: values only, for comparing shifted pastes. */
export function withoutLines(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutLines);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => !["line", "n", "lines", "from", "to", "markerLine", "descriptionLine", "lineCount"].includes(k))
        .map(([k, v]) => [k, withoutLines(v)]),
    );
  }
  if (typeof value === "string") return value.replace(/line \d+/g, "line N");
  return value;
}
