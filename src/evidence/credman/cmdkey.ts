/**
 * `cmdkey /list`, filtered to Microsoft 365 targets (shared/facts/evidence-bundle.md §6). The
 * labels (Target, Type, User) are translated (目标/类型/用户 in Chinese); the target strings are
 * not, so an entry is found by its `<kind>:target=` string and the label before it is ignored.
 * The bundle pipes the list through Select-String, which prefixes matching lines with `> `.
 *
 * Other entries (RDP hosts, other accounts) are counted, never kept: they are not needed and
 * would name other systems.
 */
import type { Line, Unused } from "../bundle/lines.ts";

export type CredentialKind =
  | "office-adal"
  | "office-adalwam"
  | "office-sspi"
  | "office-other"
  | "onedrive-business"
  | "onedrive-other"
  | "teams"
  | "msa-sso"
  | "windows-live";

export interface Credential {
  kind: CredentialKind;
  /** The target as printed, `MicrosoftOffice16_Data:ADAL:<guid>`. Identifies an account: redact. */
  target: string;
  line: number;
  /** The third line of the entry when it holds `label: value` (the user), as printed. */
  user?: { value: string; line: number };
}

export interface Credentials {
  entries: Credential[];
  /** Entries that are not Microsoft 365 ones, dropped. */
  otherCount: number;
  unused: Unused[];
}

const TARGET = /^\s*(?:>\s*)?[^:]{1,40}:\s*([A-Za-z]+):target=(.+?)\s*$/;

function kindOf(target: string): CredentialKind | undefined {
  if (/^MicrosoftOffice\d*_Data:ADALWAM:/i.test(target)) return "office-adalwam";
  if (/^MicrosoftOffice\d*_Data:ADAL:/i.test(target)) return "office-adal";
  if (/^MicrosoftOffice\d*_Data:SSPI:/i.test(target)) return "office-sspi";
  if (/^MicrosoftOffice/i.test(target)) return "office-other";
  if (/^OneDrive Cached Credential Business/i.test(target)) return "onedrive-business";
  if (/^OneDrive/i.test(target)) return "onedrive-other";
  if (/msteams/i.test(target)) return "teams";
  if (/^SSO_POP_Device$/i.test(target)) return "msa-sso";
  if (/^virtualapp\/didlogical$/i.test(target)) return "windows-live";
  return undefined;
}

/** Reads the `credman` section; pure. */
export function parseCredentials(lines: readonly Line[]): Credentials {
  const entries: Credential[] = [];
  const unused: Unused[] = [];
  let otherCount = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    const m = TARGET.exec(l.text);
    if (!m) continue;
    const target = m[2]!;
    const kind = kindOf(target);
    if (!kind) {
      otherCount++;
      continue;
    }
    const c: Credential = { kind, target, line: l.n };
    // Target, Type, then User when there is one: the third line of the entry, if it is label: value.
    const third = lines[i + 2];
    if (third && !TARGET.test(third.text) && /^\s*(?:>\s*)?[^:]{1,40}:\s*\S/.test(third.text) && i + 2 < lines.length) {
      const v = third.text.slice(third.text.indexOf(":") + 1).trim();
      if (v) c.user = { value: v, line: third.n };
    }
    entries.push(c);
  }
  return { entries, otherCount, unused };
}

export function looksLikeCredentials(lines: readonly Line[]): boolean {
  return lines.some((l) => TARGET.test(l.text));
}
