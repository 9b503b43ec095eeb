import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLookupIndex, detectApp, loadLookupIndex, lookup, lookupAnswer, serializeLookupIndex } from "../../src/lookup/index.ts";
import { codeForms, parseCode } from "../../src/model/index.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const kb = loadProjectKb();
const index = buildLookupIndex(kb);

describe("lookup: a table of real queries", () => {
  it.each([
    // every form of the code
    ["CAA50021", "caa50021", "exact"],
    ["caa50021", "caa50021", "exact"],
    ["0xCAA50021", "caa50021", "exact"],
    ["0xcaa50021", "caa50021", "exact"],
    ["caa 50021", "caa50021", "exact"],
    ["CAA-50021", "caa50021", "exact"],
    ["3399811105", "caa50021", "exact"],
    ["-895156191", "caa50021", "exact"],
    ["error code CAA50021 when signing in", "caa50021", "exact"],
    // look-alike letters: the same code, read
    ["caa5002l", "caa50021", "look-alike"],
    ["CAA5OO21", "caa50021", "look-alike"],
    ["CAA 5002l", "caa50021", "look-alike"],
    // the app named in the query ranks its scenario first
    ["CAA50021 onedrive", "caa50021/onedrive", "exact"],
    ["0xCAA50021 in OneDrive", "caa50021/onedrive", "exact"],
    ["one drive caa 50021", "caa50021/onedrive", "exact"],
    // messages and symptoms, no code
    ["There's a problem with your account. Please sign in again.", "caa50021/onedrive", "message"],
    ["onedrive grey cloud red x", "caa50021/onedrive", "text"],
    ["Number of retry attempts exceeds expectations", "caa50021/office", "message"],
    ["the sign-in broker gave up", "caa50021", "text"],
  ] as const)("%s → %s", (query, top, match) => {
    const results = lookup(index, query);
    expect(results[0]?.id, JSON.stringify(results.slice(0, 3))).toBe(top);
    expect(results[0]!.match).toBe(match);
    expect(results[0]!.url).toBe(`/codes/${top}/`);
    expect(results[0]!.why.length).toBeGreaterThan(0);
  });

  it("finds every hub from every form of each of its codes", () => {
    for (const [id, hub] of kb.codes) {
      for (const written of [hub.id, ...hub.aliases]) {
        const key = parseCode(written);
        for (const form of key ? codeForms(key) : [written]) {
          expect(lookup(index, form)[0]?.id, `${form} (${id})`).toBe(id);
        }
      }
    }
  });

  it("finds nothing for text that matches nothing", () => {
    expect(lookup(index, "zzqx")).toEqual([]);
    expect(lookup(index, "   ")).toEqual([]);
  });

  it("never throws and returns at most the limit, whatever the query", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 2000 }), (q) => {
        const results = lookup(index, q, { limit: 5 });
        expect(results.length).toBeLessThanOrEqual(5);
      }),
      { numRuns: 300 },
    );
  });

  it("recognises app names", () => {
    expect(detectApp("my OneDrive fails")).toBe("onedrive");
    expect(detectApp("one drive")).toBe("onedrive");
    expect(detectApp("activating Word")).toBe("office");
    expect(detectApp("teams sign in")).toBe("teams");
    expect(detectApp("sign in")).toBeUndefined();
  });
});

describe("the serialised index for the browser", () => {
  it("answers exactly like the index it came from", () => {
    const loaded = loadLookupIndex(serializeLookupIndex(index));
    for (const q of ["CAA50021 onedrive", "caa5002l", "grey cloud red x", "Something went wrong. [4usqa]", "CAA50024"]) {
      expect(lookupAnswer(loaded, q)).toEqual(lookupAnswer(index, q));
      expect(lookup(loaded, q)).toEqual(lookup(index, q));
    }
  });

  it("keeps no page text, only what a result shows", () => {
    const data = JSON.parse(serializeLookupIndex(index)) as { docs: Record<string, unknown>[]; text: { storedFields: Record<string, Record<string, unknown>> } };
    const shown = ["app", "code", "id", "kind", "title", "url"];
    expect(data.docs.length).toBe(index.docs.size);
    for (const doc of data.docs) expect(Object.keys(doc).filter((k) => !shown.includes(k)), String(doc.id)).toEqual([]);
    for (const stored of Object.values(data.text.storedFields)) expect(Object.keys(stored).filter((k) => !shown.includes(k))).toEqual([]);
    // The texts the index searches (step summaries, causes, meanings, messages) are nowhere in it,
    // except where a page's title quotes one.
    const json = JSON.stringify(data);
    const texts = [...kb.scenarios.values()].flatMap((sc) => [sc.meaning, ...sc.steps.map((st) => st.summary), ...sc.causes.map((c) => c.text)]).concat([...kb.codes.values()].flatMap((hub) => hub.messages.map((m) => m.text)));
    const titles = [...index.docs.values()].map((d) => JSON.stringify(d.title));
    const long = [...new Set(texts.map((t) => JSON.stringify(t).slice(1, -1)).filter((t) => t.length >= 30 && !titles.some((title) => title.includes(t))))];
    expect(long.length, "texts to look for").toBeGreaterThan(50);
    expect(long.filter((t) => json.includes(t))).toEqual([]);
  });
});
