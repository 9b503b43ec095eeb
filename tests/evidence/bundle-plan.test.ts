import { describe, expect, it } from "vitest";
import { plan } from "../../src/engine/index.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import { bundleOf, bundleFixtures } from "./bundle-helpers.ts";

const kb = loadProjectKb();

describe("the bundle's answers in the diagnostic", () => {
  it("settle the questions it answers: the plan no longer assumes them, and the plan changes", () => {
    const facts = bundleOf(bundleFixtures()[0]!.text, kb).facts.facts;
    expect(facts).toMatchObject({ isAdmin: true, windowsServer: false, personalAndWorkPaired: true });
    const target = { code: "caa50021", app: "onedrive" as const };
    const before = plan(kb, target, {});
    const after = plan(kb, target, facts);
    const assumed = (p: typeof before) => p.assumptions.map((a) => a.fact);
    for (const f of Object.keys(facts)) {
      expect(assumed(after), f).not.toContain(f);
      expect(after.nextQuestion?.fact).not.toBe(f);
    }
    expect(assumed(before).some((f) => f in facts)).toBe(true);
    expect(JSON.stringify(after.steps)).not.toBe(JSON.stringify(before.steps));
  });
});
