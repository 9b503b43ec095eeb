// The split index the site ships (src/lookup/split.ts): it answers every query as the whole index
// does, a code search loads only what it needs (at 10,000 generated pages, 50 KB gzip or less), and
// a part of another build is refused. Sizes are asserted here; times belong to bench/lookup.ts.
import { gzipSync } from "node:zlib";
import { beforeAll, describe, expect, it } from "vitest";
import { buildLookupIndex, lookupAnswer, lookupAnswerFrom, SplitLookup, splitLookupIndex, StaleLookupIndex, type LookupIndex, type SplitIndex } from "../../src/lookup/index.ts";
import { codeForms, type KnowledgeBase } from "../../src/model/index.ts";
import { growKnowledgeBase } from "../helpers/grow-kb.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import { QUERY_CASES } from "./queries.ts";

/** Word queries (symptoms, messages, app names, typos, prefixes, stop words, nonsense). */
const WORD_QUERIES = [
  "onedrive grey cloud red x", "outlook keeps asking for password", "teams sign in loop", "onedrive", "Outlook", "teams",
  "There's a problem with your account. Please sign in again.", "Number of retry attempts exceeds expectations",
  "Trusted Platform Module has malfunctioned", "Something went wrong [1001]", "Something went wrong 4usqa", "tag 58tm1",
  "credential manager", "credentail manger", "activat", "sign", "the and of", "asdf qwer zxcv", "password expired",
  "account disabled", "device not joined", "primary refresh token", "we can't sign you in", "Your account or password is incorrect",
];

/** Every written form of every code the knowledge base has, with look-alikes, slips and neighbours with no page. */
function codeQueries(kb: KnowledgeBase): string[] {
  const out = new Set<string>();
  for (const [key, hub] of kb.codeIndex) {
    const forms = [hub, ...codeForms(key)];
    for (const f of forms) {
      out.add(f);
      out.add(f.toLowerCase());
      out.add(f.replace(/1/g, "l").replace(/0/g, "O")); // look-alike letters
      out.add(f.slice(0, -1) + (f.endsWith("9") ? "8" : "9")); // one character different
      out.add(f.slice(0, -1)); // one character missing
      out.add(`${f}7`); // one too many
      out.add(`${f} onedrive`);
    }
    if (/^caa/i.test(hub)) out.add(`caa ${hub.slice(3)}`);
  }
  return [...out];
}

/** A fresh browser's loader over a split index: every path it reads, in order (`noWords`: the word index is refused). */
function browser(split: SplitIndex, options: { noWords?: boolean } = {}): { lookup: SplitLookup; read: string[] } {
  const read: string[] = [];
  const lookup = new SplitLookup(JSON.parse(JSON.stringify(split.manifest)) as SplitIndex["manifest"], async (path) => {
    read.push(path);
    if (options.noWords && path.endsWith("/words.json")) throw new Error("a code search asked for the word index");
    const text = split.files.get(path);
    if (text === undefined) throw new Error(`no file ${path}`);
    return text;
  });
  return { lookup, read };
}

/** Gzip bytes of a first search: the manifest and every file it read. */
function firstSearchBytes(split: SplitIndex, read: readonly string[]): number {
  return gzipSync(JSON.stringify(split.manifest)).length + read.reduce((n, p) => n + gzipSync(split.files.get(p)!).length, 0);
}

describe("the split index at today's pages", () => {
  let kb: KnowledgeBase;
  let index: LookupIndex;
  let split: SplitIndex;
  beforeAll(() => {
    kb = loadProjectKb();
    index = buildLookupIndex(kb);
    split = splitLookupIndex(index);
  });

  it("answers every code form, look-alike, slip and answer-table query as the whole index does, each as a first search", async () => {
    const queries = [...codeQueries(kb), ...QUERY_CASES.map((c) => c.query)];
    expect(queries.length).toBeGreaterThan(500);
    for (const q of queries) {
      const { lookup, read } = browser(split);
      const whole = lookupAnswer(index, q, { limit: 8 });
      expect(await lookup.answer(q, { limit: 8 }), q).toEqual(whole);
      // A query the lookup reads as one code (or a slip from one) reads no word index.
      if (/^[0-9a-z-]+$/i.test(q) && (whole.codes.length > 0 || whole.didYouMean.length > 0)) expect(read.filter((p) => p.endsWith("/words.json")), q).toEqual([]);
    }
  });

  it("answers word queries as the whole index does, and one browser keeps every part it loaded without mixing answers", async () => {
    const { lookup } = browser(split);
    for (const q of [...WORD_QUERIES, ...QUERY_CASES.map((c) => c.query), ...codeQueries(kb).slice(0, 200)]) {
      for (const limit of [6, 8, 20]) expect(await lookup.answer(q, { limit }), q).toEqual(lookupAnswer(index, q, { limit }));
    }
    expect(lookup.loadedParts()).toContain("words");
  });

  it("loads the word index only for words, and one shard for a code in its usual form", async () => {
    const code = browser(split);
    await code.lookup.answer("CAA50021");
    expect(code.read).toHaveLength(1);
    const words = browser(split);
    await words.lookup.answer("onedrive grey cloud");
    expect(words.read.some((p) => p.endsWith("/words.json"))).toBe(true);
  });

  it("asks before loading the word index, and only then (a run abandoned there loads nothing more)", async () => {
    let asked = 0;
    const { lookup, read } = browser(split);
    const wait = async () => {
      asked++;
      throw new Error("typing on");
    };
    const code = await lookup.run((data) => lookupAnswerFrom(data, "caa50021", {}), wait);
    expect(code.answer.kind).toBe("page");
    expect(asked).toBe(0);
    await expect(lookup.run((data) => lookupAnswerFrom(data, "aads", {}), wait)).rejects.toThrow("typing on");
    expect(asked).toBe(1);
    expect(read.filter((p) => p.endsWith("/words.json"))).toEqual([]);
    expect(await lookup.run((data) => lookupAnswerFrom(data, "aads", {}), async () => {})).toEqual(lookupAnswer(index, "aads"));
  });

  it("reads back the word index exactly as MiniSearch wrote it (its postings delta-encoded in the file), without stored fields", async () => {
    const { lookup } = browser(split);
    const text = await lookup.run((data) => data.text());
    // Through JSON both (a field a page lacks is a hole in its lengths, written as null), terms in
    // one order (MiniSearch's tree lists them in the order they were added).
    const json = (x: ReturnType<typeof text.toJSON>) => {
      const plain = JSON.parse(JSON.stringify(x)) as ReturnType<typeof text.toJSON>;
      return { ...plain, index: [...plain.index].sort((a, b) => (a[0] < b[0] ? -1 : 1)) };
    };
    expect(json(text.toJSON())).toEqual(json({ ...index.text.toJSON(), storedFields: {} }));
  });

  it("is the same files for the same index, and names every file by the build's version", () => {
    const again = splitLookupIndex(buildLookupIndex(kb));
    expect(again.manifest).toEqual(split.manifest);
    expect([...again.files]).toEqual([...split.files]);
    for (const [path, text] of split.files) {
      expect(path.startsWith(`${split.manifest.version}/`)).toBe(true);
      expect((JSON.parse(text) as { version: string }).version).toBe(split.manifest.version);
    }
  });

  it("refuses a part of another build (a stale cached shard) instead of mixing it in", async () => {
    const other = splitLookupIndex(buildLookupIndex(growKnowledgeBase(kb, 200)));
    expect(other.manifest.version).not.toBe(split.manifest.version);
    // The manifest of one build, the files of another under its names.
    const lookup = new SplitLookup(split.manifest, async (path) => {
      const [, file] = path.split("/");
      const text = other.files.get(`${other.manifest.version}/${file}`);
      if (text === undefined) throw new StaleLookupIndex(path);
      return text;
    });
    await expect(lookup.answer("CAA50021")).rejects.toBeInstanceOf(StaleLookupIndex);
    await expect(lookup.answer("grey cloud")).rejects.toBeInstanceOf(StaleLookupIndex);
  });
});

describe("the split index at 10,000 generated pages", () => {
  let big: KnowledgeBase;
  let index: LookupIndex;
  let split: SplitIndex;
  beforeAll(() => {
    big = growKnowledgeBase(loadProjectKb(), 10_000);
    index = buildLookupIndex(big);
    split = splitLookupIndex(index);
  }, 120_000);

  /**
   * Code queries over the real hubs and a spread of the generated ones: the forms the lookup reads
   * as a code (with a page, without, or one slip from one); the others are word searches.
   */
  function sample(): string[] {
    const keys = [...big.codeIndex];
    const picked = keys.filter((_, i) => i < 50 || i % 151 === 0);
    return codeQueries({ ...big, codeIndex: new Map(picked) }).filter((q) => {
      const a = lookupAnswer(index, q, { limit: 8 });
      return a.codes.length > 0 || a.didYouMean.length > 0;
    });
  }

  it("holds 10,000 pages", () => {
    expect(index.docs.size).toBe(10_000);
  });

  it("loads 50 KB gzip or less for a first code search, in every form, with a page or without, and never the word index", async () => {
    let worst = { bytes: 0, query: "" };
    const queries = sample();
    expect(queries.length).toBeGreaterThan(300);
    for (const q of queries) {
      const { lookup, read } = browser(split, { noWords: true });
      await lookup.answer(q, { limit: 8 });
      const bytes = firstSearchBytes(split, read);
      if (bytes > worst.bytes) worst = { bytes, query: q };
    }
    expect(worst.bytes, `"${worst.query}"`).toBeLessThanOrEqual(50 * 1024);
  }, 120_000);

  it("answers code forms and word queries as the whole index does", async () => {
    const { lookup } = browser(split);
    for (const q of [...sample().filter((_, i) => i % 3 === 0), ...WORD_QUERIES]) expect(await lookup.answer(q, { limit: 8 }), q).toEqual(lookupAnswer(index, q, { limit: 8 }));
  }, 120_000);
});
