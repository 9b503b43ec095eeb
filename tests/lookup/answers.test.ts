// The lookup knows what it does not know: the answer table (queries.ts), the order of match
// kinds, codes without a page, several codes in one paste, and text matches that mean something.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildLookupIndex, codeFamily, isStopWord, loadLookupIndex, lookup, lookupAnswer, MIN_TEXT_QUALITY, serializeLookupIndex, showCode, type LookupAnswer } from "../../src/lookup/index.ts";
import { parseCode } from "../../src/model/index.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import { QUERY_CASES } from "./queries.ts";

const kb = loadProjectKb();
const index = buildLookupIndex(kb);
const TIER = { exact: 0, "look-alike": 1, message: 2, text: 3 } as const;

/** The distinct codes of the results, in order. */
const codesOf = (a: LookupAnswer) => [...new Set(a.results.map((r) => r.code))];

describe("the answer table", () => {
  it("has at least 60 queries, of every kind", () => {
    expect(QUERY_CASES.length).toBeGreaterThanOrEqual(60);
    for (const kind of ["page", "no-page", "search", "nothing"]) expect(QUERY_CASES.filter((c) => c.answer === kind).length, kind).toBeGreaterThanOrEqual(4);
    for (const kind of ["exact", "look-alike", "message", "text", "none"]) expect(QUERY_CASES.filter((c) => c.first === kind).length, kind).toBeGreaterThanOrEqual(4);
    expect(QUERY_CASES.filter((c) => c.codes).length).toBeGreaterThanOrEqual(3);
    expect(QUERY_CASES.filter((c) => c.missing).length).toBeGreaterThanOrEqual(8);
    expect(QUERY_CASES.filter((c) => c.didYouMean).length).toBeGreaterThanOrEqual(6);
  });

  it.each(QUERY_CASES.map((c) => [c.query, c] as const))("%s", (_q, c) => {
    const a = lookupAnswer(index, c.query, { limit: 8 });
    const shown = JSON.stringify({ answer: a.answer.kind, results: a.results.slice(0, 3).map((r) => [r.id, r.match, r.why]), didYouMean: a.didYouMean.map((d) => d.id) });
    expect(a.answer.kind, shown).toBe(c.answer);
    if (c.first === "none") expect(a.results, shown).toEqual([]);
    else {
      expect(a.results[0]?.match, shown).toBe(c.first);
      if (c.id) expect(a.results[0]?.id, shown).toBe(c.id);
    }
    if (a.answer.kind === "page") expect(a.answer.result).toEqual(a.results[0]);
    expect(a.missing.map((m) => [m.code, m.family?.id])).toEqual(c.missing ?? []);
    if (a.answer.kind === "no-page") expect(a.answer.code).toEqual(a.missing[0]);
    expect(a.didYouMean.map((d) => d.code).slice(0, c.didYouMean?.length ?? 0), shown).toEqual(c.didYouMean ?? []);
    if (c.codes) expect(codesOf(a).slice(0, c.codes.length)).toEqual(c.codes);
  });
});

describe("a one-digit neighbour", () => {
  it("is never a result nor the answer: only a suggestion below the 'no page' answer", () => {
    for (const c of QUERY_CASES) {
      const a = lookupAnswer(index, c.query, { limit: 50 });
      const asked = new Set(a.codes.map((q) => q.page).filter(Boolean));
      // Every result of a code kind is a page of a code (or tag) the query names.
      for (const r of a.results.filter((x) => x.match === "exact" || x.match === "look-alike")) expect(asked.has(r.code), `${c.query} → ${r.id}`).toBe(true);
      for (const d of a.didYouMean) {
        expect(a.results.some((r) => r.code === d.code && r.match !== "text"), `${c.query}: ${d.id} both suggested and answered`).toBe(false);
        expect(d.how).toMatch(/^(?:two characters swapped|one character (?:different|missing|too many))$/);
      }
    }
  });

  it("names the code as written and the slip", () => {
    const a = lookupAnswer(index, "0x80180016");
    expect(a.didYouMean.map((d) => [d.written, d.code, d.how])).toEqual([
      ["0x80180016", "0x80180014", "one character different"],
      ["0x80180016", "0x80180018", "one character different"],
    ]);
  });

  it("does not come back through the text search (digits are never matched by typo or prefix)", () => {
    for (const q of ["50059", "50127", "8004de9", "caa5002"]) expect(lookup(index, q).filter((r) => /\d/.test(r.why.join(" "))), q).toEqual([]);
  });
});

describe("match kinds", () => {
  it("never ranks a weaker match above a stronger one: exact, look-alike, message, text", () => {
    for (const c of QUERY_CASES) {
      const tiers = lookup(index, c.query, { limit: 50 }).map((r) => TIER[r.match]);
      expect(tiers, c.query).toEqual([...tiers].sort((x, y) => x - y));
    }
  });

  it("shows people no score: a result is its page, how it matched and why, in words", () => {
    for (const c of QUERY_CASES) for (const r of lookup(index, c.query)) expect(Object.keys(r).sort()).toEqual(["code", "id", "kind", "match", "title", "url", "why"]);
  });

  it("says why in words: the code as written, the reading, the message or the words that matched", () => {
    expect(lookup(index, "caa 50021")[0]!.why[0]).toBe("code caa 50021");
    expect(lookup(index, "caa5002l")[0]!.why[0]).toBe("caa5002l read as 0xCAA50021");
    expect(lookup(index, "Something went wrong. [4usqa]")[0]!.why[0]).toBe("error tag [4usqa]");
    expect(lookup(index, "We are unable to connect right now")[0]!.why[0]).toBe('message: "we are unable to connect right …"');
    expect(lookup(index, "onedrive grey cloud red x")[0]!.why[0]).toBe("words: onedrive, grey, cloud, red");
  });

  it("reads a message as a code only through the content: a message of two codes is a list, not an answer", () => {
    const a = lookupAnswer(index, "something went wrong");
    expect(a.answer.kind).toBe("search");
  });
});

describe("a code with no page", () => {
  it("is reported as missing, shown in Fixpath's form, and never answered by a code page as if it were exact", () => {
    for (const q of ["0x8004010F", "8004010f", "2147746063", "-2147221233"]) {
      const a = lookupAnswer(index, q);
      expect(a.missing.map((m) => m.code), q).toEqual(["0x8004010F"]);
      expect(a.results.filter((r) => r.match === "exact"), q).toEqual([]);
    }
  });

  it("keeps the code out of the text search: its digits do not find other codes' pages", () => {
    // Before: 0x8004010F found 0x8009000F through the code field's typo tolerance, at score 90.
    for (const q of ["0x8004010F", "0x80190001", "0xCAA5004B", "CAA50024 onedrive sign in"]) expect(lookup(index, q), q).toEqual([]);
  });

  it("gets the family its shape tells, and none where it tells nothing", () => {
    expect(codeFamily(parseCode("0x8004DE99")!)?.id).toBe("onedrive");
    expect(codeFamily(parseCode("0x8004E4FF")!)?.id).toBe("onedrive");
    expect(codeFamily(parseCode("AADSTS12345")!)?.id).toBe("entra");
    expect(codeFamily(parseCode("0xCAA20099")!)?.id).toBe("caa");
    expect(codeFamily(parseCode("0xCAA30099")!)?.id).toBe("caa-network");
    expect(codeFamily(parseCode("0xCAA80099")!)?.id).toBe("caa-network");
    expect(codeFamily(parseCode("0xC0090099")!)?.id).toBe("hello-tpm");
    expect(codeFamily(parseCode("0x80070005")!)).toBeUndefined();
    expect(codeFamily(parseCode("0x8004010F")!)).toBeUndefined();
    expect(codeFamily("tag:1001")?.id).toBe("tag");
    expect(codeFamily(parseCode("AADSTS50058")!)?.more?.url).toBe("https://login.microsoftonline.com/error?code=50058");
    for (const f of ["0x8004DE99", "AADSTS12345", "0xCAA20099", "0x80072E01", "0x801C0001", "0x80280001"].map((c) => codeFamily(parseCode(c)!)!)) {
      expect(f.name).toMatch(/^an? [A-Za-z]/);
      expect(f.about).toMatch(/\.$/);
      expect(`${f.name} ${f.about}`).not.toMatch(/\b(?:hello-tpm|caa-network|wininet|dsreg|entra|onedrive)\b(?![ a-z]*(?:sync|code))/);
    }
  });

  it("lists each code once, however often it appears", () => {
    expect(lookupAnswer(index, "0x8004010F 0x8004010f 8004010F").missing.map((m) => m.code)).toEqual(["0x8004010F"]);
  });

  it("shows codes in one form: 0x and eight upper-case hex digits, or AADSTS and the number", () => {
    expect(showCode(parseCode("caa50021")!)).toBe("0xCAA50021");
    expect(showCode(parseCode("0x102")!)).toBe("0x00000102");
    expect(showCode(parseCode("aadsts50126")!)).toBe("AADSTS50126");
    expect(showCode("tag:1001")).toBe("[1001]");
  });
});

describe("a paste with several codes", () => {
  it("returns every code with a page, in the order they appear, before any text match", () => {
    const a = lookupAnswer(index, "First 0x80090030 then CAA50021, and later AADSTS50126 appeared", { limit: 8 });
    expect(codesOf(a).slice(0, 3)).toEqual(["0x80090030", "caa50021", "aadsts50126"]);
    expect(a.results.slice(0, 3).map((r) => r.match)).toEqual(["exact", "exact", "exact"]);
    expect(a.codes.map((c) => c.code)).toEqual(["0x80090030", "0xCAA50021", "AADSTS50126"]);
  });

  it("finds the code at the end of a long pasted dialog with its details", () => {
    const details = "Correlation ID: 3f2a9c1e-0000-4000-8000-000000000000 Timestamp: 2026-01-02T10:00:00Z ".repeat(30);
    expect(lookupAnswer(index, `${details} provide error code CAA50021`).answer).toMatchObject({ kind: "page", match: "exact" });
    expect(lookupAnswer(index, `${details} provide error code CAA50024`).answer).toMatchObject({ kind: "no-page", code: { code: "0xCAA50024" } });
  });

  it("keeps each code's page within a small limit", () => {
    expect(lookup(index, "CAA50021 80090030 CAA70007", { limit: 3 }).map((r) => r.code)).toEqual(["caa50021", "0x80090030", "caa70007"]);
  });

  it("does not read a date, a time or a small number as a code", () => {
    for (const q of ["2026-01-02", "20260102", "at 14:03:22 on 2026-01-02", "1700000000", "12345"]) expect(lookupAnswer(index, q).codes, q).toEqual([]);
  });
});

describe("text matches that mean something", () => {
  it("leaves stop words of English (the indexed language) and German out", () => {
    for (const w of ["we", "could", "t", "it", "is", "the", "couldn", "ist", "der", "nicht", "error", "code"]) expect(isStopWord(w), w).toBe(true);
    for (const w of ["onedrive", "sign", "account", "list", "module", "tpm"]) expect(isStopWord(w), w).toBe(false);
  });

  it("never shows a stop word in the why", () => {
    for (const q of ["we could not sign in", "It is not syncing", "There's a problem with your account. Please sign in again."]) {
      for (const r of lookup(index, q)) for (const w of r.why.filter((x) => x.startsWith("words: ")).flatMap((x) => x.slice(7).split(", "))) expect(isStopWord(w), `${q}: ${w}`).toBe(false);
    }
  });

  it("does not turn a short word into another by typo ('ist' is not 'list', 'it' or 'is')", () => {
    expect(lookup(index, "ist")).toEqual([]);
  });

  it("asks for more than half of the query's words", () => {
    expect(MIN_TEXT_QUALITY).toBe(0.5);
    // One real word among three unknown ones is not a match, nor one of two.
    expect(lookup(index, "qqzzyx wibble flumox module")).toEqual([]);
    expect(lookup(index, "wibble blocked")).toEqual([]);
    expect(lookup(index, "module missing").length).toBeGreaterThan(0);
  });

  it("finds nothing for words the index does not hold", () => {
    fc.assert(
      fc.property(fc.array(fc.stringMatching(/^[qxzj]{5,9}$/), { minLength: 1, maxLength: 5 }), (words) => {
        expect(lookup(index, words.join(" "))).toEqual([]);
      }),
      { numRuns: 100 },
    );
  });
});

describe("the browser's copy of the index", () => {
  it("gives the same answers as the index it came from", () => {
    const loaded = loadLookupIndex(serializeLookupIndex(index));
    for (const c of QUERY_CASES) expect(lookupAnswer(loaded, c.query), c.query).toEqual(lookupAnswer(index, c.query));
  });
});
