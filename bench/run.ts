// `npm run bench`: every benchmark, one report. Figures depend on the machine: name it when you quote them.
import { cpus } from "node:os";
import { join } from "node:path";
import { benchEngine } from "./engine.ts";
import { benchEvidence } from "./evidence.ts";
import { benchLookup } from "./lookup.ts";

const root = join(import.meta.dirname, "..");
console.log(`Fixpath benchmarks — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}`);
for (const [name, run] of [
  ["engine", () => benchEngine(root)],
  ["evidence", () => benchEvidence()],
  ["lookup", () => benchLookup(root)],
] as const) {
  console.log(`\n## ${name}`);
  for (const line of await run()) console.log(line);
}
