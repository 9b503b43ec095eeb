/**
 * Issue 23, the network / Teams family (CAA70007, CAA80000, CAA70004, CAA82EE2, CAA82EE7,
 * CAA20003, CAA20004): each new scenario gives a work account on an unmanaged PC with admin rights
 * at least two steps to do, or a hand-over with reasons; on a managed PC it hands over to IT with a
 * checklist; and every hand-over names the network or tenant checklist it belongs to. The page list
 * is the content's own: every scenario of these codes.
 */
import { describe, expect, it } from "vitest";
import { planScenario } from "../../src/engine/index.ts";
import { makeFacts, realKb } from "./helpers.ts";

const kb = realKb();
const CODES = ["caa70007", "caa80000", "caa70004", "caa82ee2", "caa82ee7", "caa20003", "caa20004"];
const pages = [...kb.scenarios.entries()].filter(([, sc]) => CODES.includes(sc.code)).map(([id, sc]) => ({ id, sc }));

describe("the network family's scenarios", () => {
  it("include CAA70007 in Teams", () => {
    expect(pages.map((p) => p.id)).toEqual(expect.arrayContaining(["caa70007/teams"]));
  });

  it.each(pages)("$id: a work account on an unmanaged PC with admin rights gets two steps to do, or a hand-over with reasons", ({ sc }) => {
    for (const facts of [makeFacts(), { accountType: "work" as const, managed: false, isAdmin: true }]) {
      const plan = planScenario(kb, sc, facts);
      const todo = plan.steps.filter((s) => s.status === "do");
      const handsOver = plan.outcome === "escalate" && (plan.escalation?.reasons.length ?? 0) > 0;
      expect(todo.length >= 2 || handsOver, `${JSON.stringify(facts)}: ${plan.outcome}, do: ${todo.map((s) => s.id).join(", ")}`).toBe(true);
    }
  });

  it.each(pages)("$id: on a managed PC, no advanced step is done and the plan hands over with reasons", ({ sc }) => {
    const plan = planScenario(kb, sc, makeFacts({ managed: true, isAdmin: false }));
    const advanced = new Set(sc.steps.filter((s) => s.tier === "advanced").map((s) => s.id));
    expect(plan.steps.filter((s) => advanced.has(s.id) && s.status === "do")).toEqual([]);
    expect(plan.escalation?.reasons.length).toBeGreaterThan(0);
  });

  it.each(pages)("$id: what goes to IT links a checklist", ({ sc }) => {
    expect(sc.managed.sendToIt.join(" ")).toMatch(/\(\/codes\/caa(70007|50021)\/admin\/\)/);
  });

  it.each(pages)("$id: a step that needs administrator rights is asked of IT when the person has none", ({ sc }) => {
    const plan = planScenario(kb, sc, makeFacts({ isAdmin: false }));
    for (const step of sc.steps.filter((s) => s.needsAdmin)) {
      expect(plan.steps.find((s) => s.id === step.id)?.status, step.id).not.toBe("do");
    }
  });
});
