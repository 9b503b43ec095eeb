import { describe, expect, it } from "vitest";
import { factsRead, formatPath, testedValues, walkCondition, type Condition } from "../../src/model/index.ts";

const nested: Condition = {
  all: [
    { fact: "managed", is: true },
    { any: [{ fact: "where", in: ["banner", "account-add"] }, { not: { fact: "managed", is: false } }] },
  ],
};

describe("the condition walker", () => {
  it("visits every fact test in written order, with its path", () => {
    const seen: string[] = [];
    walkCondition(nested, ["steps", 2, "when"], (test, path) => seen.push(`${formatPath(path)} ${test.fact}`));
    expect(seen).toEqual([
      "steps[2].when.all[0] managed",
      "steps[2].when.all[1].any[0] where",
      "steps[2].when.all[1].any[1].not managed",
    ]);
  });

  it("gives the values a test compares with, with their paths", () => {
    expect(testedValues({ fact: "where", in: ["banner", "account-add"] }, ["when"]).map(([v, p]) => [v, formatPath(p)])).toEqual([
      ["banner", "when.in[0]"],
      ["account-add", "when.in[1]"],
    ]);
    expect(testedValues({ fact: "managed", is: true }, ["when"]).map(([v, p]) => [v, formatPath(p)])).toEqual([[true, "when.is"]]);
  });

  it("lists the facts a condition reads once each, at their first test", () => {
    expect([...factsRead(nested, ["when"])].map(([f, p]) => [f, formatPath(p)])).toEqual([
      ["managed", "when.all[0].fact"],
      ["where", "when.all[1].any[0].fact"],
    ]);
  });
});
