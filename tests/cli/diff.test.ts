import { Readable } from "node:stream";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { fakeIo } from "../helpers/io.ts";

const F = "tests/fixtures";
const BEFORE = `${F}/dsregcmd/03-aadinternals-entra-joined-no-prt.txt`;
const AFTER = `${F}/diff/01-prt-back.after.txt`;
const OTHER_DEVICE = `${F}/dsregcmd/90-derived-entra-prt-failed-full-output.txt`;

async function run(argv: string[], stdin?: string) {
  const io = fakeIo(stdin === undefined ? {} : { stdin: Object.assign(Readable.from([Buffer.from(stdin)]), { isTTY: false }) });
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

describe("fixpath diff", () => {
  it("prints what changed, what it means and the lines in each capture, and exits 0", async () => {
    const r = await run(["diff", BEFORE, AFTER]);
    expect(r.code).toBe(0);
    expect(r.err).toBe("");
    expect(r.out).toMatchInlineSnapshot(`
      "Comparing two captures
        before: tests/fixtures/dsregcmd/03-aadinternals-entra-joined-no-prt.txt: a dsregcmd /status paste, 72 lines
        after:  tests/fixtures/diff/01-prt-back.after.txt: a dsregcmd /status paste, 75 lines
        same device: device id, device name, organisation (tenant) id match
        order: neither capture says when it was taken; they are compared in the order given

      What changed (2)
        ▲ better   Primary refresh token (AzureAdPrt)
            before: missing (line 60)
            after:  present (line 61)
            The primary refresh token came back: Windows can sign the user in to Microsoft 365 apps again without asking.
        ▲ better   Default work account in Windows (WamDefaultSet)
            before: not set (line 54)
            after:  set (lines 54, 55)
            Windows has a default work account for this user again: apps that sign in through Windows can find it.

      Unchanged (4)
        = same     Join type: Microsoft Entra joined (lines 5, 6, 7)
        = same     Work account registered (WorkplaceJoined): no (line 53)
        = same     Device object in Microsoft Entra (DeviceAuthStatus): exists and is enabled (line 20)
        = same     Device keys (KeySignTest, AadRecoveryEnabled): healthy (KeySignTest passed) (lines 72, 74)

      Shown in one capture only (1)
        ? second only  Primary refresh token last renewed: 2022-02-15 09:12:40.000 UTC (line 62)
      "
    `);
  });

  it("prints the comparison as JSON with --json", async () => {
    const r = await run(["diff", BEFORE, AFTER, "--json"]);
    expect(r.code).toBe(0);
    const j = JSON.parse(r.out) as { ok: boolean; rows: { key: string; change: string }[]; input: unknown };
    expect(j.ok).toBe(true);
    expect(j.input).toEqual({ before: BEFORE, after: AFTER });
    expect(j.rows.filter((x) => x.change === "better").map((x) => x.key)).toEqual(["prt", "wam-default"]);
  });

  it("refuses two devices with exit 1, a reason and a fix, without their ids", async () => {
    const r = await run(["diff", BEFORE, OTHER_DEVICE]);
    expect(r.code).toBe(1);
    expect(r.out).toBe("");
    expect(r.err).toContain("diff/different-device");
    expect(r.err).toContain("Fix: Take both captures on the same device");
    expect(r.err).not.toMatch(/ea77c7d5|DESKTOP-TEST01|AADJoin02/i);
    const j = await run(["diff", BEFORE, OTHER_DEVICE, "--json"]);
    expect(j.code).toBe(1);
    expect((JSON.parse(j.out) as { issues: { code: string }[] }).issues.map((i) => i.code)).toEqual(["diff/different-device"]);
  });

  it("exits 1 when the captures have nothing in common, or one is error text", async () => {
    expect((await run(["diff", `${F}/windows/01-whoami-all-local-admin-not-elevated.log`, `${F}/dsregcmd/13-mslearn-user-state-wam-default.txt`])).code).toBe(1);
    const r = await run(["diff", BEFORE, "-"], "Teams says: something went wrong 0xCAA50021");
    expect(r.code).toBe(1);
    expect(r.err.startsWith("(stdin)  diff/not-a-capture")).toBe(true);
  });

  it("says when the captures look swapped, and still compares them", async () => {
    const r = await run(["diff", `${F}/diff/04-swapped.later.txt`, `${F}/dsregcmd/92-derived-hybrid-stale-prt-dual-state.txt`]);
    expect(r.code).toBe(0);
    expect(r.out).toContain('they look swapped  ← check the order');
  });

  it("reads one capture from standard input", async () => {
    const { readFileSync } = await import("node:fs");
    const r = await run(["diff", BEFORE, "-"], readFileSync(AFTER, "utf8"));
    expect(r.code).toBe(0);
    expect(r.out).toContain("after:  (stdin): a dsregcmd /status paste");
  });

  it.each([
    // usage
    [["diff", BEFORE], "error: missing required argument 'after'"],
    [["diff", "-", "-"], "only one of BEFORE and AFTER can be -"],
    [["diff", BEFORE, "nope.txt"], "fixpath diff: no such file: nope.txt"],
    [["diff", BEFORE, "tests"], "fixpath diff: not a file: tests"],
  ])("exits 2 on usage: %j", async (argv, message) => {
    const r = await run(argv);
    expect(r.code).toBe(2);
    expect(r.err).toContain(message);
  });

  it("exits 2 on an empty capture", async () => {
    const r = await run(["diff", BEFORE, "-"], "");
    expect(r.code).toBe(2);
    expect(r.err).toContain("dsreg/empty-input");
  });
});
