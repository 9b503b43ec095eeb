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
 * Two parts, each named by the hash of its inputs: the bundle (src/, the lockfile…) in a folder of
 * its own, and in it the snapshot of content/ (made by that bundle's loader). An edit of content/
 * only re-makes the snapshot. Both are written under a temporary name and renamed into place when
 * complete, so two runs that find the CLI stale at once both end with a whole build, and a running
 * process never sees its files replaced.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { performance } from "node:perf_hooks";
import { clearTimeout, setTimeout } from "node:timers";
import { fileURLToPath, pathToFileURL } from "node:url";

/** The repository root. */
export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** What the bundle is made from, relative to the root. */
const CODE_INPUTS = ["src", "scripts/cli-entry.ts", "scripts/cli-bundle.mjs", "package.json", "package-lock.json", "tsconfig.json"];

/** What the snapshot is made from (with the bundle's loader). */
const CONTENT_INPUTS = ["content"];

/** Everything the compiled CLI is made from, relative to the root. */
export const CLI_INPUTS = [...CODE_INPUTS, ...CONTENT_INPUTS];

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
 * @property {string} dir the bundle's folder (named by the hash of its inputs)
 * @property {string} entry the bundle's entry module (`run.mjs`)
 * @property {string} snapshot the content snapshot (`snapshot-<hash of content/>.v8`; may not exist yet with `snapshot: false`)
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
 * @param {readonly string[]} inputs
 * @returns {{ rel: string, abs: string, size: number, mtimeMs: number }[]}
 */
export function listInputs(root = ROOT, inputs = CLI_INPUTS) {
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
  for (const input of inputs) add(join(root, input));
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
 * @returns {{ statKey?: string, code?: string, content?: string }}
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
 * The compiled CLI, built first when missing or stale: the bundle when src/ (or the lockfile…)
 * changed, the content snapshot when content/ or the bundle changed. `snapshot: false` (for
 * `fixpath validate`, which reads the YAML anyway) leaves a stale snapshot for the next run to
 * refresh. `onSlow` is called once if the check and build take more than a second (the bin prints
 * a progress line then).
 * @param {{ root?: string, cacheDir?: string, snapshot?: boolean, onSlow?: () => void, onBuilt?: (ms: number) => void }} [options]
 * @returns {Promise<CliBundle>}
 */
export async function ensureCliBundle(options = {}) {
  const started = performance.now();
  const root = options.root ?? ROOT;
  const cacheDir = options.cacheDir ?? process.env.FIXPATH_CLI_CACHE ?? defaultCacheDir(root);
  const wantSnapshot = options.snapshot ?? true;
  const code = listInputs(root, CODE_INPUTS);
  const content = listInputs(root, CONTENT_INPUTS);
  const key = statKey([...code, ...content]);
  const stamp = readStamp(cacheDir);
  /** @type {(codeHash: string, contentHash: string, built: boolean) => CliBundle} */
  const result = (codeHash, contentHash, built) => {
    const dir = join(cacheDir, codeHash);
    return { dir, entry: join(dir, "run.mjs"), snapshot: join(dir, `snapshot-${contentHash}.v8`), built, ms: performance.now() - started };
  };
  if (stamp.statKey === key && stamp.code && stamp.content) {
    const known = result(stamp.code, stamp.content, false);
    if (existsSync(join(known.dir, "complete")) && (!wantSnapshot || existsSync(known.snapshot))) return known;
  }

  const codeHash = hashInputs(code);
  const contentHash = hashInputs(content);
  const wanted = result(codeHash, contentHash, false);
  const needBundle = !existsSync(join(wanted.dir, "complete"));
  const needSnapshot = wantSnapshot && !existsSync(wanted.snapshot);
  if (needBundle || needSnapshot) {
    mkdirSync(cacheDir, { recursive: true });
    const slow = options.onSlow ? setTimeout(options.onSlow, 1000) : undefined;
    try {
      if (needBundle) await bundleInto(root, cacheDir, wanted.dir);
      if (needSnapshot) await writeSnapshot(wanted);
    } finally {
      clearTimeout(slow);
    }
    options.onBuilt?.(performance.now() - started);
    pruneBuilds(cacheDir, wanted);
  }
  // The stamp says the inputs are current only once both parts are.
  if (existsSync(wanted.snapshot)) writeAtomic(join(cacheDir, "stamp.json"), JSON.stringify({ statKey: key, code: codeHash, content: contentHash }) + "\n");
  return { ...wanted, built: needBundle || needSnapshot, ms: performance.now() - started };
}

/**
 * Writes the content snapshot of `bundle` with the bundle's own loader (whole or not at all).
 * @param {CliBundle} bundle
 */
async function writeSnapshot(bundle) {
  const tmp = `${bundle.snapshot}.${process.pid}.tmp`;
  // In a worker: loading the content is a second of synchronous work, and the progress line's
  // timer must be able to fire meanwhile.
  const { Worker } = await import("node:worker_threads");
  const script = `import(${JSON.stringify(pathToFileURL(bundle.entry).href)}).then((m) => m.writeContentSnapshot(${JSON.stringify(tmp)}))`;
  await new Promise((done, fail) => {
    const worker = new Worker(script, { eval: true });
    worker.on("error", fail);
    worker.on("exit", (code) => (code === 0 ? done(undefined) : fail(new Error(`the content snapshot was not written (exit ${code})`))));
  });
  renameSync(tmp, bundle.snapshot);
}

/**
 * Bundles the CLI into `dir` (through a temporary folder renamed into place when complete).
 * @param {string} root
 * @param {string} cacheDir
 * @param {string} dir
 */
async function bundleInto(root, cacheDir, dir) {
  const { build } = await import("esbuild");
  const tmp = `${dir}.${process.pid}.tmp`;
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
  writeFileSync(join(tmp, "complete"), "");
  try {
    renameSync(tmp, dir);
  } catch {
    // Another run finished the same build first: keep theirs.
    rmSync(tmp, { recursive: true, force: true });
  }
}

/**
 * Removes bundles beyond the newest KEEP_BUILDS (a long-running process may still load a chunk of
 * the one before), unfinished ones over an hour old, and the current bundle's older snapshots
 * (a process reads its snapshot at start).
 * @param {string} cacheDir
 * @param {CliBundle} current
 */
function pruneBuilds(cacheDir, current) {
  const dirs = readdirSync(cacheDir, { withFileTypes: true })
    .filter((d) => d.isDirectory() && join(cacheDir, d.name) !== current.dir)
    .map((d) => ({ name: d.name, mtimeMs: statSync(join(cacheDir, d.name)).mtimeMs }))
    .sort((a, b) => b.mtimeMs - a.mtimeMs);
  const hourAgo = Date.now() - 3_600_000;
  const finished = dirs.filter((d) => !d.name.endsWith(".tmp"));
  for (const d of finished.slice(KEEP_BUILDS - 1)) rmSync(join(cacheDir, d.name), { recursive: true, force: true });
  for (const d of dirs) if (d.name.endsWith(".tmp") && d.mtimeMs < hourAgo) rmSync(join(cacheDir, d.name), { recursive: true, force: true });
  for (const name of readdirSync(current.dir)) {
    const file = join(current.dir, name);
    if (!/^snapshot-\w+\.v8\b/.test(name) || file === current.snapshot) continue;
    if (!name.endsWith(".tmp") || statSync(file).mtimeMs < hourAgo) rmSync(file, { force: true });
  }
}

/** Runs the CLI from the TypeScript sources through tsx (`FIXPATH_FROM_SOURCE=1`, or when the bundle cannot be built). */
export async function runFromSource() {
  const { register } = await import("tsx/esm/api");
  register();
  const { runCli } = await import(pathToFileURL(join(ROOT, "src", "cli", "run.ts")).href);
  await runCli();
}
