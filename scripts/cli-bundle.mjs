// @ts-check
/**
 * The compiled `fixpath` CLI: an esbuild bundle of scripts/cli-entry.ts (src/cli and what it
 * imports) and a validated snapshot of content/, kept under node_modules/.cache/fixpath/ (never
 * committed) and rebuilt whenever one of its inputs changes. bin/fixpath.mjs calls
 * `ensureCliBundle()` on every run, so this file is plain JavaScript: it runs before any
 * TypeScript can be loaded.
 *
 * Staleness, as for the built site (src/server/site-build-fs.ts): a hash of every input's path and
 * bytes. To keep start-up short the hash is only computed when a file's size or modification
 * time differs from the last run's (kept in the stamp); a touched but unchanged file costs one
 * hash, not a rebuild.
 *
 * Builds go to a folder named after the inputs' hash and are renamed into place when complete, so
 * two runs that find the CLI stale at once both end with a whole build, and a running process
 * never sees its files replaced.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { performance } from "node:perf_hooks";
import { clearTimeout, setTimeout } from "node:timers";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** What the bundle and the snapshot are made from, relative to the root. */
export const CLI_INPUTS = ["src", "content", "scripts/cli-entry.ts", "scripts/cli-bundle.mjs", "package.json", "package-lock.json", "tsconfig.json"];

/**
 * Packages compiled into the bundle: what every command's start-up loads. The others (the web
 * server's, the databases', Astro) stay in node_modules and load as usual when `fixpath start`
 * needs them.
 */
const BUNDLED = new Set(["commander", "zod", "yaml", "minisearch", "@clack/prompts", "@clack/core", "sisteransi", "picocolors"]);

/** Builds older than the newest few are removed (a long-running process may still use the one before). */
const KEEP_BUILDS = 3;

/**
 * @typedef {object} CliBundle
 * @property {string} dir the build's folder
 * @property {string} entry the bundle's entry module (`run.mjs`)
 * @property {string} snapshot the content snapshot (`content.v8`)
 * @property {boolean} built whether this call built it
 * @property {number} ms how long the check (and build) took
 */

/** The default cache folder (`FIXPATH_CLI_CACHE` names another): one per Node major version (the snapshot is V8's format). */
export function defaultCacheDir(root = ROOT) {
  return join(root, "node_modules", ".cache", "fixpath", `cli-node${process.versions.node.split(".")[0]}`);
}

/**
 * Every input file with its size and modification time, sorted by path.
 * @param {string} root
 * @returns {{ rel: string, abs: string, size: number, mtimeMs: number }[]}
 */
export function listInputs(root = ROOT) {
  /** @type {{ rel: string, abs: string, size: number, mtimeMs: number }[]} */
  const out = [];
  /** @param {string} abs */
  const add = (abs) => {
    const info = statSync(abs, { throwIfNoEntry: false });
    if (!info) return;
    if (info.isDirectory()) {
      for (const name of readdirSync(abs)) add(join(abs, name));
    } else if (info.isFile()) {
      out.push({ rel: relative(root, abs).split(sep).join("/"), abs, size: info.size, mtimeMs: info.mtimeMs });
    }
  };
  for (const input of CLI_INPUTS) add(join(root, input));
  return out.sort((a, b) => (a.rel < b.rel ? -1 : a.rel > b.rel ? 1 : 0));
}

/**
 * A hash of the inputs' paths and bytes (what decides whether the build is current).
 * @param {ReturnType<typeof listInputs>} files
 */
export function hashInputs(files) {
  const hash = createHash("sha256");
  for (const f of files) hash.update(`${f.rel}\0`).update(readFileSync(f.abs)).update("\0");
  hash.update(`node ${process.versions.node.split(".")[0]}`);
  return hash.digest("hex").slice(0, 20);
}

/** @param {ReturnType<typeof listInputs>} files */
function statKey(files) {
  const hash = createHash("sha1");
  for (const f of files) hash.update(`${f.rel}\0${f.size}\0${f.mtimeMs}\n`);
  return hash.digest("hex");
}

/**
 * @param {string} dir
 * @returns {{ statKey?: string, hash?: string }}
 */
function readStamp(dir) {
  try {
    return JSON.parse(readFileSync(join(dir, "stamp.json"), "utf8"));
  } catch {
    return {};
  }
}

/**
 * Writes a file whole or not at all (another run may read it at the same moment).
 * @param {string} file
 * @param {string} text
 */
function writeAtomic(file, text) {
  const tmp = `${file}.${process.pid}.tmp`;
  writeFileSync(tmp, text);
  renameSync(tmp, file);
}

/**
 * The compiled CLI, built first when missing or stale. `onSlow` is called once if the check and
 * build take more than a second (the bin prints a progress line then).
 * @param {{ root?: string, cacheDir?: string, onSlow?: () => void, onBuilt?: (ms: number) => void }} [options]
 * @returns {Promise<CliBundle>}
 */
export async function ensureCliBundle(options = {}) {
  const started = performance.now();
  const root = options.root ?? ROOT;
  const cacheDir = options.cacheDir ?? process.env.FIXPATH_CLI_CACHE ?? defaultCacheDir(root);
  const files = listInputs(root);
  const key = statKey(files);
  const stamp = readStamp(cacheDir);
  const result = (/** @type {string} */ hash, /** @type {boolean} */ built) => {
    const dir = join(cacheDir, hash);
    return { dir, entry: join(dir, "run.mjs"), snapshot: join(dir, "content.v8"), built, ms: performance.now() - started };
  };
  if (stamp.statKey === key && stamp.hash && existsSync(join(cacheDir, stamp.hash, "complete"))) return result(stamp.hash, false);

  const hash = hashInputs(files);
  mkdirSync(cacheDir, { recursive: true });
  if (!existsSync(join(cacheDir, hash, "complete"))) {
    const slow = options.onSlow ? setTimeout(options.onSlow, 1000) : undefined;
    try {
      await buildInto(root, cacheDir, hash);
    } finally {
      clearTimeout(slow);
    }
    options.onBuilt?.(performance.now() - started);
    pruneBuilds(cacheDir, hash);
    writeAtomic(join(cacheDir, "stamp.json"), JSON.stringify({ statKey: key, hash }) + "\n");
    return result(hash, true);
  }
  writeAtomic(join(cacheDir, "stamp.json"), JSON.stringify({ statKey: key, hash }) + "\n");
  return result(hash, false);
}

/**
 * Bundles the CLI and writes the content snapshot into `<cacheDir>/<hash>/`.
 * @param {string} root
 * @param {string} cacheDir
 * @param {string} hash
 */
async function buildInto(root, cacheDir, hash) {
  const { build } = await import("esbuild");
  const tmp = join(cacheDir, `${hash}.${process.pid}.tmp`);
  rmSync(tmp, { recursive: true, force: true });
  await build({
    entryPoints: { run: join(root, "scripts", "cli-entry.ts") },
    outdir: tmp,
    outExtension: { ".js": ".mjs" },
    bundle: true,
    splitting: true,
    format: "esm",
    platform: "node",
    target: `node${process.versions.node}`,
    logLevel: "error",
    // Bundled CommonJS packages call require(): give the module one.
    banner: { js: "import { createRequire as __fixpathRequire } from 'node:module'; const require = __fixpathRequire(import.meta.url);" },
    plugins: [
      {
        name: "fixpath-cli",
        setup(b) {
          // Our packages' dependencies outside BUNDLED stay in node_modules.
          b.onResolve({ filter: /^[^./]/ }, (args) => {
            if (args.path.startsWith("node:") || args.importer.includes(`${sep}node_modules${sep}`)) return undefined;
            const name = args.path.startsWith("@") ? args.path.split("/").slice(0, 2).join("/") : args.path.split("/")[0];
            return BUNDLED.has(name ?? "") ? undefined : { path: args.path, external: true };
          });
          // Files that find the project through import.meta.url (package.json, content/) keep their own address.
          b.onLoad({ filter: /\.ts$/ }, (args) => {
            const text = readFileSync(args.path, "utf8");
            return { contents: text.replaceAll("import.meta.url", JSON.stringify(pathToFileURL(args.path).href)), loader: "ts" };
          });
        },
      },
    ],
  });
  const { writeContentSnapshot } = await import(pathToFileURL(join(tmp, "run.mjs")).href);
  await writeContentSnapshot(join(tmp, "content.v8"));
  writeFileSync(join(tmp, "complete"), "");
  try {
    renameSync(tmp, join(cacheDir, hash));
  } catch {
    // Another run finished the same build first: keep theirs.
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Removes builds beyond the newest KEEP_BUILDS (never `current`), and unfinished ones over an hour old.
 * @param {string} cacheDir
 * @param {string} current
 */
function pruneBuilds(cacheDir, current) {
  const dirs = readdirSync(cacheDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && d.name !== current)
    .map((d) => ({ name: d.name, mtimeMs: statSync(join(cacheDir, d.name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  const hourAgo = Date.now() - 3_600_000;
  dirs.forEach((d, i) => {
    const unfinished = d.name.endsWith(".tmp");
    if ((unfinished && d.mtimeMs < hourAgo) || (!unfinished && i >= KEEP_BUILDS - 1)) rmSync(join(cacheDir, d.name), { recursive: true, force: true });
  });
}

/** Runs the CLI from the TypeScript sources through tsx (`FIXPATH_FROM_SOURCE=1`, or when the bundle cannot be built). */
export async function runFromSource() {
  const { register } = await import("tsx/esm/api");
  register();
  const { runCli } = await import(pathToFileURL(join(ROOT, "src", "cli", "run.ts")).href);
  await runCli();
}
