// Lookup benchmark: median lookup time per query over the test table, and the index size.
import { gzipSync } from "node:zlib";
import { join } from "node:path";
import { buildLookupIndex, lookup, serializeLookupIndex } from "../src/lookup/index.ts";
import { loadKnowledgeBase } from "../src/model/load/index.ts";
import { readContentFiles } from "../src/model/content-fs.ts";
import { median } from "./stats.ts";

const QUERIES = [
  "CAA50021", "0xCAA50021", "caa 50021", "3399811105", "-895156191", "caa5002l", "caa50012",
  "CAA50021 onedrive", "0x8004de40", "8004DE40", "2147802688", "AADSTS50126", "50126",
  "There's a problem with your account. Please sign in again.", "onedrive grey cloud red x",
  "Number of retry attempts exceeds expectations", "outlook keeps asking for password", "teams sign in loop",
];

/** Report lines: index build time, serialised size, median lookup time per query. */
export async function benchLookup(root: string): Promise<string[]> {
  const kb = loadKnowledgeBase(readContentFiles(join(root, "content"), root)).kb;
  if (!kb) return ["lookup: content does not validate; skipped"];
  const t0 = performance.now();
  const index = buildLookupIndex(kb);
  const buildMs = performance.now() - t0;
  const json = serializeLookupIndex(index);
  const lines = [`lookup: index of ${index.docs.size} pages built in ${buildMs.toFixed(1)} ms; serialised ${(json.length / 1024).toFixed(1)} KB, ${(gzipSync(json).length / 1024).toFixed(1)} KB gzip`];
  const perQuery: number[] = [];
  for (const q of QUERIES) {
    for (let i = 0; i < 20; i++) lookup(index, q); // warm up
    const times: number[] = [];
    for (let i = 0; i < 200; i++) {
      const t = performance.now();
      lookup(index, q);
      times.push(performance.now() - t);
    }
    perQuery.push(median(times));
  }
  lines.push(`lookup: median per query over ${QUERIES.length} queries: ${(median(perQuery) * 1000).toFixed(0)} µs (slowest query median ${(Math.max(...perQuery) * 1000).toFixed(0)} µs; goal well under 50 ms)`);
  return lines;
}
