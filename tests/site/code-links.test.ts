// The one table from a written code to its hub (site/src/lib/code-links.ts): the static redirects
// `/codes/<form>/`, the deep link `/?code=` and the 404 page's lookup all read it; and the home
// page's families, as the catalogue (src/lookup/families.ts) defines them.
import { describe, expect, it } from "vitest";
import { codeLinkTarget, codeRedirects } from "../../site/src/lib/code-links.ts";
import { redirectTargets } from "../../site/src/lib/redirects-fs.ts";
import { buildCodesFile } from "../../site/src/lib/data.ts";
import { catalogueGroups, familyHeading, listedCode } from "../../site/src/lib/view.ts";
import { resultGroups, resultsSummary, resultsUrl } from "../../site/src/lib/search-text.ts";
import { buildLookupIndex, lookupAnswer } from "../../src/lookup/lookup.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const kb = loadProjectKb();

describe("codeLinkTarget", () => {
  it.each([
    ["CAA50021", "caa50021"],
    ["0xCAA50021", "caa50021"],
    ["caa-50021", "caa50021"],
    ["CAA 50021", "caa50021"],
    ["3399811105", "caa50021"],
    ["-895156191", "caa50021"],
    ["0x8004DE40", "0x8004de40"],
    ["8004de40", "0x8004de40"],
    ["AADSTS50126", "aadsts50126"],
    ["50126", "aadsts50126"],
    ["  caa50021  ", "caa50021"],
  ])("%s leads to %s", (form, hub) => {
    expect(codeLinkTarget(kb.codeIndex, form)).toBe(hub);
  });

  it.each([["0x8004de99"], ["AADSTS99999"], ["caa5002l"], ["hello"], [""], ["2026-01-02"]])("%s leads nowhere (no page, a slip, or not a code)", (form) => {
    expect(codeLinkTarget(kb.codeIndex, form)).toBeUndefined();
  });

  it("writes a redirect for every path-safe form of every hub and nothing else, each to the hub the table gives", () => {
    const codes = buildCodesFile(kb);
    const targets = redirectTargets(codes);
    const hubs = new Set(kb.codes.keys());
    expect(targets.length).toBeGreaterThan(kb.codes.size);
    for (const { form, code } of targets) {
      expect(hubs.has(form), form).toBe(false);
      expect(codeLinkTarget(kb.codeIndex, form), form).toBe(code);
    }
    expect(targets).toContainEqual({ form: "CAA50021", code: "caa50021" });
    expect(targets).toContainEqual({ form: "3399811105", code: "caa50021" });
    expect(codeRedirects(kb.codeIndex, ["0x8004de99", "not a path"])).toEqual([]);
  });
});

describe("the home page's families", () => {
  const groups = catalogueGroups(kb);

  it("puts every hub in exactly one group", () => {
    expect(groups.flatMap((g) => g.hubs.map((h) => h.id)).sort()).toEqual([...kb.codes.keys()].sort());
  });

  it("keeps one family together: the broker's CAA5 codes, and the OneDrive codes", () => {
    const groupOf = (id: string) => groups.find((g) => g.hubs.some((h) => h.id === id))?.id;
    expect(groupOf("caa50021")).toBe(groupOf("caa5001c"));
    const onedrive = [...kb.codes.keys()].filter((id) => /^0x8004de/.test(id));
    expect(new Set(onedrive.map(groupOf)).size).toBe(1);
    expect(groupOf("80090016")).toBe(groupOf("0xc0090016"));
    expect(groups.at(-1)?.id === "other" || !groups.some((g) => g.id === "other")).toBe(true);
  });

  it("names families as headings and lists codes in one form per kind", () => {
    expect(familyHeading("a OneDrive sign-in or account code")).toBe("OneDrive sign-in or account codes");
    expect(familyHeading("an Entra ID sign-in service code")).toBe("Entra ID sign-in service codes");
    expect(listedCode("80090016")).toBe("0x80090016");
    expect(listedCode("0xc0090016")).toBe("0xC0090016");
    expect(listedCode("caa50021")).toBe("CAA50021");
    expect(listedCode("aadsts50126")).toBe("AADSTS50126");
  });
});

describe("the search results page", () => {
  const index = buildLookupIndex(kb);

  it("groups the lookup's answer by kind, in its order", () => {
    const answer = lookupAnswer(index, "caa5002l", { limit: 20 });
    expect(resultGroups(answer).map((g) => g.kind)).toEqual(["look-alike"]);
    const words = lookupAnswer(index, "onedrive grey cloud red x", { limit: 20 });
    expect(resultGroups(words).map((g) => g.kind)).toEqual(["text"]);
    expect(resultGroups(lookupAnswer(index, "asdf qwer zxcv"))).toEqual([]);
  });

  it("sums up what was found, and the address keeps the query", () => {
    expect(resultsSummary(lookupAnswer(index, "0x8004de99"), "0x8004de99")).toMatch(/^(No page matches "0x8004de99" yet\.|\d+ pages? match)/);
    expect(resultsSummary(lookupAnswer(index, "asdf qwer zxcv"), "asdf qwer zxcv")).toBe('Nothing matches "asdf qwer zxcv". Try the code exactly as the error shows it, or fewer words.');
    expect(resultsUrl(" grey cloud & red x ")).toBe("/search/?q=grey%20cloud%20%26%20red%20x");
  });
});
