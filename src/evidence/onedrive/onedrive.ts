/**
 * OneDrive from `HKCU\Software\Microsoft\OneDrive` (the `onedrive` section) and its `Accounts`
 * subkeys (`onedrive-accounts`), in the Format-List and `reg query` layouts
 * (shared/facts/evidence-bundle.md §7–8).
 *
 * - `OneAuthUnrecoverableTimestamp` present (non-empty) means OneDrive turned off its use of
 *   OneAuth after a failure, per Microsoft's silent account configuration page.
 * - Accounts: `Personal` and `Business1…BusinessN` (N is not always 1, so every subkey is read).
 *   An account counts as set up when it has a UserFolder, a UserEmail or a cid. The value names
 *   besides `UserFolder` and `cid`, and `Version`, are UNCONFIRMED in Microsoft's docs.
 */
import { mergeRecords, readRecords, sortedLines, valueOf, type Answer, type Line, type Unused, type Valued, numberValue, textValue } from "../bundle/lines.ts";

export interface OneDriveSettings {
  version?: Valued<string>;
  clientEverSignedIn?: Valued<number>;
  oneAuthUnrecoverableTimestamp?: Valued<string>;
  silentBusinessConfigCompleted?: Valued<number>;
  unused: Unused[];
}

export interface OneDriveAccount {
  /** `Personal`, `Business1`, … */
  name: string;
  kind: "personal" | "business" | "other";
  line: number;
  userEmail?: Valued<string>;
  configuredTenantId?: Valued<string>;
  userFolder?: Valued<string>;
  cid?: Valued<string>;
  /** Has a folder, e-mail or cid: an account that is set up. */
  setUp: boolean;
}

export interface OneDriveAccounts {
  accounts: OneDriveAccount[];
  unused: Unused[];
}

/** Reads the `onedrive` section; pure. */
export function parseOneDriveSettings(lines: readonly Line[]): OneDriveSettings {
  const { records, unused } = readRecords(lines);
  const r = mergeRecords(records);
  const out: OneDriveSettings = { unused };
  const str = (n: string) => textValue(r, n);
  const num = (n: string) => numberValue(r, n);
  const version = str("Version");
  if (version) out.version = version;
  const signed = num("ClientEverSignedIn");
  if (signed) out.clientEverSignedIn = signed;
  const ts = str("OneAuthUnrecoverableTimestamp");
  if (ts) out.oneAuthUnrecoverableTimestamp = ts;
  const silent = num("SilentBusinessConfigCompleted");
  if (silent) out.silentBusinessConfigCompleted = silent;
  return out;
}

/** Reads the `onedrive-accounts` section; pure. */
export function parseOneDriveAccounts(lines: readonly Line[]): OneDriveAccounts {
  const { records, unused } = readRecords(lines);
  const byName = new Map<string, OneDriveAccount>();
  for (const r of records) {
    const name = (r.path ? r.path.split("\\").at(-1)! : valueOf(r, "PSChildName")?.value ?? "").trim();
    if (!name || /^accounts$/i.test(name)) continue;
    const kind = /^personal$/i.test(name) ? "personal" : /^business\d+$/i.test(name) ? "business" : "other";
    const acc = byName.get(name.toLowerCase()) ?? { name, kind, line: r.line, setUp: false };
    byName.set(name.toLowerCase(), acc);
    for (const [field, key] of [["userEmail", "UserEmail"], ["configuredTenantId", "ConfiguredTenantId"], ["userFolder", "UserFolder"], ["cid", "cid"]] as const) {
      const v = valueOf(r, key);
      if (v && !acc[field]) acc[field] = { value: v.value.trim(), line: v.line };
    }
  }
  const accounts = [...byName.values()].map((a) => ({ ...a, setUp: Boolean(a.userFolder || a.userEmail || a.cid) }));
  return { accounts, unused };
}

/** personalAndWorkPaired from the accounts; pure. */
export function derivePaired(acc: OneDriveAccounts): Answer<boolean> {
  const personal = acc.accounts.find((a) => a.kind === "personal" && a.setUp);
  const business = acc.accounts.filter((a) => a.kind === "business" && a.setUp);
  const lineOf = (a: OneDriveAccount) => a.userFolder?.line ?? a.userEmail?.line ?? a.cid?.line ?? a.line;
  if (personal && business.length > 0) {
    return { value: true, lines: sortedLines(lineOf(personal), ...business.map(lineOf)), reason: `a Personal account and ${business.map((b) => b.name).join(", ")} are set up` };
  }
  const have = [personal, ...business].filter((a) => a !== undefined);
  return {
    value: false,
    lines: sortedLines(...have.map(lineOf), ...acc.accounts.map((a) => a.line)),
    reason: personal ? "a Personal account but no Business account is set up" : business.length > 0 ? `${business.map((b) => b.name).join(", ")} but no Personal account is set up` : "no OneDrive account is set up",
  };
}

export function looksLikeOneDriveAccounts(lines: readonly Line[]): boolean {
  return lines.some((l) => /\\OneDrive\\Accounts\\|^\s*(?:UserFolder|UserEmail)\s*(?::|\s{2,}REG_)/.test(l.text));
}

export function looksLikeOneDriveSettings(lines: readonly Line[]): boolean {
  return lines.some((l) => /^\s*(?:OneAuthUnrecoverableTimestamp|ClientEverSignedIn|SilentBusinessConfigCompleted)\s*(?::|\s{2,}REG_)/.test(l.text));
}
