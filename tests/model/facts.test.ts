import { describe, expect, it } from "vitest";
import { ENGINE_FACTS } from "../../src/engine/index.ts";
import { FACTS, FACT_NAMES, factType, factsWithRole, isCodeFact } from "../../src/model/index.ts";

describe("the fact table", () => {
  it("gives each fact's type, so code can branch on the type instead of the name", () => {
    expect(FACT_NAMES.filter(isCodeFact)).toEqual(["otherErrorAfterSignIn", "innerErrorCode"]);
    expect(FACT_NAMES.map((f) => [f, factType(f)])).toEqual(FACT_NAMES.map((f) => [f, FACTS[f].type]));
    expect(factType("managed")).toBe("boolean");
    expect(factType("recentChange")).toBe("choice");
    expect(isCodeFact("managed")).toBe(false);
    expect(isCodeFact("notAFact")).toBe(false);
  });

  it("names the facts the engine's own safety rules read, and the engine reads exactly those", () => {
    expect(factsWithRole("engine")).toEqual(["isAdmin", "managed"]);
    expect([...ENGINE_FACTS].sort()).toEqual(factsWithRole("engine").sort());
  });

  it("names the facts a page gives without asking", () => {
    expect(factsWithRole("page")).toEqual(["app"]);
  });
});
