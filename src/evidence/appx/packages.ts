/**
 * App packages from `Get-AppxPackage -Name … | Select-Object … | Format-List` (the bundle) or
 * the full Get-AppxPackage listing (fixtures 09 and 11), and the bundle's `<name> : NOT FOUND`.
 * Property names and the Status values are the same in every language
 * (shared/facts/evidence-bundle.md §6); the full list of Status values is UNCONFIRMED, so any
 * value other than `Ok` is reported as printed.
 *
 * The bundle (bundle=2) asks for each package in a try/catch and prints `<name> : ERROR: <message>`
 * when Get-AppxPackage fails (PowerShell 7 failing to load the Appx module, a broken module):
 * that package is "could not tell", never "not installed". A line of any other shape in the part
 * (an error record in any language) makes every NOT FOUND of the part doubtful too.
 *
 * Watched packages: the broker plugin (Microsoft.AAD.BrokerPlugin), Cloud Experience Host,
 * AccountsControl, new Teams (MSTeams) and Company Portal (Microsoft.CompanyPortal).
 */
import { isErrorLine, readRecords, valueOf, type Answer, type Line, type Unused, type Valued } from "../bundle/lines.ts";

/** The watched packages, keyed by their name in lower case: the name as Windows prints it, and in words. */
export const WATCHED_PACKAGES = {
  "microsoft.aad.brokerplugin": { name: "Microsoft.AAD.BrokerPlugin", words: "the Microsoft Entra sign-in broker" },
  "microsoft.windows.cloudexperiencehost": { name: "Microsoft.Windows.CloudExperienceHost", words: "Cloud Experience Host" },
  "microsoft.accountscontrol": { name: "Microsoft.AccountsControl", words: "the accounts control" },
  msteams: { name: "MSTeams", words: "new Teams" },
  "microsoft.companyportal": { name: "Microsoft.CompanyPortal", words: "Company Portal" },
} as const;

export type WatchedPackage = keyof typeof WATCHED_PACKAGES;

/** One package: installed with its status, not found, or unknown (with why). */
export type PackageState = Answer<"ok" | "not-ok" | "no-status" | "not-found" | "unknown"> & { status?: string };

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
  /** Names the bundle printed as `<name> : ERROR: …` (Get-AppxPackage failed), with the message. */
  failed: (Valued<string> & { message: string })[];
  /** Why the NOT FOUND lines cannot be taken as absences, when they cannot (set by the bundle reader too). */
  doubt?: string;
  unused: Unused[];
}

/** Reads the `appx` section; pure. */
export function parseAppPackages(lines: readonly Line[]): AppPackages {
  const notFound: Valued<string>[] = [];
  const failed: AppPackages["failed"] = [];
  const rest: Line[] = [];
  let strange: Line | undefined;
  for (const l of lines) {
    const m = /^\s*([A-Za-z0-9.]+)\s*:\s*NOT FOUND\s*$/.exec(l.text);
    const f = m ? null : /^\s*([A-Za-z0-9.]+) : ERROR: ?(.*)$/.exec(l.text);
    if (m) notFound.push({ value: m[1]!, line: l.n });
    else if (f) failed.push({ value: f[1]!, line: l.n, message: f[2]!.trim() });
    else {
      rest.push(l);
      if (!strange && isErrorLine(l.text)) strange = l;
    }
  }
  const { records, unused } = readRecords(rest);
  strange ??= unused.map((u) => ({ n: u.line, text: u.text })).find((u) => u.text.trim() !== "");
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
  const out: AppPackages = { installed, notFound, failed, unused };
  if (strange && notFound.length > 0) out.doubt = `the part also holds a line that is not an app entry (line ${strange.n}), which may be an error of Get-AppxPackage`;
  return out;
}

/** The state of one watched package: installed with its status, not found, or not in the paste. */
export function packageState(apps: AppPackages | undefined, name: string): PackageState {
  const key = name.toLowerCase();
  const p = apps?.installed.find((x) => x.name.toLowerCase() === key);
  if (p) {
    if (!p.status) return { value: "no-status", lines: [p.line], reason: `${p.name} is installed; its Status was not printed` };
    const ok = p.status.value.toLowerCase() === "ok";
    return { value: ok ? "ok" : "not-ok", lines: [p.line, p.status.line], reason: `${p.name} Status ${p.status.value}`, status: p.status.value };
  }
  const failed = apps?.failed.find((x) => x.value.toLowerCase() === key);
  if (failed) return { value: "unknown", lines: [failed.line], reason: `Get-AppxPackage failed for ${failed.value}, so whether it is installed could not be told` };
  const nf = apps?.notFound.find((x) => x.value.toLowerCase() === key);
  if (nf && apps?.doubt) return { value: "unknown", lines: [nf.line], reason: `${nf.value} printed NOT FOUND, but ${apps.doubt}` };
  if (nf) return { value: "not-found", lines: [nf.line], reason: `${nf.value} is not installed for this user` };
  return { value: "unknown", lines: [], reason: `${name} is not in the paste` };
}

/** Whether lines look like Get-AppxPackage output (for a paste without markers). */
export function looksLikeAppPackages(lines: readonly Line[]): boolean {
  return lines.some((l) => /^\s*PackageFamilyName\s*:|^\s*[A-Za-z0-9.]+ : (?:NOT FOUND\s*$|ERROR:)/.test(l.text));
}
