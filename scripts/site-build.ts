// `npm run build:site` (`tsx scripts/site-build.ts [--if-stale] [--verbose]`): a thin wrapper over
// src/server/site-build-fs.ts, which `fixpath start`, the tests and the benches use directly.
import { relative, sep } from "node:path";
import { buildSite, defaultDistDir, isSiteStale } from "../src/server/site-build-fs.ts";

const argv = process.argv.slice(2);
try {
  if (argv.includes("--if-stale") && !isSiteStale()) {
    console.log(`site is up to date: ${relative(process.cwd(), defaultDistDir()) || "."}`);
  } else {
    const r = await buildSite({ verbose: argv.includes("--verbose") });
    console.log(`built ${r.pages} pages in ${(r.ms / 1000).toFixed(1)} s → ${relative(process.cwd(), r.outDir).split(sep).join("/")}`);
  }
} catch (e) {
  console.error(e instanceof Error ? e.message : String(e));
  process.exitCode = 1;
}
