/**
 * `fixpath analyze FILE --json` prints no identifier (e-mail, UPN, SID, GUIDs and tenant and device
 * ids, profile folders, computer names, IP addresses, the identifier values the paste's fields hold)
 * unless --no-redact (issue 26), on every fixture of the project: bundles, dsregcmd /status outputs
 * and the Windows outputs of the bundle's parts.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { EXIT } from "../../src/cli/io.ts";
import { analyzePaste } from "../../src/evidence/index.ts";
import { collectBundleIdentifiers, collectIdentifiers } from "../../src/report/index.ts";
import { identifiesSomeone } from "../../src/report/redact.ts";
import { fakeIo, ROOT } from "../helpers/io.ts";

const FIXTURES = join(ROOT, "tests", "fixtures");
const BUNDLE = join(FIXTURES, "bundle", "90-derived-bundle-from-fixtures.txt");

async function run(argv: string[]) {
  const io = fakeIo();
  const code = await main(argv, io);
  return { code, out: io.out(), err: io.err() };
}

/** Shapes that identify a person or a device wherever they appear. */
const LEFTOVERS: [string, RegExp][] = [
  ["an e-mail address or UPN", /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+\.[\p{L}\p{N}.-]+/u],
  ["a user SID", /S-1-5-21-\d+-\d+-\d+/],
  ["a GUID", /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i],
  ["a profile folder", /[A-Z]:\\\\Users\\\\(?!\[)[^\\"]+/i],
  ["a computer name of an event", /Computer:\s*(?!\[|N\/A)\w/],
  ["a computer name as Windows makes them up", /\b(?:DESKTOP|LAPTOP|WIN)-[A-Z0-9]{5,}\b/i],
  ["an IPv4 address", /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)(?![\w.])/],
];

const pastes = [
  ...readdirSync(join(FIXTURES, "bundle")).filter((f) => f.endsWith(".txt")).map((f) => join(FIXTURES, "bundle", f)),
  ...readdirSync(join(FIXTURES, "dsregcmd")).filter((f) => f.endsWith(".txt")).map((f) => join(FIXTURES, "dsregcmd", f)),
  ...readdirSync(join(FIXTURES, "windows")).filter((f) => f.endsWith(".log")).map((f) => join(FIXTURES, "windows", f)),
];

/** The identifier values the analyzer reads in a paste (device and tenant names and ids, accounts…). */
function identifiersOf(path: string): string[] {
  const a = analyzePaste(readFileSync(path));
  const values = !a.ok ? [] : a.kind === "bundle" ? collectBundleIdentifiers(a.bundle.evidence) : a.kind === "dsregcmd" ? collectIdentifiers(a.dsregcmd.evidence) : [];
  return [...new Set(values.map((v) => v.trim()))].filter((v) => v.length >= 4 && identifiesSomeone(v));
}

/** Every string value in a JSON value. */
function stringsOf(v: unknown): string[] {
  if (typeof v === "string") return [v];
  if (Array.isArray(v)) return v.flatMap(stringsOf);
  if (v && typeof v === "object") return Object.values(v).flatMap(stringsOf);
  return [];
}

describe("fixpath analyze --json prints no identifier unless --no-redact", () => {
  it.each(pastes.map((p) => [p.slice(FIXTURES.length + 1), p]))("%s", async (_name, path) => {
    const r = await run(["analyze", path, "--json"]);
    expect([EXIT.ok, EXIT.problems]).toContain(r.code);
    const parsed = JSON.parse(r.out) as { redaction: { applied: boolean } };
    expect(parsed.redaction).toEqual({ applied: true });
    for (const [what, re] of LEFTOVERS) expect(r.out, what).not.toMatch(re);
    // Values only: the JSON's own keys ("user", "name") are the format's words, not identifiers.
    const values = stringsOf(parsed).join("\n").toLowerCase();
    for (const id of identifiersOf(path)) expect(values, id).not.toContain(id.toLowerCase());
  });

  it("keeps them with --no-redact, and the facts are the same either way", async () => {
    const redacted = JSON.parse((await run(["analyze", BUNDLE, "--json"])).out) as { bundle: { facts: unknown } };
    const kept = await run(["analyze", BUNDLE, "--json", "--no-redact"]);
    expect(kept.code).toBe(EXIT.ok);
    expect(kept.out).toContain("ana@contoso.com");
    expect((JSON.parse(kept.out) as { redaction: unknown }).redaction).toEqual({ applied: false });
    expect(redacted.bundle.facts).toEqual((JSON.parse(kept.out) as { bundle: { facts: unknown } }).bundle.facts);
  });
});
