import { describe, expect, it } from "vitest";
import { analyzeDsregcmd, isKnownKey, type DsregcmdAnalysis } from "../../src/evidence/index.ts";
import { readFixtures, toCrlf, truncateMidKey, utf16leWithBom, valuesOf, withPrompt, PROMPT } from "./helpers.ts";

const fixtures = readFixtures();

function analyse(input: string | Uint8Array): DsregcmdAnalysis {
  const result = analyzeDsregcmd(input);
  if (!result.ok) throw new Error(`expected a parse: ${JSON.stringify(result.issues)}`);
  return result.analysis;
}

const json = (value: unknown) => JSON.stringify(value, null, 2) + "\n";

describe("dsregcmd golden files", () => {
  it("has the shared fixtures and the derived ones", () => {
    expect(fixtures.map((f) => f.name)).toEqual(
      expect.arrayContaining([
        "01-mslearn-hybrid-joined-legacy-format",
        "03-aadinternals-entra-joined-no-prt",
        "05-mslearn-prejoin-discover-fail-0x801c0021",
        "07-mslearn-drs-discovery-timeout-0x80072ee2",
        "08-mslearn-sso-state-hybrid-prt-ok",
        "10-mslearn-device-state-hybrid",
        "11-mslearn-device-details",
        "12-mslearn-tenant-details-with-mdm-urls",
        "13-mslearn-user-state-wam-default",
        "14-mslearn-postjoin-diagnostics-keysigntest",
        "15-mslearn-ngc-prereq-cert-trust",
        "90-derived-entra-prt-failed-full-output",
        "91-derived-registered-work-account",
        "92-derived-hybrid-stale-prt-dual-state",
        "93-derived-messy-paste",
      ]),
    );
  });

  describe.each(fixtures)("$name", ({ name, text }) => {
    const base = analyse(text);

    it("matches its golden file", async () => {
      await expect(json(base)).toMatchFileSnapshot(`../fixtures/dsregcmd/${name}.json`);
    });

    it("round-trips through JSON (plain data, nothing executable)", () => {
      expect(JSON.parse(JSON.stringify(base))).toEqual(base);
    });

    it("gives the same evidence, findings and facts when re-encoded as UTF-16LE with a BOM", () => {
      const utf16 = analyse(utf16leWithBom(text));
      expect(utf16).toEqual(base);
    });

    it("gives the same evidence with CRLF line ends", () => {
      expect(analyse(toCrlf(text))).toEqual(base);
    });

    it("gives the same values when a prompt and the command line come first, with lines shifted", () => {
      const prompted = analyse(withPrompt(text));
      expect(valuesOf(prompted.evidence)).toEqual(valuesOf(base.evidence));
      expect(prompted.evidence.capture.commandLine).toBe(1);
      const shift = PROMPT.split("\n").length - 1;
      expect(prompted.findings.map((f) => ({ ...f, lines: f.lines.map((l) => l - shift) }))).toEqual(base.findings);
      expect(prompted.facts.facts).toEqual(base.facts.facts);
    });

    it("keeps the lines before the cut, flags the paste as partial and matches its golden file when truncated", async () => {
      const cut = truncateMidKey(text, isKnownKey);
      const partial = analyse(cut.text);
      expect(partial.evidence.capture.truncated).toBe(true);
      expect(partial.warnings.map((w) => [w.code, w.line])).toContainEqual(["dsreg/truncated", cut.line]);
      expect(partial.evidence.extras).toContainEqual(expect.objectContaining({ line: cut.line, reason: "truncated" }));
      // Everything typed in the partial paste is typed identically in the whole one.
      const whole = JSON.stringify(valuesOf(base.evidence));
      for (const [section, fields] of Object.entries(valuesOf(partial.evidence) as Record<string, unknown>)) {
        if (fields && typeof fields === "object" && !Array.isArray(fields)) {
          for (const [key, field] of Object.entries(fields)) {
            expect(whole, `${section}.${key}`).toContain(JSON.stringify(field));
          }
        }
      }
      await expect(json(partial)).toMatchFileSnapshot(`../fixtures/dsregcmd/${name}.truncated.json`);
    });
  });
});
