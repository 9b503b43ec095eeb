// Lookup benchmark: median time per query on the real knowledge base and on one grown to 10,000
// generated pages (goal: under 1 ms median), plus the index size the browser downloads.
/**
 * The generated knowledge base copies the real hubs round robin under new codes (`0xCB000001`,
 * …), each with its scenarios and checklist, titles renamed to the new code and the rest of the
 * text kept, until it holds BENCH_LOOKUP_PAGES pages (default 10,000). Queries: codes in every
 * form, near matches, codes without a page, multi-code pastes, messages, symptoms and nonsense.
 * `npm run bench -- lookup`.
 */
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { buildLookupIndex, lookup, lookupAnswer, serializeLookupIndex, type LookupIndex } from "../src/lookup/index.ts";
import { listPages, parseCode, type KnowledgeBase } from "../src/model/index.ts";
import { loadKnowledgeBase } from "../src/model/load/index.ts";
import { readContentFiles } from "../src/model/content-fs.ts";
import { median } from "./stats.ts";

const QUERIES = [
  "CAA50021", "0xCAA50021", "caa 50021", "3399811105", "-895156191", "caa5002l", "caa50012",
  "CAA50021 onedrive", "0x8004de40", "8004DE40", "2147802688", "AADSTS50126", "50126",
  "0x8004010F", "0x8004de99", "AADSTS99999", "CAA50021 and 80090030",
  "AzureAdPrt : NO, Attempt Status : 0xc000006d, Server Error Code: AADSTS50126",
  "There's a problem with your account. Please sign in again.", "onedrive grey cloud red x",
  "Number of retry attempts exceeds expectations", "outlook keeps asking for password", "teams sign in loop",
  "asdf qwer zxcv", "Trusted Platform Module has malfunctioned",
];

/** The real knowledge base grown to `pages` pages with copies of its hubs under new codes. */
export function growKnowledgeBase(kb: KnowledgeBase, pages: number): KnowledgeBase {
  const codes = new Map(kb.codes);
  const scenarios = new Map(kb.scenarios);
  const checklists = new Map(kb.checklists);
  const codeIndex = new Map(kb.codeIndex);
  const hubs = [...kb.codes.values()];
  let count = listPages(kb).length;
  for (let i = 1; count < pages; i++) {
    const hub = hubs[(i - 1) % hubs.length]!;
    const id = `0xcb${i.toString(16).padStart(6, "0")}`;
    const rename = (text: string) => text.split(hub.id).join(id).replace(new RegExp(hub.id, "gi"), id.toUpperCase());
    codes.set(id, { ...hub, id, aliases: [], title: rename(hub.title) });
    codeIndex.set(parseCode(id)!, id);
    count++;
    for (const [pageId, sc] of kb.scenarios) {
      if (!pageId.startsWith(`${hub.id}/`) || count >= pages) continue;
      scenarios.set(`${id}/${sc.app}`, { ...sc, code: id, title: rename(sc.title) });
      count++;
    }
    const cl = kb.checklists.get(hub.id);
    if (cl && count < pages) {
      checklists.set(id, { ...cl, code: id, title: rename(cl.title) });
      count++;
    }
  }
  return { ...kb, codes, scenarios, checklists, codeIndex };
}

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
    lines.push(`lookup (${label}): ${index.docs.size} pages, index built in ${buildMs.toFixed(0)} ms, serialised ${(json.length / 1024).toFixed(0)} KB (${(gzipSync(json).length / 1024).toFixed(0)} KB gzip)`);
    lines.push(`lookup (${label}): median per query over ${QUERIES.length} queries ${us(t.median)} (goal under 1 ms); queries of words only ${us(t.words)}; slowest query median ${us(t.slowest)} ("${t.slowestQuery.slice(0, 40)}")`);
  }
  return lines;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await benchLookup(join(import.meta.dirname, ".."))) console.log(line);
}
