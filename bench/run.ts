// `npm run bench`: every benchmark, one report. Figures depend on the machine: name it when you quote them.
// BENCH_LIGHTHOUSE=0 skips the Lighthouse runs (about 100 s).
import { cpus } from "node:os";
import { join } from "node:path";
import { benchBuild } from "./build.ts";
import { benchCli } from "./cli.ts";
import { benchDiagnose } from "./diagnose.ts";
import { benchDiff } from "./diff.ts";
import { benchBundle } from "./bundle.ts";
import { benchEngine } from "./engine.ts";
import { benchEvidence } from "./evidence.ts";
import { benchLookup } from "./lookup.ts";
import { benchServer } from "./server.ts";
import { benchSite } from "./site.ts";

const root = join(import.meta.dirname, "..");
console.log(`Fixpath benchmarks — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}`);
const only = process.argv.slice(2);
for (const [name, run] of [
  ["engine", () => benchEngine(root)],
  ["evidence", () => benchEvidence()],
  ["bundle", () => benchBundle()],
  ["diff", () => benchDiff()],
  ["lookup", () => benchLookup(root)],
  ["cli", () => benchCli(root)],
  ["server", () => benchServer(root)],
  ["site", () => benchSite(root)],
  ["diagnose", () => benchDiagnose(root)],
  ["build", () => benchBuild(root)],
] as const) {
  // `-- evidence` runs the bundle's figures too (bench/bundle.ts).
  if (only.length && !only.includes(name) && !(name === "bundle" && only.includes("evidence"))) continue;
  console.log(`\n## ${name}`);
  for (const line of await run()) console.log(line);
}
