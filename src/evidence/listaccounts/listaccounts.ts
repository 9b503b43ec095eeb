/**
 * `dsregcmd /listaccounts` (Windows 11; not on Microsoft's dsregcmd page, and UNCONFIRMED on
 * Windows 10): the WAM accounts of the current user (fixture 10). Never suggest
 * `/cleanupaccounts`, which the same help lists and which deletes every WAM account.
 *
 * Sample: `Account: u:<id>, user: ana@contoso.com, authority: https://login.microsoftonline.com/<tenant>.`
 */
import type { Line, Unused } from "../bundle/lines.ts";

export interface WamAccount {
  /** `u:<id>.<tenant>`: identifies the account; redact. */
  id: string;
  user?: string;
  authority?: string;
  line: number;
  list: "user" | "application";
}

export interface ListAccounts {
  accounts: WamAccount[];
  /** `Accounts found: N.` per list, as printed. */
  counts: { user?: number; application?: number };
  defaultAccount?: { id: string; user?: string; line: number };
  unused: Unused[];
}

const ACCOUNT = /^\s*(Default account|Account):\s*([^,\s]+)(?:,\s*user:\s*([^,\s]+?))?(?:,\s*authority:\s*(\S+?))?\.?\s*$/i;

/** Reads `dsregcmd /listaccounts` output; pure. */
export function parseListAccounts(lines: readonly Line[]): ListAccounts {
  const out: ListAccounts = { accounts: [], counts: {}, unused: [] };
  let list: "user" | "application" = "user";
  for (const l of lines) {
    if (/^\s*User accounts:\s*$/i.test(l.text)) list = "user";
    else if (/^\s*Application accounts:\s*$/i.test(l.text)) list = "application";
    else if (/^\s*Accounts found:\s*(\d+)/i.test(l.text)) out.counts[list] = Number(/(\d+)/.exec(l.text)![1]);
    else {
      const m = ACCOUNT.exec(l.text);
      if (!m) {
        if (l.text.trim() && !/listaccounts/i.test(l.text)) out.unused.push({ line: l.n, text: l.text });
        continue;
      }
      const id = m[2]!.replace(/\.$/, "");
      if (/^default/i.test(m[1]!)) out.defaultAccount = { id, ...(m[3] ? { user: m[3] } : {}), line: l.n };
      else out.accounts.push({ id, line: l.n, list, ...(m[3] ? { user: m[3] } : {}), ...(m[4] ? { authority: m[4].replace(/\.$/, "") } : {}) });
    }
  }
  return out;
}

export function looksLikeListAccounts(lines: readonly Line[]): boolean {
  return lines.some((l) => /^\s*Accounts found:\s*\d+/i.test(l.text)) && lines.some((l) => ACCOUNT.test(l.text) || /User accounts:/i.test(l.text));
}
