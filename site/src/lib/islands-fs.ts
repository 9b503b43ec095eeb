// Node-only: bundles the browser islands with esbuild while Astro builds (or serves) the site.
/**
 * Islands are plain TypeScript modules under site/src/islands, bundled into one file each and
 * published at `/js/<name>.<hash>.js` by the `pages/js/[file].ts` endpoint. Pages reference them
 * through `islandUrl(name)`, which bundles once per build, so the URL a page prints is the file the
 * build writes. Bundling here (instead of Astro's `<script>`) lets a page load an island only on
 * interaction, from a tiny inline loader.
 *
 * One bundling rule keeps the islands small: the model's loader modules (schemas, YAML loader,
 * cross-checks) are marked side-effect free. The islands use none of their exports, so their
 * top-level zod schema definitions are dropped; sessions are validated with zod/mini.
 */
import { createHash } from "node:crypto";
import { join, resolve } from "node:path";
import { build, type Plugin } from "esbuild";
import { REPO_ROOT } from "./kb-fs.ts";

const ISLANDS_DIR = join(REPO_ROOT, "site", "src", "islands");

/** The islands the site ships. */
export const ISLANDS = ["search", "diagnose", "analyze"] as const;
export type IslandName = (typeof ISLANDS)[number];

export interface IslandBundle {
  name: IslandName;
  file: string;
  code: string;
}

const LOADER_ONLY = /[\\/]src[\\/]model[\\/](?:index|schema|load|cross-check|json-schema)\.ts$|[\\/]src[\\/](?:engine|evidence|report|lookup)[\\/]index\.ts$/;

/** The esbuild plugin of the bundling rule above (exported for the bundle tests). */
export const islandPlugin: Plugin = {
  name: "fixpath-islands",
  setup(b) {
    b.onResolve({ filter: /\.ts$/ }, (args) => {
      if (args.kind === "entry-point") return undefined;
      const path = resolve(args.resolveDir, args.path);
      return LOADER_ONLY.test(path) ? { path, sideEffects: false } : undefined;
    });
  },
};

const cache = new Map<IslandName, Promise<IslandBundle>>();

/** Bundles one island (minified ES module); cached for the process unless FIXPATH_DEV is set. */
export function bundleIsland(name: IslandName): Promise<IslandBundle> {
  const hit = cache.get(name);
  if (hit && process.env.FIXPATH_DEV !== "1") return hit;
  const job = build({
    entryPoints: [join(ISLANDS_DIR, `${name}.ts`)],
    bundle: true,
    minify: true,
    format: "esm",
    target: "es2022",
    platform: "browser",
    write: false,
    legalComments: "none",
    plugins: [islandPlugin],
  }).then((result) => {
    const code = result.outputFiles[0]!.text;
    const hash = createHash("sha256").update(code).digest("hex").slice(0, 10);
    return { name, file: `${name}.${hash}.js`, code };
  });
  cache.set(name, job);
  return job;
}

/** The URL of an island's bundle, e.g. `/js/search.1a2b3c4d5e.js`. */
export async function islandUrl(name: IslandName): Promise<string> {
  return `/js/${(await bundleIsland(name)).file}`;
}
