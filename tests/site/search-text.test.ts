// What the search box says and opens (site/src/lib/search-text.ts), from the real lookup's answers.
import { describe, expect, it } from "vitest";
import { buildLookupIndex, lookupAnswer } from "../../src/lookup/index.ts";
import { describeResult, enterTarget, missToReport, noPageText, statusText } from "../../site/src/lib/search-text.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import { QUERY_CASES } from "../lookup/queries.ts";

const index = buildLookupIndex(loadProjectKb());
const answer = (q: string) => lookupAnswer(index, q, { limit: 8 });

describe("Enter", () => {
  it.each([
    ["CAA50021", "/codes/caa50021/"],
    ["0xCAA50021 in OneDrive", "/codes/caa50021/onedrive/"],
    ["caa5002l", "/codes/caa50021/"],
    ["CAA50021 and 0x8004010F", "/codes/caa50021/"],
  ])("opens the code's page for %s", (q, url) => {
    expect(enterTarget(answer(q), -1)?.url).toBe(url);
  });

  it.each(["0x8004010F", "caa50012", "0x8004de99", "onedrive grey cloud red x", "asdf qwer zxcv"])("opens nothing by itself for %s (a code with no page, words, or nothing)", (q) => {
    expect(enterTarget(answer(q), -1)).toBeUndefined();
  });

  it("opens the result chosen with the arrow keys, whatever its kind", () => {
    const a = answer("onedrive grey cloud red x");
    expect(a.results[0]!.match).toBe("text");
    expect(enterTarget(a, 0)).toBe(a.results[0]);
  });

  it("agrees with the answer table: Enter opens the answer when it is a page, and nothing else", () => {
    for (const c of QUERY_CASES) {
      const a = answer(c.query);
      const opens = enterTarget(a, -1) !== undefined;
      expect(opens, c.query).toBe(c.answer === "page");
    }
  });
});

describe("the status line", () => {
  it("counts results grammatically and says what Enter does", () => {
    const one = answer("50126");
    expect(one.results).toHaveLength(1);
    expect(statusText(one, "50126")).toBe("1 result. Use the arrow keys to choose, Enter to open.");
    expect(statusText(answer("CAA50021"), "CAA50021")).toMatch(/^\d+ results\. Use the arrow keys to choose, Enter to open\.$/);
    expect(statusText(answer("onedrive grey cloud red x"), "x")).toMatch(/^\d+ results?\. Use the arrow keys to choose one\.$/);
  });

  it("says there is no page for a code, or that nothing matches", () => {
    expect(statusText(answer("0x8004010F"), "0x8004010F")).toBe("No page for 0x8004010F.");
    expect(statusText(answer("caa50012"), "caa50012")).toBe("No page for 0xCAA50012.");
    expect(statusText(answer("asdf qwer zxcv"), "asdf qwer zxcv")).toBe("No matching pages.");
    expect(statusText(answer(""), "  ")).toBe("");
  });
});

describe("the no-page notice", () => {
  it("names the code and, when its shape tells, its family in words", () => {
    expect(noPageText(answer("0x8004de99").missing[0]!)).toBe("We have no page for 0x8004DE99 yet. It is a OneDrive sign-in or account code. Codes like this come from the OneDrive sync app: signing in, the account, or how OneDrive is set up on this PC.");
    expect(noPageText(answer("0x8004010F").missing[0]!)).toBe("We have no page for 0x8004010F yet.");
  });
});

describe("results", () => {
  it("say how they matched, in words", () => {
    expect(describeResult(answer("CAA50021").results[0]!)).toBe("Code overview · code CAA50021");
    expect(describeResult(answer("caa5002l").results[0]!)).toBe("Code overview · caa5002l read as 0xCAA50021");
    expect(describeResult(answer("onedrive grey cloud red x").results[0]!)).toBe("Step-by-step guide");
  });
});

describe("search misses", () => {
  it("report only a code with no page, in Fixpath's form, never the words", () => {
    expect(missToReport(answer("0x8004010f"))).toBe("0x8004010F");
    expect(missToReport(answer("We couldn't sign in, error 0x8004010f at work"))).toBe("0x8004010F");
    expect(missToReport(answer("aadsts99999"))).toBe("AADSTS99999");
    for (const q of ["qqzzyx wibble", "my password is hunter2", "CAA50021", "caa5002l"]) expect(missToReport(answer(q)), q).toBeUndefined();
  });
});
