/**
 * The lookup index split for the browser, so that the first search does not grow with the
 * catalogue. `splitLookupIndex` cuts the whole index into files:
 * - a manifest (`SplitManifest`): the build's version, the number of shards, the error tags and
 *   the first words of the messages (small, loaded on the first search);
 * - shards, each holding what some code keys, hubs, code neighbours and message first words need
 *   (a string's shard is its FNV-1a hash modulo the shard count): a code's hub, a hub's pages
 *   (kept with the hub's own code, so a code searched by its usual form costs one shard), the codes
 *   one deletion away from a written code (what "did you mean" compares: a typo, a swap, a missing
 *   or extra character all share one), and the messages by their first word;
 * - the word index (`words`): MiniSearch, every page and every message, loaded only when a query's
 *   words are searched.
 * `SplitLookup` answers a query from the parts it has loaded: `lookupAnswerFrom` runs over them,
 * and a question whose part is missing stops the run, the part is loaded, and the run starts
 * again; a run that completes read only loaded parts, each as the whole index holds it, so the
 * answer is the whole index's. Every file of a build carries its version: a part from another build
 * is refused (`StaleLookupIndex`), never mixed in. Pure: the caller passes the loader (fetch, a map).
 */
import { parseCode, type CodeKey } from "../model/codes.ts";
import type { App } from "../model/facts.ts";
import { loadTextIndex, lookupAnswerFrom, type IndexedMessage, type LookupAnswer, type LookupData, type LookupDoc, type LookupIndex } from "./lookup.ts";

/** What the first search loads: enough to know which other files a query needs. */
export interface SplitManifest {
  v: 3;
  /** The build's version (a hash of every file): the folder of its files, and carried by each. */
  version: string;
  /** How many shards (a power of two); shard `i` is the file `<version>/<i>.json`. */
  shards: number;
  /** Error tag → the page of the first message holding it. */
  tags: [string, string][];
  /** The first words of messages of two words or more (a query without any needs no message shard). */
  firstWords: string[];
}

/** A shard as stored: plain objects, read into maps. */
interface ShardFile {
  version: string;
  /** Code key → hub id. */
  k: Record<string, string>;
  /** Hub id → its pages, hub first. */
  h: Record<string, LookupDoc[]>;
  /** `a:`/`x:` (AADSTS or not) + a code value or one with a character deleted → [order in the code table, key, hub]. */
  v: Record<string, [number, CodeKey, string][]>;
  /** A message's first word → [order among the messages, message]. */
  m: Record<string, [number, IndexedMessage][]>;
}

interface WordsFile {
  version: string;
  text: unknown;
  docs: LookupDoc[];
  messages: IndexedMessage[];
}

/** The split index: the manifest and every other file by its path under the index's folder (`<version>/<i>.json`, `<version>/words.json`). */
export interface SplitIndex {
  manifest: SplitManifest;
  files: Map<string, string>;
}

/** The path of shard `i` or of the word index, relative to the folder the manifest sits beside. */
export function splitFilePath(manifest: SplitManifest, part: number | "words"): string {
  return `${manifest.version}/${part}.json`;
}

/** Shards aim at this many bytes of JSON each (before gzip). */
const SHARD_BYTES = 6_000;

/** Cuts the whole index into a manifest, shards and the word index. Pure; the same index gives the same files. */
export function splitLookupIndex(index: LookupIndex, options: { shardBytes?: number } = {}): SplitIndex {
  const entries: { at: string; kind: "k" | "h" | "v" | "m"; key: string; value: unknown }[] = [];
  let order = 0;
  for (const [key, hub] of index.codes) {
    entries.push({ at: `k:${key}`, kind: "k", key, value: hub });
    const [kind, value] = splitKey(key);
    for (const variant of [value, ...deletions(value)]) {
      const at = `v:${kind}:${variant}`;
      entries.push({ at, kind: "v", key: at.slice(2), value: [order, key, hub] });
    }
    order++;
  }
  for (const [hub, ids] of index.byCode) {
    const docs = ids.map((id) => index.docs.get(id)!);
    for (const d of docs) if (hubOfPage(d.id) !== hub) throw new Error(`lookup split: page ${d.id} is not under its hub ${hub}`);
    entries.push({ at: hubAt(hub), kind: "h", key: hub, value: docs });
  }
  const tags = new Map<string, string>();
  const firstWords = new Set<string>();
  for (const [i, m] of index.messages.entries()) {
    for (const t of m.tags) if (!tags.has(t)) tags.set(t, m.page);
    if (m.words.length < 2) continue;
    firstWords.add(m.words[0]!);
    entries.push({ at: `m:${m.words[0]}`, kind: "m", key: m.words[0]!, value: [i, m] });
  }

  const bytes = entries.reduce((n, e) => n + e.at.length + JSON.stringify(e.value).length, 0);
  const shards = Math.max(1, 2 ** Math.ceil(Math.log2(Math.max(1, bytes / (options.shardBytes ?? SHARD_BYTES)))));
  const files: Omit<ShardFile, "version">[] = Array.from({ length: shards }, () => ({ k: {}, h: {}, v: {}, m: {} }));
  for (const e of entries) {
    const f = files[shardOf(e.at, shards)]!;
    if (e.kind === "k" || e.kind === "h") (f[e.kind] as Record<string, unknown>)[e.key] = e.value;
    else ((f[e.kind] as Record<string, unknown[]>)[e.key] ??= []).push(e.value);
  }
  // The word index keeps no stored fields (results show the pages' docs, which it carries once),
  // and its postings delta-encoded (encodePostings).
  const textJson = index.text.toJSON();
  const words = { text: { ...textJson, storedFields: {}, index: encodePostings(textJson.index) }, docs: [...index.docs.values()], messages: index.messages };
  const bodies = [...files.map((f) => JSON.stringify(f)), JSON.stringify(words)];
  const version = hashText(bodies.join("\n") + JSON.stringify([[...tags], [...firstWords]]));
  const manifest: SplitManifest = { v: 3, version, shards, tags: [...tags], firstWords: [...firstWords] };
  const out = new Map<string, string>();
  for (const [i, f] of files.entries()) out.set(splitFilePath(manifest, i), JSON.stringify({ version, ...f }));
  out.set(splitFilePath(manifest, "words"), JSON.stringify({ version, ...words }));
  return { manifest, files: out };
}

/** A part of the split index was built for another version than the manifest in use: load a fresh manifest. */
export class StaleLookupIndex extends Error {
  constructor(path: string) {
    super(`lookup index: ${path} belongs to another build`);
    this.name = "StaleLookupIndex";
  }
}

/** Thrown inside a run when a question needs parts not loaded yet. */
class MissingParts {
  constructor(readonly parts: readonly (number | "words")[]) {}
}

interface Shard {
  k: Map<string, string>;
  h: Map<string, LookupDoc[]>;
  v: Map<string, [number, CodeKey, string][]>;
  m: Map<string, [number, IndexedMessage][]>;
}

interface Words {
  text: ReturnType<typeof loadTextIndex>;
  docs: Map<string, LookupDoc>;
  byCode: Map<string, string[]>;
  messages: IndexedMessage[];
}

/**
 * Answers lookups from a split index, loading the parts each query needs through `load` (a
 * path from `splitFilePath` → the file's text). Parts stay loaded for later queries.
 */
export class SplitLookup {
  readonly manifest: SplitManifest;
  private readonly load: (path: string) => Promise<string>;
  private readonly shards = new Map<number, Shard>();
  private words: Words | undefined;
  private readonly pending = new Map<number | "words", Promise<void>>();
  private readonly tags: Map<string, string>;
  private readonly firstWords: Set<string>;
  /** What the runs read: the whole index's questions, answered from the loaded parts. */
  private readonly data: LookupData;

  constructor(manifest: SplitManifest, load: (path: string) => Promise<string>) {
    if (manifest.v !== 3) throw new StaleLookupIndex("the manifest");
    this.manifest = manifest;
    this.load = load;
    this.tags = new Map(manifest.tags);
    this.firstWords = new Set(manifest.firstWords);
    this.data = this.makeData();
  }

  /** Reads a manifest's JSON. */
  static fromJson(json: string, load: (path: string) => Promise<string>): SplitLookup {
    return new SplitLookup(JSON.parse(json) as SplitManifest, load);
  }

  /** The whole index's answer to a query, loading the parts it needs. */
  answer(query: string, options: { limit?: number } = {}): Promise<LookupAnswer> {
    return this.run((data) => lookupAnswerFrom(data, query, options));
  }

  /** The answer when every part it needs is loaded already (no wait), else undefined. */
  answerLoaded(query: string, options: { limit?: number } = {}): LookupAnswer | undefined {
    try {
      return lookupAnswerFrom(this.data, query, options);
    } catch (e) {
      if (e instanceof MissingParts) return undefined;
      throw e;
    }
  }

  /**
   * Runs `ask` over the index's data until it completes, loading each part it asks for first.
   * `beforeWords` is awaited before the word index is loaded (the island waits there while a
   * person is still typing: the start of a code, `AADS`, is a word search); a rejection abandons the run.
   */
  async run<T>(ask: (data: LookupData) => T, beforeWords?: () => Promise<void>): Promise<T> {
    for (;;) {
      try {
        return ask(this.data);
      } catch (e) {
        if (!(e instanceof MissingParts)) throw e;
        if (beforeWords && !this.words && e.parts.includes("words")) await beforeWords();
        const before = this.shards.size + (this.words ? 1 : 0);
        await Promise.all(e.parts.map((p) => this.loadPart(p)));
        if (this.shards.size + (this.words ? 1 : 0) === before) throw new Error("lookup index: a part was asked for and loaded, yet is still missing");
      }
    }
  }

  /** Which parts are loaded (shard numbers, and `words`). */
  loadedParts(): (number | "words")[] {
    return [...[...this.shards.keys()].sort((a, b) => a - b), ...(this.words ? ["words" as const] : [])];
  }

  private loadPart(part: number | "words"): Promise<void> {
    let p = this.pending.get(part);
    if (!p) {
      const path = splitFilePath(this.manifest, part);
      p = this.load(path).then((text) => {
        const file = JSON.parse(text) as ShardFile | WordsFile;
        if (file.version !== this.manifest.version) throw new StaleLookupIndex(path);
        if (part === "words") {
          const w = file as WordsFile;
          const docs = new Map(w.docs.map((d) => [d.id, d]));
          const byCode = new Map<string, string[]>();
          for (const d of w.docs) (byCode.get(d.code) ?? byCode.set(d.code, []).get(d.code)!).push(d.id);
          const text = w.text as { index: EncodedPostings };
          this.words = { text: loadTextIndex({ ...text, index: decodePostings(text.index) }), docs, byCode, messages: w.messages };
        } else {
          const s = file as ShardFile;
          this.shards.set(part, { k: new Map(Object.entries(s.k)), h: new Map(Object.entries(s.h)), v: new Map(Object.entries(s.v)), m: new Map(Object.entries(s.m)) });
        }
      });
      // A failed load may be tried again by a later query.
      p.catch(() => this.pending.delete(part));
      this.pending.set(part, p);
    }
    return p;
  }

  /** The loaded shard a string lives in; stops the run when it is not loaded. */
  private shard(at: string): Shard {
    const i = shardOf(at, this.manifest.shards);
    const s = this.shards.get(i);
    if (!s) throw new MissingParts([i]);
    return s;
  }

  private needWords(): Words {
    if (!this.words) throw new MissingParts(["words"]);
    return this.words;
  }

  /** Every shard of `ats`, all asked for at once when some are missing. */
  private shardsOf(ats: readonly string[]): Shard[] {
    const want = [...new Set(ats.map((at) => shardOf(at, this.manifest.shards)))];
    const missing = want.filter((i) => !this.shards.has(i));
    if (missing.length) throw new MissingParts(missing);
    return want.map((i) => this.shards.get(i)!);
  }

  private makeData(): LookupData {
    const pages = (hub: string): LookupDoc[] | undefined => this.shard(hubAt(hub)).h.get(hub);
    return {
      hubOf: (key) => this.shard(`k:${key}`).k.get(key),
      doc: (id) => (this.words ? this.words.docs.get(id) : pages(hubOfPage(id))?.find((d) => d.id === id)),
      pagesOf: (hub) => (this.words ? this.words.byCode.get(hub) : pages(hub)?.map((d) => d.id)),
      tagPage: (tag) => this.tags.get(tag),
      messageCandidates: (queryWords, covering) => {
        if (covering) return this.needWords().messages;
        if (queryWords.length < 2) return [];
        if (this.words) return this.words.messages;
        const first = [...new Set(queryWords)].filter((w) => this.firstWords.has(w));
        const found: [number, IndexedMessage][] = [];
        const shards = this.shardsOf(first.map((w) => `m:${w}`));
        for (const w of first) for (const s of shards) for (const hit of s.m.get(w) ?? []) if (hit[1].words.length <= queryWords.length) found.push(hit);
        return unique(found).sort((a, b) => a[0] - b[0]).map(([, m]) => m);
      },
      nearCandidates: (isAadsts, written) => {
        const ats = [written, ...deletions(written)].map((v) => `v:${isAadsts ? "a" : "x"}:${v}`);
        const shards = this.shardsOf(ats);
        const found: [number, CodeKey, string][] = [];
        for (const at of ats) for (const s of shards) found.push(...(s.v.get(at.slice(2)) ?? []));
        return unique(found).sort((a, b) => a[0] - b[0]).map(([, key, hub]) => [key, hub] as const);
      },
      text: () => this.needWords().text,
      docsOfApp: (app: App) => [...this.needWords().docs.values()].filter((d) => d.app === app),
    };
  }
}

/** MiniSearch's postings as its JSON holds them: term → field id → document short id → term frequency. */
type Postings = [string, Record<string, Record<string, number>>][];
/** The same, per field: [field id, the document ids' differences in ascending order, their frequencies (1: all are 1)]. */
type EncodedPostings = [string, [number, number[], number[] | 1][]][];

/** Postings with each field's document ids delta-encoded: several times smaller once gzipped. */
function encodePostings(postings: Postings): EncodedPostings {
  return postings.map(([term, fields]) => [
    term,
    Object.entries(fields).map(([field, docs]): [number, number[], number[] | 1] => {
      const ids = Object.keys(docs).map(Number).sort((a, b) => a - b);
      const freqs = ids.map((id) => docs[id]!);
      return [Number(field), ids.map((id, i) => id - (i ? ids[i - 1]! : 0)), freqs.every((f) => f === 1) ? 1 : freqs];
    }),
  ]);
}

/** What `encodePostings` wrote, as MiniSearch's JSON holds it. */
function decodePostings(encoded: EncodedPostings): Postings {
  return encoded.map(([term, fields]) => {
    const out: Record<string, Record<string, number>> = {};
    for (const [field, deltas, freqs] of fields) {
      const docs: Record<string, number> = {};
      let id = 0;
      for (const [i, d] of deltas.entries()) {
        id += d;
        docs[id] = freqs === 1 ? 1 : freqs[i]!;
      }
      out[field] = docs;
    }
    return [term, out];
  });
}

/** `aadsts:50126` → [`a`, `50126`]; `hex:caa50021` → [`x`, `caa50021`]. */
function splitKey(key: CodeKey): [string, string] {
  const at = key.indexOf(":");
  return [key.slice(0, at) === "aadsts" ? "a" : "x", key.slice(at + 1)];
}

/** A string with one character deleted, each way. */
function deletions(text: string): string[] {
  const out = new Set<string>();
  for (let i = 0; i < text.length; i++) out.add(text.slice(0, i) + text.slice(i + 1));
  return [...out];
}

/** The hub of a page id (`caa50021/onedrive` → `caa50021`). */
function hubOfPage(id: string): string {
  const at = id.indexOf("/");
  return at === -1 ? id : id.slice(0, at);
}

/** Where a hub's pages are kept: beside its own code's entry when its id is a code (one shard for both). */
function hubAt(hub: string): string {
  const key = parseCode(hub);
  return key ? `k:${key}` : `h:${hub}`;
}

/** Entries seen once each (by their order number), first seen first. */
function unique<T extends readonly [number, ...unknown[]]>(items: readonly T[]): T[] {
  const seen = new Set<number>();
  return items.filter((x) => !seen.has(x[0]) && (seen.add(x[0]), true));
}

/** FNV-1a (32 bits) of a string, modulo the shard count. */
function shardOf(text: string, shards: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % shards;
}

/** A 64-bit hash of a text (two 32-bit FNV-1a-style passes with different seeds) as 13 base-36 characters. */
function hashText(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b ^= b >>> 15;
  }
  return (a >>> 0).toString(36).padStart(7, "0") + (b >>> 0).toString(36).padStart(7, "0");
}
