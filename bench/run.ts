// `npm run bench`: every benchmark, one report. Figures depend on the machine: name it when you quote them.
import { cpus } from "node:os";
import { join } from "node:path";
import { benchLookup } from "./lookup.ts";

const root = join(import.meta.dirname, "..");
console.log(`Fixpath benchmarks — Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model ?? "unknown CPU"}`);
for (const line of await benchLookup(root)) console.log(line);
