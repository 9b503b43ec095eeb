/**
 * Redaction for reports and messages: e-mail addresses and UPNs (in any script), phone numbers,
 * SIDs, GUIDs (tenant, device and correlation ids), thumbprints, profile folders, account, user and
 * computer names (as Windows makes them up and as the paste names them), IP addresses, host names
 * in links and a tenant's domain in a sign-in link, and the values of the evidence's identifier
 * fields.
 *
 * Layers, in this order:
 * [1] Patterns only the bundle's parts print (BUNDLE_PATTERNS: SIDs, profile folders, credential
 *     targets, computer names of events…).
 * [2] Patterns that are identifiers wherever they appear (PATTERNS: GUIDs, e-mail/UPN, 40- and
 *     64-digit hex thumbprints, `DOMAIN\user`, hosts in links).
 * [3] Values of the evidence's identifier fields (TenantName, Device Name, DomainName, …), which
 *     no pattern can recognise, replaced wherever they appear.
 * [4] IP addresses and phone numbers (AFTER_PATTERNS), last: the layers above have taken the
 *     GUIDs and SIDs whose digits could look like them.
 * Replacements are `[kind-N]` tokens that no pattern matches, so redacting twice changes nothing.
 * The same value gets the same token throughout one redactor. Every kind is in REDACTION_KINDS,
 * and REDACTION_WORDS says each in words (the report's footer is made of them).
 */
import type { Analysis, BundleEvidence, DsregcmdEvidence } from "../evidence/index.ts";

/** Every kind of value the redactor replaces, in the order its counts are listed. */
export const REDACTION_KINDS = ["guid", "email", "thumbprint", "account", "name", "host", "user", "sid", "path", "target", "cid", "wam", "computer", "registered", "ip", "phone"] as const;
export type RedactionKind = (typeof REDACTION_KINDS)[number];

/**
 * Each kind in words, for the report's footer (REDACTED_WORDS). A record over RedactionKind: a new
 * kind without words does not compile. Kinds said with the same words are said once.
 */
export const REDACTION_WORDS: Readonly<Record<RedactionKind, string>> = {
  email: "e-mail addresses and sign-in names (UPNs) in any script",
  phone: "phone numbers",
  sid: "SIDs",
  guid: "GUIDs (tenant, device and other ids)",
  thumbprint: "certificate and key thumbprints",
  path: "the user name in profile folders",
  account: "user, computer, domain, tenant and proxy names",
  user: "user, computer, domain, tenant and proxy names",
  computer: "user, computer, domain, tenant and proxy names",
  name: "user, computer, domain, tenant and proxy names",
  registered: "Windows' registered owner, organisation and product id",
  target: "saved credentials' targets",
  cid: "OneDrive and sign-in broker account ids",
  wam: "OneDrive and sign-in broker account ids",
  ip: "IP addresses",
  host: "host names in links, and a tenant's domain in sign-in links",
};

/** REDACTION_WORDS as one list, each wording once, in the order of the table, joined by semicolons (the wordings hold commas). */
export function redactionKindsInWords(): string {
  return [...new Set(Object.values(REDACTION_WORDS))].join("; ");
}

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

/**
 * A pattern of one kind. `keep`, when given, says which of its matches are not identifiers after
 * all (a version written after "version", a run of digits that is a date); it is passed the match,
 * where it starts and the whole text.
 */
type Pattern = readonly [kind: RedactionKind, re: RegExp, keep?: (match: string, offset: number, text: string) => boolean];

/** Microsoft's public sign-in, registration, management and download hosts, kept in links: the same for every tenant. */
const MICROSOFT_HOSTS = String.raw`(?:[\w-]+\.)*(?:microsoftonline\.com|login\.microsoft\.com|login\.windows\.net|enterpriseregistration\.windows\.net|msauth\.net|manage\.microsoft\.com|manage-beta\.microsoft\.com|officecdn\.microsoft\.com|www\.microsoft\.com)`;

/** The hosts whose links name a tenant in their first path segment (an id, or a domain). */
const SIGN_IN_HOSTS = String.raw`(?:[\w-]+\.)*(?:microsoftonline\.com|login\.microsoft\.com|login\.windows\.net|enterpriseregistration\.windows\.net)`;

const PATTERNS: readonly Pattern[] = [
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
  // unless it is one of Microsoft's public hosts.
  ["host", new RegExp(String.raw`(?<=\bhttps?:\/\/)(?!\[)(?!${MICROSOFT_HOSTS}(?![\w.-]))[\w-]+(?:\.[\w-]+)+`, "gi")],
  // A tenant's domain where a sign-in or registration link names its tenant
  // (https://login.microsoftonline.com/msitsupp.microsoft.com/oauth2/token, dsregcmd fixture 01);
  // a tenant id there is a GUID, and `common` or `organizations` have no dot.
  ["host", new RegExp(String.raw`(?<=\bhttps?:\/\/${SIGN_IN_HOSTS}(?::\d+)?\/)(?!\[)[\w-]+(?:\.[\w-]+)+(?=[/?#\s"'<>]|$)`, "gi")],
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

/**
 * A redactor from its layers: `patterns` and the identifier values, repeated until nothing
 * changes, then the `after` patterns once. One token table for all of them.
 */
function buildRedactor(patterns: readonly Pattern[], after: readonly Pattern[], identifiers: Iterable<string>): Redactor {
  const tokens = new Map<string, string>();
  const counts = Object.fromEntries(REDACTION_KINDS.map((k) => [k, 0])) as Record<RedactionKind, number>;
  const tokenFor = (kind: RedactionKind, value: string): string => {
    const key = `${kind}:${value.toLowerCase()}`;
    let token = tokens.get(key);
    if (!token) {
      token = `[${kind}-${++counts[kind]}]`;
      tokens.set(key, token);
    }
    return token;
  };
  const apply = (text: string, list: readonly Pattern[]): string => {
    let out = text;
    for (const [kind, re, keep] of list) {
      // No pattern has a capture group: the callback's last two arguments are the offset and the text.
      out = out.replace(re, (m: string, ...rest: unknown[]) => (keep?.(m, rest.at(-2) as number, rest.at(-1) as string) ? m : tokenFor(kind, m)));
    }
    return out;
  };
  // Longest first, so "contoso.onmicrosoft.com" goes before "contoso".
  const names = [...new Set([...identifiers].map((v) => v.trim()).filter((v) => identifiesSomeone(v) && !/^\[[a-z]+-\d+\]$/.test(v)))].sort((a, b) => b.length - a.length);
  const nameRe = names.length ? new RegExp(names.map(escapeRe).join("|"), "gi") : undefined;

  const pass = (text: string): string => {
    const out = apply(text, patterns);
    return nameRe ? out.replace(nameRe, (m) => tokenFor("name", m)) : out;
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
    return apply(out, after);
  }) as Redactor;
  Object.defineProperty(redact, "counts", { get: () => ({ ...counts }) });
  return redact;
}

/** The dsregcmd layer alone: PATTERNS and the given identifier values (see createPasteRedactor for the whole redactor). */
export function createRedactor(identifiers: Iterable<string> = []): Redactor {
  return buildRedactor(PATTERNS, [], identifiers);
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

// ---------------------------------------------------------------- IP addresses and phone numbers

// IPv4 as four parts of 0-255, unless written after "version" or "build" (Windows versions such as
// 10.0.19045.1234 are kept either way: 19045 is not a part of an address); IPv6 as eight groups or
// groups around a `::`.
const IPV4 = /(?<![\w.])(?:(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)\.){3}(?:25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(?!\w|\.\d)/g;
const IPV6 = /(?<![\w:.])(?=[0-9a-f:]*::|(?:[0-9a-f]{1,4}:){7}[0-9a-f])[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}(?![\w:]|\.\d)/gi;
const VERSION_WORD = /(?:version|build)\s*$/i;

/** One separator inside a phone number: a dash with a space either side or none, a dot, or one space. */
const SEP = String.raw`(?:[ \u00a0]?[-\u2010\u2011\u2013][ \u00a0]?|[. \u00a0])`;

/**
 * A run of digit groups that may be a phone number, whole: a `+`, or a digit or a bracketed group
 * that does not go on from a word, a version, a path, a time, a SID or a run of groups before it;
 * then digits and bracketed groups with at most one separator between them; not followed by a
 * letter, a colon (a time), a path, or one more group. Whether the run is a phone number is
 * isPhoneNumber's to say: a run is never cut to make one.
 */
const PHONE_RUN = new RegExp(
  String.raw`(?:(?<![\p{L}\p{N}_+])\+|(?<![\p{L}\p{N}_.+/:@\\=#$%-]|\p{N}${SEP}))(?:\(\d{1,5}\)|\d)(?:${SEP}?(?:\(\d{1,5}\)|\d))*` +
    String.raw`(?![\p{L}\p{N}_@:\\/%]|${SEP}[\p{N}(]|[.\-\u2010\u2011\u2013][\p{L}_])`,
  "gu",
);

/**
 * Whether 10 bare digits can be a failure HRESULT written in decimal (0x8xxxxxxx or 0xCxxxxxxx,
 * as 3399811105 is 0xCAA50021): those are error codes and kept.
 */
function isDecimalHresult(digits: string): boolean {
  const n = Number(digits);
  return (n >= 0x80000000 && n <= 0x8fffffff) || (n >= 0xc0000000 && n <= 0xcfffffff);
}

/** A date inside a longer run of groups: `(1098) 2024-05-02` is an event id and a date. */
const DATE_IN_RUN = /(?<!\d)(?:\d{4}[-./]\d{1,2}[-./]\d{1,2}|\d{1,2}[-./]\d{1,2}[-./]\d{4})(?!\d)/;

/**
 * The forms of a phone number, for a run of digit groups PHONE_RUN found. Everything else is kept:
 * dates and times, versions and builds, event ids, KB numbers, error codes in any form, a Unix
 * time (10 digits from 1), SIDs and GUIDs (taken before this), counters.
 * - `+` and a country code, 8 to 15 digits in all, grouped or not: +44 20 7946 0958, +49-30-123456
 * - `00` and a country code, 10 to 15 digits: 0044 20 7946 0958
 * - an area code in brackets, 7 to 12 digits: (425) 555-0100, (020) 7946 0958
 * - North American: 425-555-0100, 425.555.0100, 425 555 0100, 1-425-555-0100; 555-0100 with a dash
 * - a national number with its leading 0, two groups or more of two digits or more, 8 to 12
 *   digits: 0171 1234567, 020 7946 0958, 030-123456, 01 23 45 67 89
 * - bare digits: 10 from 2 (not a decimal HRESULT), or 11 from 1 or from 0: 4255550100, 01711234567
 * Three groups that read as a date (2026-11-20, 20.11.2026, 01 02 2026) are a date, and a run
 * that holds a date is not a phone number.
 */
function isPhoneNumber(run: string): boolean {
  const groups = run.match(/\d+/g) ?? [];
  const digits = groups.join("");
  if (digits.length < 7 || digits.length > 15) return false;
  const sizes = groups.map((g) => g.length);
  if (sizes.length === 3 && ((sizes[0] === 4 && sizes[1]! <= 2 && sizes[2]! <= 2) || (sizes[0]! <= 2 && sizes[1]! <= 2 && (sizes[2] === 4 || sizes[2] === 2)))) return false;
  if (DATE_IN_RUN.test(run)) return false;
  if (run.startsWith("+")) return /^\+[1-9]/.test(run) && digits.length >= 8;
  if (/^00[1-9]/.test(digits) && run.startsWith("00")) return digits.length >= 10;
  if (run.startsWith("(")) return sizes.length >= 2 && digits.length <= 12;
  const nanp = sizes[0] === 1 && groups[0] === "1" ? groups.slice(1) : groups;
  if (nanp.length === 3 && nanp[0]!.length === 3 && nanp[1]!.length === 3 && nanp[2]!.length === 4 && /^[2-9]/.test(nanp[0]!)) return true;
  if (/^[2-9]\d{2}[-\u2010\u2011\u2013]\d{4}$/.test(run)) return true;
  if (groups.length >= 2 && /^0[1-9]/.test(groups[0]!) && sizes.every((n) => n >= 2) && digits.length >= 8 && digits.length <= 12) return true;
  if (groups.length === 1) return (digits.length === 10 && /^[2-9]/.test(digits) && !isDecimalHresult(digits)) || (digits.length === 11 && /^(?:1[2-9]|0[1-9])/.test(digits));
  return false;
}

/** Applied after the other patterns, in this order: an address is not taken for a phone number. */
const AFTER_PATTERNS: readonly Pattern[] = [
  ["ip", IPV4, (_m, offset, text) => VERSION_WORD.test(text.slice(Math.max(0, offset - 12), offset))],
  ["ip", IPV6, (m) => !/[0-9a-f]/i.test(m)],
  ["phone", PHONE_RUN, (m) => !isPhoneNumber(m)],
];

/** Replaces phone numbers (the forms isPhoneNumber lists) with `[phone-N]`; everything else is left as it is. */
export function redactPhoneNumbers(text: string): string {
  return buildRedactor([], AFTER_PATTERNS.filter(([kind]) => kind === "phone"), [])(text);
}

/** Replaces IPv4 and IPv6 addresses with `[ip-N]`; versions written after "version"/"build" are kept. */
export function redactIpAddresses(text: string): string {
  return buildRedactor([], AFTER_PATTERNS.filter(([kind]) => kind === "ip"), [])(text);
}

// ---------------------------------------------------------------- evidence bundle (issue 16)

/** Identifiers only the bundle's parts print, wherever they appear; applied in this order, before PATTERNS. */
export const BUNDLE_PATTERNS: readonly Pattern[] = [
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
 * The bundle and dsregcmd layers without IP addresses and phone numbers: BUNDLE_PATTERNS, then
 * PATTERNS, with every identifier value the parsed sections hold (names, UPNs, tenant and
 * enrollment ids, folders, credential targets and users, WAM accounts), the dsregcmd part's, and
 * the `more` values given (see createPasteRedactor for the whole redactor).
 */
export function createBundleRedactor(evidence?: BundleEvidence, more: Iterable<string> = []): Redactor {
  return buildRedactor([...BUNDLE_PATTERNS, ...PATTERNS], [], [...(evidence ? collectBundleIdentifiers(evidence) : []), ...more]);
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
 * analyzer's JSON, the CLI and the server's feedback comments): the bundle's patterns (SIDs,
 * profile folders, accounts before a SID, computer names, credential targets…), then the patterns
 * that are identifiers anywhere (e-mail and UPNs, GUIDs, thumbprints, DOMAIN\user, hosts in links)
 * and the identifier values given (a dsregcmd paste's identifier fields, a bundle's), then IP
 * addresses and phone numbers. Redacting twice changes nothing.
 */
export function createPasteRedactor(identifiers: Iterable<string> = [], evidence?: BundleEvidence): Redactor {
  return buildRedactor([...BUNDLE_PATTERNS, ...PATTERNS], AFTER_PATTERNS, [...(evidence ? collectBundleIdentifiers(evidence) : []), ...identifiers]);
}

/**
 * The paste redactor for a paste as the analyzer read it: fed with the identifier values its
 * parsed fields hold (a dsregcmd paste's, a bundle's; an error text or a failed analysis has none),
 * and the `more` values given.
 */
export function createRedactorFor(analysis: Analysis, more: Iterable<string> = []): Redactor {
  if (analysis.ok && analysis.kind === "bundle") return createPasteRedactor(more, analysis.bundle.evidence);
  return createPasteRedactor([...(analysis.ok && analysis.kind === "dsregcmd" ? collectIdentifiers(analysis.dsregcmd.evidence) : []), ...more]);
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
