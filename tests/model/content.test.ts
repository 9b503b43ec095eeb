/**
 * Rules over the real knowledge base, with every list derived from the content itself: a new
 * scenario or hub is checked without touching this file.
 */
import { describe, expect, it } from "vitest";
import { enumerateFacts, evaluate, plan, scenarioFacts } from "../../src/engine/index.ts";
import { APPS, QUICK_ANSWER_MAX_WORDS, listPages } from "../../src/model/index.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const kb = loadProjectKb();
const scenarios = [...kb.scenarios.entries()];
const hubs = [...kb.codes.entries()];

describe.each(scenarios)("scenario %s", (id, sc) => {
  it("has first-line steps, before any advanced step", () => {
    const tiers = sc.steps.map((s) => s.tier);
    expect(tiers[0]).toBe("first-line");
    expect(tiers.lastIndexOf("first-line")).toBeLessThan(tiers.includes("advanced") ? tiers.indexOf("advanced") : Infinity);
  });

  it(`has a quick answer of at most ${QUICK_ANSWER_MAX_WORDS} words`, () => {
    expect(sc.quickAnswer.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(QUICK_ANSWER_MAX_WORDS);
  });

  it("cites official or community sources on every step, action, stop and cause", () => {
    for (const item of [...sc.steps, ...sc.avoid, ...sc.stops, ...sc.causes]) {
      expect(item.sources.length, `${id}: ${"id" in item ? item.id : item.title}`).toBeGreaterThan(0);
      for (const ref of item.sources) expect(["official", "community"], `${id}: ${ref}`).toContain(kb.sources.get(ref)?.kind);
    }
  });

  it("has stop rules that some answers reach, each ending the plan as it says", () => {
    const { read } = scenarioFacts(sc);
    for (const stop of sc.stops) {
      let reached = false;
      for (const facts of enumerateFacts(sc, read)) {
        if (evaluate(stop.when, { ...facts, app: sc.app }) !== true) continue;
        const p = plan(kb, { code: sc.code, app: sc.app }, facts);
        const stoppedHere = stop.at === "after-first-line" ? p.escalation !== undefined : p.outcome === stop.outcome || p.outcome === "not-this-error";
        if (stoppedHere) {
          reached = true;
          break;
        }
      }
      expect(reached, `${id}: stop "${stop.id}" is never reached`).toBe(true);
    }
  });

  it("is listed by its hub", () => {
    expect(kb.codes.get(sc.code)!.scenarios.some((s) => s.app === sc.app && !s.planned)).toBe(true);
  });
});

describe.each(hubs)("hub %s", (id, hub) => {
  it("reaches every scenario and checklist of its code", () => {
    for (const app of APPS) {
      const exists = kb.scenarios.has(`${id}/${app}`);
      expect(hub.scenarios.some((s) => s.app === app && !s.planned), `${id}/${app}`).toBe(exists);
    }
    expect(hub.checklist === "yes").toBe(kb.checklists.has(id));
  });

  it("has references and a quick answer within the limit", () => {
    expect(hub.references.length).toBeGreaterThan(0);
    expect(hub.quickAnswer.split(/\s+/).filter(Boolean).length).toBeLessThanOrEqual(QUICK_ANSWER_MAX_WORDS);
  });
});

describe("across pages", () => {
  it("gives a step id the same safety properties on every page that uses it", () => {
    const seen = new Map<string, { page: string; props: string }>();
    for (const [id, sc] of scenarios) {
      for (const s of sc.steps) {
        const props = JSON.stringify([s.tier, s.needsAdmin, s.needsRestart, s.changesState, s.neverOnManaged]);
        const prev = seen.get(s.id);
        if (prev) expect(props, `${s.id} in ${id} vs ${prev.page}`).toBe(prev.props);
        else seen.set(s.id, { page: id, props });
      }
    }
    expect(seen.size).toBeGreaterThan(10);
  });

  it("lists every page under its design URL", () => {
    for (const p of listPages(kb)) expect(p.url).toBe(`/codes/${p.id}/`);
  });
});
