/**
 * Code-aware lookup shared by the CLI and the site's search box.
 *
 * Two layers:
 * [1] Codes (ours): every form of every hub's code and aliases — hex with or without `0x`,
 *     spaces or dashes inside, unsigned and signed decimal, AADSTS with or without the prefix —
 *     plus near matches one character off (`l` for `1`, `O` for `0`, a swapped pair, a typo).
 * [2] Everything else: full-text search with typo tolerance by MiniSearch over titles, messages,
 *     symptoms and body text.
 * When the query names an app, that app's scenario ranks first.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import type { App } from "../model/facts.ts";
import { codeForms, parseCode, type CodeKey } from "../model/codes.ts";
import { listPages, type KnowledgeBase, type PageInfo, type PageKind } from "../model/kb.ts";

/** A page as the index holds it: what a result shows, plus text to search. */
export interface LookupDoc extends PageInfo {
  /** Searchable text fields (not kept in the serialised index). */
  codes?: string;
  messages?: string;
  symptoms?: string;
  body?: string;
}

export interface LookupResult {
  id: string;
  title: string;
  url: string;
  kind: PageKind;
  score: number;
  /** Why it matched, in words: "code 0xCAA50021", "near match: read l as 1", "text: sign in". */
  why: string[];
  /** A code match that needed a correction. */
  near: boolean;
}

export interface LookupIndex {
  docs: ReadonlyMap<string, LookupDoc>;
  text: MiniSearch<LookupDoc>;
  /** Code key → hub id. */
  codes: ReadonlyMap<CodeKey, string>;
}

const SEARCH_FIELDS = ["title", "codes", "messages", "symptoms", "body"] as const;
const STORE_FIELDS = ["id", "kind", "code", "app", "title", "url"] as const;
const MINI_OPTIONS = {
  idField: "id",
  fields: [...SEARCH_FIELDS],
  storeFields: [...STORE_FIELDS],
  searchOptions: { boost: { title: 3, codes: 3, messages: 2, symptoms: 1.5 }, fuzzy: 0.2, prefix: true },
};

const APP_WORDS: readonly [RegExp, App][] = [
  [/\bone\s?drive\b/i, "onedrive"],
  [/\boutlook\b/i, "outlook"],
  [/\bteams\b/i, "teams"],
  [/\b(?:office|word|excel|powerpoint|activation|activate|activating|microsoft 365 apps)\b/i, "office"],
];

const MAX_QUERY = 500;

/** Builds the lookup index from the knowledge base; pure. */
export function buildLookupIndex(kb: KnowledgeBase): LookupIndex {
  const docs = new Map<string, LookupDoc>();
  for (const page of listPages(kb)) {
    const hub = kb.codes.get(page.code)!;
    const codeText = [hub.id, ...hub.aliases].flatMap((c) => {
      const key = parseCode(c);
      return key ? [c, ...codeForms(key)] : [c];
    });
    const doc: LookupDoc = { id: page.id, kind: page.kind, code: page.code, app: page.app, title: page.title, url: page.url, codes: unique(codeText).join(" ") };
    if (page.kind === "code") {
      doc.messages = hub.messages.map((m) => m.text).join(" \n ");
      doc.body = plain([hub.quickAnswer, hub.meaning, hub.family, hub.rootCause ?? "", hub.description]);
    } else if (page.kind === "scenario") {
      const sc = kb.scenarios.get(page.id)!;
      doc.messages = hub.messages.filter((m) => m.apps.length === 0 || m.apps.includes(sc.app)).map((m) => m.text).join(" \n ");
      doc.symptoms = plain([...sc.whereItAppears.flatMap((w) => [w.title, w.text]), ...sc.triggers.map((t) => t.text)]);
      doc.body = plain([sc.description, sc.quickAnswer, sc.meaning, ...sc.causes.flatMap((c) => [c.title, c.text]), ...sc.steps.flatMap((s) => [s.title, s.summary]), ...sc.stops.map((s) => s.title)]);
    } else {
      const cl = kb.checklists.get(page.code)!;
      doc.body = plain([cl.description, cl.summary, ...cl.items.flatMap((i) => [i.title, i.text])]);
    }
    docs.set(doc.id, doc);
  }
  const text = new MiniSearch<LookupDoc>(MINI_OPTIONS);
  text.addAll([...docs.values()]);
  return { docs: stripDocs(docs), text, codes: new Map(kb.codeIndex) };
}

/** The index as JSON for the browser: MiniSearch's own form plus the code table. */
export function serializeLookupIndex(index: LookupIndex): string {
  return JSON.stringify({ v: 1, text: index.text.toJSON(), docs: [...index.docs.values()], codes: [...index.codes] });
}

/** Reads what `serializeLookupIndex` wrote. */
export function loadLookupIndex(json: string): LookupIndex {
  const data = JSON.parse(json) as { v: number; text: unknown; docs: LookupDoc[]; codes: [CodeKey, string][] };
  const text = MiniSearch.loadJS<LookupDoc>(data.text as Parameters<typeof MiniSearch.loadJS>[0], MINI_OPTIONS);
  return { text, docs: new Map(data.docs.map((d) => [d.id, d])), codes: new Map(data.codes) };
}

/** Ranked pages for a query: a code in any form, a message, symptoms, an app name. */
export function lookup(index: LookupIndex, rawQuery: string, options: { limit?: number } = {}): LookupResult[] {
  const limit = options.limit ?? 10;
  const query = stripControls(rawQuery).trim().slice(0, MAX_QUERY);
  if (!query) return [];
  const app = detectApp(query);
  const results = new Map<string, LookupResult>();
  const add = (id: string, score: number, why: string, near = false) => {
    const doc = index.docs.get(id);
    if (!doc) return;
    const prev = results.get(id);
    if (prev) {
      prev.score = Math.max(prev.score, score);
      if (!prev.why.includes(why)) prev.why.push(why);
      prev.near &&= near;
    } else results.set(id, { id, title: doc.title, url: doc.url, kind: doc.kind, score, why: [why], near });
  };

  const { hits, rest } = findCodes(index, query);
  for (const [rank, hit] of hits.entries()) {
    const base = hit.near ? 60 - rank : 100;
    const why = hit.near ? `near match for ${hit.written}: ${hit.how}` : `code ${hit.written}`;
    add(hit.hub, base, why, hit.near);
    for (const doc of index.docs.values()) {
      if (doc.code !== hit.hub || doc.id === hit.hub) continue;
      if (doc.kind === "scenario" && doc.app === app) add(doc.id, base + 10, `${why}, in ${app}`, hit.near);
      else add(doc.id, base - 10, why, hit.near);
    }
  }

  // After a code match, an app name alone has done its job (it ranked the scenario).
  const textQuery = hits.length ? (APP_WORDS.some(([re]) => re.test(rest)) && rest.split(/\s+/).length <= 2 ? "" : rest) : query;
  if (textQuery.trim()) {
    const boostDocument = (_id: unknown, _term: string, stored?: Partial<LookupDoc>) => (app && stored?.app === app ? 1.6 : 1);
    let found: SearchResult[] = index.text.search(textQuery, { combineWith: "AND", boostDocument });
    if (found.length === 0) found = index.text.search(textQuery, { combineWith: "OR", boostDocument });
    const top = found[0]?.score ?? 1;
    for (const r of found) {
      // Text scores are scaled below code matches when a code was found, and to 0–90 otherwise.
      const scaled = (r.score / top) * (hits.length ? 40 : 90);
      add(String(r.id), Math.round(scaled * 10) / 10, `text: ${unique(r.terms).slice(0, 4).join(", ")}`);
    }
  } else if (app && hits.length === 0) {
    for (const doc of index.docs.values()) if (doc.app === app) add(doc.id, 50, `app ${app}`);
  }

  return [...results.values()].sort((a, b) => b.score - a.score || a.id.localeCompare(b.id)).slice(0, limit);
}

/** The app a query names, if any. */
export function detectApp(query: string): App | undefined {
  for (const [re, app] of APP_WORDS) if (re.test(query)) return app;
  return undefined;
}

interface CodeHit {
  hub: string;
  written: string;
  near: boolean;
  how?: string;
}

/** Finds codes in the query (single tokens and adjacent pairs such as `caa 50021`). */
function findCodes(index: LookupIndex, query: string): { hits: CodeHit[]; rest: string } {
  const tokens = query.split(/[\s,;:()[\]{}"'`<>|/\\!?]+/).filter(Boolean);
  const hits: CodeHit[] = [];
  const used = new Set<number>();
  const seen = new Set<string>();
  const push = (hit: CodeHit, ...at: number[]) => {
    at.forEach((i) => used.add(i));
    if (seen.has(hit.hub)) return;
    seen.add(hit.hub);
    hits.push(hit);
  };
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const one = tokens[i]!;
    const two = i + 1 < tokens.length ? one + tokens[i + 1]! : undefined;
    const exact = (s: string) => {
      const key = parseCode(s) ?? (/^\d{5,6}$/.test(s) ? `aadsts:${Number(s)}` : undefined);
      return key ? index.codes.get(key) : undefined;
    };
    const pairHub = two !== undefined && /^[a-z]{3,6}$|^0x[0-9a-f]{2,5}$/i.test(one) ? exact(two) : undefined;
    if (pairHub) {
      push({ hub: pairHub, written: `${one} ${tokens[i + 1]}`, near: false }, i, i + 1);
      continue;
    }
    const hub = exact(one);
    if (hub) {
      push({ hub, written: one, near: false }, i);
      continue;
    }
    for (const near of nearCodes(index, one)) push({ ...near, written: one, near: true }, i);
  }
  const rest = tokens.filter((_, i) => !used.has(i)).join(" ");
  return { hits, rest };
}

const CONFUSABLE: Record<string, string> = { l: "1", i: "1", o: "0", s: "5", z: "2" };

/** How likely each kind of slip is, most likely first. */
const SLIPS = ["read look-alike letters as digits", "two characters swapped", "one character different", "one character missing", "one character too many"];

/** Hubs whose code is one slip away (a look-alike letter, a swap, a typo), most likely first. */
function nearCodes(index: LookupIndex, token: string): { hub: string; how: string }[] {
  const lower = token.toLowerCase().replace(/^0x/, "");
  const isAadsts = /^aadsts/.test(lower);
  const body = isAadsts ? lower.slice(6) : lower;
  // [1] look-alike letters: caa5oo2l → caa50021
  const fixed = body.replace(/[lioszLIOSZ]/g, (c, offset: number) => (isHexLetterPosition(body, offset) ? c : CONFUSABLE[c.toLowerCase()]!));
  if (!isAadsts && !(/^[0-9a-z]{7,9}$/.test(fixed) && (fixed.match(/\d/g)?.length ?? 0) >= 4)) return [];
  if (isAadsts && !/^[0-9a-z]{4,7}$/.test(fixed)) return [];
  if (fixed !== body) {
    const key = isAadsts ? (/^\d+$/.test(fixed) ? `aadsts:${Number(fixed)}` : undefined) : parseCode(fixed);
    const hub = key ? index.codes.get(key) : undefined;
    if (hub) return [{ hub, how: SLIPS[0]! }];
  }
  // [2] one edit or one swap away from a known code
  const found: { hub: string; how: string }[] = [];
  for (const [key, hub] of index.codes) {
    const [kind, value] = key.split(":") as [string, string];
    if ((kind === "aadsts") !== isAadsts) continue;
    const how = oneOff(fixed, value);
    if (how && !found.some((f) => f.hub === hub)) found.push({ hub, how });
  }
  return found.sort((a, b) => SLIPS.indexOf(a.how) - SLIPS.indexOf(b.how)).slice(0, 5);
}

/** Letters a–f stay letters where the code has a letter run (the `caa` of caa50021). */
function isHexLetterPosition(body: string, offset: number): boolean {
  return offset < 3 && /^[a-f]{2}/i.test(body);
}

/** "two characters swapped", "one character different", "one character missing/extra", or undefined. */
function oneOff(a: string, b: string): string | undefined {
  if (a === b) return undefined;
  if (a.length === b.length) {
    const diff: number[] = [];
    for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) diff.push(i);
    if (diff.length === 1) return "one character different";
    if (diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!]) return "two characters swapped";
    return undefined;
  }
  const [short, long] = a.length < b.length ? [a, b] : [b, a];
  if (long.length - short.length !== 1) return undefined;
  for (let i = 0; i < long.length; i++) {
    if (long.slice(0, i) + long.slice(i + 1) === short) return a.length < b.length ? "one character missing" : "one character too many";
  }
  return undefined;
}

/** Control characters (from binary pastes) become spaces. */
function stripControls(text: string): string {
  let out = "";
  for (const ch of text) out += ch.charCodeAt(0) < 32 || ch === "\u007f" ? " " : ch;
  return out;
}

function plain(parts: readonly string[]): string {
  return parts.join(" \n ").replace(/[`*_>#[\]]/g, " ");
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)];
}

/** Drops the searchable text from stored docs: the serialised index keeps only what results show. */
function stripDocs(docs: Map<string, LookupDoc>): Map<string, LookupDoc> {
  const out = new Map<string, LookupDoc>();
  for (const [id, d] of docs) {
    const { codes: _c, messages: _m, symptoms: _s, body: _b, ...rest } = d;
    out.set(id, rest);
  }
  return out;
}
