// Node-only: bundles the browser islands with esbuild while Astro builds (or serves) the site.
/**
 * Islands are plain TypeScript modules under site/src/islands, bundled with esbuild and published
 * at `/js/<name>.<hash>.js` by the `pages/js/[file].ts` endpoint. Pages reference them through
 * `islandUrl(name)`, which bundles once per build, so the URL a page prints is the file the build
 * writes. Bundling here (instead of Astro's `<script>`) lets a page load an island only on
 * interaction, from a tiny inline loader.
 *
 * An island may load parts of itself later with `import("./part.ts")`: esbuild splits them into
 * chunks of their own (`<part>.<hash>.js`), and the code the entry shares with them into chunks
 * the entry imports (`<island>-shared.<hash>.js`). The entry and its static imports are what a page loads at
 * once (`islandFiles(name).initial`; the page preloads the imports with `<link rel=modulepreload>`);
 * the rest (`lazy`) is fetched from the same origin when the island asks for it.
 *
 * Islands import the light model entry (`src/model/index.ts`: no YAML, no full zod); the loader
 * is its own entry (`src/model/load/index.ts`) that no island reaches. Sessions are validated
 * with zod/mini.
 */
import { createHash } from "node:crypto";
import { basename, join } from "node:path";
import { build, type Metafile } from "esbuild";
import { REPO_ROOT } from "./kb-fs.ts";

const ISLANDS_DIR = join(REPO_ROOT, "site", "src", "islands");

/**
 * The islands the site ships (each an entry; their lazy parts come with them). `diagnose-check`,
 * the comparison of two captures, is an island of its own that the diagnostic fetches by the URL
 * its page gives: its evidence parsers would otherwise share a chunk with the report panel's.
 */
export const ISLANDS = ["search", "diagnose", "diagnose-check", "analyze"] as const;
export type IslandName = (typeof ISLANDS)[number];

/** One file of an island's bundle, as served under /js/. */
export interface IslandFile {
  file: string;
  code: string;
  /** The source files with code in it, as esbuild names them (`src/engine/session.ts`). */
  modules: string[];
}

export interface IslandBundle {
  name: IslandName;
  /** The entry's file name, e.g. `diagnose.1a2b3c4d5e.js`. */
  file: string;
  /** The entry's code. */
  code: string;
  /** The entry and every chunk it imports statically, entry first: what a page loads at once. */
  initial: string[];
  /** The chunks fetched by `import()` when the island asks for them (and what they import beyond `initial`). */
  lazy: string[];
  /** Every file of the bundle. */
  files: IslandFile[];
}

const cache = new Map<IslandName, Promise<IslandBundle>>();

/** `<name>.<10 hex of a hash>.js` (the form src/server/static-site.ts caches for a year). */
const hexName = (name: string, key: string): string => `${name}.${createHash("sha256").update(key).digest("hex").slice(0, 10)}.js`;

/**
 * Gives esbuild's output files the site's names. esbuild's `[hash]` already covers a file's
 * content and the names of the chunks it imports, so the hex name is derived from it; the import
 * paths inside every file are rewritten to match.
 */
function renameOutputs(island: IslandName, files: { path: string; text: string }[], meta: Metafile): Map<string, IslandFile> {
  const modules = new Map(Object.entries(meta.outputs).map(([path, o]) => [basename(path), Object.entries(o.inputs).filter(([, i]) => i.bytesInOutput > 0).map(([f]) => f)]));
  const names = new Map<string, string>();
  for (const f of files) {
    const base = basename(f.path);
    const m = /^(.+)\.([A-Z2-7]{8})\.js$/.exec(base);
    if (!m) throw new Error(`unexpected island output ${base}`);
    // A part keeps its module's name (`step`); esbuild calls the chunks it shares "chunk".
    names.set(base, hexName(m[1] === "chunk" ? `${island}-shared` : m[1]!, `${base}\n${f.text}`));
  }
  const out = new Map<string, IslandFile>();
  for (const f of files) {
    let code = f.text;
    for (const [from, to] of names) if (code.includes(from)) code = code.split(`./${from}`).join(`./${to}`);
    out.set(basename(f.path), { file: names.get(basename(f.path))!, code, modules: modules.get(basename(f.path)) ?? [] });
  }
  return out;
}

/** The entry's static imports, followed through the chunks (esbuild's metafile). */
function staticClosure(meta: Metafile, entry: string): string[] {
  const seen = new Set<string>([entry]);
  const queue = [entry];
  while (queue.length > 0) {
    for (const imp of meta.outputs[queue.shift()!]?.imports ?? []) {
      if (imp.kind !== "import-statement" || seen.has(imp.path)) continue;
      seen.add(imp.path);
      queue.push(imp.path);
    }
  }
  return [...seen];
}

/** Bundles one island (minified ES modules, split at its `import()`s); cached for the process unless FIXPATH_DEV is set. */
export function bundleIsland(name: IslandName): Promise<IslandBundle> {
  const hit = cache.get(name);
  if (hit && process.env.FIXPATH_DEV !== "1") return hit;
  const outdir = join(REPO_ROOT, "site", ".islands-out");
  const job = build({
    entryPoints: [join(ISLANDS_DIR, `${name}.ts`)],
    bundle: true,
    splitting: true,
    minify: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    write: false,
    outdir,
    entryNames: "[name].[hash]",
    chunkNames: "[name].[hash]",
    metafile: true,
    legalComments: "none",
  }).then((result) => {
    const renamed = renameOutputs(
      name,
      result.outputFiles.map((f) => ({ path: f.path, text: f.text })),
      result.metafile,
    );
    const rel = (p: string) => basename(p);
    const outputs = Object.entries(result.metafile.outputs);
    const entryPath = outputs.find(([, o]) => o.entryPoint?.endsWith(`islands/${name}.ts`))?.[0];
    if (!entryPath) throw new Error(`island ${name}: no entry in esbuild's output`);
    const initial = staticClosure(result.metafile, entryPath).map((p) => renamed.get(rel(p))!.file);
    const files = [...renamed.values()];
    const entry = renamed.get(rel(entryPath))!;
    return { name, file: entry.file, code: entry.code, initial, lazy: files.map((f) => f.file).filter((f) => !initial.includes(f)), files };
  });
  cache.set(name, job);
  return job;
}

/** The URL of an island's entry, e.g. `/js/search.1a2b3c4d5e.js`. */
export async function islandUrl(name: IslandName): Promise<string> {
  return `/js/${(await bundleIsland(name)).file}`;
}

/** The URLs of the chunks an island's entry imports statically (for `<link rel=modulepreload>`). */
export async function islandPreloads(name: IslandName): Promise<string[]> {
  return (await bundleIsland(name)).initial.slice(1).map((f) => `/js/${f}`);
}
