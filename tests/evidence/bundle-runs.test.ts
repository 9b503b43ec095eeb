/**
 * Splitting that cannot be fooled (issue 25): the run token, parts in any order, several runs in
 * one paste, cut-offs at every line. Built on the derived bundles of the current command
 * (tests/fixtures/bundle/92-…, 93-…; DERIVED.md says what each part comes from).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzePaste, splitBundle, type BundleAnalysis } from "../../src/evidence/index.ts";
import { bundleFixtures, bundleOf } from "./bundle-helpers.ts";

const PS = bundleFixtures().find((f) => f.name.startsWith("92-"))!.text;
const CMD = bundleFixtures().find((f) => f.name.startsWith("93-"))!.text;
const full = (text: string) => bundleOf(text);
const PS_FULL = full(PS);
const CMD_FULL = full(CMD);

/** A run's parts: the text before its first marker, then each marker with its body, as printed. */
function partsOf(text: string): { head: string; parts: string[]; tail: string } {
  const lines = text.split("\n");
  const starts = lines.flatMap((l, i) => (/^===== FIXPATH:[a-z-]+ \w+ =====\s*$/.test(l) ? [i] : []));
  const endAt = starts.at(-1)!;
  const parts = starts.slice(0, -1).map((s, k) => lines.slice(s, starts[k + 1]).join("\n"));
  return { head: lines.slice(0, starts[0]).join("\n"), parts, tail: lines.slice(endAt).join("\n") };
}

/** The same run with another token (a second run of the command). */
const retoken = (text: string, from: string, to: string) => text.replaceAll(from, to);
const PS_TOKEN = /run=(\w+)/.exec(PS)![1]!;
const CMD_TOKEN = /run=(\w+)/.exec(CMD)![1]!;

/** Every fact a paste settles is settled the same way by `reference`. */
function settlesNothingNew(a: BundleAnalysis, reference: BundleAnalysis, label: string) {
  for (const [fact, value] of Object.entries(a.facts.facts)) expect(reference.facts.facts, `${fact} (${label})`).toHaveProperty(fact, value);
}

describe("the derived bundles of the current command", () => {
  it("settle every fact, all from their own lines (the property tests below rest on this)", () => {
    expect(PS_FULL.facts.facts).toEqual({ isAdmin: false, windowsServer: false, hybridJoined: false, managed: false, personalAndWorkPaired: false });
    expect(CMD_FULL.facts.facts).toEqual({ isAdmin: true, windowsServer: false, hybridJoined: false, managed: true, personalAndWorkPaired: true });
    for (const a of [PS_FULL, CMD_FULL]) {
      expect(a.evidence.complete).toBe(true);
      expect(a.evidence.runs).toHaveLength(1);
      expect(a.evidence.notes).toEqual([]);
    }
  });
});

describe("parts in any order", () => {
  it("reads the events first and every part after them (no part is swallowed as event text)", () => {
    const { head, parts, tail } = partsOf(PS);
    const events = parts.filter((p) => /FIXPATH:(?:aad-operational|udr-admin) /.test(p));
    const rest = parts.filter((p) => !events.includes(p));
    const a = full([head, ...events, ...rest, tail].join("\n"));
    expect(a.facts.facts).toEqual(PS_FULL.facts.facts);
    expect(Object.keys(a.evidence.sections).sort()).toEqual(Object.keys(PS_FULL.evidence.sections).sort());
    expect(a.evidence.notes).toEqual([]);
    expect(a.facts.notes.join(" ")).not.toMatch(/not in the paste/);
  });

  it("gives the same facts for any order of the parts", () => {
    for (const [text, reference] of [[PS, PS_FULL], [CMD, CMD_FULL]] as const) {
      const { head, parts, tail } = partsOf(text);
      fc.assert(
        fc.property(fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length }), (order) => {
          const a = full([head, ...order, tail].join("\n"));
          expect(a.facts.facts).toEqual(reference.facts.facts);
          expect(a.evidence.notes.map((n) => n.code)).toEqual([]);
        }),
        { numRuns: 60 },
      );
    }
  });
});

describe("markers quoted in text", () => {
  it("reads a marker without the run's token, or with another run's, inside the events as event text", () => {
    const quoted = ["===== FIXPATH:whoami-groups =====", "===== FIXPATH:meta 0123456789ab =====", "===== FIXPATH:end =====", "===== FIXPATH:onedrive-accounts ffffffffffff ====="];
    const text = PS.replace("Event ID 1081", `Event ID 1081\n${quoted.join("\n")}\n"S-1-5-32-544","x"\nName : Microsoft.CompanyPortal\nStatus : Ok`);
    const a = full(text);
    expect(a.facts.facts).toEqual(PS_FULL.facts.facts);
    expect(a.evidence.notes.map((n) => n.code)).toEqual(["bundle/marker-in-text", "bundle/marker-in-text", "bundle/marker-in-text", "bundle/marker-in-text"]);
    expect(a.evidence.runs).toHaveLength(1);
  });

  it("never lets a quoted marker change a fact, wherever in a part it sits (in events it changes nothing at all)", () => {
    const lines = PS.split("\n");
    const bodyLines = lines.flatMap((l, i) => (i > 0 && !/FIXPATH:/.test(l) && !/FIXPATH:end/.test(lines[i - 1] ?? "") ? [i] : [])).filter((i) => i < lines.findIndex((l) => /FIXPATH:end /.test(l)));
    const ids = ["meta", "whoami-groups", "os", "mdm", "appx", "dsregcmd", "end", "nope"];
    const eventsFrom = lines.findIndex((l) => /FIXPATH:aad-operational /.test(l));
    fc.assert(
      fc.property(fc.constantFrom(...bodyLines), fc.constantFrom(...ids), fc.constantFrom("", " 0a1b2c3d4e5f", " c123456"), (at, id, token) => {
        const copy = [...lines];
        copy.splice(at, 0, `===== FIXPATH:${id}${token} =====`);
        const a = full(copy.join("\n"));
        // Outside the events a stray line may make a part unreadable (a fact turns unknown), never different.
        settlesNothingNew(a, PS_FULL, `line ${at + 1}`);
        if (at > eventsFrom) expect(a.facts.facts).toEqual(PS_FULL.facts.facts);
      }),
      { numRuns: 200 },
    );
  });
});

describe("several runs in one paste", () => {
  it("reads only the last complete run, says so, and never mixes parts of two runs", () => {
    const text = `${CMD}\n${retoken(PS, PS_TOKEN, "0aa1bb2cc3dd")}`;
    const a = full(text);
    expect(a.facts.facts).toEqual(PS_FULL.facts.facts);
    expect(a.evidence.runs.map((r) => r.endLine !== undefined)).toEqual([true, true]);
    expect(a.evidence.usedRun).toBe(1);
    expect(a.evidence.notes.map((n) => n.code)).toEqual(["bundle/runs"]);
    expect(a.findings.find((f) => f.id === "bundle-runs")!.message).toMatch(/2 runs of the command\. Only the last complete one is read/);
    // The other order: the cmd run is read, whole.
    expect(full(`${PS}\n${CMD}`).facts.facts).toEqual(CMD_FULL.facts.facts);
  });

  it("a first run cut inside the events with a full rerun below it: the rerun is read whole, the cut run is reported", () => {
    const cutAt = PS.indexOf("Error description: AADSTS50034");
    const text = `${PS.slice(0, cutAt)}\n${retoken(CMD, CMD_TOKEN, "c99887766")}`;
    const a = full(text);
    expect(a.facts.facts).toEqual(CMD_FULL.facts.facts);
    expect(a.evidence.runs.map((r) => r.endLine !== undefined)).toEqual([false, true]);
    expect(a.evidence.notes.map((n) => n.code)).toEqual(["bundle/cut-off", "bundle/runs"]);
    expect(a.evidence.notes[0]!.message).toMatch(/run 1 of the command \(from line 3\) stops before the end of the bundle \(no end marker\): the sign-in events part is cut off at line \d+ and is not used for any answer/);
    expect(a.facts.notes.join(" ")).not.toMatch(/not in the paste/);
  });

  it("the same output pasted twice is two runs, read once", () => {
    const a = full(`${PS}\n${PS}`);
    expect(a.evidence.runs).toHaveLength(2);
    expect(a.facts.facts).toEqual(PS_FULL.facts.facts);
  });

  it("when no run is complete, reads the last one and says none is complete", () => {
    const cut = (t: string, at: string) => t.slice(0, t.indexOf(at));
    const a = full(`${cut(CMD, "===== FIXPATH:dsregcmd")}\n${cut(PS, "===== FIXPATH:appx")}`);
    expect(a.evidence.usedRun).toBe(1);
    expect(a.evidence.complete).toBe(false);
    expect(a.evidence.notes.find((n) => n.code === "bundle/runs")!.message).toMatch(/none is complete/);
    settlesNothingNew(a, PS_FULL, "two cut runs");
  });

  it("any number of runs, earlier ones cut anywhere: the facts are those of the last complete run", () => {
    const lines = CMD.split("\n");
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 1, max: lines.length }), { maxLength: 4 }), fc.boolean(), (cuts, psLast) => {
        const earlier = cuts.map((c, k) => retoken(lines.slice(0, c).join("\n"), CMD_TOKEN, `c1000${k}`));
        const last = psLast ? PS : CMD;
        const a = full([...earlier, last].join("\n"));
        expect(a.facts.facts).toEqual((psLast ? PS_FULL : CMD_FULL).facts.facts);
        expect(a.evidence.complete).toBe(true);
      }),
      { numRuns: 120 },
    );
  });
});

describe("cut-offs", () => {
  it("a paste cut after any line settles nothing the whole paste would not, and says it was cut", () => {
    for (const [text, reference] of [[PS, PS_FULL], [CMD, CMD_FULL]] as const) {
      const lines = text.split("\n");
      const end = lines.findIndex((l) => /FIXPATH:end /.test(l));
      for (let k = 1; k <= lines.length; k++) {
        const cut = lines.slice(0, k).join("\n");
        const a = analyzePaste(cut);
        if (!a.ok || a.kind !== "bundle") continue;
        settlesNothingNew(a.bundle, reference, `cut after line ${k}`);
        if (k <= end) {
          expect(a.bundle.evidence.complete, `cut after line ${k}`).toBe(false);
          if (a.bundle.evidence.marked) expect(a.bundle.findings.map((f) => f.id), `cut after line ${k}`).toContain("bundle-cut-off");
        }
      }
    }
  });

  it("a paste cut anywhere, after its parts were shuffled, settles nothing the whole in-order paste would not", () => {
    const { head, parts, tail } = partsOf(PS);
    fc.assert(
      fc.property(fc.shuffledSubarray(parts, { minLength: parts.length, maxLength: parts.length }), fc.double({ min: 0, max: 1, noNaN: true }), (order, at) => {
        const text = [head, ...order, tail].join("\n");
        const a = analyzePaste(text.slice(0, Math.floor(at * text.length)));
        if (!a.ok || a.kind !== "bundle") return;
        settlesNothingNew(a.bundle, PS_FULL, "shuffled and cut");
      }),
      { numRuns: 200 },
    );
  });

  it("groups of an elevated admin cut before the mandatory label row leave admin rights unknown", () => {
    const groups = `"Everyone","Well-known group","S-1-1-0","Mandatory group, Enabled by default, Enabled group"\n"BUILTIN\\Administrators","Alias","S-1-5-32-544","Mandatory group, Enabled by default, Enabled group, Group owner"`;
    const text = PS.slice(0, PS.indexOf("===== FIXPATH:whoami-groups")) + `===== FIXPATH:whoami-groups ${PS_TOKEN} =====\n${groups}`;
    const a = full(text);
    expect(a.facts.facts).not.toHaveProperty("isAdmin");
    expect(a.card.find((r) => r.key === "admin")!.value).toBe("Not known");
    expect(a.facts.notes.join(" ")).toMatch(/Administrator rights stay unknown: the paste is cut off inside the groups of your sign-in/);
    // The same rows, complete but without the label row (a bare paste): still unknown.
    expect(full(groups).facts.facts).not.toHaveProperty("isAdmin");
  });

  it("splits every cut of a 1,000-part paste in one pass without throwing", () => {
    const many = Array.from({ length: 1_000 }, (_, i) => `===== FIXPATH:${i % 2 ? "os" : "ver"} t${String(i).padStart(5, "0")} =====\nInstallationType : Client`).join("\n");
    const s = splitBundle(many);
    expect(s.runs).toHaveLength(1_000);
    expect(s.used).toBe(999);
  });
});
