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

/** Every page of a code: its hub and its scenarios, with the text each shows. */
const pagesOf = (code: string) => [
  { id: code, page: kb.codes.get(code)! as { caveats: { text: string; sources: string[] }[] } },
  ...scenarios.filter(([, sc]) => sc.code === code).map(([id, sc]) => ({ id, page: sc as { caveats: { text: string; sources: string[] }[] } })),
];
const text = (value: unknown): string => JSON.stringify(value).replace(/\\n|\s+/g, " ");
const allSteps = scenarios.flatMap(([id, sc]) => sc.steps.map((step) => ({ id, step })));
const sourceKind = (ref: string) => kb.sources.get(ref)?.kind;

describe("truth: claims no stronger than their sources (issue 11)", () => {
  it("gives every meaning its own sources, each a known source", () => {
    const pages: [string, readonly string[]][] = [...hubs.map(([id, h]): [string, readonly string[]] => [id, h.meaningSources]), ...scenarios.map(([id, sc]): [string, readonly string[]] => [id, sc.meaningSources])];
    for (const [id, refs] of pages) {
      expect(refs.length, `${id}: meaning has no sources`).toBeGreaterThan(0);
      for (const ref of refs) expect(kb.sources.has(ref), `${id}: meaning cites unknown source ${ref}`).toBe(true);
    }
  });

  it("states no meaning as settled when the page says it is unconfirmed", () => {
    for (const [id, h] of hubs) {
      if (h.meaningStatus !== "unconfirmed") continue;
      // The hub's own status: the meaning says so, and its sources are not only Microsoft's tables.
      expect(text(h.meaning), id).toMatch(/unconfirmed|not (settled|confirmed)|no (official )?description/i);
      for (const [sid, sc] of scenarios.filter(([, sc]) => sc.code === id)) {
        expect(text(sc.meaning), `${sid}: the hub's meaning is unconfirmed, so the app's must say so too`).toMatch(/unconfirmed|no description|publishes no description|gives no description/i);
      }
    }
  });

  it("claims a step is the most likely fix only on an official source", () => {
    for (const { id, step } of allSteps) {
      const claim = /most likely to (fix|help)|strongest fix|high-yield/i.test(`${step.title} ${step.summary}`);
      if (claim) expect(step.sources.some((r) => sourceKind(r) === "official"), `${id} ${step.id}: "${step.summary}" rests on community sources only`).toBe(true);
    }
  });

  it("never says a community-only claim is the same as Microsoft's documented step", () => {
    // signoutofwamaccounts.ps1 (Microsoft) and dsregcmd /cleanupaccounts (undocumented) differ in scope.
    for (const [id, sc] of scenarios) {
      for (const piece of text(sc).split(/(?<=\.) /)) {
        if (/signoutofwamaccounts/i.test(piece) && /cleanupaccounts/i.test(piece)) expect(piece, id).not.toMatch(/same job|does the same|equivalent/i);
      }
    }
  });

  it("says that ticking 'Allow my organization to manage my device' registers the PC, wherever it is mentioned", () => {
    for (const { id, step } of allSteps) {
      for (const ins of step.instructions) {
        if (typeof ins === "string" && /allow my organi[sz]ation to manage my device/i.test(ins)) {
          expect(ins, `${id} ${step.id}`).toMatch(/registers/i);
          expect(ins, `${id} ${step.id}: Microsoft gives it for one situation only`).toMatch(/one situation|only when|another account from your organi[sz]ation/i);
        }
      }
    }
  });

  it("warns wherever a step turns on TLS 1.0 or 1.1 that they are deprecated, and prefers TLS 1.2", () => {
    for (const { id, step } of allSteps) {
      if (!/TLS 1\.0|TLS 1\.1/.test(text(step.instructions))) continue;
      expect(text(step), `${id} ${step.id}`).toMatch(/deprecated|retired/i);
      expect(text(step.instructions), `${id} ${step.id}`).toMatch(/TLS 1\.2/);
    }
  });

  it("carries a step's 'unconfirmed by Microsoft' caveat on every page that uses the step", () => {
    const unconfirmed = (s: (typeof allSteps)[number]["step"]) => s.caveats.some((c) => /unconfirmed by Microsoft/i.test(text(c.text)));
    const ids = new Set(allSteps.filter(({ step }) => unconfirmed(step)).map(({ step }) => step.id));
    expect(ids.size).toBeGreaterThan(0);
    for (const { id, step } of allSteps) if (ids.has(step.id)) expect(unconfirmed(step), `${id} ${step.id}`).toBe(true);
  });

  it("declares actsOnOwnProfile on every step whose commands act on the running account's profile", () => {
    const PROFILE = /%localappdata%|%appdata%|%userprofile%|\$env:localappdata|hkey_current_user|hkcu\\|dsregcmd \/cleanupaccounts|add-appxpackage -register/i;
    for (const { id, step } of allSteps) {
      if (PROFILE.test(text(step.instructions).replace(/\\\\/g, "\\"))) expect(step.actsOnOwnProfile, `${id} ${step.id}`).toBe(true);
    }
  });

  it("gives a profile step that needs admin rights a way that runs as the person, never someone else's elevation", () => {
    for (const { id, step } of allSteps) {
      if (!step.actsOnOwnProfile) continue;
      expect(text(step), `${id} ${step.id}`).not.toMatch(/approve the prompt|let (IT|an administrator|someone) (approve|elevate)/i);
      if (step.needsAdmin) expect(text(step), `${id} ${step.id}`).toMatch(/(as|in) (the affected user|yourself|your own session|you)\b/i);
    }
  });

  it("holds back Access work or school's Connect on joined and managed PCs, wherever a step says to select it", () => {
    for (const { id, step } of allSteps) {
      const connect = step.instructions.some((i) => typeof i === "string" && /select \*\*Connect\*\*/.test(i));
      if (!connect) continue;
      expect(step.changesRegistration, `${id} ${step.id}: it adds a work account to Windows`).toBe(true);
      expect(text(step.instructions), `${id} ${step.id}`).toMatch(/joined/i);
    }
  });

  it("says plainly what a TPM reset deletes and keeps it for IT, wherever a page mentions one", () => {
    const mentions = [...hubs.map(([id, h]) => ({ id, t: text(h) })), ...scenarios.map(([id, sc]) => ({ id, t: text(sc) }))].filter((p) => /(clear(ing)?|reset(ting)?) the TPM|TPM reset|Clear TPM/i.test(p.t));
    expect(mentions.length).toBeGreaterThan(0);
    for (const { id, t } of mentions) {
      expect(t, id).toMatch(/Windows Hello/);
      expect(t, id).toMatch(/\bkeys?\b/);
      expect(t, id).toMatch(/\bIT\b/);
    }
  });
});

describe("truth: no two pages give different answers for the same fact (issue 11)", () => {
  const PERSONAL = /personal Microsoft account .*CAA50021|CAA50021 .*personal/i;
  it.each(hubs.filter(([id]) => scenarios.some(([, sc]) => sc.code === id)).map(([id]) => id))("%s: one answer on whether a personal account can produce the code", (code) => {
    const pages = pagesOf(code);
    const answers = pages.map(({ id, page }) => ({ id, caveat: page.caveats.find((c) => PERSONAL.test(text(c.text)) && /source/i.test(text(c.text))) }));
    const given = answers.filter((a) => a.caveat);
    if (given.length === 0) return;
    // Every page of the code gives it, word for word, with the same sources.
    for (const a of answers) expect(a.caveat, `${a.id} lacks the answer the other pages give`).toBeDefined();
    for (const a of given) expect({ text: a.caveat!.text, sources: a.caveat!.sources }, a.id).toEqual({ text: given[0]!.caveat!.text, sources: given[0]!.caveat!.sources });
    // And no page contradicts it with an unqualified claim.
    for (const { id, page } of pages) {
      expect(text(page), id).not.toMatch(/comes only from work or school accounts|does not produce it|never does|personal account points at another problem/i);
    }
  });

  it("finds the CAA50021 answer on its hub and all four app pages", () => {
    const pages = pagesOf("caa50021");
    expect(pages.length).toBe(5);
    for (const { id, page } of pages) expect(page.caveats.some((c) => /No source settles/.test(text(c.text))), id).toBe(true);
  });
});

describe("across pages", () => {
  it("gives a step id the same safety properties on every page that uses it", () => {
    const seen = new Map<string, { page: string; props: string }>();
    for (const [id, sc] of scenarios) {
      for (const s of sc.steps) {
        const props = JSON.stringify([s.tier, s.needsAdmin, s.needsRestart, s.changesState, s.neverOnManaged, s.actsOnOwnProfile, s.changesRegistration]);
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
