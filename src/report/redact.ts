/**
 * Redaction for reports and messages: device, tenant and correlation ids and other GUIDs,
 * thumbprints, e-mail addresses and UPNs, tenant and machine names, account names.
 *
 * Two layers:
 * [1] Patterns that are identifiers wherever they appear (GUIDs, e-mail/UPN, 40- and 64-digit
 *     hex thumbprints, `DOMAIN\user`).
 * [2] Values of the evidence's identifier fields (TenantName, Device Name, DomainName, …), which
 *     no pattern can recognise, replaced wherever they appear.
 * Replacements are `[kind-N]` tokens that no pattern matches, so redacting twice changes nothing.
 * The same value gets the same token throughout one redactor.
 */
import type { DsregcmdEvidence } from "../evidence/index.ts";

export type RedactionKind = "guid" | "email" | "thumbprint" | "account" | "name" | "host";

/** Evidence fields whose values identify a person, device or organisation, by section. */
export const IDENTIFIER_FIELDS = {
  deviceState: ["domainName", "deviceName"],
  deviceDetails: ["deviceId", "thumbprint", "keyContainerId"],
  tenantDetails: ["tenantName", "tenantId"],
  userState: ["ngcKeyId"],
  workAccounts: ["workplaceDeviceId", "workplaceThumbprint", "workplaceTenantId", "workplaceTenantName"],
  ssoState: ["kerbTopLevelNames"],
  prtDiagnostics: ["userIdentity", "correlationId"],
  diagnosticData: ["requestId", "executingAccountName"],
  ieProxy: ["autoConfigurationUrl", "proxyServerList", "proxyBypassList"],
  winHttpProxy: ["autoConfigurationUrl", "proxyServerList", "proxyBypassList"],
} as const;

const PATTERNS: readonly [RedactionKind, RegExp][] = [
  // Letters of any script on both sides (ana.pérez@müller.de), and the full-width ＠ (U+FF20).
  ["email", /[\p{L}\p{M}\p{N}._%+-]+[@\uFF20][\p{L}\p{M}\p{N}-]+(?:\.[\p{L}\p{M}\p{N}-]+)*\.[\p{L}\p{M}]{2,}/gu],
  ["guid", /\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?/g],
  ["thumbprint", /\b(?:[0-9a-fA-F]{64}|[0-9a-fA-F]{40})\b/g],
  // DOMAIN\user and AzureAD\user, not paths: the part before the backslash has no colon or dot.
  // NetBIOS domains are written in capitals (CONTOSO\ana, AADJOIN02\PCUser); Entra uses AzureAD\.
  // Not `Windows NT\CurrentVersion`, `NT AUTHORITY\…` or the French `AUTORITE NT\Système`: NT and
  // AUTHORITY are Windows' own, and a name never stops before a letter (`Syst` of `Système`; issue 25).
  ["account", /(?<![\w:\\.%])(?!(?:NT|AUTHORITY)\\)(?:[A-Z0-9][A-Z0-9-]{1,14}|AzureAD)\\[A-Za-z0-9._$-]{1,64}(?![\\\w\p{L}\p{N}])/gu],
  // The host of a URL (an AD FS server in EnterprisePrtAuthority, a proxy, a tenant's own page),
  // unless it is one of Microsoft's public sign-in, registration, management or download hosts.
  ["host", /(?<=\bhttps?:\/\/)(?!\[)(?!(?:[\w-]+\.)*(?:microsoftonline\.com|login\.microsoft\.com|login\.windows\.net|enterpriseregistration\.windows\.net|msauth\.net|manage\.microsoft\.com|manage-beta\.microsoft\.com|officecdn\.microsoft\.com|www\.microsoft\.com)(?![\w.-]))[\w-]+(?:\.[\w-]+)+/gi],
];

/**
 * Words that are values of identifier fields but identify nobody: also the generic account names
 * Windows and images give (a Windows account called "user" names no one, and replacing the word
 * would turn Fixpath's own "User State" and "a standard user" into "[name-1]").
 */
const NOT_IDENTIFYING = new Set(["", "none", "n/a", "not set", "yes", "no", "direct", "(none)", "user", "users", "admin", "administrator", "administrators", "guest", "owner", "test", "default", "defaultuser0", "public", "system"]);

/** Whether an identifier field's value is worth replacing: three characters or more, and not a word that identifies nobody. */
export function identifiesSomeone(value: string): boolean {
  const v = value.trim();
  return v.length >= 3 && !NOT_IDENTIFYING.has(v.toLowerCase());
}

export interface Redactor {
  (text: string): string;
  /** How many values of each kind were replaced so far. */
  readonly counts: Readonly<Record<RedactionKind, number>>;
}

/** A redactor that also replaces the given identifier values wherever they appear. */
export function createRedactor(identifiers: Iterable<string> = []): Redactor {
  const tokens = new Map<string, string>();
  const counts: Record<RedactionKind, number> = { guid: 0, email: 0, thumbprint: 0, account: 0, name: 0, host: 0 };
  const tokenFor = (kind: RedactionKind, value: string): string => {
    const key = `${kind}:${value.toLowerCase()}`;
    let token = tokens.get(key);
    if (!token) {
      token = `[${kind}-${++counts[kind]}]`;
      tokens.set(key, token);
    }
    return token;
  };
  // Longest first, so "contoso.onmicrosoft.com" goes before "contoso".
  const names = [...new Set([...identifiers].map((v) => v.trim()).filter((v) => identifiesSomeone(v) && !/^\[[a-z]+-\d+\]$/.test(v)))].sort((a, b) => b.length - a.length);
  const nameRe = names.length ? new RegExp(names.map(escapeRe).join("|"), "gi") : undefined;

  const pass = (text: string): string => {
    let out = text;
    for (const [kind, re] of PATTERNS) out = out.replace(re, (m) => tokenFor(kind, m));
    if (nameRe) out = out.replace(nameRe, (m) => tokenFor("name", m));
    return out;
  };
  // Replacing a name can expose a pattern next to it ("contoso0123…" → "[name-1]0123…"): repeat
  // until nothing changes, so a second redaction finds nothing. Tokens match no pattern, so it ends.
  const redact = ((text: string): string => {
    let out = pass(text);
    for (let i = 0; i < 4; i++) {
      const next = pass(out);
      if (next === out) break;
      out = next;
    }
    return out;
  }) as Redactor;
  Object.defineProperty(redact, "counts", { get: () => ({ ...counts }) });
  return redact;
}

/** Every identifier value the evidence holds, as text (URLs and names included). */
export function collectIdentifiers(evidence: DsregcmdEvidence): string[] {
  const out: string[] = [];
  const take = (value: unknown) => {
    if (typeof value === "string") {
      out.push(value);
      // A list (proxy servers, Kerberos names) holds one name per item.
      for (const part of value.split(/[\s;,]+/)) out.push(part);
    } else if (value && typeof value === "object") for (const v of Object.values(value)) take(v);
  };
  const sections = evidence as unknown as Record<string, unknown>;
  for (const [section, fields] of Object.entries(IDENTIFIER_FIELDS)) {
    const value = sections[section];
    const bags = Array.isArray(value) ? value.map((v: { fields: Record<string, unknown> }) => v.fields) : [value as Record<string, unknown>];
    for (const bag of bags) for (const field of fields) take(bag?.[field]);
  }
  return out;
}

function escapeRe(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Phone numbers (kept separate from PATTERNS and additive: `createRedactor` is unchanged). A run
// of 7 to 15 digits counts as a phone number when it starts with + or 00, is grouped by spaces,
// dashes or brackets, or has 11 or more digits. Left alone: 8 hex digits and 9-10 digit decimal
// HRESULTs written bare (they are error codes), dates (2026-03-14), versions and builds with dots.
const PHONE_CANDIDATE = /(?<![\w.+/:-])(?:\+|00)?\(?\d[\d\s()-]{5,22}\d(?![\w.]|-\d)/g;

// A number grouped by dots as North American numbers are written (555.123.4567); versions and
// addresses have other group sizes.
const PHONE_DOTTED = /(?<![\w.])\d{3}\.\d{3}\.\d{4}(?![\w.])/g;

/**
 * Whether 10 bare digits can be a failure HRESULT written in decimal (0x8xxxxxxx or 0xCxxxxxxx,
 * as 3399811105 is 0xCAA50021): those are error codes and kept; any other 10 digits is a phone number.
 */
function isDecimalHresult(digits: string): boolean {
  const n = Number(digits);
  return (n >= 0x80000000 && n <= 0x8fffffff) || (n >= 0xc0000000 && n <= 0xcfffffff);
}

/** Replaces phone numbers with `[phone]`; everything else is left as it is. */
export function redactPhoneNumbers(text: string): string {
  return text.replace(PHONE_DOTTED, "[phone]").replace(PHONE_CANDIDATE, (m) => {
    const digits = m.replace(/\D/g, "");
    if (digits.length < 7 || digits.length > 15) return m;
    if (/^\d{4}-\d{2}-\d{2}$/.test(m.trim())) return m;
    const grouped = /\d[\s()-]+\d/.test(m);
    const international = m.startsWith("+") || (m.startsWith("00") && grouped);
    if (international || grouped || digits.length >= 11) return "[phone]";
    if (digits.length === 10 && !isDecimalHresult(digits)) return "[phone]";
    return m;
  });
}

// IP addresses (additive, like the phone numbers): IPv4 as four parts of 0-255, unless written
// after "version" or "build" (Windows versions such as 10.0.19045.1234 are kept either way: 19045
// is not a part of an address); IPv6 as eight groups or groups around a `::`.
const IPV4 = /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)/g;
const IPV6 = /(?<![\w:.])(?=[0-9a-f:]*::|(?:[0-9a-f]{1,4}:){7}[0-9a-f])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:]|\.\d)/gi;
const VERSION_WORD = /(?:version|build)\s*$/i;

/** Replaces IPv4 and IPv6 addresses with `[ip]`; versions written after "version"/"build" are kept. */
export function redactIpAddresses(text: string): string {
  return text
    .replace(IPV4, (m, offset: number, all: string) => (VERSION_WORD.test(all.slice(Math.max(0, offset - 12), offset)) ? m : "[ip]"))
    .replace(IPV6, (m) => (/[0-9a-f]/i.test(m) ? "[ip]" : m));
}

// ---------------------------------------------------------------- evidence bundle (issue 16)
// Additive: the bundle's own identifiers, applied before the patterns above. Kept apart from
// createRedactor so the dsregcmd redaction stays as it is.

import type { BundleEvidence } from "../evidence/index.ts";

export type BundleRedactionKind = "user" | "sid" | "path" | "target" | "cid" | "wam" | "computer" | "registered";

/** Identifiers only the bundle's parts print, wherever they appear; applied in this order. */
export const BUNDLE_PATTERNS: readonly [BundleRedactionKind, RegExp][] = [
  // The account before a user's SID (`whoami /user`, `whoami /all`): `desktop-1\ana  S-1-5-21-…`.
  ["user", /(?<=^\s*"?)[^\s",\\]+\\[^\s",]+(?="?(?:\s+|,)"?S-1-5-21-)/gm],
  // A user's or domain group's SID (S-1-5-21-<domain>-<rid>); well-known SIDs (S-1-5-32-544) identify nobody.
  ["sid", /\bS-1-5-21(?:-\d+){3,4}\b/g],
  // The user name in a profile path: C:\Users\ana\OneDrive → C:\Users\[path-1]\OneDrive.
  ["path", /(?<=\b[A-Za-z]:\\(?:Users|Documents and Settings)\\)(?!\[)[^\\\s"<>|:*?]+/gi],
  // A credential target after `target=` names an account, a tenant or a host.
  ["target", /(?<=:target=)(?!\[)[^\r\n]+?(?=\s*$)/gim],
  // The user line of a `cmdkey /list` entry (English label; other labels are caught by value).
  ["user", /(?<=^\s*(?:>\s*)?User:\s*)(?!N\/A|\[)\S[^\r\n]*?(?=\s*$)/gim],
  // OneDrive's personal account id, a 16-digit hex `cid`.
  ["cid", /(?<=\bcid\b\s*(?::|REG_SZ)\s*)(?!\[)[0-9a-f]{16}\b/gi],
  // WAM account ids of dsregcmd /listaccounts: u:<object>.<tenant>.
  ["wam", /\bu:(?!\[)[0-9a-fx-]{8,}\.[0-9a-fx-]{8,}/gi],
  // The computer name in event text (`Computer: DESKTOP-82V9KDO`).
  ["computer", /(?<=^\s*Computer:\s*)(?!\[|N\/A)\S+/gim],
  // The names Windows gives a computer at set-up, wherever they are written (DESKTOP-4F2K9AB, LAPTOP-…, WIN-… on servers).
  ["computer", /\b(?:DESKTOP|LAPTOP)-[A-Z0-9]{4,12}\b|\bWIN-[A-Z0-9]{8,12}\b/gi],
  // Owner, organisation and product id of the CurrentVersion key, when a full listing is pasted.
  ["registered", /(?<=^\s*(?:RegisteredOwner|RegisteredOrganization|ProductId)\s*(?::|REG_SZ)\s*)(?!\[)\S[^\r\n]*?(?=\s*$)/gim],
];

/**
 * A redactor for a bundle paste: the bundle's own patterns, then createRedactor with every
 * identifier value the parsed sections hold (names, UPNs, tenant and enrollment ids, folders,
 * credential targets and users, WAM accounts) and the dsregcmd part's, and the `more` values given.
 */
export function createBundleRedactor(evidence?: BundleEvidence, more: Iterable<string> = []): Redactor {
  const base = createRedactor([...(evidence ? collectBundleIdentifiers(evidence) : []), ...more]);
  const tokens = new Map<string, string>();
  const counts: Record<BundleRedactionKind, number> = { user: 0, sid: 0, path: 0, target: 0, cid: 0, wam: 0, computer: 0, registered: 0 };
  const redact = ((text: string): string => {
    let out = text;
    for (const [kind, re] of BUNDLE_PATTERNS) {
      out = out.replace(re, (m) => {
        const key = `${kind}:${m.toLowerCase()}`;
        let t = tokens.get(key);
        if (!t) tokens.set(key, (t = `[${kind}-${++counts[kind]}]`));
        return t;
      });
    }
    return base(out);
  }) as Redactor;
  Object.defineProperty(redact, "counts", { get: () => ({ ...base.counts, ...counts }) });
  return redact;
}

/** Every identifier value the bundle's sections hold, as text. */
export function collectBundleIdentifiers(ev: BundleEvidence): string[] {
  const out: string[] = [];
  const take = (v: { value: string } | string | undefined) => {
    const s = typeof v === "string" ? v : v?.value;
    if (s && s.trim()) out.push(s.trim());
  };
  const S = ev.sections;
  const user = S["whoami-user"]?.data;
  take(user?.name);
  take(user?.sid);
  if (user?.name) take(user.name.value.split("\\").at(-1));
  take(S["whoami-upn"]?.data);
  for (const e of S.mdm?.data.entries ?? []) {
    take(e.id);
    take(e.upn);
    take(e.aadTenantId);
  }
  for (const a of S["onedrive-accounts"]?.data.accounts ?? []) {
    take(a.userEmail);
    take(a.configuredTenantId);
    take(a.userFolder);
    take(a.cid);
  }
  for (const c of S.credman?.data.entries ?? []) {
    take(c.target);
    take(c.user?.value);
  }
  const la = S.listaccounts?.data;
  for (const a of la?.accounts ?? []) {
    take(a.id);
    take(a.user);
    take(a.authority);
  }
  take(la?.defaultAccount?.id);
  take(la?.defaultAccount?.user);
  const ds = S.dsregcmd?.data?.evidence;
  if (ds) out.push(...collectIdentifiers(ds));
  return out;
}

/**
 * The redactor for anything a person pasted or typed (issue 26: one redactor for the report, the
 * analyzer's JSON and the CLI): the bundle's patterns (SIDs, profile folders, accounts before a
 * SID, computer names of event text, credential targets…), then createRedactor's patterns and the
 * identifier values given (the values of a dsregcmd paste's identifier fields, a bundle's), then IP
 * addresses. Redacting twice changes nothing.
 */
export function createPasteRedactor(identifiers: Iterable<string> = [], evidence?: BundleEvidence): Redactor {
  const inner = createBundleRedactor(evidence, identifiers);
  const redact = ((text: string): string => redactIpAddresses(inner(text))) as Redactor;
  Object.defineProperty(redact, "counts", { get: () => inner.counts });
  return redact;
}

/**
 * What a person typed (a note, a typed answer, a feedback comment): the paste redactor's work, then
 * phone numbers, which only typed text is read for (in pasted logs the same shapes are times and
 * counters). The one redactor for typed words: the report and the server's comments use it.
 */
export function redactTyped(text: string, redact: (text: string) => string = createPasteRedactor()): string {
  return redactPhoneNumbers(redact(text));
}

/**
 * Every string in a JSON value redacted (keys are kept: they are the format's names), numbers,
 * booleans and null as they are. For the analyzer's JSON (`fixpath analyze --json`).
 */
export function redactJson<T>(value: T, redact: (text: string) => string): T {
  const walk = (v: unknown): unknown => {
    if (typeof v === "string") return redact(v);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === "object") return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}
