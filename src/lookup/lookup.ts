/**
 * Code-aware lookup shared by the CLI and the site's search box: a lookup that knows what it does
 * not know. Every result says how it matched (`match`):
 * - `exact`: a code in the query, in any written form (hex with or without `0x`, spaces or dashes
 *   inside, unsigned and signed decimal, AADSTS with or without the prefix), has this page;
 * - `near`: a code one slip away (`l` for `1`, `O` for `0`, a swapped pair, a typo) has it;
 * - `text`: words of the query are in the page (full text by MiniSearch, typos tolerated).
 * Exact results come first, in the order their codes appear in the query (a pasted dialog with
 * two codes gets both), then near ones, then text. A code in the query with no page is reported
 * in `missing` (with its family when its shape says one) and never turned into a confident
 * answer: its near matches are marked near, and the code is kept out of the text search.
 * Text matches must cover at least half of the query's words (stop words left out); a query of
 * unknown words finds nothing. When the query names an app, that app's scenario ranks first.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import type { App } from "../model/facts.ts";
import { codeForms, codeValue, parseCode, type CodeKey } from "../model/codes.ts";
import { listPages, type KnowledgeBase, type PageInfo, type PageKind } from "../model/kb.ts";
import { codeFamily, type CodeFamily } from "./families.ts";
import { isStopWord } from "./words.ts";

/** A page as the index holds it: what a result shows, plus text to search. */
export interface LookupDoc extends PageInfo {
  /** Searchable text fields (not kept in the serialised index). */
  codes?: string;
  messages?: string;
  symptoms?: string;
  body?: string;
}

/** How a result matched: a code with a page, a code one slip away, or words of the query. */
export type MatchKind = "exact" | "near" | "text";

export interface LookupResult {
  id: string;
  title: string;
  url: string;
  kind: PageKind;
  /** The page's code (its hub id, `caa50021`). */
  code: string;
  /** 100 and up for exact code matches, about 60 for near ones, at most 90 for text (40 beside a code). */
  score: number;
  match: MatchKind;
  /** Why it matched, in words: "code 0xCAA50021", "near match for caa5002l: …", "words: grey, cloud". */
  why: string[];
  /** `match === "near"` (the first version's flag, kept for its callers). */
  near: boolean;
}

/** A code found in the query. */
export interface QueryCode {
  /** As written in the query: `caa 50021`, `3399811105`. */
  written: string;
  /** As Fixpath shows it: `0xCAA50021`, `AADSTS50126`. */
  code: string;
  key: CodeKey;
  /** The hub id of its page; undefined when there is no page for it. */
  page?: string;
  /** What its shape says, when we know (only for codes without a page). */
  family?: CodeFamily;
}

/** Everything a lookup found out. */
export interface LookupAnswer {
  results: LookupResult[];
  /** Every code in the query, in the order it appears, with a page or not. */
  codes: QueryCode[];
  /** The codes of `codes` that have no page: say "no page for …", never a confident answer. */
  missing: QueryCode[];
}

export interface LookupIndex {
  docs: ReadonlyMap<string, LookupDoc>;
  /** Hub id → its pages' ids, hub first. */
  byCode: ReadonlyMap<string, readonly string[]>;
  text: MiniSearch<LookupDoc>;
  /** Code key → hub id. */
  codes: ReadonlyMap<CodeKey, string>;
}

const SEARCH_FIELDS = ["title", "codes", "messages", "symptoms", "body"] as const;
const STORE_FIELDS = ["id", "kind", "code", "app", "title", "url"] as const;
/** MiniSearch's own word splitting (spaces and punctuation), used for the index and the query alike. */
const WORD_SPLIT = /[\n\r\p{Z}\p{P}]+/u;
const tokenize = (text: string): string[] => text.split(WORD_SPLIT).filter(Boolean);
/** Lower case, and no stop words: they are neither indexed nor searched. */
const processTerm = (term: string): string | null => {
  const t = term.toLowerCase();
  return isStopWord(t) ? null : t;
};
/** Typos tolerated only in longer words ("ist" must not find "list"); prefixes from four letters. */
const fuzzy = (term: string): number | false => (term.length >= 9 ? 2 : term.length >= 5 ? 1 : false);
const prefix = (term: string): boolean => term.length >= 4;
const MINI_OPTIONS = {
  idField: "id",
  fields: [...SEARCH_FIELDS],
  storeFields: [...STORE_FIELDS],
  tokenize,
  processTerm,
  searchOptions: { boost: { title: 3, codes: 3, messages: 2, symptoms: 1.5 }, fuzzy, prefix },
};

/** The least share of the query's words a text match must cover (an exact word 1, a prefix 0.8, a typo 0.6). */
export const MIN_TEXT_QUALITY = 0.5;

const APP_WORDS: readonly [RegExp, App][] = [
  [/\bone\s?drive\b/i, "onedrive"],
  [/\boutlook\b/i, "outlook"],
  [/\bteams\b/i, "teams"],
  [/\b(?:office|word|excel|powerpoint|activation|activate|activating|microsoft 365 apps)\b/i, "office"],
];

const MAX_QUERY = 500;

/** Builds the lookup index from the knowledge base; pure. */
export function buildLookupIndex(kb: KnowledgeBase): LookupIndex {
  const known = builtIndexes.get(kb);
  if (known) return known;
  const index = indexPages(kb);
  builtIndexes.set(kb, index);
  return index;
}

/** Indexes already built, by knowledge base (a knowledge base is never changed once loaded). */
const builtIndexes = new WeakMap<KnowledgeBase, LookupIndex>();

/**
 * Records `index` as the index of `kb` (what `buildLookupIndex(kb)` returns from now on): the
 * compiled CLI reads the one its content snapshot carries (`loadLookupIndex`) instead of building it.
 */
export function rememberLookupIndex(kb: KnowledgeBase, index: LookupIndex): void {
  builtIndexes.set(kb, index);
}

function indexPages(kb: KnowledgeBase): LookupIndex {
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
  const stripped = stripDocs(docs);
  return { docs: stripped, byCode: pagesByCode(stripped), text, codes: new Map(kb.codeIndex) };
}

/** The index as JSON for the browser: MiniSearch's own form plus the code table. */
export function serializeLookupIndex(index: LookupIndex): string {
  return JSON.stringify({ v: 1, text: index.text.toJSON(), docs: [...index.docs.values()], codes: [...index.codes] });
}

/** Reads what `serializeLookupIndex` wrote. */
export function loadLookupIndex(json: string): LookupIndex {
  const data = JSON.parse(json) as { v: number; text: unknown; docs: LookupDoc[]; codes: [CodeKey, string][] };
  const text = MiniSearch.loadJS<LookupDoc>(data.text as Parameters<typeof MiniSearch.loadJS>[0], MINI_OPTIONS);
  const docs = new Map(data.docs.map((d) => [d.id, d]));
  return { text, docs, byCode: pagesByCode(docs), codes: new Map(data.codes) };
}

/** Ranked pages for a query (`lookupAnswer(…).results`): a code in any form, a message, symptoms, an app name. */
export function lookup(index: LookupIndex, rawQuery: string, options: { limit?: number } = {}): LookupResult[] {
  return lookupAnswer(index, rawQuery, options).results;
}

/** Where a result sorts: its match kind, then (for codes) primary page first, then the code's place in the query. */
interface Rank {
  tier: number;
  group: number;
  order: number;
}

/** What a lookup found: ranked pages, every code in the query, and the codes without a page. */
export function lookupAnswer(index: LookupIndex, rawQuery: string, options: { limit?: number } = {}): LookupAnswer {
  const limit = options.limit ?? 10;
  // NFKC: full-width letters and digits (from an East Asian keyboard) become the ASCII ones.
  const query = stripControls(rawQuery.normalize("NFKC")).trim().slice(0, MAX_QUERY);
  if (!query) return { results: [], codes: [], missing: [] };
  const app = detectApp(query);
  const results = new Map<string, LookupResult & Rank>();
  const add = (id: string, match: MatchKind, score: number, why: string, rank: Omit<Rank, "tier">) => {
    const doc = index.docs.get(id);
    if (!doc) return;
    const tier = TIERS.indexOf(match);
    const prev = results.get(id);
    if (!prev) {
      results.set(id, { id, title: doc.title, url: doc.url, kind: doc.kind, code: doc.code, score, match, why: [why], near: match === "near", tier, ...rank });
      return;
    }
    if (!prev.why.includes(why)) prev.why.push(why);
    if (tier < prev.tier || (tier === prev.tier && (rank.group < prev.group || (rank.group === prev.group && rank.order < prev.order)))) {
      Object.assign(prev, { match, near: match === "near", tier, ...rank });
      prev.why = [why, ...prev.why.filter((w) => w !== why)];
    }
    prev.score = Math.max(prev.score, score);
  };
  /** A hub's pages: the app's scenario (when the query names an app) or the hub first, then the rest. */
  const addCode = (hub: string, match: "exact" | "near", base: number, why: string, order: number) => {
    const inApp = app ? index.docs.get(`${hub}/${app}`) : undefined;
    if (inApp) add(inApp.id, match, base + 10, `${why}, in ${app}`, { group: 0, order });
    add(hub, match, base, why, { group: inApp ? 1 : 0, order });
    if (match === "near") return;
    for (const id of index.byCode.get(hub) ?? []) if (id !== hub && id !== inApp?.id) add(id, match, base - 10, why, { group: 1, order });
  };

  const found = findCodes(index, query);
  const codes = found.codes.map((c) => (c.page ? c : { ...c, family: codeFamily(c.key) }));
  for (const [order, c] of codes.entries()) if (c.page) addCode(c.page, "exact", 100, `code ${c.written}`, order);
  for (const [rank, near] of found.near.entries()) addCode(near.hub, "near", 60 - rank, `near match for ${near.written}: ${near.how}`, rank);

  // After a code, an app name alone has done its job (it ranked the scenario).
  const rest = found.rest;
  const textQuery = found.codes.length || found.near.length ? (APP_WORDS.some(([re]) => re.test(rest)) && rest.split(/\s+/).length <= 2 ? "" : rest) : query;
  const words = unique(tokenize(textQuery).map((w) => processTerm(w)).filter((w): w is string => w !== null));
  if (words.length) {
    const boostDocument = (_id: unknown, _term: string, stored?: Partial<LookupDoc>) => (app && stored?.app === app ? 1.6 : 1);
    // One OR search; pages holding every word come first (what an AND search would give), then
    // the rest by score, each covering at least MIN_TEXT_QUALITY of the words.
    const hits = index.text
      .search(words.join(" "), { combineWith: "OR", boostDocument })
      .map((r) => ({ r, quality: textQuality(r, words), all: r.queryTerms.length === words.length }))
      .filter((x) => x.quality >= MIN_TEXT_QUALITY)
      .sort((a, b) => Number(b.all) - Number(a.all) || b.r.score - a.r.score);
    const top = hits[0]?.r.score ?? 1;
    const withCode = found.codes.length > 0 || found.near.length > 0;
    // Text comes after every code result, in this order: more than `limit` of them is never shown.
    const room = limit + results.size;
    for (const [order, { r }] of hits.slice(0, room).entries()) {
      // Text scores are scaled below code matches when the query holds a code, and to 0–90 otherwise.
      const scaled = (r.score / top) * (withCode ? 40 : 90);
      add(String(r.id), "text", Math.round(scaled * 10) / 10, `words: ${words.filter((w) => r.queryTerms.includes(w)).slice(0, 4).join(", ")}`, { group: 0, order });
    }
  } else if (app && !found.codes.length && !found.near.length) {
    for (const doc of index.docs.values()) if (doc.app === app) add(doc.id, "text", 50, `app ${app}`, { group: 0, order: 0 });
  }

  const ranked = [...results.values()]
    .sort((a, b) => a.tier - b.tier || a.group - b.group || a.order - b.order || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit)
    .map(({ tier: _t, group: _g, order: _o, ...r }) => r);
  return { results: ranked, codes, missing: codes.filter((c) => !c.page) };
}

const TIERS: readonly MatchKind[] = ["exact", "near", "text"];

/** How much of the query's words a text hit covers: an exact word counts 1, a prefix 0.8, a typo 0.6. */
function textQuality(hit: SearchResult, words: readonly string[]): number {
  let sum = 0;
  for (const w of hit.queryTerms) {
    if (hit.terms.includes(w)) sum += 1;
    else if (hit.terms.some((t) => t.startsWith(w))) sum += 0.8;
    else sum += 0.6;
  }
  return sum / words.length;
}

/** The app a query names, if any. */
export function detectApp(query: string): App | undefined {
  for (const [re, app] of APP_WORDS) if (re.test(query)) return app;
  return undefined;
}

/** A code as Fixpath shows it: `0xCAA50021`, `AADSTS50126`. */
export function showCode(key: CodeKey): string {
  const value = codeValue(key);
  if (value === undefined) return `AADSTS${key.slice("aadsts:".length)}`;
  return `0x${value.toString(16).toUpperCase().padStart(8, "0")}`;
}

interface NearHit {
  hub: string;
  written: string;
  how: string;
}

/** Characters that separate words in a paste; dashes and underscores stay (`caa-50021`, `-895156191`). */
const TOKEN_SPLIT = /[^0-9A-Za-z_-]+/;

/**
 * A token the person meant as a code, and its key; undefined for words. Stricter than parseCode,
 * because a paste holds dates and numbers: eight hex digits without `0x` need a digit and the
 * failure bit (first digit 8–F: `80070520`, `CAA50021`, not the date `2026-01-02`), a decimal
 * needs the failure bit too (`3399811105`, `-895156191`), and a bare 5–6 digit number is an
 * AADSTS code only when we have its page.
 */
function codeKeyOf(index: LookupIndex, token: string): CodeKey | undefined {
  const t = token.replace(/^-+(?=\D)|-+$/g, "");
  if (/^aadsts[_-]?\d{4,7}$/i.test(t)) return parseCode(t.replace(/[_-]/g, ""));
  if (/^\d{5,6}$/.test(t)) {
    const key = `aadsts:${Number(t)}`;
    return index.codes.has(key) ? key : undefined;
  }
  if (/^0x[0-9a-f]{1,8}$/i.test(t)) return parseCode(t);
  const compact = t.replace(/[_-]/g, "");
  if (/^[89a-f][0-9a-f]{7}$/i.test(compact) && /\d/.test(compact) && /^[0-9a-f]+(?:[_-][0-9a-f]+)*$/i.test(t)) return parseCode(compact);
  if (/^-?\d{9,10}$/.test(t)) {
    const key = parseCode(t);
    const value = key === undefined ? undefined : codeValue(key);
    return value !== undefined && value >= 2 ** 31 ? key : undefined;
  }
  return undefined;
}

/** Finds codes in the query in order (single tokens and pairs such as `caa 50021`), and near matches. */
function findCodes(index: LookupIndex, query: string): { codes: QueryCode[]; near: NearHit[]; rest: string } {
  const tokens = query.split(TOKEN_SPLIT).filter(Boolean);
  const codes: QueryCode[] = [];
  const near: NearHit[] = [];
  const used = new Set<number>();
  const take = (key: CodeKey, written: string, ...at: number[]) => {
    at.forEach((i) => used.add(i));
    if (codes.some((c) => c.key === key)) return;
    const page = index.codes.get(key);
    codes.push({ written, code: showCode(key), key, ...(page ? { page } : {}) });
  };
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const one = tokens[i]!;
    const next = tokens[i + 1];
    // `caa 50021`, `AADSTS 50126`, `0x8004 de40`: a prefix and the rest of the code.
    if (next !== undefined && /^(?:caa|aadsts|0x[0-9a-f]{2,6})$/i.test(one)) {
      const key = codeKeyOf(index, one + next) ?? (/^aadsts$/i.test(one) && /^\d{4,7}$/.test(next) ? parseCode(one + next) : undefined);
      if (key && (index.codes.has(key) || !codeKeyOf(index, one))) {
        take(key, `${one} ${next}`, i, i + 1);
        continue;
      }
    }
    const key = codeKeyOf(index, one);
    if (key) {
      take(key, one, i);
      if (!index.codes.has(key)) for (const n of nearCodes(index, one)) if (!near.some((x) => x.hub === n.hub)) near.push({ ...n, written: one });
      continue;
    }
    const slips = nearCodes(index, one);
    if (slips.length) {
      used.add(i);
      for (const n of slips) if (!near.some((x) => x.hub === n.hub)) near.push({ ...n, written: one });
    }
  }
  // A hub found exactly is not also a near match of another token.
  const exact = new Set(codes.map((c) => c.page).filter(Boolean));
  const rest = tokens.filter((_, i) => !used.has(i)).join(" ");
  return { codes, near: near.filter((n) => !exact.has(n.hub)), rest };
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

/** Each hub's page ids, in the order of the docs. */
function pagesByCode(docs: ReadonlyMap<string, LookupDoc>): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const d of docs.values()) {
    const list = out.get(d.code);
    if (list) list.push(d.id);
    else out.set(d.code, [d.id]);
  }
  return out;
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
