// Facts a paste leaves unknown are data keyed by fact ({ fact, cause, fix?, lines? }), for the
// bundle and for dsregcmd /status alike; the notes are the same list in sentences, made in one place.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BUNDLE_FACTS, UNKNOWN_LEADS, analyzeDsregcmd, unknownSentence, type FactsFromEvidence } from "../../src/evidence/index.ts";
import { bundleFixtures, bundleOf, runOf, windowsFixtures } from "./bundle-helpers.ts";

const DSREG_DIR = join(import.meta.dirname, "../fixtures/dsregcmd");
const dsregcmd = (name: string) => {
  const r = analyzeDsregcmd(readFileSync(join(DSREG_DIR, `${name}.txt`), "utf8"));
  if (!r.ok) throw new Error(`${name} does not parse`);
  return r.analysis;
};
const ELEVATED_GROUPS = windowsFixtures().find((f) => f.name.startsWith("02-"))!.text.split("\n").slice(1).join("\n");
const ACC_WORK = "PSChildName : Business1\nUserEmail   : ana@contoso.com\nUserFolder  : C:\\Users\\ana\\OneDrive - Contoso";

/** Each unknown fact once, and each note the sentence of one unknown fact, in the same order. */
function expectConsistent(f: FactsFromEvidence, label: string) {
  expect(f.notes, label).toEqual(f.unknown.map(unknownSentence));
  expect(new Set(f.unknown.map((u) => u.fact)).size, label).toBe(f.unknown.length);
  for (const u of f.unknown) {
    expect(f.facts, `${label}: ${u.fact}`).not.toHaveProperty(u.fact);
    expect(u.cause, `${label}: ${u.fact}`).not.toMatch(/\.$|^[A-Z][a-z]+ [a-z]+ stays? unknown/);
  }
}

describe("unknown facts", () => {
  it("are keyed by fact in every bundle fixture: each expected fact is settled or has a cause, and the notes are their sentences", () => {
    for (const { name, text } of [...bundleFixtures(), ...windowsFixtures()]) {
      const f = bundleOf(text).facts;
      expectConsistent(f, name);
      for (const fact of BUNDLE_FACTS) expect(fact in f.facts || f.unknown.some((u) => u.fact === fact), `${name}: ${fact}`).toBe(true);
    }
  });

  it("are keyed by fact for dsregcmd /status too, with the lines of the join type when it rests on some", () => {
    const registered = dsregcmd("91-derived-registered-work-account").facts;
    expectConsistent(registered, "91");
    const managed = registered.unknown.find((u) => u.fact === "managed")!;
    expect(managed.cause).toMatch(/^a work account registered on this PC \(WorkplaceJoined YES\)/);
    expect(managed.lines?.length).toBeGreaterThan(0);
    expect(registered.unknown.map((u) => u.fact)).toEqual(["managed", "windowsServer", "isAdmin"]);
  });

  it("carry the fix apart from the cause, and the device card shows both without the lead", () => {
    const a = bundleOf(runOf({ "whoami-groups": ELEVATED_GROUPS }));
    const admin = a.facts.unknown.find((u) => u.fact === "isAdmin")!;
    expect(admin).toMatchObject({ cause: expect.stringMatching(/^this window ran as administrator \(mandatory label S-1-16-12288, line \d+\), possibly with another account's password$/), fix: "Run the command again in a normal window." });
    expect(admin.lines).toHaveLength(1);
    expect(a.facts.notes).toContain(`${UNKNOWN_LEADS.isAdmin}: ${admin.cause}. ${admin.fix}`);
    expect(a.card.find((r) => r.key === "admin")!.detail).toBe(`${admin.cause}. ${admin.fix}`);
    expect(a.card.find((r) => r.key === "management")!.detail).toBe(a.facts.unknown.find((u) => u.fact === "managed")!.cause);
  });

  it("take the bundle's hybrid join cause from the dsregcmd part's typed unknown, not from its sentence", () => {
    const joinUnknown = "+----+\n| User State |\n+----+\n\n           WorkplaceJoined : YES\n";
    const a = bundleOf(runOf({ dsregcmd: joinUnknown }));
    const inner = a.evidence.sections.dsregcmd!.data!.facts.unknown.find((u) => u.fact === "hybridJoined")!;
    expect(a.facts.unknown.find((u) => u.fact === "hybridJoined")!.cause).toBe(inner.cause);
  });

  it("a OneDrive accounts part with a stray line leaves the pairing unknown and still reads the inner code of event 1098", () => {
    const events = windowsFixtures().find((f) => f.name.startsWith("13-"))!.text;
    const a = bundleOf(runOf({ "onedrive-accounts": `${ACC_WORK}\nFehler: Zugriff verweigert`, "aad-operational": events }));
    expect(a.evidence.sections["onedrive-accounts"]!.state).toBe("partial");
    expect(a.facts.unknown.find((u) => u.fact === "personalAndWorkPaired")).toMatchObject({ cause: expect.stringMatching(/holds a line that is not an account value \(line \d+\)/), lines: [expect.any(Number)] });
    expect(a.facts.facts.innerErrorCode).toBeDefined();
  });
});
