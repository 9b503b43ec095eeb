/** Builders and transforms shared by the evidence tests. */
import { readFileSync, readdirSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { dirname, join } from "node:path";
import type { DsregcmdEvidence } from "../../src/evidence/index.ts";

export const FIXTURE_DIR = join(dirname(fileURLToPath(import.meta.url)), "../fixtures/dsregcmd");

/** Every `.txt` fixture: name without extension → text. */
export function readFixtures(): { name: string; text: string }[] {
  return readdirSync(FIXTURE_DIR)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => ({ name: f.replace(/\.txt$/, ""), text: readFileSync(join(FIXTURE_DIR, f), "utf8") }));
}

/** UTF-16LE with a BOM, as Windows PowerShell's `>` writes it. */
export function utf16leWithBom(text: string): Uint8Array {
  const out = new Uint8Array(2 + text.length * 2);
  out[0] = 0xff;
  out[1] = 0xfe;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    out[2 + i * 2] = c & 0xff;
    out[3 + i * 2] = c >> 8;
  }
  return out;
}

/** UTF-16BE with a BOM. */
export function utf16beWithBom(text: string): Uint8Array {
  const le = utf16leWithBom(text);
  const out = new Uint8Array(le.length);
  for (let i = 0; i + 1 < le.length; i += 2) {
    out[i] = le[i + 1]!;
    out[i + 1] = le[i]!;
  }
  return out;
}

export function utf8WithBom(text: string): Uint8Array {
  const body = new TextEncoder().encode(text);
  const out = new Uint8Array(body.length + 3);
  out.set([0xef, 0xbb, 0xbf]);
  out.set(body, 3);
  return out;
}

export const toCrlf = (text: string) => text.replace(/\r?\n/g, "\r\n");

export const PROMPT = "PS C:\\Users\\someone> dsregcmd /status\n\n";
export const withPrompt = (text: string) => PROMPT + text;

/** Wraps every line longer than `width` into pieces of `width` characters, as a narrow console does. */
export function wrapAt(text: string, width: number): string {
  return text
    .split("\n")
    .flatMap((l) => {
      if (l.length <= width) return [l];
      const pieces: string[] = [];
      for (let i = 0; i < l.length; i += width) pieces.push(l.slice(i, i + width));
      return pieces;
    })
    .join("\n");
}

/**
 * Cuts the text in the middle of the key of the known-field line nearest its middle, leaving no
 * final newline: a paste that stopped mid-line.
 */
export function truncateMidKey(text: string, knownKey: (key: string) => boolean): { text: string; line: number } {
  const lines = text.split("\n");
  const candidates = lines
    .map((l, i) => ({ i, m: /^(\s*)([A-Za-z][\w -]*?)\s*:/.exec(l) }))
    .filter((c) => c.m !== null && knownKey(c.m[2]!));
  const mid = candidates[Math.floor(candidates.length / 2)]!;
  const [, indent, key] = mid.m!;
  const kept = lines.slice(0, mid.i).join("\n");
  const cut = indent! + key!.slice(0, Math.max(1, Math.floor(key!.length / 2)));
  return { text: `${kept}\n${cut}`, line: mid.i + 1 };
}

/** The typed values of evidence without line numbers or extras: what must not change between forms of one capture. */
export function valuesOf(evidence: DsregcmdEvidence): unknown {
  const { extras: _extras, capture: _capture, ...rest } = evidence;
  return strip(rest);
}

function strip(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(strip);
  if (value !== null && typeof value === "object") {
    return Object.fromEntries(
      Object.entries(value)
        .filter(([k]) => k !== "line")
        .map(([k, v]) => [k, strip(v)]),
    );
  }
  return value;
}

/** Every typed field as `section.field` (or `workAccounts[0].field`) → value, without lines. */
export function fieldMap(evidence: DsregcmdEvidence): Map<string, { value: unknown; line: number }> {
  const out = new Map<string, { value: unknown; line: number }>();
  const sections = ["deviceState", "deviceDetails", "tenantDetails", "userState", "ssoState", "diagnosticData", "ieProxy", "winHttpProxy", "ngcPrerequisiteCheck"] as const;
  for (const s of sections) {
    for (const [k, f] of Object.entries(evidence[s] as Record<string, { value: unknown; line: number }>)) out.set(`${s}.${k}`, f);
  }
  evidence.workAccounts.forEach((w, i) => {
    for (const [k, f] of Object.entries(w.fields as Record<string, { value: unknown; line: number }>)) out.set(`workAccounts[${i}].${k}`, f);
  });
  evidence.prtDiagnostics.forEach((b, i) => {
    for (const [k, f] of Object.entries(b.fields as Record<string, { value: unknown; line: number }>)) out.set(`prtDiagnostics[${i}].${k}`, f);
  });
  return out;
}
