/**
 * MDM enrollment from `HKLM\SOFTWARE\Microsoft\Enrollments\<GUID>`, in the three layouts a paste
 * can hold: the bundle's Get-ItemProperty | Format-List records (PSChildName first), `reg query
 * /s /v` (the Command Prompt line), and a .reg export (fixture 05).
 *
 * Rule (shared/facts/evidence-bundle.md §3): an entry is an enrollment only when ProviderID is
 * non-empty and EnrollmentState is 1. The all-F placeholder has EnrollmentState 1 and no
 * ProviderID: not an enrollment. "MS DM Server" read as Intune is UNCONFIRMED (universal in
 * community tools, not written by Microsoft); EnrollmentType values are shown as printed.
 *
 * Quirk: `reg query /s /v ProviderID` prints the key line and its one value, then the next value
 * name in a second run; records are merged by key path (or PSChildName) across runs.
 */
import { readRecords, sortedLines, valueOf, type Answer, type Line, type RegRecord, type Unused, type Valued, numberValue, textValue } from "../bundle/lines.ts";

export const PLACEHOLDER_ID = "FFFFFFFF-FFFF-FFFF-FFFF-FFFFFFFFFFFF";

export interface EnrollmentEntry {
  /** The subkey name (a GUID without braces), when printed. */
  id?: string;
  line: number;
  providerId?: Valued<string>;
  enrollmentState?: Valued<number>;
  enrollmentType?: Valued<number>;
  upn?: Valued<string>;
  aadTenantId?: Valued<string>;
  /** ProviderID non-empty and EnrollmentState 1. */
  enrolled: boolean;
  placeholder: boolean;
}

export interface Enrollments {
  entries: EnrollmentEntry[];
  enrolled: Answer<boolean | "unknown">;
  unused: Unused[];
}

/** Reads the `mdm` section; pure. */
export function parseEnrollments(lines: readonly Line[]): Enrollments {
  const { records, unused } = readRecords(lines);
  // Merge records of the same key (reg query /s /v prints one value per run).
  const byKey = new Map<string, RegRecord>();
  const order: RegRecord[] = [];
  for (const r of records) {
    const child = valueOf(r, "PSChildName")?.value.trim();
    const key = (r.path ? r.path.split("\\").at(-1)! : child ?? `#${r.line}`).toUpperCase().replace(/[{}]/g, "");
    if (r.path && !/\\Enrollments\\[^\\]+$/i.test(r.path)) continue; // OMADM and other keys of an export
    const prior = byKey.get(key);
    if (prior) {
      for (const [k, v] of r.values) if (!prior.values.has(k)) prior.values.set(k, v);
    } else {
      const copy: RegRecord = { ...r, values: new Map(r.values) };
      byKey.set(key, copy);
      order.push(copy);
    }
  }
  const entries: EnrollmentEntry[] = [];
  for (const r of order) {
    const id = r.path ? r.path.split("\\").at(-1)!.replace(/[{}]/g, "") : valueOf(r, "PSChildName")?.value.trim();
    const str = (n: string) => textValue(r, n);
    const num = (n: string) => numberValue(r, n);
    const e: EnrollmentEntry = { line: r.line, enrolled: false, placeholder: id?.toUpperCase() === PLACEHOLDER_ID };
    if (id) e.id = id;
    const set = <K extends keyof EnrollmentEntry>(k: K, v: EnrollmentEntry[K] | undefined) => {
      if (v !== undefined) e[k] = v;
    };
    set("providerId", str("ProviderID"));
    set("enrollmentState", num("EnrollmentState"));
    set("enrollmentType", num("EnrollmentType"));
    set("upn", str("UPN"));
    set("aadTenantId", str("AADTenantID"));
    if (!e.providerId && !e.enrollmentState && !e.upn && !e.id) continue;
    e.enrolled = e.providerId !== undefined && e.enrollmentState?.value === 1;
    entries.push(e);
  }
  const real = entries.filter((e) => e.enrolled);
  const enrolled: Enrollments["enrolled"] =
    real.length > 0
      ? { value: true, lines: sortedLines(...real.flatMap((e) => [e.providerId!.line, e.enrollmentState!.line])), reason: `an enrollment with ProviderID ${real[0]!.providerId!.value} and EnrollmentState 1` }
      : entries.length > 0
        ? { value: false, lines: sortedLines(...entries.map((e) => e.line)), reason: `${entries.length} enrollment entr${entries.length === 1 ? "y" : "ies"}, none with a ProviderID and EnrollmentState 1${entries.some((e) => e.placeholder) ? " (the all-F entry is a placeholder)" : ""}` }
        : { value: false, lines: [], reason: "no enrollment entries were printed" };
  return { entries, enrolled, unused };
}

/** Whether lines look like enrollment entries (for a paste without markers). */
export function looksLikeEnrollments(lines: readonly Line[]): boolean {
  return lines.some((l) => /\\Enrollments\\|^\s*"?ProviderID"?\s*(?::|=|\s{2,}REG_)/i.test(l.text));
}
