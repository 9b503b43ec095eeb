#!/usr/bin/env node
// Runs the compiled CLI: an esbuild bundle of src/cli with a validated snapshot of content/,
// rebuilt first whenever a file under src/ or content/ changed (scripts/cli-bundle.mjs), so an
// edit shows at the next run. FIXPATH_FROM_SOURCE=1 runs the TypeScript sources through tsx instead.
import module from "node:module";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { ensureCliBundle, runFromSource } from "../scripts/cli-bundle.mjs";

if (process.env.FIXPATH_FROM_SOURCE === "1") {
  await runFromSource();
} else {
  let bundle;
  // The "ready" line answers the "compiling" line: only said when that one was (one clock decides).
  let saidSlow = false;
  try {
    bundle = await ensureCliBundle({
      // validate reads the YAML itself: an author's edit does not wait for a new snapshot first.
      snapshot: process.argv[2] !== "validate",
      onSlow: () => {
        saidSlow = true;
        process.stderr.write("fixpath: compiling the command line and checking the content after a change…\n");
      },
      onBuilt: (ms) => {
        if (saidSlow) process.stderr.write(`fixpath: ready (${(ms / 1000).toFixed(1)} s; again only after the next change).\n`);
      },
    });
  } catch (e) {
    // A read-only install or a failed build: the sources still run, only slower.
    process.stderr.write(`fixpath: could not compile the command line (${e instanceof Error ? e.message.split("\n")[0] : String(e)}); running from source.\n`);
  }
  if (bundle) {
    // Node 22.1+ keeps V8's compiled code of the bundle between runs (a no-op on older Node).
    module.enableCompileCache?.(join(bundle.dir, "..", "compile-cache"));
    const { run } = await import(pathToFileURL(bundle.entry).href);
    await run(bundle.snapshot);
  } else {
    await runFromSource();
  }
}
