/**
 * Every section and field `dsregcmd /status` prints (shared/facts/domain-facts.md §3.3), with
 * the type its value is read as. One table: the raw stage uses it to tell fields from noise, the
 * typed stage to place and convert them, and the evidence types are derived from it.
 *
 * Quirks:
 * [1] Keys are matched case-insensitively with runs of spaces collapsed: Microsoft's pre-join
 *     sample prints `Token acquisition Test` where the reference says `Token Acquisition Test`.
 * [2] `OnPremTgt`/`CloudTgt` exist in SSO State and (spelt `OnPremTGT`/`CloudTGT`) in the Ngc
 *     Prerequisite Check; the section a line sits in decides which one it is.
 * [3] Work Account blocks (`WorkplaceDeviceId`, …) are seen in real output but not described by
 *     Microsoft: the names are kept, their meaning is not interpreted.
 */
import { parseCode } from "../../model/codes.ts";

/** A value as read from one line: the converted value, the text as printed and its line. */
export interface Field<V> {
  value: V;
  /** The value exactly as printed (after the separator, trimmed). */
  raw: string;
  /** 1-based line in the decoded paste. */
  line: number;
}

export type TestResult = { result: "pass" | "fail" | "skipped"; codes: string[] };
export type KeySignResult = { result: "passed" | "failed" | "needs-elevation"; codes: string[] };
export type DeviceAuthResult = "success" | "disabled-or-deleted" | "test-error";
export type UserContext = "system" | "un-elevated" | "elevated";
export type WamDefaultSet = { result: "yes" | "no" | "error"; codes: string[] };
export type ProviderGuid = { guid: string; provider?: string };
export type Validity = { from: string; to: string };
export type ErrorPhase = "pre-check" | "discover" | "auth" | "join";

/** What each value type converts to. */
export interface ValueTypes {
  flag: boolean;
  text: string;
  time: string;
  validity: Validity;
  hresult: string;
  test: TestResult;
  keySign: KeySignResult;
  deviceAuth: DeviceAuthResult;
  userContext: UserContext;
  int: number;
  enabled: boolean;
  present: boolean;
  wamSet: WamDefaultSet;
  canReset: "DestructiveOnly" | "NonDestructiveOnly" | "DestructiveAndNonDestructive" | "Unknown";
  preReq: "WillProvision" | "WillNotProvision";
  phase: ErrorPhase;
  providerGuid: ProviderGuid;
}
export type ValueType = keyof ValueTypes;

const f = <const K extends string, const N extends string, const T extends ValueType>(key: K, name: N, type: T) =>
  ({ key, name, type }) as const;

const PROXY_FIELDS = [
  f("Auto Detect Settings", "autoDetectSettings", "text"),
  f("Auto-Configuration URL", "autoConfigurationUrl", "text"),
  f("Proxy Server List", "proxyServerList", "text"),
  f("Proxy Bypass List", "proxyBypassList", "text"),
  f("Access Type", "accessType", "text"),
] as const;

/** Sections in the order `dsregcmd` prints them. `title` is the boxed header; `null` for sub-blocks. */
export const SECTION_SPECS = {
  deviceState: {
    title: "Device State",
    fields: [
      f("AzureAdJoined", "azureAdJoined", "flag"),
      f("EnterpriseJoined", "enterpriseJoined", "flag"),
      f("DomainJoined", "domainJoined", "flag"),
      f("DomainName", "domainName", "text"),
      f("Virtual Desktop", "virtualDesktop", "text"),
      f("Device Name", "deviceName", "text"),
    ],
  },
  deviceDetails: {
    title: "Device Details",
    fields: [
      f("DeviceId", "deviceId", "text"),
      f("Thumbprint", "thumbprint", "text"),
      f("DeviceCertificateValidity", "deviceCertificateValidity", "validity"),
      f("KeyContainerId", "keyContainerId", "text"),
      f("KeyProvider", "keyProvider", "text"),
      f("TpmProtected", "tpmProtected", "flag"),
      f("DeviceAuthStatus", "deviceAuthStatus", "deviceAuth"),
    ],
  },
  tenantDetails: {
    title: "Tenant Details",
    fields: [
      f("TenantName", "tenantName", "text"),
      f("TenantId", "tenantId", "text"),
      f("Idp", "idp", "text"),
      f("AuthCodeUrl", "authCodeUrl", "text"),
      f("AccessTokenUrl", "accessTokenUrl", "text"),
      f("MdmUrl", "mdmUrl", "text"),
      f("MdmTouUrl", "mdmTouUrl", "text"),
      f("MdmComplianceUrl", "mdmComplianceUrl", "text"),
      f("SettingsUrl", "settingsUrl", "text"),
      f("JoinSrvVersion", "joinSrvVersion", "text"),
      f("JoinSrvUrl", "joinSrvUrl", "text"),
      f("JoinSrvId", "joinSrvId", "text"),
      f("KeySrvVersion", "keySrvVersion", "text"),
      f("KeySrvUrl", "keySrvUrl", "text"),
      f("KeySrvId", "keySrvId", "text"),
      f("WebAuthNSrvVersion", "webAuthNSrvVersion", "text"),
      f("WebAuthNSrvUrl", "webAuthNSrvUrl", "text"),
      f("WebAuthNSrvId", "webAuthNSrvId", "text"),
      f("DeviceManagementSrvVer", "deviceManagementSrvVer", "text"),
      f("DeviceManagementSrvUrl", "deviceManagementSrvUrl", "text"),
      f("DeviceManagementSrvId", "deviceManagementSrvId", "text"),
    ],
  },
  userState: {
    title: "User State",
    fields: [
      f("NgcSet", "ngcSet", "flag"),
      f("NgcKeyId", "ngcKeyId", "text"),
      f("CanReset", "canReset", "canReset"),
      f("WorkplaceJoined", "workplaceJoined", "flag"),
      f("WorkAccountCount", "workAccountCount", "int"),
      f("WamDefaultSet", "wamDefaultSet", "wamSet"),
      f("WamDefaultAuthority", "wamDefaultAuthority", "text"),
      f("WamDefaultId", "wamDefaultId", "text"),
      f("WamDefaultGUID", "wamDefaultGuid", "providerGuid"),
    ],
  },
  workAccount: {
    title: null,
    fields: [
      f("WorkplaceDeviceId", "workplaceDeviceId", "text"),
      f("WorkplaceThumbprint", "workplaceThumbprint", "text"),
      f("WorkplaceTenantId", "workplaceTenantId", "text"),
      f("WorkplaceTenantName", "workplaceTenantName", "text"),
      f("WorkplaceMdmUrl", "workplaceMdmUrl", "text"),
      f("WorkplaceSettingsUrl", "workplaceSettingsUrl", "text"),
    ],
  },
  ssoState: {
    title: "SSO State",
    fields: [
      f("AzureAdPrt", "azureAdPrt", "flag"),
      f("AzureAdPrtUpdateTime", "azureAdPrtUpdateTime", "time"),
      f("AzureAdPrtExpiryTime", "azureAdPrtExpiryTime", "time"),
      f("AzureAdPrtAuthority", "azureAdPrtAuthority", "text"),
      f("EnterprisePrt", "enterprisePrt", "flag"),
      f("EnterprisePrtUpdateTime", "enterprisePrtUpdateTime", "time"),
      f("EnterprisePrtExpiryTime", "enterprisePrtExpiryTime", "time"),
      f("EnterprisePrtAuthority", "enterprisePrtAuthority", "text"),
      f("AcquirePrtDiagnostics", "acquirePrtDiagnostics", "present"),
      f("RefreshPrtDiagnostics", "refreshPrtDiagnostics", "present"),
      f("OnPremTgt", "onPremTgt", "flag"),
      f("CloudTgt", "cloudTgt", "flag"),
      f("KerbTopLevelNames", "kerbTopLevelNames", "text"),
    ],
  },
  prtDiagnostics: {
    title: null,
    fields: [
      f("Previous Prt Attempt", "previousPrtAttempt", "time"),
      f("Attempt Status", "attemptStatus", "hresult"),
      f("User Identity", "userIdentity", "text"),
      f("Credential Type", "credentialType", "text"),
      f("Correlation ID", "correlationId", "text"),
      f("Endpoint URI", "endpointUri", "text"),
      f("HTTP Method", "httpMethod", "text"),
      f("HTTP Error", "httpError", "hresult"),
      f("HTTP status", "httpStatus", "int"),
      f("Server Error Code", "serverErrorCode", "text"),
      f("Server Error Description", "serverErrorDescription", "text"),
    ],
  },
  diagnosticData: {
    title: "Diagnostic Data",
    fields: [
      f("Diagnostics Reference", "diagnosticsReference", "text"),
      f("User Context", "userContext", "userContext"),
      f("Client Time", "clientTime", "time"),
      f("AD Connectivity Test", "adConnectivityTest", "test"),
      f("AD Configuration Test", "adConfigurationTest", "test"),
      f("DRS Discovery Test", "drsDiscoveryTest", "test"),
      f("DRS Connectivity Test", "drsConnectivityTest", "test"),
      f("Token Acquisition Test", "tokenAcquisitionTest", "test"),
      f("Fallback to Sync-Join", "fallbackToSyncJoin", "enabled"),
      f("Previous Registration", "previousRegistration", "time"),
      f("Registration Type", "registrationType", "text"),
      f("Error Phase", "errorPhase", "phase"),
      f("Client ErrorCode", "clientErrorCode", "hresult"),
      f("Server ErrorCode", "serverErrorCode", "text"),
      f("Server Message", "serverMessage", "text"),
      f("Https Status", "httpsStatus", "int"),
      f("Request ID", "requestId", "text"),
      f("AadRecoveryEnabled", "aadRecoveryEnabled", "flag"),
      f("KeySignTest", "keySignTest", "keySign"),
      f("Executing Account Name", "executingAccountName", "text"),
      f("DisplayNameUpdated", "displayNameUpdated", "text"),
      f("OsVersionUpdated", "osVersionUpdated", "text"),
      f("HostNameUpdated", "hostNameUpdated", "text"),
      f("Last HostName Update", "lastHostNameUpdate", "text"),
    ],
  },
  ieProxy: { title: "IE Proxy Config for Current User", fields: PROXY_FIELDS },
  winHttpProxy: { title: "WinHttp Default Proxy Config", fields: PROXY_FIELDS },
  ngcPrerequisiteCheck: {
    title: "Ngc Prerequisite Check",
    fields: [
      f("IsDeviceJoined", "isDeviceJoined", "flag"),
      f("IsUserAzureAD", "isUserAzureAd", "flag"),
      f("PolicyEnabled", "policyEnabled", "flag"),
      f("PostLogonEnabled", "postLogonEnabled", "flag"),
      f("DeviceEligible", "deviceEligible", "flag"),
      f("SessionIsNotRemote", "sessionIsNotRemote", "flag"),
      f("CertEnrollment", "certEnrollment", "text"),
      f("AdfsRefreshToken", "adfsRefreshToken", "flag"),
      f("AdfsRaIsReady", "adfsRaIsReady", "flag"),
      f("LogonCertTemplateReady", "logonCertTemplateReady", "flag"),
      f("PreReqResult", "preReqResult", "preReq"),
      f("OnPremTGT", "onPremTgt", "flag"),
      f("CloudTGT", "cloudTgt", "flag"),
    ],
  },
} as const;

export type SectionName = keyof typeof SECTION_SPECS;
type SpecOf<S extends SectionName> = (typeof SECTION_SPECS)[S]["fields"][number];

/** The typed fields of one section; a field that was not printed is absent (unknown), never false. */
export type SectionFields<S extends SectionName> = {
  [F in SpecOf<S> as F["name"]]?: Field<ValueTypes[F["type"]]>;
};

export interface FieldSpec {
  readonly key: string;
  readonly name: string;
  readonly type: ValueType;
}

const normalised = new Map<string, string>();

/** Normalises a printed key for lookups (quirk [1]). Memoised: a paste repeats a few dozen keys. */
export function normaliseKey(key: string): string {
  let k = normalised.get(key);
  if (k === undefined) {
    k = key.trim().replace(/\s+/g, " ").toLowerCase();
    if (normalised.size < 4096) normalised.set(key, k);
  }
  return k;
}

const SECTION_NAMES = Object.keys(SECTION_SPECS) as SectionName[];

/** key → spec, per section. */
const BY_SECTION = new Map<SectionName, Map<string, FieldSpec>>(
  SECTION_NAMES.map((s) => [s, new Map(SECTION_SPECS[s].fields.map((spec: FieldSpec) => [normaliseKey(spec.key), spec]))]),
);

/** key → the sections that print it, first one is its main home (quirk [2]). */
const HOMES = new Map<string, SectionName[]>();
for (const s of SECTION_NAMES) {
  for (const spec of SECTION_SPECS[s].fields) {
    const k = normaliseKey(spec.key);
    HOMES.set(k, [...(HOMES.get(k) ?? []), s]);
  }
}

/** Every known key, normalised, for prefix checks on truncated lines. */
export const KNOWN_KEYS: readonly string[] = [...HOMES.keys()];

/** The spec of `key` inside `section`, if that section prints it. */
export function fieldIn(section: SectionName, key: string): FieldSpec | undefined {
  return BY_SECTION.get(section)?.get(normaliseKey(key));
}

/** The main home of `key` anywhere in the output (for the legacy layout and header-less pastes). */
export function homeOf(key: string): { section: SectionName; spec: FieldSpec } | undefined {
  const k = normaliseKey(key);
  const section = HOMES.get(k)?.[0];
  if (section === undefined) return undefined;
  const spec = BY_SECTION.get(section)!.get(k)!;
  return { section, spec };
}

/** Whether `key` is printed by some section. */
export function isKnownKey(key: string): boolean {
  return HOMES.has(normaliseKey(key));
}

const TITLES = new Map<string, SectionName>(
  SECTION_NAMES.flatMap((s): [string, SectionName][] => {
    const title = SECTION_SPECS[s].title;
    return title === null ? [] : [[title.toLowerCase(), s]];
  }),
);

/** The section a boxed header title names; `workAccount` with its number for `Work Account 2`. */
export function sectionOfTitle(title: string): { section: SectionName; index?: number } | undefined {
  const t = title.trim().replace(/\s+/g, " ").toLowerCase();
  const wa = /^work account (\d{1,3})$/.exec(t);
  if (wa) return { section: "workAccount", index: Number(wa[1]) };
  const s = TITLES.get(t);
  return s === undefined ? undefined : { section: s };
}

/** Every section title, lower-case, for prefix checks on a header cut off at the end of a paste. */
export const KNOWN_TITLES: readonly string[] = [...TITLES.keys(), "work account"];

// ---------------------------------------------------------------- value conversion

const TIME = /^(\d{4})-(\d{2})-(\d{2}) (\d{2}):(\d{2}):(\d{2})(?:\.(\d{1,3}))? UTC$/;

/** `2020-07-12 22:57:53.000 UTC` → `2020-07-12T22:57:53.000Z`; undefined when not that shape. */
export function parseTime(raw: string): string | undefined {
  const m = TIME.exec(raw.trim());
  if (!m) return undefined;
  const [, y, mo, d, h, mi, s, ms = "0"] = m;
  const month = Number(mo);
  const day = Number(d);
  if (month < 1 || month > 12 || day < 1 || day > 31 || Number(h) > 23 || Number(mi) > 59 || Number(s) > 60) return undefined;
  return `${y}-${mo}-${d}T${h}:${mi}:${s}.${ms.padEnd(3, "0")}Z`;
}

/** Seconds since 1970 for an ISO time made by `parseTime` (no clock, no Date: the core is pure). */
export function epochSeconds(iso: string): number {
  const y = Number(iso.slice(0, 4));
  const m = Number(iso.slice(5, 7));
  const d = Number(iso.slice(8, 10));
  // Days from civil (H. Hinnant's algorithm).
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  const days = era * 146097 + doe - 719468;
  return days * 86400 + Number(iso.slice(11, 13)) * 3600 + Number(iso.slice(14, 16)) * 60 + Number(iso.slice(17, 19));
}

/** `0x801C0021` → `0x801c0021` (eight lower-case digits); undefined when not a hex code. */
export function normaliseHresult(raw: string): string | undefined {
  const t = raw.trim();
  if (!/^0x[0-9a-f]{1,8}$/i.test(t)) return undefined;
  const key = parseCode(t);
  return key === undefined ? undefined : `0x${key.slice(4)}`;
}

function codesIn(list: string | undefined): string[] | undefined {
  if (list === undefined || list.trim() === "") return [];
  const out: string[] = [];
  for (const part of list.split("/")) {
    const code = normaliseHresult(part);
    if (code === undefined) return undefined;
    out.push(code);
  }
  return out;
}

type Converter<T extends ValueType> = (raw: string) => ValueTypes[T] | undefined;

const CONVERTERS: { [T in ValueType]: Converter<T> } = {
  flag: (raw) => {
    // `LogonCertTemplateReady : YES ( StateReady )` carries a detail in brackets.
    const m = /^(YES|NO)(?:\s*\(\s*[^()]*\s*\))?$/i.exec(raw);
    return m ? m[1]!.toUpperCase() === "YES" : undefined;
  },
  text: (raw) => raw,
  time: parseTime,
  validity: (raw) => {
    const m = /^\[\s*(.+?)\s*--\s*(.+?)\s*\]$/.exec(raw);
    const from = m ? parseTime(m[1]!) : undefined;
    const to = m ? parseTime(m[2]!) : undefined;
    return from !== undefined && to !== undefined ? { from, to } : undefined;
  },
  hresult: normaliseHresult,
  test: (raw) => {
    const m = /^(PASS|FAIL|SKIPPED)(?:\s*\[\s*([^\]]*?)\s*\])?$/i.exec(raw);
    if (!m) return undefined;
    const codes = codesIn(m[2]);
    if (codes === undefined) return undefined;
    const word = m[1]!.toUpperCase();
    return { result: word === "PASS" ? "pass" : word === "FAIL" ? "fail" : "skipped", codes };
  },
  keySign: (raw) => {
    if (/^PASSED$/i.test(raw)) return { result: "passed", codes: [] };
    if (/^MUST Run elevated to test\.?$/i.test(raw)) return { result: "needs-elevation", codes: [] };
    const m = /^FAILED(?:\.?\s*\[?\s*([^\]]*?)\s*\]?)?$/i.exec(raw);
    if (!m) return undefined;
    const codes = (m[1] ?? "").match(/0x[0-9a-f]{1,8}/gi)?.map((c) => normaliseHresult(c)!) ?? [];
    return { result: "failed", codes };
  },
  deviceAuth: (raw) => {
    if (/^SUCCESS$/i.test(raw)) return "success";
    if (/^FAILED\.?\s*Device is either disabled or deleted\.?$/i.test(raw)) return "disabled-or-deleted";
    if (/^FAILED\.?\s*ERROR\b.*$/i.test(raw)) return "test-error";
    return undefined;
  },
  userContext: (raw) => {
    const t = raw.toUpperCase().replace(/\s+/g, " ");
    if (t === "SYSTEM") return "system";
    if (t === "UN-ELEVATED USER") return "un-elevated";
    if (t === "ELEVATED USER") return "elevated";
    return undefined;
  },
  int: (raw) => (/^\d{1,9}$/.test(raw) ? Number(raw) : undefined),
  enabled: (raw) => (/^ENABLED$/i.test(raw) ? true : /^DISABLED$/i.test(raw) ? false : undefined),
  present: (raw) => (/^PRESENT$/i.test(raw) ? true : undefined),
  wamSet: (raw) => {
    if (/^YES$/i.test(raw)) return { result: "yes", codes: [] };
    if (/^NO$/i.test(raw)) return { result: "no", codes: [] };
    const m = /^ERROR\b(.*)$/i.exec(raw);
    if (!m) return undefined;
    const codes = m[1]!.match(/(?<![\w-])0x[0-9a-f]{8}(?![\w-])/gi)?.map((c) => normaliseHresult(c)!) ?? [];
    return { result: "error", codes };
  },
  canReset: (raw) => {
    const all = ["DestructiveOnly", "NonDestructiveOnly", "DestructiveAndNonDestructive", "Unknown"] as const;
    return all.find((v) => v.toLowerCase() === raw.toLowerCase());
  },
  preReq: (raw) => (/^WillProvision$/i.test(raw) ? "WillProvision" : /^WillNotProvision$/i.test(raw) ? "WillNotProvision" : undefined),
  phase: (raw) => {
    const t = raw.toLowerCase().replace(/[\s_]/g, "");
    if (t === "pre-check" || t === "precheck") return "pre-check";
    if (t === "discover" || t === "auth" || t === "join") return t;
    return undefined;
  },
  providerGuid: (raw) => {
    const m = /^\{\s*([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\s*\}\s*(?:\(\s*([^()]+?)\s*\))?$/i.exec(raw);
    if (!m) return undefined;
    return m[2] === undefined ? { guid: m[1]! } : { guid: m[1]!, provider: m[2] };
  },
};

/** Converts a printed value to its type; `undefined` when it is not a value that type can hold. */
export function convertValue(type: ValueType, raw: string): ValueTypes[ValueType] | undefined {
  return (CONVERTERS[type] as Converter<ValueType>)(raw);
}

/** A short description of what a type accepts, for `expected` in issues. */
export const EXPECTED: { [T in ValueType]: string } = {
  flag: "YES or NO",
  text: "text",
  time: "a time such as 2020-07-12 22:57:53.000 UTC",
  validity: "[ <time> -- <time> ]",
  hresult: "a hex code such as 0x801c0021",
  test: "PASS, FAIL [codes] or SKIPPED",
  keySign: "PASSED, FAILED or MUST Run elevated to test.",
  deviceAuth: "SUCCESS, FAILED. Device is either disabled or deleted, or FAILED. ERROR",
  userContext: "SYSTEM, UN-ELEVATED User or ELEVATED User",
  int: "a whole number",
  enabled: "ENABLED or DISABLED",
  present: "PRESENT",
  wamSet: "YES, NO or ERROR",
  canReset: "DestructiveOnly, NonDestructiveOnly, DestructiveAndNonDestructive or Unknown",
  preReq: "WillProvision or WillNotProvision",
  phase: "pre-check, discover, auth or join",
  providerGuid: "{GUID} (provider)",
};
