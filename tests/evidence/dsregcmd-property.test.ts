import { describe, expect } from "vitest";
import { test } from "vitest";
import fc from "fast-check";
import { isKnownKey, parseDsregcmdStatus, sectionOfTitle, type DsregcmdEvidence } from "../../src/evidence/index.ts";
import { fieldMap, readFixtures, toCrlf, utf16beWithBom, utf16leWithBom, utf8WithBom, valuesOf, wrapAt } from "./helpers.ts";

const fixtures = readFixtures().filter((f) => !f.name.startsWith("93-")); // 93 is already messy
const evidenceOf = (input: string | Uint8Array): DsregcmdEvidence => {
  const r = parseDsregcmdStatus(input);
  if (!r.ok) throw new Error(JSON.stringify(r.issues));
  return r.evidence;
};
const RUNS = { numRuns: 300 };

/** A different, still valid spacing of one `Key : value` line: indentation, `Key:NO`, `Key : value`. */
function respace(line: string, indent: number, before: number, after: number): string {
  const m = /^\s*([A-Za-z][\w ()./-]*?)\s*:(?:\s*:)?\s*(.*)$/.exec(line);
  if (!m || !isKnownKey(m[1]!)) return line;
  return `${" ".repeat(indent)}${m[1]}${" ".repeat(before)}:${m[2] === "" ? "" : " ".repeat(after)}${m[2]}`;
}

const form = fc.record({
  encoding: fc.constantFrom("string", "utf8-bom", "utf16le-bom", "utf16be-bom"),
  crlf: fc.boolean(),
  prompt: fc.constantFrom("", "PS C:\\Users\\someone> dsregcmd /status\n", "C:\\Windows\\system32>dsregcmd.exe /status\n\n"),
  before: fc.constantFrom("", "Here is the output:\n\n", "hi,\nthis is from the laptop\n"),
  after: fc.constantFrom("", "\nthanks!\n", "\n\nsent from my phone"),
  spacing: fc.array(fc.tuple(fc.integer({ min: 1, max: 30 }), fc.integer({ min: 0, max: 2 }), fc.integer({ min: 0, max: 3 })), { minLength: 1, maxLength: 8 }),
  wrap: fc.option(fc.integer({ min: 40, max: 110 }), { nil: undefined }),
});

type Form = typeof form extends fc.Arbitrary<infer T> ? T : never;

function render(text: string, f: Form): string | Uint8Array {
  // Respacing and wrapping are not combined: dsregcmd right-aligns its keys to end near column 27,
  // so a console of 40 or more columns never cuts a key; respacing with deep indents would.
  let t =
    f.wrap !== undefined
      ? text
      : text
          .split("\n")
          .map((l, i) => {
            const [indent, before, after] = f.spacing[i % f.spacing.length]!;
            return respace(l, indent, before, after);
          })
          .join("\n");
  t = f.before + f.prompt + t + f.after;
  // A single wrapped line is left alone by design (raw.ts quirk [3]): wrap only where two or more lines wrap.
  if (f.wrap !== undefined && t.split("\n").filter((l) => l.length > f.wrap!).length >= 2) t = wrapAt(t, f.wrap);
  if (f.crlf) t = toCrlf(t);
  if (f.encoding === "utf8-bom") return utf8WithBom(t);
  if (f.encoding === "utf16le-bom") return utf16leWithBom(t);
  if (f.encoding === "utf16be-bom") return utf16beWithBom(t);
  return t;
}

describe("dsregcmd parser properties", () => {
  test("is total: never throws, on any string", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 3000 }), (s) => {
        const r = parseDsregcmdStatus(s);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 500 },
    );
  });

  test("is total on any bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 3000 }), (bytes) => {
        const r = parseDsregcmdStatus(bytes);
        expect(typeof r.ok).toBe("boolean");
      }),
      { numRuns: 300 },
    );
  });

  test("is total on mixtures of dsregcmd fragments, and every extra keeps a line number inside the paste", () => {
    const fragment = fc.constantFrom(
      "+----------------------------------------------------------------------+",
      "| Device State                                                         |",
      "| SSO State |",
      "| Work Account 1 |",
      "             AzureAdJoined : YES",
      "AzureAdJoined:",
      "     KeySignTest: : MUST Run elevated to test.",
      "     AcquirePrtDiagnostics : PRESENT",
      "            Attempt Status : 0xc000006d",
      "        DRS Discovery Test : FAIL [0x801c0021/",
      "For more information, please visit https://www.microsoft.com/aadjerrors",
      "C:\\> dsregcmd /status",
      "",
      " : : ",
      "|",
      "<script>alert(1)</script>",
    );
    fc.assert(
      fc.property(fc.array(fc.oneof(fragment, fc.string({ maxLength: 80 })), { maxLength: 60 }), fc.boolean(), (parts, newline) => {
        const text = parts.join("\n") + (newline ? "\n" : "");
        const r = parseDsregcmdStatus(text);
        if (r.ok) {
          for (const x of r.evidence.extras) {
            expect(x.line).toBeGreaterThanOrEqual(1);
            expect(x.line).toBeLessThanOrEqual(r.evidence.capture.lineCount);
          }
        }
      }),
      RUNS,
    );
  });

  test.each(fixtures)("$name: any encoding, line ends, prompt, surrounding text, spacing and console width give the same evidence", ({ text }) => {
    const base = valuesOf(evidenceOf(text));
    fc.assert(
      fc.property(form, (f) => {
        expect(valuesOf(evidenceOf(render(text, f)))).toEqual(base);
      }),
      { numRuns: 120 },
    );
  });

  test.each(fixtures)("$name: inserting unknown lines never changes a known field", ({ text }) => {
    const base = fieldMap(evidenceOf(text));
    const word = fc.stringMatching(/^[a-z]{3,10}$/).filter((w) => !isKnownKey(w) && sectionOfTitle(w) === undefined);
    const noise = fc.oneof(
      fc.tuple(word, word).map(([a, b]) => `${a} ${b}`),
      fc.tuple(word, word).map(([k, v]) => `      Zz${k} : ${v}`),
    );
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(), noise), { minLength: 1, maxLength: 5 }), (inserts) => {
        const lines = text.split("\n");
        for (const [at, line] of inserts) lines.splice(at % (lines.length + 1), 0, line);
        const after = fieldMap(evidenceOf(lines.join("\n")));
        expect([...after.keys()].sort()).toEqual([...base.keys()].sort());
        for (const [k, f] of base) expect(after.get(k)?.value, k).toEqual(f.value);
      }),
      { numRuns: 150 },
    );
  });

  test.each(fixtures)("$name: cutting the paste anywhere keeps every earlier field as it was", ({ text }) => {
    const base = fieldMap(evidenceOf(text));
    fc.assert(
      fc.property(fc.integer({ min: 1, max: text.length }), (at) => {
        const r = parseDsregcmdStatus(text.slice(0, at));
        if (!r.ok) return;
        const cutLine = text.slice(0, at).split("\n").length;
        for (const [k, f] of fieldMap(r.evidence)) {
          if (f.line === cutLine) continue; // the last line may hold a shortened text value
          expect(f.value, k).toEqual(base.get(k)?.value);
        }
      }),
      { numRuns: 150 },
    );
  });
});
