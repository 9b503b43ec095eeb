/**
 * Code-aware lookup shared by the CLI and the site's search box: a lookup that answers only what
 * it knows. `lookupAnswer` returns an `answer` (what a person may be sent to) and the lists behind it:
 * - `page`: the query names a code we have a page for, in any written form (hex with or without
 *   `0x`, spaces or dashes inside, unsigned and signed decimal, AADSTS with or without the prefix:
 *   `exact`), or in a look-alike reading of the same code (`O` for `0`, `l` for `1`: `look-alike`),
 *   or holds a message or error tag that the content gives for one code (`message`);
 * - `no-page`: the query names a well-formed code (or an error tag) we have no page for: say so,
 *   with its family when its shape tells one; codes one slip away (a different digit, a swapped
 *   pair) are only `didYouMean`, never the answer, because a one-digit-different code is another error;
 * - `search`: no code, but pages hold the query's words (`text`): a list to choose from;
 * - `nothing`.
 * Messages and tags lead to codes only through the content (each hub's `messages`), so a new
 * message is a content change. Text matches must cover more than half of the query's words (stop
 * words left out), and digits are never matched by typo or prefix.
 */
import MiniSearch, { type SearchResult } from "minisearch";
import { APP_NAMES, type App } from "../model/facts.ts";
import { codeForms, codeValue, parseCode, type CodeKey } from "../model/codes.ts";
import { listPages, type KnowledgeBase, type PageInfo, type PageKind } from "../model/kb.ts";
import { plainText } from "../model/plain-text.ts";
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

/**
 * How a result matched: `exact` a code with this page, `look-alike` the same code with look-alike
 * letters (`caa5002l`), `message` a message or error tag the content gives for this code, `text`
 * words of the query.
 */
export type MatchKind = "exact" | "look-alike" | "message" | "text";

export interface LookupResult {
  id: string;
  title: string;
  url: string;
  kind: PageKind;
  /** The page's code (its hub id, `caa50021`). */
  code: string;
  match: MatchKind;
  /** Why it matched, in words: "code 0xCAA50021", "caa5002l read as 0xCAA50021", "words: grey, cloud". */
  why: string[];
}

/** A page of another code, one slip away from a code with no page: "did you mean", never the answer. */
export interface Suggestion {
  id: string;
  title: string;
  url: string;
  /** The suggested page's code (hub id). */
  code: string;
  /** What was written: `CAA50024`. */
  written: string;
  /** The slip, in words: "one character different", "two characters swapped". */
  how: string;
}

/** A code (or an error tag) found in the query. */
export interface QueryCode {
  /** `code`: an error code; `tag`: an error tag such as `[4usqa]` or `[1001]`. */
  kind: "code" | "tag";
  /** As written in the query: `caa 50021`, `3399811105`, `caa5002l`, `[1001]`. */
  written: string;
  /** As Fixpath shows it: `0xCAA50021`, `AADSTS50126`, `[1001]`. */
  code: string;
  key: CodeKey;
  /** Set when the code was read through look-alike letters (`l` → `1`, `O` → `0`). */
  lookAlike?: boolean;
  /** The hub id of its page; undefined when there is no page for it. */
  page?: string;
  /** What its shape says, when we know (only for codes without a page). */
  family?: CodeFamily;
}

/**
 * What a person may be sent to. `page`: open `result` (site Enter, CLI exit 0); `no-page`: say
 * "no page for `code` yet" with its family, list `didYouMean` below, and count it as a miss;
 * `search`: a list of pages holding the words, none of them an answer; `nothing`.
 */
export type LookupVerdict =
  | { kind: "page"; match: Exclude<MatchKind, "text">; result: LookupResult }
  | { kind: "no-page"; code: QueryCode }
  | { kind: "search" }
  | { kind: "nothing" };

/** Everything a lookup found out. */
export interface LookupAnswer {
  answer: LookupVerdict;
  /** Pages, best first: exact, look-alike, message, then text. Never a page of a different code. */
  results: LookupResult[];
  /** Every code and tag in the query, in the order it appears, with a page or not. */
  codes: QueryCode[];
  /** The codes of `codes` that have no page: say "no page for …", never a confident answer. */
  missing: QueryCode[];
  /** Pages of codes one slip away from a code in the query that has no page (or is not a code). */
  didYouMean: Suggestion[];
}

/** A message the content gives for a code, as the index keeps it for matching. */
export interface IndexedMessage {
  /** The hub id. */
  code: string;
  /** The page to open: the scenario when the message belongs to one app with a page, else the hub. */
  page: string;
  /** The message's words, lower case. */
  words: string[];
  /** Error tags in the message (`4usqa` of "Something went wrong. [4usqa]"). */
  tags: string[];
}

export interface LookupIndex {
  docs: ReadonlyMap<string, LookupDoc>;
  /** Hub id → its pages' ids, hub first. */
  byCode: ReadonlyMap<string, readonly string[]>;
  text: MiniSearch<LookupDoc>;
  /** Code key → hub id. */
  codes: ReadonlyMap<CodeKey, string>;
  /** Every hub's messages. */
  messages: readonly IndexedMessage[];
}

/**
 * What a lookup reads, one question at a time. The whole index answers every question at once
 * (`lookupData`); the split index the site ships (split.ts) answers from the parts it has loaded
 * and asks for the others. Lists are returned in the whole index's order (candidates may be a
 * superset: the lookup checks each one), so both give the same answers.
 */
export interface LookupData {
  /** The hub of a code key, or undefined when it has no page. */
  hubOf(key: CodeKey): string | undefined;
  /** A page by id. */
  doc(id: string): LookupDoc | undefined;
  /** A hub's page ids, hub first. */
  pagesOf(hub: string): readonly string[] | undefined;
  /** The page of the first message that holds an error tag (lower case), or undefined when no message does. */
  tagPage(tag: string): string | undefined;
  /**
   * Messages that may match: every message whose words could all be in `queryWords` (its first
   * word is one of them), and with `covering` every message, in the content's order.
   */
  messageCandidates(queryWords: readonly string[], covering: boolean): readonly IndexedMessage[];
  /** Codes of one kind (AADSTS or not) that may be one slip from `written`, in the code table's order. */
  nearCandidates(isAadsts: boolean, written: string): readonly (readonly [CodeKey, string])[];
  /** The word index. */
  text(): MiniSearch<LookupDoc>;
  /** Every page of an app, in page order. */
  docsOfApp(app: App): readonly LookupDoc[];
}

/** The whole index as `LookupData` (made once per index). */
export function lookupData(index: LookupIndex): LookupData {
  const known = wholeData.get(index);
  if (known) return known;
  const tags = new Map<string, string>();
  for (const m of index.messages) for (const t of m.tags) if (!tags.has(t)) tags.set(t, m.page);
  const codes = { aadsts: [] as [CodeKey, string][], other: [] as [CodeKey, string][] };
  for (const entry of index.codes) (entry[0].startsWith("aadsts:") ? codes.aadsts : codes.other).push(entry);
  const data: LookupData = {
    hubOf: (key) => index.codes.get(key),
    doc: (id) => index.docs.get(id),
    pagesOf: (hub) => index.byCode.get(hub),
    tagPage: (tag) => tags.get(tag),
    messageCandidates: () => index.messages,
    nearCandidates: (isAadsts) => (isAadsts ? codes.aadsts : codes.other),
    text: () => index.text,
    docsOfApp: (app) => [...index.docs.values()].filter((d) => d.app === app),
  };
  wholeData.set(index, data);
  return data;
}

const wholeData = new WeakMap<LookupIndex, LookupData>();

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
/**
 * Typos tolerated only in longer words ("ist" must not find "list"); prefixes from four letters.
 * Never in a term with a digit: `50058` must not find `50053`, a different error.
 */
const fuzzy = (term: string): number | false => (/\d/.test(term) ? false : term.length >= 9 ? 2 : term.length >= 5 ? 1 : false);
const prefix = (term: string): boolean => term.length >= 4 && !/\d/.test(term);
const MINI_OPTIONS = {
  idField: "id",
  fields: [...SEARCH_FIELDS],
  storeFields: [...STORE_FIELDS],
  tokenize,
  processTerm,
  searchOptions: { boost: { title: 3, codes: 3, messages: 2, symptoms: 1.5 }, fuzzy, prefix },
};

/** A text match must cover more than this share of the query's words (an exact word 1, a prefix 0.8, a typo 0.6). */
export const MIN_TEXT_QUALITY = 0.5;

const APP_WORDS: readonly [RegExp, App][] = [
  [/\bone\s?drive\b/i, "onedrive"],
  [/\boutlook\b/i, "outlook"],
  [/\bteams\b/i, "teams"],
  [/\b(?:office|word|excel|powerpoint|activation|activate|activating|microsoft 365 apps)\b/i, "office"],
];

/** Codes, tags and messages are looked for in this much of a paste (a whole dialog, with its details). */
const MAX_PASTE = 20_000;
/** Words are searched in this much of what is left once codes are taken out. */
const MAX_QUERY = 500;

/** The words of a message or query for message matching: lower case, letters and digits only. */
function messageWords(text: string): string[] {
  return text
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[’‘`]/g, "'")
    .split(/[^\p{L}\p{N}']+/u)
    .map((w) => w.replace(/^'+|'+$/g, ""))
    .filter(Boolean);
}

/** Error tags in a text: five or four letters and digits in square brackets (`[4usqa]`, `[1001]`). */
const TAG_IN_BRACKETS = /\[([0-9a-z]{4,6})\]/gi;

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
  const messages: IndexedMessage[] = [];
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
      for (const m of hub.messages) {
        const only = m.apps.length === 1 ? `${hub.id}/${m.apps[0]}` : undefined;
        const tags = [...m.text.matchAll(TAG_IN_BRACKETS)].map((t) => t[1]!.toLowerCase());
        messages.push({ code: hub.id, page: only && kb.scenarios.has(only) ? only : hub.id, words: messageWords(m.text), tags });
      }
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
  return { docs: stripped, byCode: pagesByCode(stripped), text, codes: new Map(kb.codeIndex), messages };
}

/** The index as JSON for the browser: MiniSearch's own form plus the code table and the messages. */
export function serializeLookupIndex(index: LookupIndex): string {
  return JSON.stringify({ v: 2, text: index.text.toJSON(), docs: [...index.docs.values()], codes: [...index.codes], messages: index.messages });
}

/** MiniSearch read back from its JSON with the lookup's options. */
export function loadTextIndex(json: unknown): MiniSearch<LookupDoc> {
  return MiniSearch.loadJS<LookupDoc>(json as Parameters<typeof MiniSearch.loadJS>[0], MINI_OPTIONS);
}

/** Reads what `serializeLookupIndex` wrote. */
export function loadLookupIndex(json: string): LookupIndex {
  const data = JSON.parse(json) as { v: number; text: unknown; docs: LookupDoc[]; codes: [CodeKey, string][]; messages?: IndexedMessage[] };
  const text = loadTextIndex(data.text);
  const docs = new Map(data.docs.map((d) => [d.id, d]));
  return { text, docs, byCode: pagesByCode(docs), codes: new Map(data.codes), messages: data.messages ?? [] };
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
  score: number;
}

const TIERS: readonly MatchKind[] = ["exact", "look-alike", "message", "text"];
const EMPTY: LookupAnswer = { answer: { kind: "nothing" }, results: [], codes: [], missing: [], didYouMean: [] };

/** What a lookup found: the answer, ranked pages, every code in the query, and the codes without a page. */
export function lookupAnswer(index: LookupIndex, rawQuery: string, options: { limit?: number } = {}): LookupAnswer {
  return lookupAnswerFrom(lookupData(index), rawQuery, options);
}

/** `lookupAnswer` over any `LookupData` (the whole index, or the parts of a split one). */
export function lookupAnswerFrom(index: LookupData, rawQuery: string, options: { limit?: number } = {}): LookupAnswer {
  const limit = options.limit ?? 10;
  // NFKC: full-width letters and digits (from an East Asian keyboard) become the ASCII ones.
  const query = stripControls(rawQuery.slice(0, MAX_PASTE).normalize("NFKC")).trim();
  if (!query) return EMPTY;
  const app = detectApp(query);
  const results = new Map<string, LookupResult & Rank>();
  const add = (id: string, match: MatchKind, why: string, rank: Omit<Rank, "tier">) => {
    const doc = index.doc(id);
    if (!doc) return;
    const tier = TIERS.indexOf(match);
    const prev = results.get(id);
    if (!prev) {
      results.set(id, { id, title: doc.title, url: doc.url, kind: doc.kind, code: doc.code, match, why: [why], tier, ...rank });
      return;
    }
    if (!prev.why.includes(why)) prev.why.push(why);
    if (tier < prev.tier || (tier === prev.tier && (rank.group < prev.group || (rank.group === prev.group && rank.order < prev.order)))) {
      Object.assign(prev, { match, tier, group: rank.group, order: rank.order });
      prev.why = [why, ...prev.why.filter((w) => w !== why)];
    }
    prev.score = Math.max(prev.score, rank.score);
  };
  /** A hub's pages: the app's scenario (when the query names an app) or the hub first, then the rest. */
  const addCode = (hub: string, match: "exact" | "look-alike", why: string, order: number) => {
    const inApp = app ? index.doc(`${hub}/${app}`) : undefined;
    if (inApp) add(inApp.id, match, `${why}, in ${APP_NAMES[app!]}`, { group: 0, order, score: 110 });
    add(hub, match, why, { group: inApp ? 1 : 0, order, score: 100 });
    for (const id of index.pagesOf(hub) ?? []) if (id !== hub && id !== inApp?.id) add(id, match, why, { group: 1, order, score: 90 });
  };

  const found = findCodes(index, query);
  const codes = found.codes.map((c) => (c.page ? c : { ...c, family: codeFamily(c.key) }));
  for (const [order, c] of codes.entries()) {
    if (!c.page) continue;
    if (c.kind === "tag") add(c.page, "message", `error tag ${c.code}`, { group: 0, order, score: 80 });
    else addCode(c.page, c.lookAlike ? "look-alike" : "exact", c.lookAlike ? `${c.written} read as ${c.code}` : `code ${c.written}`, order);
  }
  const missing = codes.filter((c) => !c.page);
  const withPage = codes.some((c) => c.page);

  // Messages the content gives for a code: the whole message in the paste, or the query's words all in one message.
  const queryWords = messageWords(query);
  const hits = matchMessages(index, queryWords);
  for (const [order, m] of hits.entries()) add(m.page, "message", `message: "${m.preview}"`, { group: 1, order, score: 70 });

  // Text search: the words left once codes are taken out; none when a code in the query has no page
  // and none has one (its digits and neighbours must not become an answer).
  const rest = found.rest.slice(0, MAX_QUERY);
  const restIsApp = APP_WORDS.some(([re]) => re.test(rest)) && rest.split(/\s+/).length <= 2;
  const textQuery = missing.length && !withPage ? "" : codes.length ? (restIsApp ? "" : rest) : found.hadNear && restIsApp ? "" : rest;
  const words = unique(tokenize(textQuery).map((w) => processTerm(w)).filter((w): w is string => w !== null));
  if (words.length) {
    const boostDocument = (id: unknown) => (app && index.doc(String(id))?.app === app ? 1.6 : 1);
    // One OR search; pages holding every word come first (what an AND search would give), then
    // the rest by score, each covering more than MIN_TEXT_QUALITY of the words.
    const textHits = index
      .text()
      .search(words.join(" "), { combineWith: "OR", boostDocument })
      .map((r) => ({ r, quality: textQuality(r, words), all: r.queryTerms.length === words.length }))
      .filter((x) => x.quality > MIN_TEXT_QUALITY);
    // Text comes after every code result, in this order: more than `limit` of them is never shown.
    const room = limit + results.size;
    for (const [order, { r }] of firstSorted(textHits, room, (a, b) => Number(b.all) - Number(a.all) || b.r.score - a.r.score).entries()) {
      add(String(r.id), "text", `words: ${words.filter((w) => r.queryTerms.includes(w)).slice(0, 4).join(", ")}`, { group: 0, order, score: r.score });
    }
  } else if (app && !codes.length && !found.hadNear && !hits.length) {
    for (const doc of index.docsOfApp(app)) add(doc.id, "text", `app ${APP_NAMES[app]}`, { group: 0, order: 0, score: 0 });
  }

  const ranked = [...results.values()]
    .sort((a, b) => a.tier - b.tier || a.group - b.group || a.order - b.order || b.score - a.score || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0))
    .slice(0, limit)
    .map(({ tier: _t, group: _g, order: _o, score: _s, ...r }) => r);
  const shownCodes = new Set(ranked.filter((r) => r.match !== "text").map((r) => r.code));
  const didYouMean = found.near
    .filter((n) => !shownCodes.has(n.hub))
    .slice(0, 5)
    .map((n): Suggestion => {
      const doc = index.doc(n.hub)!;
      return { id: doc.id, title: doc.title, url: doc.url, code: doc.code, written: n.written, how: n.how };
    });
  return { answer: verdict(ranked, missing, hits), results: ranked, codes, missing, didYouMean };
}

/** The answer: a code's page, "no page yet", a list of word matches, or nothing. */
function verdict(results: readonly LookupResult[], missing: readonly QueryCode[], messages: readonly MessageHit[]): LookupVerdict {
  const first = results[0];
  if (first && (first.match === "exact" || first.match === "look-alike")) return { kind: "page", match: first.match, result: first };
  if (missing[0]) return { kind: "no-page", code: missing[0] };
  // A message (or tag) is an answer only when everything it matched belongs to one code.
  if (first?.match === "message") {
    const codesMatched = new Set(results.filter((r) => r.match === "message").map((r) => r.code));
    if (codesMatched.size === 1 && new Set(messages.map((m) => m.code)).size <= 1) return { kind: "page", match: "message", result: first };
    return { kind: "search" };
  }
  return first ? { kind: "search" } : { kind: "nothing" };
}

interface MessageHit {
  code: string;
  page: string;
  preview: string;
}

/**
 * Messages matched by the query: the whole message (two words or more) inside the query, or every
 * word of the query (three or more that are not stop words, no other words) inside one message.
 */
function matchMessages(index: LookupData, queryWords: readonly string[]): MessageHit[] {
  const content = queryWords.filter((w) => !isStopWord(w.replace(/'.*$/, "")));
  const out: MessageHit[] = [];
  const pages = new Set<string>();
  for (const m of index.messageCandidates(queryWords, content.length >= 3)) {
    const contained = m.words.length >= 2 && containsRun(queryWords, m.words);
    const covered = content.length >= 3 && content.every((w) => m.words.includes(w));
    if (!contained && !covered) continue;
    if (pages.has(m.page)) continue;
    pages.add(m.page);
    const preview = m.words.slice(0, 6).join(" ") + (m.words.length > 6 ? " …" : "");
    out.push({ code: m.code, page: m.page, preview });
  }
  return out;
}

/**
 * The first `count` items of `items` sorted by `compare` (a stable sort: equal items keep their
 * order), without sorting them all: a word found in thousands of pages needs only the first few.
 */
function firstSorted<T>(items: readonly T[], count: number, compare: (a: T, b: T) => number): T[] {
  const best: T[] = [];
  if (count <= 0) return best;
  for (const x of items) {
    if (best.length === count && compare(x, best[count - 1]!) >= 0) continue;
    // After every item that sorts before it or equal to it (stability).
    let at = best.length;
    while (at > 0 && compare(x, best[at - 1]!) < 0) at--;
    best.splice(at, 0, x);
    if (best.length > count) best.pop();
  }
  return best;
}

/** Whether `run` appears in `words` as consecutive words. */
function containsRun(words: readonly string[], run: readonly string[]): boolean {
  outer: for (let i = 0; i + run.length <= words.length; i++) {
    for (let j = 0; j < run.length; j++) if (words[i + j] !== run[j]) continue outer;
    return true;
  }
  return false;
}

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

/** A code as Fixpath shows it: `0xCAA50021`, `AADSTS50126`, `[1001]` for an error tag. */
export function showCode(key: CodeKey): string {
  if (key.startsWith("tag:")) return `[${key.slice(4)}]`;
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
function codeKeyOf(index: LookupData, token: string): CodeKey | undefined {
  const t = token.replace(/^-+(?=\D)|-+$/g, "");
  if (/^aadsts[_-]?\d{4,7}$/i.test(t)) return parseCode(t.replace(/[_-]/g, ""));
  if (/^\d{5,6}$/.test(t)) {
    const key = `aadsts:${Number(t)}`;
    return index.hubOf(key) !== undefined ? key : undefined;
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

const CONFUSABLE: Record<string, string> = { l: "1", i: "1", o: "0", s: "5", z: "2" };

/**
 * The same token with look-alike letters read as digits (`caa5002l` → `caa50021`, `CAA5OO21` →
 * `CAA50021`), or undefined when it has none or too few digits to be a code typed by hand.
 */
function lookAlikeReading(token: string): string | undefined {
  if ((token.match(/\d/g)?.length ?? 0) < 3) return undefined;
  const lower = token.toLowerCase();
  const m = /^(0x|aadsts)?(.*)$/.exec(lower)!;
  const head = m[1] ?? "";
  const body = m[2]!;
  const fixed = body.replace(/[liosz]/g, (c, offset: number) => (isHexLetterPosition(body, offset) ? c : CONFUSABLE[c]!));
  return fixed === body ? undefined : head + fixed;
}

/** Words that introduce an error tag: "tag 58tm1", "error tag: 4usqa". */
const TAG_WORD = /^tag$/i;
/** A bare tag: four to six letters and digits with at least one digit (`4usqa`, `58tm1`, `1001`). */
const BARE_TAG = /^(?=[0-9a-z]*\d)[0-9a-z]{4,6}$/i;

/** Finds codes and tags in the query in order (single tokens and pairs such as `caa 50021`), and codes one slip away. */
function findCodes(index: LookupData, query: string): { codes: QueryCode[]; near: NearHit[]; rest: string; hadNear: boolean } {
  const tokens = query.split(TOKEN_SPLIT).filter(Boolean);
  const codes: QueryCode[] = [];
  const near: NearHit[] = [];
  const used = new Set<number>();
  let hadNear = false;
  const take = (key: CodeKey, written: string, lookAlike: boolean, ...at: number[]) => {
    at.forEach((i) => used.add(i));
    if (codes.some((c) => c.key === key)) return;
    const page = index.hubOf(key);
    codes.push({ kind: "code", written, code: showCode(key), key, ...(lookAlike ? { lookAlike } : {}), ...(page ? { page } : {}) });
    if (!page) for (const n of nearCodes(index, key)) if (!near.some((x) => x.hub === n.hub)) near.push({ ...n, written });
  };
  const takeTag = (tag: string, written: string, ...at: number[]) => {
    at.forEach((i) => used.add(i));
    const key = `tag:${tag.toLowerCase()}`;
    if (codes.some((c) => c.key === key)) return;
    const page = index.tagPage(tag.toLowerCase());
    codes.push({ kind: "tag", written, code: showCode(key), key, ...(page ? { page } : {}) });
  };
  // Error tags: in square brackets, after the word "tag", one the content knows, or a bare one in
  // "Something went wrong 1001" (the dialog that shows tags).
  const bracketed = new Set([...query.matchAll(TAG_IN_BRACKETS)].map((t) => t[1]!.toLowerCase()));
  const wentWrong = /\bsomething\s+went\s+wrong\b/i.test(query);
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue;
    const one = tokens[i]!;
    const next = tokens[i + 1];
    // `caa 50021`, `AADSTS 50126`, `0x8004 de40`, `CAA 5002l`: a prefix and the rest of the code.
    if (next !== undefined && /^(?:caa|aadsts|0x[0-9a-f]{2,6})$/i.test(one)) {
      const joined = one + next;
      const direct = codeKeyOf(index, joined) ?? (/^aadsts$/i.test(one) && /^\d{4,7}$/.test(next) ? parseCode(joined) : undefined);
      const readAs = direct ? undefined : lookAlikeReading(joined);
      const key = direct ?? (readAs ? codeKeyOf(index, readAs) : undefined);
      if (key && (index.hubOf(key) !== undefined || !codeKeyOf(index, one))) {
        take(key, `${one} ${next}`, !direct, i, i + 1);
        continue;
      }
    }
    const lower = one.toLowerCase();
    if (bracketed.has(lower) || index.tagPage(lower) !== undefined || (TAG_WORD.test(tokens[i - 1] ?? "") && BARE_TAG.test(one)) || (wentWrong && BARE_TAG.test(one) && !codeKeyOf(index, one))) {
      if (!codeKeyOf(index, one)) {
        takeTag(lower, one, i);
        continue;
      }
    }
    const key = codeKeyOf(index, one);
    if (key) {
      take(key, one, false, i);
      continue;
    }
    const readAs = lookAlikeReading(one);
    const readKey = readAs ? codeKeyOf(index, readAs) : undefined;
    if (readKey) {
      take(readKey, one, true, i);
      continue;
    }
    // Not a code even read generously: codes one slip away are suggestions only.
    const slips = nearToken(index, one);
    if (slips.length) {
      used.add(i);
      hadNear = true;
      for (const n of slips) if (!near.some((x) => x.hub === n.hub)) near.push({ ...n, written: one });
    }
  }
  // A hub found exactly is not also a suggestion for another token.
  const exact = new Set(codes.map((c) => c.page).filter(Boolean));
  const rest = tokens.filter((_, i) => !used.has(i)).join(" ");
  return { codes, near: near.filter((n) => !exact.has(n.hub)), rest, hadNear: hadNear || near.length > 0 };
}

/** How likely each kind of slip is, most likely first. */
const SLIPS = ["two characters swapped", "one character different", "one character missing", "one character too many"];

/** Hubs whose code is one slip (a swap, a typo) from a well-formed code with no page, most likely first. */
function nearCodes(index: LookupData, key: CodeKey): { hub: string; how: string }[] {
  if (key.startsWith("tag:")) return [];
  const [kind, value] = key.split(":") as [string, string];
  return nearValue(index, kind === "aadsts", value);
}

/** Hubs one slip from a token that is not a code even with look-alike letters read as digits. */
function nearToken(index: LookupData, token: string): { hub: string; how: string }[] {
  const lower = (lookAlikeReading(token) ?? token).toLowerCase().replace(/^0x/, "");
  const isAadsts = /^aadsts/.test(lower);
  const body = isAadsts ? lower.slice(6) : lower;
  if (!isAadsts && !(/^[0-9a-f]{7,9}$/.test(body) && (body.match(/\d/g)?.length ?? 0) >= 4)) return [];
  if (isAadsts && !/^\d{4,8}$/.test(body)) return [];
  return nearValue(index, isAadsts, isAadsts ? String(Number(body)) : body);
}

function nearValue(index: LookupData, isAadsts: boolean, written: string): { hub: string; how: string }[] {
  const found: { hub: string; how: string }[] = [];
  for (const [key, hub] of index.nearCandidates(isAadsts, written)) {
    const [kind, value] = key.split(":") as [string, string];
    if ((kind === "aadsts") !== isAadsts) continue;
    const how = oneOff(written, value);
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

/** Page text as search words: its Markdown as plain words, a link by its text (an address is no word of the page). */
function plain(parts: readonly string[]): string {
  return parts.map((p) => plainText(p, { links: "text" })).join(" \n ");
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
