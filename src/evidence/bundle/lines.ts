/**
 * Shared pieces of the bundle's section parsers: numbered lines, the two registry layouts
 * (`Get-ItemProperty … | Format-List` and `reg query`), and the error text a section may hold.
 * Hand-written: each layout is a few regular expressions, and no maintained library reads
 * PowerShell's console formatting or `reg query` output.
 *
 * Sample inputs:
 *   Format-List:  `InstallationType          : Client`          (fixture 03)
 *   reg query:    `    InstallationType    REG_SZ    Client`     (fixture 04)
 *   .reg export:  `"EnrollmentState"=dword:00000001`            (fixture 05)
 *   an error:     `ERROR: Access is denied.`, `Get-ChildItem : Requested registry access is not allowed.`
 *
 * Quirks:
 * [1] Select-Object prints a property it did not find with an empty value (`UBR :`): empty means
 *     not there, never "".
 * [2] `reg query` prints DWORDs in hex (`0x1`), Format-List in decimal (`1`), a .reg export as
 *     `dword:00000001`; `regNumber` reads all three.
 * [3] A value `reg query` cannot find prints a localized `ERROR: …` line: that value is absent, not
 *     the whole section failed. "Access is denied" (or 0x80070005) is the one error that means the
 *     section could not be read.
 */

/** One line of the paste with its 1-based number. */
export interface Line {
  n: number;
  text: string;
}

/** A value read from the paste, with its line. */
export interface Valued<V> {
  value: V;
  line: number;
}

/** A line kept because no parser used it. */
export interface Unused {
  line: number;
  text: string;
}

/** What went wrong in a section, when it printed an error instead of (or besides) data. */
export interface SectionError {
  kind: "access-denied" | "error";
  line: number;
  text: string;
}

const ACCESS_DENIED = /access (?:is )?denied|access is not allowed|registry access is not allowed|0x80070005|UnauthorizedAccess/i;
const ERROR_LINE = /^\s*(?:ERROR:|FEHLER:|ERREUR\s?:|ERRORE:|ERROR :)|^\s*\+\s*(?:CategoryInfo|FullyQualifiedErrorId)\s*:|^\s*[\w-]+ : .*(?:denied|not allowed|cannot find|is not recognized)|is not recognized as (?:an internal or external command|the name of a cmdlet)/i;

/** The first error line of a section, if any (quirk [3]). */
export function findError(lines: readonly Line[]): SectionError | undefined {
  let first: SectionError | undefined;
  for (const l of lines) {
    if (ACCESS_DENIED.test(l.text)) return { kind: "access-denied", line: l.n, text: l.text.trim() };
    if (!first && ERROR_LINE.test(l.text)) first = { kind: "error", line: l.n, text: l.text.trim() };
  }
  return first;
}

/** Whether a line is one of the error lines `findError` reads. */
export function isErrorLine(text: string): boolean {
  return ACCESS_DENIED.test(text) || ERROR_LINE.test(text);
}

const FORMAT_LIST = /^\s{0,4}([A-Za-z][A-Za-z0-9_.]{0,63})\s*:\s?(.*?)\s*$/;
const REG_QUERY = /^\s{2,}(\S(?:.*?\S)?)\s{2,}(REG_[A-Z_0-9]+)(?:\s{2,}(.*?))?\s*$/;
const REG_EXPORT = /^\s*"([^"]+)"=(?:"((?:[^"\\]|\\.)*)"|(dword|qword|hex(?:\([0-9a-f]+\))?):([0-9a-fA-F,]*))\s*$/;
const REG_KEY = /^\s*\[?(HKEY_[A-Z_]+|HK[LC][MU]:?)\\([^\]]*?)\]?\s*$/;

/**
 * The count line `reg query /s` ends with, by its shape in any language: words, a colon, a number,
 * words (`End of search: 1 match(es) found.`, `Suche beendet: 1 Übereinstimmung(en) gefunden.`).
 */
const SEARCH_SUMMARY = /^\s*[^\s:\d][^:\d]{2,40}:\s*\d+\s+[^\d:]{3,60}$/u;

export type RegLine =
  | { kind: "key"; path: string; line: number }
  | { kind: "value"; name: string; type?: string; value: string; line: number };

/**
 * Reads one line as a registry key header or a value in any of the three layouts; `undefined`
 * for anything else. Format-List is tried last: it matches many lines that are not registry values.
 */
export function readRegLine(l: Line, allowFormatList = true): RegLine | undefined {
  const key = REG_KEY.exec(l.text);
  if (key) return { kind: "key", path: `${key[1]}\\${key[2]}`, line: l.n };
  const reg = REG_QUERY.exec(l.text);
  if (reg) return { kind: "value", name: reg[1]!, type: reg[2]!, value: reg[3] ?? "", line: l.n };
  const exp = REG_EXPORT.exec(l.text);
  if (exp) {
    if (exp[2] !== undefined) return { kind: "value", name: exp[1]!, type: "REG_SZ", value: exp[2].replace(/\\(.)/g, "$1"), line: l.n };
    return { kind: "value", name: exp[1]!, type: exp[3] === "dword" ? "REG_DWORD" : exp[3] === "qword" ? "REG_QWORD" : "REG_BINARY", value: exp[3] === "dword" || exp[3] === "qword" ? `0x${exp[4]}` : exp[4]!, line: l.n };
  }
  if (allowFormatList) {
    const fl = FORMAT_LIST.exec(l.text);
    if (fl) return { kind: "value", name: fl[1]!, value: fl[2]!, line: l.n };
  }
  return undefined;
}

/** A number from `1`, `0x1` or `dword:00000001` (quirk [2]); undefined for anything else. */
export function regNumber(value: string): number | undefined {
  const v = value.trim();
  if (/^0x[0-9a-f]+$/i.test(v)) return Number.parseInt(v.slice(2), 16);
  if (/^\d+$/.test(v)) return Number(v);
  return undefined;
}

/**
 * Groups lines into records: a record starts at a registry key line, or after a blank line when
 * the layout is Format-List. Each record maps value names (case-insensitive) to values. Lines
 * that are neither are returned as unused; error lines are left to `findError`.
 */
export function readRecords(lines: readonly Line[], opts: { allowFormatList?: boolean } = {}): { records: RegRecord[]; unused: Unused[] } {
  const records: RegRecord[] = [];
  const unused: Unused[] = [];
  let current: RegRecord | undefined;
  let lastValue: { rec: RegRecord; name: string } | undefined;
  for (const l of lines) {
    if (l.text.trim() === "") {
      if (current && !current.path) current = undefined;
      lastValue = undefined;
      continue;
    }
    if (isErrorLine(l.text)) continue;
    const r = readRegLine(l, opts.allowFormatList ?? true);
    if (!r) {
      // Format-List wraps a long value onto lines indented under it.
      if (lastValue && /^\s{8,}\S/.test(l.text)) {
        const v = lastValue.rec.values.get(lastValue.name)!;
        v.value += l.text.trim();
        continue;
      }
      if (SEARCH_SUMMARY.test(l.text)) continue;
      unused.push({ line: l.n, text: l.text });
      continue;
    }
    if (r.kind === "key") {
      current = { path: r.path, line: r.line, values: new Map() };
      records.push(current);
      lastValue = undefined;
      continue;
    }
    if (!current) {
      current = { line: r.line, values: new Map() };
      records.push(current);
    }
    const name = r.name.toLowerCase();
    if (!current.values.has(name)) {
      current.values.set(name, { name: r.name, value: r.value, line: r.line, ...(r.type ? { type: r.type } : {}) });
      lastValue = { rec: current, name };
    } else unused.push({ line: l.n, text: l.text });
  }
  return { records, unused };
}

export interface RegValue {
  name: string;
  value: string;
  type?: string;
  line: number;
}

export interface RegRecord {
  /** The key path when the layout printed one (`HKEY_LOCAL_MACHINE\…\Enrollments\<GUID>`). */
  path?: string;
  line: number;
  /** Lower-case value name → value. */
  values: Map<string, RegValue>;
}

/** A non-empty value of a record (quirk [1]). */
export function valueOf(rec: RegRecord | undefined, name: string): RegValue | undefined {
  const v = rec?.values.get(name.toLowerCase());
  return v && v.value.trim() !== "" ? v : undefined;
}

/** A record's value as trimmed text, with the line it is on. */
export function textValue(rec: RegRecord | undefined, name: string): { value: string; line: number } | undefined {
  const v = valueOf(rec, name);
  return v ? { value: v.value.trim(), line: v.line } : undefined;
}

/** A record's value as a number (as `regNumber` reads it), with the line it is on. */
export function numberValue(rec: RegRecord | undefined, name: string): { value: number; line: number } | undefined {
  const v = valueOf(rec, name);
  const n = v ? regNumber(v.value) : undefined;
  return v && n !== undefined ? { value: n, line: v.line } : undefined;
}

/** All records merged into one (later values do not replace earlier ones): for single-key sections. */
export function mergeRecords(records: readonly RegRecord[]): RegRecord {
  const values = new Map<string, RegValue>();
  for (const r of records) for (const [k, v] of r.values) if (!values.has(k) || values.get(k)!.value.trim() === "") values.set(k, v);
  return { line: records[0]?.line ?? 0, values };
}

/** A derived answer with the lines it rests on and why (as `Derived` in dsregcmd/derive.ts). */
export interface Answer<V> {
  value: V;
  lines: number[];
  reason: string;
}

export const sortedLines = (...lines: (number | undefined)[]): number[] =>
  [...new Set(lines.filter((n): n is number => typeof n === "number"))].sort((a, b) => a - b);
