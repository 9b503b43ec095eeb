// Node-only: bundles the browser islands with esbuild while Astro builds (or serves) the site.
/**
 * Islands are plain TypeScript modules under site/src/islands, bundled into one file each and
 * published at `/js/<name>.<hash>.js` by the `pages/js/[file].ts` endpoint. Pages reference them
 * through `islandUrl(name)`, which bundles once per build, so the URL a page prints is the file the
 * build writes. Bundling here (instead of Astro's `<script>`) lets a page load an island only on
 * interaction, from a tiny inline loader.
 *
 * Islands import the light model entry (`src/model/index.ts`: no YAML, no full zod); the loader
 * is its own entry (`src/model/load/index.ts`) that no island reaches. Sessions are validated
 * with zod/mini.
 */
import { createHash } from "node:crypto";
import { join } from "node:path";
import { build } from "esbuild";
import { REPO_ROOT } from "./kb-fs.ts";

const ISLANDS_DIR = join(REPO_ROOT, "site", "src", "islands");

/** The islands the site ships. */
export const ISLANDS = ["search", "diagnose", "diagnose-end", "diagnose-check", "analyze"] as const;
export type IslandName = (typeof ISLANDS)[number];

export interface IslandBundle {
  name: IslandName;
  file: string;
  code: string;
}

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
