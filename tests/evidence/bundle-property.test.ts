import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { analyzePaste } from "../../src/evidence/index.ts";
import { bundleFixtures } from "./bundle-helpers.ts";
import { toCrlf, utf16beWithBom, utf16leWithBom, utf8WithBom } from "./helpers.ts";

const FULL = bundleFixtures().find((f) => f.name.startsWith("90-"))!.text;
const full = analyzePaste(FULL);
if (!full.ok || full.kind !== "bundle") throw new Error("the derived bundle must analyse");

const encodings: [string, (t: string) => string | Uint8Array][] = [
  ["text", (t) => t],
  ["CRLF", toCrlf],
  ["UTF-8 BOM", utf8WithBom],
  ["UTF-16LE", utf16leWithBom],
  ["UTF-16BE", utf16beWithBom],
  ["UTF-16LE CRLF", (t) => utf16leWithBom(toCrlf(t))],
];

describe("bundle analysis, property-based", () => {
  it("gives the same analysis in every encoding and line ending", () => {
    for (const [, enc] of encodings) {
      const a = analyzePaste(enc(FULL));
      expect(a.ok && a.kind === "bundle" && a.bundle).toEqual(full.bundle);
    }
  });

  it("never throws on a paste cut anywhere, in any encoding; what a cut paste settles, the whole one settles the same way", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: FULL.length }), fc.constantFrom(...encodings), (cut, [, enc]) => {
        const a = analyzePaste(enc(FULL.slice(0, cut)));
        if (!a.ok || a.kind !== "bundle") return; // too short to be a bundle: another kind, or empty
        for (const [fact, value] of Object.entries(a.bundle.facts.facts)) {
          expect(full.bundle.facts.facts, `${fact} at cut ${cut}`).toHaveProperty(fact, value);
        }
        for (const s of a.bundle.facts.support) expect(s.lines.length).toBeGreaterThan(0);
        if (cut < FULL.indexOf("===== FIXPATH:end")) expect(a.bundle.evidence.complete).toBe(false);
      }),
      { numRuns: 400 },
    );
  });

  it("never throws on arbitrary text around markers, and keeps every marker's section", () => {
    const ids = ["meta", "ver", "whoami-groups", "os", "mdm", "appx", "aad-operational", "udr-admin", "end", "bogus"];
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom(...ids), fc.string({ maxLength: 80 })), { maxLength: 30 }), (parts) => {
        const text = parts.map(([id, body]) => `===== FIXPATH:${id} =====\n${body}`).join("\n");
        const a = analyzePaste(text);
        if (!a.ok) {
          expect(a.issues[0]!.message.length).toBeGreaterThan(0);
          return;
        }
        if (parts.length > 0 && a.kind === "bundle") expect(a.bundle.evidence.seen.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 },
    );
  });
});
