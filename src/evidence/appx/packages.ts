/**
 * App packages from `Get-AppxPackage -Name … | Select-Object … | Format-List` (the bundle) or
 * the full Get-AppxPackage listing (fixtures 09 and 11), and the bundle's `<name> : NOT FOUND`.
 * Property names and the Status values are the same in every language
 * (shared/facts/evidence-bundle.md §6); the full list of Status values is UNCONFIRMED, so any
 * value other than `Ok` is reported as printed.
 *
 * Watched packages: the broker plugin (Microsoft.AAD.BrokerPlugin), Cloud Experience Host,
 * AccountsControl, new Teams (MSTeams) and Company Portal (Microsoft.CompanyPortal).
 */
import { readRecords, valueOf, type Answer, type Line, type Unused, type Valued } from "../bundle/lines.ts";

export const WATCHED_PACKAGES = {
  "microsoft.aad.brokerplugin": "the Microsoft Entra sign-in broker",
  "microsoft.windows.cloudexperiencehost": "Cloud Experience Host",
  "microsoft.accountscontrol": "the accounts control",
  msteams: "new Teams",
  "microsoft.companyportal": "Company Portal",
} as const;

export interface AppPackage {
  name: string;
  line: number;
  version?: Valued<string>;
  status?: Valued<string>;
  family?: Valued<string>;
  signatureKind?: Valued<string>;
  /** `PackageUserInformation` is printed only with -AllUsers (an elevated run). */
  allUsersListing: boolean;
}

export interface AppPackages {
  installed: AppPackage[];
  /** Names the bundle printed as `NOT FOUND`, with their lines. */
  notFound: Valued<string>[];
  unused: Unused[];
}

/** Reads the `appx` section; pure. */
export function parseAppPackages(lines: readonly Line[]): AppPackages {
  const notFound: Valued<string>[] = [];
  const rest: Line[] = [];
  for (const l of lines) {
    const m = /^\s*([A-Za-z0-9.]+)\s*:\s*NOT FOUND\s*$/.exec(l.text);
    if (m) notFound.push({ value: m[1]!, line: l.n });
    else rest.push(l);
  }
  const { records, unused } = readRecords(rest);
  const installed: AppPackage[] = [];
  for (const r of records) {
    const name = valueOf(r, "Name");
    if (!name) continue;
    const pick = (n: string) => {
      const v = valueOf(r, n);
      return v ? { value: v.value.trim(), line: v.line } : undefined;
    };
    const p: AppPackage = { name: name.value.trim(), line: name.line, allUsersListing: r.values.has("packageuserinformation") };
    const set = <K extends keyof AppPackage>(k: K, v: AppPackage[K] | undefined) => {
      if (v !== undefined) p[k] = v;
    };
    set("version", pick("Version"));
    set("status", pick("Status"));
    set("family", pick("PackageFamilyName"));
    set("signatureKind", pick("SignatureKind"));
    installed.push(p);
  }
  return { installed, notFound, unused };
}

/** The state of one watched package: installed with its status, not found, or not in the paste. */
export function packageState(apps: AppPackages | undefined, name: string): Answer<"ok" | "not-ok" | "no-status" | "not-found" | "unknown"> & { status?: string } {
  const key = name.toLowerCase();
  const p = apps?.installed.find((x) => x.name.toLowerCase() === key);
  if (p) {
    if (!p.status) return { value: "no-status", lines: [p.line], reason: `${p.name} is installed; its Status was not printed` };
    const ok = p.status.value.toLowerCase() === "ok";
    return { value: ok ? "ok" : "not-ok", lines: [p.line, p.status.line], reason: `${p.name} Status ${p.status.value}`, status: p.status.value };
  }
  const nf = apps?.notFound.find((x) => x.value.toLowerCase() === key);
  if (nf) return { value: "not-found", lines: [nf.line], reason: `${nf.value} is not installed for this user` };
  return { value: "unknown", lines: [], reason: `${name} is not in the paste` };
}

/** Whether lines look like Get-AppxPackage output (for a paste without markers). */
export function looksLikeAppPackages(lines: readonly Line[]): boolean {
  return lines.some((l) => /^\s*PackageFamilyName\s*:|^\s*[A-Za-z0-9.]+ : NOT FOUND\s*$/.test(l.text));
}
