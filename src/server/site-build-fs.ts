// Node-only: builds the Astro site and tells whether the built site is out of date. It spawns
// Astro, hashes files and writes a stamp, so it lives in a shell (`*-fs.ts`), never in the core.
/**
 * Used by `fixpath start` (src/cli/start.ts), `npm run build:site` (scripts/site-build.ts, a thin
 * wrapper), the site tests and the build and site benches.
 *
 * Staleness: a hash of every input (content/, the pure core under src/, site/ without its output,
 * package-lock.json) is stored in `<outDir>/.fixpath-build.json` after a build; the site is stale
 * when that file is missing or the hash differs. Content hashes, not mtimes, so a fresh clone with
 * a committed-then-rebuilt dist is judged by what it holds.
 */
import { configPath } from "../model/config-fs.ts";
import { spawn } from "node:child_process";
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");

/** Where the stamp of the last build lives, inside the output folder. */
export const STAMP_FILE = ".fixpath-build.json";

/** Folders and files the site is built from, relative to the root. */
export const SITE_INPUTS = ["content", "src/model", "src/engine", "src/evidence", "src/lookup", "src/report", "site", "package-lock.json"] as const;

const SKIP = new Set(["dist", ".astro", "node_modules", ".git"]);

export interface SiteBuildOptions {
  /** Repository root. Default: this repository. */
  root?: string;
  /** Output folder. Default `<root>/site/dist`. */
  outDir?: string;
  /** Content folder. Default `<root>/content`. */
  contentDir?: string;
  /** Print Astro's output. Default false (warnings and errors only). */
  verbose?: boolean;
}

/** The default output folder: `site/dist`. */
export function defaultDistDir(root: string = ROOT): string {
  return join(root, "site", "dist");
}

/** A hash of every input of the site build (paths and contents), in a stable order. */
export function hashSiteInputs(root: string = ROOT, contentDir?: string): string {
  const hash = createHash("sha256");
  const add = (abs: string, label: string) => {
    const info = statSync(abs, { throwIfNoEntry: false });
    if (!info) return;
    if (info.isDirectory()) {
      for (const name of readdirSync(abs).sort()) if (!SKIP.has(name)) add(join(abs, name), `${label}/${name}`);
    } else if (info.isFile()) {
      hash.update(`${label}\0`).update(readFileSync(abs)).update("\0");
    }
  };
  for (const input of SITE_INPUTS) {
    if (input === "content" && contentDir) add(resolve(contentDir), "content");
    else add(join(root, input), input);
  }
  // The organisation file shapes the pages too (the header's name, the diagnostic's presets and hand-over).
  add(configPath(process.env, root).path, "fixpath.config.yaml");
  return hash.digest("hex");
}

/** Whether the site in `outDir` is missing or was built from other inputs. */
export function isSiteStale(options: SiteBuildOptions = {}): boolean {
  const root = options.root ?? ROOT;
  const stamp = join(options.outDir ?? defaultDistDir(root), STAMP_FILE);
  if (!existsSync(stamp)) return true;
  try {
    const data = JSON.parse(readFileSync(stamp, "utf8")) as { inputs?: string };
    return data.inputs !== hashSiteInputs(root, options.contentDir);
  } catch {
    return true;
  }
}

export interface SiteBuildResult {
  outDir: string;
  /** Wall time of the Astro build, ms. */
  ms: number;
  /** Pages written (HTML files). */
  pages: number;
}

/** Builds the site with Astro into `outDir`; rejects with Astro's output when the build fails. */
export async function buildSite(options: SiteBuildOptions = {}): Promise<SiteBuildResult> {
  const root = options.root ?? ROOT;
  const outDir = resolve(options.outDir ?? defaultDistDir(root));
  const inputs = hashSiteInputs(root, options.contentDir);
  const started = performance.now();
  const astro = join(root, "node_modules", "astro", "astro.js");
  const env: NodeJS.ProcessEnv = { ...process.env, ASTRO_TELEMETRY_DISABLED: "1", FIXPATH_SITE_OUT: outDir };
  if (options.contentDir) env.FIXPATH_CONTENT = resolve(options.contentDir);
  delete env.FIXPATH_DEV;
  const output = await new Promise<string>((ok, fail) => {
    // A larger young generation: the build allocates many short-lived objects (YAML nodes, HTML strings).
    const child = spawn(process.execPath, ["--max-semi-space-size=64", astro, "build", "--root", join(root, "site")], { cwd: root, env, stdio: ["ignore", "pipe", "pipe"] });
    let log = "";
    child.stdout.on("data", (d: Buffer) => {
      log += d.toString();
      if (options.verbose) process.stdout.write(d);
    });
    child.stderr.on("data", (d: Buffer) => {
      log += d.toString();
      if (options.verbose) process.stderr.write(d);
    });
    child.on("error", fail);
    child.on("close", (code) => (code === 0 ? ok(log) : fail(new Error(`astro build failed (exit ${code}):\n${log.slice(-4000)}`))));
  });
  const ms = performance.now() - started;
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, STAMP_FILE), JSON.stringify({ inputs, builtMs: Math.round(ms) }) + "\n");
  void output;
  const pages = countHtml(outDir);
  return { outDir, ms, pages };
}

/** Builds the site when it is stale; returns undefined when it was up to date. */
export async function ensureSiteBuilt(options: SiteBuildOptions = {}): Promise<SiteBuildResult | undefined> {
  return isSiteStale(options) ? buildSite(options) : undefined;
}

/**
 * `ensureSiteBuilt` for several processes at once (parallel test files): one builds while the
 * others wait on a lock folder next to the output.
 */
export async function ensureSiteBuiltLocked(options: SiteBuildOptions = {}, timeoutMs = 300_000): Promise<void> {
  const outDir = resolve(options.outDir ?? defaultDistDir(options.root ?? ROOT));
  const lock = `${outDir}.lock`;
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
      if (age > timeoutMs) rmSync(lock, { recursive: true, force: true });
      if (Date.now() > deadline) throw new Error(`timed out waiting for the site build lock ${lock}`);
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  try {
    await ensureSiteBuilt({ ...options, outDir });
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

function countHtml(dir: string): number {
  let n = 0;
  for (const name of readdirSync(dir, { recursive: true }) as string[]) if (name.endsWith(".html")) n++;
  return n;
}
