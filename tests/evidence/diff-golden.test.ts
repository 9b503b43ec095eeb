import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { diffPastes, verifyOutcome, type CaptureDiff } from "../../src/evidence/diff/index.ts";
import { FIXTURE_DIR } from "./helpers.ts";

const FIXTURES = join(FIXTURE_DIR, "..");
const PAIRS = JSON.parse(readFileSync(join(FIXTURES, "diff/pairs.json"), "utf8")) as { name: string; before: string; after: string; covers: string }[];
const read = (p: string) => readFileSync(join(FIXTURES, p), "utf8");
const diffOf = (name: string): CaptureDiff => {
  const p = PAIRS.find((x) => x.name === name)!;
  return diffPastes(read(p.before), read(p.after));
};
const ok = (d: CaptureDiff) => {
  if (!d.ok) throw new Error(`expected a comparison, got ${d.issues.map((i) => i.code).join(", ")}`);
  return d;
};
const row = (d: CaptureDiff, key: string) => ok(d).rows.find((r) => r.key === key);

describe("capture comparison goldens", () => {
  it.each(PAIRS)("$name: $covers", async ({ name, before, after }) => {
    const d = diffPastes(read(before), read(after));
    await expect(JSON.stringify(d, null, 2) + "\n").toMatchFileSnapshot(`../fixtures/diff/${name}.json`);
  });
});

describe("capture comparison", () => {
  it("says the PRT and the default work account came back on the same device, and a fix is verified", () => {
    const d = ok(diffOf("01-same-device-prt-back"));
    expect(row(d, "prt")).toMatchObject({ change: "better", before: { words: "missing", lines: [60] }, after: { words: "present", lines: [61] } });
    expect(row(d, "wam-default")?.change).toBe("better");
    expect(row(d, "device-auth")?.change).toBe("same");
    expect(d.identity.filter((i) => i.match === true).map((i) => i.field)).toEqual(["device-id", "device-name", "tenant-id"]);
    expect(verifyOutcome(d, "fixed").verdict).toBe("verified");
    expect(verifyOutcome(d, "no-change").verdict).toBe("contradicted");
  });

  it("contradicts a step marked fixed when the PRT is still missing and the device still disabled", () => {
    const d = ok(diffOf("02-same-device-still-failing"));
    expect(row(d, "prt")).toMatchObject({ change: "same", after: { tone: "bad" } });
    const v = verifyOutcome(d, "fixed");
    expect(v).toMatchObject({ verdict: "contradicted", rows: ["prt", "device-auth"] });
    expect(verifyOutcome(d, "no-change").verdict).toBe("verified");
  });

  it("refuses two different devices, naming fields and lines but never their values", () => {
    const d = diffOf("03-two-devices");
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.issues.map((i) => i.code)).toEqual(["diff/different-device"]);
    expect(d.issues[0]!.message).toContain("device id differs (line 14 of the first, line 15 of the second)");
    expect(JSON.stringify(d)).not.toMatch(/ea77c7d5|AADJoin02|DESKTOP-TEST01|c5ff949d/i);
  });

  it("says a capture taken later but given first looks swapped, and still compares", () => {
    const d = ok(diffOf("04-swapped-order"));
    expect(d.order.order).toBe("reversed");
    expect(d.order).toMatchObject({ beforeLines: [33], afterLines: [33] });
    expect(d.notes.find((n) => n.about === "order")?.words).toMatch(/^The captures look swapped: /);
    expect(row(d, "prt-update")?.change).toBe("worse");
  });

  it("orders by the PRT's renewal when neither capture has a time", () => {
    const strip = (t: string) => t.replace(/^.*Client Time.*\n/m, "");
    const d = ok(diffPastes(strip(read("diff/04-swapped.later.txt")), strip(read("dsregcmd/92-derived-hybrid-stale-prt-dual-state.txt"))));
    expect(d.order.order).toBe("reversed");
    expect(d.order.reason).toContain("last renewed");
  });

  it("compares a bare dsregcmd paste with a bundle on the rows both show", () => {
    const d = ok(diffOf("05-bare-dsregcmd-vs-bundle"));
    expect(d.before.kind).toBe("dsregcmd");
    expect(d.after.kind).toBe("bundle");
    expect(row(d, "wam-default")).toMatchObject({ change: "better", before: { lines: [9] }, after: { lines: [43, 44, 46] } });
    expect(row(d, "broker")).toMatchObject({ change: "only-after", before: { known: false } });
    // A bad state only the second capture shows has nothing to do with the step.
    expect(verifyOutcome(d, "fixed").verdict).toBe("verified");
  });

  it("reads a OneDrive reset and no new sign-in errors between two bundles", () => {
    const d = ok(diffOf("06-bundle-onedrive-reset"));
    expect(d.order.order).toBe("in-order");
    expect(row(d, "onedrive-oneauth")).toMatchObject({ change: "better", before: { lines: [79] } });
    expect(row(d, "sign-in-errors")).toMatchObject({ change: "better", after: { words: "none newer than the first capture" } });
    expect(row(d, "broker")?.change).toBe("same");
  });

  it("refuses captures with nothing in common", () => {
    const d = diffOf("07-nothing-in-common");
    expect(d.ok ? [] : d.issues.map((i) => i.code)).toEqual(["diff/nothing-in-common"]);
  });

  it("lists sign-in error codes logged after the first capture's time", () => {
    const base = read("bundle/90-derived-bundle-from-fixtures.txt");
    const later = base
      .replace("2026-11-30T09:12:44.1234567+01:00", "2026-11-30T11:00:00+01:00")
      .replace("===== FIXPATH:udr-admin =====", "Event[0]:\n  Log Name: Microsoft-Windows-AAD/Operational\n  Date: 2026-11-30T09:40:00.000Z\n  Event ID: 1098\n  Description:\nError: 0xCAA50021 Token broker operation failed.\n\n===== FIXPATH:udr-admin =====");
    const d = ok(diffPastes(base, later));
    const r = row(d, "sign-in-errors")!;
    expect(r.after.words).toBe("new since the first capture: 0xCAA50021 (1 event)");
    expect(r.after.tone).toBe("bad");
    expect(verifyOutcome(d, "fixed").verdict).toBe("contradicted");
  });

  it("does not count an event logged before the first capture as new", () => {
    const base = read("bundle/90-derived-bundle-from-fixtures.txt");
    const later = base
      .replace("2026-11-30T09:12:44.1234567+01:00", "2026-11-30T11:00:00+01:00")
      .replace("===== FIXPATH:udr-admin =====", "Event[0]:\n  Log Name: Microsoft-Windows-AAD/Operational\n  Date: 2026-11-30T07:40:00.000Z\n  Event ID: 1098\n  Description:\nError: 0xCAA50021 Token broker operation failed.\n\n===== FIXPATH:udr-admin =====");
    expect(row(diffPastes(base, later), "sign-in-errors")?.after.words).toBe("none newer than the first capture");
  });

  it("reports unusable input per side as issues, not as an exception", () => {
    const d = diffPastes("", "The sign-in failed with 0xCAA50021");
    expect(d.ok).toBe(false);
    if (d.ok) return;
    expect(d.issues.map((i) => [i.file, i.code])).toEqual([["<before>", "dsreg/empty-input"], ["<after>", "diff/not-a-capture"]]);
  });

  it("says nothing identifies the device when no identity field is in both", () => {
    expect(ok(diffOf("06-bundle-onedrive-reset")).notes[0]).toMatchObject({ about: "identity", words: expect.stringMatching(/^Nothing in both captures identifies the device/) });
  });
});

describe("capture comparison over every fixture", () => {
  const names = readdirSync(FIXTURE_DIR).filter((f) => f.endsWith(".txt")).map((f) => `dsregcmd/${f}`).concat(["bundle/90-derived-bundle-from-fixtures.txt", "bundle/91-derived-cmd-fallback.txt"]);

  it.each(names)("a capture compared with itself changes nothing: %s", (name) => {
    const d = diffPastes(read(name), read(name));
    if (!d.ok) {
      expect(d.issues.map((i) => i.code)).toEqual(["diff/nothing-in-common"]);
      return;
    }
    expect(d.rows.filter((r) => r.change !== "same").map((r) => r.key)).toEqual([]);
    expect(["same-time", "unknown"]).toContain(d.order.order);
  });

  it.each(names.filter((n) => n.startsWith("dsregcmd/")))("swapping the captures swaps better and worse: %s against 90", (name) => {
    const other = "dsregcmd/90-derived-entra-prt-failed-full-output.txt";
    const ab = diffPastes(read(name), read(other));
    const ba = diffPastes(read(other), read(name));
    expect(ab.ok).toBe(ba.ok);
    if (!ab.ok || !ba.ok) return;
    const flip = { better: "worse", worse: "better", "only-before": "only-after", "only-after": "only-before" } as Record<string, string>;
    expect(ba.rows.map((r) => [r.key, r.change])).toEqual(ab.rows.map((r) => [r.key, flip[r.change] ?? r.change]));
  });
});
