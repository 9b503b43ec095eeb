// Lookup benchmark: median time per query on the real knowledge base and on one grown to 10,000
// generated pages (goal: under 1 ms median), plus what the browser downloads: the whole index's
// size, and the split index the site ships (src/lookup/split.ts): the gzip bytes a first code
// search and a first word search load (goal: a first code search 50 KB or less at 10,000 pages),
// and the time of a word query once the word index is loaded (goal: under 5 ms median).
/**
 * The generated knowledge base (tests/helpers/grow-kb.ts) copies the real hubs round robin under
 * new codes (`0xCB000001`, …), each with its scenarios and checklist, titles renamed to the new
 * code and the rest of the text kept, until it holds BENCH_LOOKUP_PAGES pages (default 10,000).
 * Queries: codes in every form, near matches, codes without a page, multi-code pastes, messages,
 * symptoms and nonsense. A first search is a fresh `SplitLookup` (a browser with nothing cached):
 * its bytes are the manifest plus every file it read, each gzipped on its own as a server sends it.
 * `npm run bench -- lookup`.
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildLookupIndex, lookup, lookupAnswer, serializeLookupIndex, SplitLookup, splitLookupIndex, type LookupIndex, type SplitIndex } from "../src/lookup/index.ts";
import { growKnowledgeBase } from "../tests/helpers/grow-kb.ts";
import { loadKnowledgeBase } from "../src/model/load/index.ts";
import { readContentFiles } from "../src/model/content-fs.ts";
import { median, percentile } from "./stats.ts";

const QUERIES = [
  "CAA50021", "0xCAA50021", "caa 50021", "3399811105", "-895156191", "caa5002l", "caa50012",
  "CAA50021 onedrive", "0x8004de40", "8004DE40", "2147802688", "AADSTS50126", "50126",
  "0x8004010F", "0x8004de99", "AADSTS99999", "CAA50021 and 80090030",
  "AzureAdPrt : NO, Attempt Status : 0xc000006d, Server Error Code: AADSTS50126",
  "There's a problem with your account. Please sign in again.", "onedrive grey cloud red x",
  "Number of retry attempts exceeds expectations", "outlook keeps asking for password", "teams sign in loop",
  "asdf qwer zxcv", "Trusted Platform Module has malfunctioned",
];

/** Median time per query (ms), warm; the median of the queries without a code; the slowest query's median. */
function time(index: LookupIndex): { median: number; words: number; slowest: number; slowestQuery: string } {
  const perQuery: [string, number][] = [];
  for (const q of QUERIES) {
    for (let i = 0; i < 20; i++) lookup(index, q, { limit: 8 }); // warm up
    const times: number[] = [];
    for (let i = 0; i < 100; i++) {
      const t = performance.now();
      lookup(index, q, { limit: 8 });
      times.push(performance.now() - t);
    }
    perQuery.push([q, median(times)]);
  }
  const slowest = perQuery.reduce((a, b) => (b[1] > a[1] ? b : a));
  const words = perQuery.filter(([q]) => lookupAnswer(index, q).codes.length === 0).map(([, t]) => t);
  return { median: median(perQuery.map(([, t]) => t)), words: median(words), slowest: slowest[1], slowestQuery: slowest[0] };
}

const us = (ms: number) => `${(ms * 1000).toFixed(0)} µs`;
const kbytes = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** Code searches people make first: every form, a look-alike, slips, codes without a page, a generated code (0xCB000123 in both forms). */
const CODE_QUERIES = ["CAA50021", "0xCAA50021", "caa 50021", "3399811105", "-895156191", "caa5002l", "caa50012", "0x8004de40", "0x8004de99", "AADSTS50126", "50126", "AADSTS99999", "CAA50021 onedrive", "0xCB000123", "3405775139"];
/** Word searches people make first (the queries without a code). */
const WORD_QUERIES = ["onedrive grey cloud red x", "There's a problem with your account. Please sign in again.", "Number of retry attempts exceeds expectations", "outlook keeps asking for password", "teams sign in loop", "asdf qwer zxcv", "Trusted Platform Module has malfunctioned", "credentail manger", "onedrive"];

/** A fresh browser's first search: the gzip bytes of the manifest and of every file it read. */
async function firstSearch(split: SplitIndex, query: string): Promise<{ bytes: number; files: number }> {
  const read: string[] = [];
  const lookup = new SplitLookup(split.manifest, async (path) => (read.push(path), split.files.get(path)!));
  await lookup.answer(query, { limit: 8 });
  const bytes = gzipSync(JSON.stringify(split.manifest)).length + read.reduce((n, p) => n + gzipSync(split.files.get(p)!).length, 0);
  return { bytes, files: read.length };
}

/** The split index's figures: first-search bytes, the word index's load time, and word-query times once loaded. */
async function splitFigures(label: string, index: LookupIndex): Promise<string[]> {
  const t0 = performance.now();
  const split = splitLookupIndex(index);
  const splitMs = performance.now() - t0;
  const codes: [string, number, number][] = [];
  for (const q of CODE_QUERIES) {
    const f = await firstSearch(split, q);
    codes.push([q, f.bytes, f.files]);
  }
  const worstCode = codes.reduce((a, b) => (b[1] > a[1] ? b : a));
  const words = await firstSearch(split, WORD_QUERIES[0]!);
  // The word index's load: reading its JSON and MiniSearch's tree (a first word search waits for it after the download).
  const loads: number[] = [];
  for (let i = 0; i < 5; i++) {
    const lookup = new SplitLookup(split.manifest, async (path) => split.files.get(path)!);
    const t = performance.now();
    await lookup.run((data) => data.text());
    loads.push(performance.now() - t);
  }
  // Word queries once their parts are loaded: every run of every query, pooled.
  const warm = new SplitLookup(split.manifest, async (path) => split.files.get(path)!);
  for (const q of WORD_QUERIES) await warm.answer(q, { limit: 8 });
  const times: number[] = [];
  for (const q of WORD_QUERIES) {
    for (let i = 0; i < 20; i++) warm.answerLoaded(q, { limit: 8 });
    for (let i = 0; i < 50; i++) {
      const t = performance.now();
      const a = warm.answerLoaded(q, { limit: 8 });
      times.push(performance.now() - t);
      if (!a) throw new Error(`bench: "${q}" needs a part not loaded`);
    }
  }
  const wordsFile = [...split.files].find(([p]) => p.endsWith("/words.json"))!;
  return [
    `split index (${label}): ${split.manifest.shards} shards, manifest ${kbytes(gzipSync(JSON.stringify(split.manifest)).length)} gzip, word index ${kbytes(gzipSync(wordsFile[1]).length)} gzip, split in ${splitMs.toFixed(0)} ms`,
    `split index (${label}): first code search loads ${kbytes(median(codes.map((c) => c[1])))} gzip median over ${codes.length} code queries, at most ${kbytes(worstCode[1])} ("${worstCode[0]}": manifest + ${worstCode[2]} files) (goal 50 KB or less)`,
    `split index (${label}): first word search loads ${kbytes(words.bytes)} gzip ("${WORD_QUERIES[0]}": manifest + ${words.files} files); reading the word index takes ${median(loads).toFixed(0)} ms (median of 5)`,
    `split index (${label}): word query once loaded, ${WORD_QUERIES.length} queries × 50 runs pooled: median ${us(median(times))}, p95 ${us(percentile(times, 95))} (goal under 5 ms median)`,
  ];
}

/** Report lines: index build time, serialised size, median lookup time per query, at two sizes. */
export async function benchLookup(root: string): Promise<string[]> {
  const kb = loadKnowledgeBase(readContentFiles(join(root, "content"), root)).kb;
  if (!kb) return ["lookup: content does not validate; skipped"];
  const lines: string[] = [];
  const target = Number(process.env.BENCH_LOOKUP_PAGES ?? 10_000);
  for (const [label, base] of [["real knowledge base", kb], [`generated, ${target.toLocaleString("en")} pages`, growKnowledgeBase(kb, target)]] as const) {
    const t0 = performance.now();
    const index = buildLookupIndex(base);
    const buildMs = performance.now() - t0;
    const json = serializeLookupIndex(index);
    const t = time(index);
    lines.push(`lookup (${label}): ${index.docs.size} pages, index built in ${buildMs.toFixed(0)} ms, whole index serialised ${(json.length / 1024).toFixed(0)} KB (${(gzipSync(json).length / 1024).toFixed(0)} KB gzip; the CLI's snapshot holds it)`);
    lines.push(`lookup (${label}): median per query over ${QUERIES.length} queries ${us(t.median)} (goal under 1 ms); queries of words only ${us(t.words)}; slowest query median ${us(t.slowest)} ("${t.slowestQuery.slice(0, 40)}")`);
    lines.push(...(await splitFigures(label, index)));
  }
  return lines;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await benchLookup(join(import.meta.dirname, ".."))) console.log(line);
}
