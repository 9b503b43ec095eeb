/**
 * Derived state: what the typed fields of one `dsregcmd /status` paste say about the device,
 * each answer with the lines it rests on. A field that was not printed makes an answer
 * `unknown`; it never counts as NO.
 *
 * Rules (shared/facts/domain-facts.md §3.2–3.4):
 * - join type: AzureAdJoined / EnterpriseJoined / DomainJoined per the decision table; an Entra
 *   registered device shows `WorkplaceJoined : YES` in User State and NO for the three others.
 * - PRT: `AzureAdPrt`, plus the newest `…PrtDiagnostics` block when a failure was recorded.
 * - elevated: `User Context` (SYSTEM or ELEVATED User), or `KeySignTest` (it runs only elevated and
 *   asks for elevation otherwise).
 * - an age is computed only against `Client Time` printed in the same paste: never a clock.
 */
import { findCodeTokens } from "../error-text/find-codes.ts";
import { epochSeconds, type ErrorPhase, type Field } from "./fields.ts";
import type { DsregcmdEvidence, PrtDiagnosticsBlock } from "./parse.ts";

export type JoinType =
  | "entra-joined"
  | "hybrid-joined"
  | "registered"
  | "domain-joined-only"
  | "on-premises-drs-joined"
  | "not-joined"
  | "unknown";

/** One derived answer: its value, the lines it rests on and why. */
export interface Derived<V> {
  value: V;
  lines: number[];
  reason: string;
}

export interface PrtState extends Derived<"present" | "missing" | "failed" | "unknown"> {
  /** Client status of the newest failed attempt, `0xc000006d`. */
  attemptStatus?: string;
  /** `invalid_grant` … as printed. */
  serverErrorCode?: string;
  /** Codes named in the server's error description, e.g. `AADSTS50126`. */
  serverCodes: string[];
  httpStatus?: number;
  /** Hours between the last PRT update and `Client Time`, when both are printed. */
  ageHours?: number;
  /** The PRT expired before `Client Time`. */
  expired?: boolean;
}

export interface PreJoinState extends Derived<"passed" | "failed" | "unknown"> {
  phase?: ErrorPhase;
  /** Where the phase came from: the `Error Phase` line, or the first failed test. */
  phaseFrom?: "error-phase" | "failed-test";
  failedTests: string[];
  /** Client codes in the order printed, without repeats (`0x801c0021`). */
  codes: string[];
  serverErrorCode?: string;
}

export interface DsregcmdState {
  joinType: Derived<JoinType>;
  prt: PrtState;
  deviceAuth: Derived<"enabled" | "disabled-or-deleted" | "test-failed" | "unknown">;
  keyHealth: Derived<"healthy" | "failed" | "recovery-pending" | "not-tested" | "unknown"> & { tpmProtected?: boolean };
  preJoin: PreJoinState;
  elevated: Derived<"elevated" | "not-elevated" | "unknown">;
  wamDefault: Derived<"set" | "not-set" | "error" | "unknown"> & { authority?: string; provider?: string; codes: string[] };
  /** MDM URLs show the tenant's auto-enrollment settings; they never prove the device is managed. */
  mdmUrls: Derived<"present" | "empty" | "unknown"> & { provesManaged: false };
  /** `WorkplaceJoined : YES` on a hybrid joined device. */
  dualState: Derived<boolean | "unknown">;
  /** `Client Time` when printed: the only "now" this analysis knows. */
  clientTime?: string;
}

const linesOf = (...fields: (Field<unknown> | undefined)[]): number[] =>
  fields.flatMap((f) => (f === undefined ? [] : [f.line])).sort((a, b) => a - b);

/** Derives the device's state from typed evidence; pure. */
export function deriveDsregcmdState(ev: DsregcmdEvidence): DsregcmdState {
  const clientTime = ev.diagnosticData.clientTime?.value;
  const state: DsregcmdState = {
    joinType: deriveJoinType(ev),
    prt: derivePrt(ev, clientTime),
    deviceAuth: deriveDeviceAuth(ev),
    keyHealth: deriveKeyHealth(ev),
    preJoin: derivePreJoin(ev),
    elevated: deriveElevated(ev),
    wamDefault: deriveWamDefault(ev),
    mdmUrls: deriveMdmUrls(ev),
    dualState: { value: "unknown", lines: [], reason: "" },
  };
  state.dualState = deriveDualState(ev, state.joinType);
  if (clientTime !== undefined) state.clientTime = clientTime;
  return state;
}

function deriveJoinType(ev: DsregcmdEvidence): Derived<JoinType> {
  const { azureAdJoined: a, enterpriseJoined: e, domainJoined: d } = ev.deviceState;
  const w = ev.userState.workplaceJoined;
  const lines = linesOf(a, e, d);
  if (a === undefined || d === undefined) {
    return {
      value: "unknown",
      lines,
      reason: "AzureAdJoined or DomainJoined is not in the paste (the Device State section is needed)",
    };
  }
  if (a.value && e?.value === true) {
    return { value: "unknown", lines, reason: "AzureAdJoined and EnterpriseJoined are both YES, which cannot happen together" };
  }
  if (a.value && d.value) return { value: "hybrid-joined", lines, reason: "AzureAdJoined YES and DomainJoined YES" };
  if (a.value) return { value: "entra-joined", lines, reason: "AzureAdJoined YES and DomainJoined NO" };
  if (e?.value === true) {
    return d.value
      ? { value: "on-premises-drs-joined", lines, reason: "EnterpriseJoined YES and DomainJoined YES" }
      : { value: "unknown", lines, reason: "EnterpriseJoined YES without DomainJoined YES is not in the decision table" };
  }
  if (d.value) return { value: "domain-joined-only", lines, reason: "DomainJoined YES but AzureAdJoined NO" };
  if (w === undefined) {
    return {
      value: "unknown",
      lines,
      reason: "not joined to a domain or to Entra; whether it is registered needs WorkplaceJoined from User State",
    };
  }
  return w.value
    ? { value: "registered", lines: linesOf(a, e, d, w), reason: "no device join, and WorkplaceJoined YES in User State" }
    : { value: "not-joined", lines: linesOf(a, e, d, w), reason: "no device join, and WorkplaceJoined NO in User State" };
}

function newestDiagnostics(ev: DsregcmdEvidence): PrtDiagnosticsBlock | undefined {
  return ev.prtDiagnostics.filter((b) => Object.keys(b.fields).length > 0).at(-1);
}

function derivePrt(ev: DsregcmdEvidence, clientTime: string | undefined): PrtState {
  const prt = ev.ssoState.azureAdPrt;
  const diag = newestDiagnostics(ev);
  const d = diag?.fields;
  const failure = d !== undefined && (d.attemptStatus !== undefined || d.serverErrorCode !== undefined || d.httpStatus !== undefined);
  const serverCodes = d?.serverErrorDescription
    ? findCodeTokens(d.serverErrorDescription.value).map((t) => t.display)
    : [];
  const base: PrtState = { value: "unknown", lines: [], reason: "AzureAdPrt is not in the paste (the SSO State section is needed)", serverCodes };
  if (d?.attemptStatus) base.attemptStatus = d.attemptStatus.value;
  if (d?.serverErrorCode) base.serverErrorCode = d.serverErrorCode.value;
  if (d?.httpStatus) base.httpStatus = d.httpStatus.value;
  const diagLines = d ? linesOf(d.attemptStatus, d.serverErrorCode, d.serverErrorDescription, d.httpStatus) : [];

  if (prt?.value === true) {
    const out: PrtState = { ...base, value: "present", lines: linesOf(prt), reason: "AzureAdPrt YES" };
    const update = ev.ssoState.azureAdPrtUpdateTime;
    const expiry = ev.ssoState.azureAdPrtExpiryTime;
    if (clientTime !== undefined && update !== undefined) {
      out.ageHours = Math.round(((epochSeconds(clientTime) - epochSeconds(update.value)) / 3600) * 10) / 10;
      out.lines = linesOf(prt, update, ev.diagnosticData.clientTime);
    }
    if (clientTime !== undefined && expiry !== undefined) {
      out.expired = epochSeconds(expiry.value) < epochSeconds(clientTime);
      out.lines = [...new Set([...out.lines, expiry.line])].sort((a, b) => a - b);
    }
    if (failure) {
      out.lines = [...new Set([...out.lines, ...diagLines])].sort((a, b) => a - b);
      out.reason = "AzureAdPrt YES, but a later attempt to get or refresh it failed";
    }
    return out;
  }
  if (failure) {
    return {
      ...base,
      value: "failed",
      lines: [...linesOf(prt), ...diagLines].sort((a, b) => a - b),
      reason: prt ? "AzureAdPrt NO, and the last attempt to get one failed" : "the last attempt to get a PRT failed",
    };
  }
  if (prt?.value === false) return { ...base, value: "missing", lines: linesOf(prt), reason: "AzureAdPrt NO" };
  return base;
}

function deriveDeviceAuth(ev: DsregcmdEvidence): DsregcmdState["deviceAuth"] {
  const f = ev.deviceDetails.deviceAuthStatus;
  if (!f) return { value: "unknown", lines: [], reason: "DeviceAuthStatus is not in the paste (Windows 10 21H1 and later print it in Device Details)" };
  const lines = [f.line];
  if (f.value === "success") return { value: "enabled", lines, reason: "DeviceAuthStatus SUCCESS" };
  if (f.value === "disabled-or-deleted") return { value: "disabled-or-deleted", lines, reason: "DeviceAuthStatus says the device is disabled or deleted" };
  return { value: "test-failed", lines, reason: "DeviceAuthStatus FAILED. ERROR: the test itself could not run" };
}

function deriveKeyHealth(ev: DsregcmdEvidence): DsregcmdState["keyHealth"] {
  const recovery = ev.diagnosticData.aadRecoveryEnabled;
  const sign = ev.diagnosticData.keySignTest;
  const tpm = ev.deviceDetails.tpmProtected;
  const extra = tpm === undefined ? {} : { tpmProtected: tpm.value };
  const lines = linesOf(recovery, sign);
  if (recovery?.value === true) return { value: "recovery-pending", lines, reason: "AadRecoveryEnabled YES: the stored keys are flagged for recovery", ...extra };
  if (sign?.value.result === "failed") return { value: "failed", lines, reason: "KeySignTest FAILED", ...extra };
  if (sign?.value.result === "passed") return { value: "healthy", lines, reason: "KeySignTest PASSED", ...extra };
  if (sign?.value.result === "needs-elevation") {
    return { value: "not-tested", lines, reason: "KeySignTest did not run: it needs an elevated prompt", ...extra };
  }
  return { value: "unknown", lines, reason: "KeySignTest is not in the paste", ...extra };
}

const PRE_JOIN_TESTS = [
  ["adConnectivityTest", "AD Connectivity Test", "pre-check"],
  ["adConfigurationTest", "AD Configuration Test", "discover"],
  ["drsDiscoveryTest", "DRS Discovery Test", "discover"],
  ["drsConnectivityTest", "DRS Connectivity Test", "discover"],
  ["tokenAcquisitionTest", "Token Acquisition Test", "auth"],
] as const;

function derivePreJoin(ev: DsregcmdEvidence): PreJoinState {
  const dd = ev.diagnosticData;
  const failedTests: string[] = [];
  const codes: string[] = [];
  const lines: number[] = [];
  let seen = false;
  let inferred: ErrorPhase | undefined;
  for (const [name, label, phase] of PRE_JOIN_TESTS) {
    const t = dd[name];
    if (!t) continue;
    seen = true;
    if (t.value.result === "fail") {
      failedTests.push(label);
      lines.push(t.line);
      codes.push(...t.value.codes);
      inferred ??= phase;
    }
  }
  for (const f of [dd.errorPhase, dd.clientErrorCode, dd.serverErrorCode]) {
    if (f) {
      seen = true;
      lines.push(f.line);
    }
  }
  if (dd.clientErrorCode) codes.push(dd.clientErrorCode.value);
  const out: PreJoinState = { value: "unknown", lines: [], reason: "", failedTests, codes: [...new Set(codes)] };
  if (dd.serverErrorCode) out.serverErrorCode = dd.serverErrorCode.value;
  if (!seen) {
    out.reason = "no pre-join diagnostics in the paste (they are printed on domain-joined devices that have not hybrid joined)";
    return out;
  }
  out.lines = lines.sort((a, b) => a - b);
  const failed = failedTests.length > 0 || dd.errorPhase !== undefined || dd.clientErrorCode !== undefined;
  if (!failed) {
    out.value = "passed";
    out.reason = "every pre-join test printed passed or was skipped";
    out.lines = PRE_JOIN_TESTS.flatMap(([name]) => (dd[name] ? [dd[name].line] : []));
    return out;
  }
  out.value = "failed";
  if (dd.errorPhase) {
    out.phase = dd.errorPhase.value;
    out.phaseFrom = "error-phase";
  } else if (inferred) {
    out.phase = inferred;
    out.phaseFrom = "failed-test";
  }
  out.reason = failedTests.length > 0 ? `failed: ${failedTests.join(", ")}` : "an error phase or client error code is printed";
  return out;
}

function deriveElevated(ev: DsregcmdEvidence): DsregcmdState["elevated"] {
  const ctx = ev.diagnosticData.userContext;
  if (ctx) {
    const yes = ctx.value !== "un-elevated";
    return {
      value: yes ? "elevated" : "not-elevated",
      lines: [ctx.line],
      reason: `User Context ${ctx.raw}`,
    };
  }
  const sign = ev.diagnosticData.keySignTest;
  if (sign) {
    const yes = sign.value.result !== "needs-elevation";
    return {
      value: yes ? "elevated" : "not-elevated",
      lines: [sign.line],
      reason: yes ? "KeySignTest ran, which needs an elevated prompt" : "KeySignTest asks to be run elevated",
    };
  }
  return { value: "unknown", lines: [], reason: "neither User Context nor KeySignTest is in the paste" };
}

function deriveWamDefault(ev: DsregcmdEvidence): DsregcmdState["wamDefault"] {
  const set = ev.userState.wamDefaultSet;
  const authority = ev.userState.wamDefaultAuthority;
  const guid = ev.userState.wamDefaultGuid;
  const lines = linesOf(set, authority, guid);
  const extra: { authority?: string; provider?: string; codes: string[] } = { codes: set?.value.codes ?? [] };
  if (authority) extra.authority = authority.value;
  if (guid?.value.provider) extra.provider = guid.value.provider;
  if (!set) return { value: "unknown", lines, reason: "WamDefaultSet is not in the paste", ...extra };
  const v = set.value.result;
  return {
    value: v === "yes" ? "set" : v === "no" ? "not-set" : "error",
    lines,
    reason: `WamDefaultSet ${set.raw}`,
    ...extra,
  };
}

function deriveMdmUrls(ev: DsregcmdEvidence): DsregcmdState["mdmUrls"] {
  const t = ev.tenantDetails;
  const fields = [t.mdmUrl, t.mdmTouUrl, t.mdmComplianceUrl].filter((f) => f !== undefined);
  const lines = linesOf(...fields);
  const provesManaged = false as const;
  if (fields.length === 0) return { value: "unknown", lines, reason: "no MDM URL field in the paste", provesManaged };
  if (fields.some((f) => f.value.trim() !== "")) {
    return {
      value: "present",
      lines,
      reason: "the tenant has MDM auto-enrollment URLs; that does not show this device is enrolled or managed",
      provesManaged,
    };
  }
  return {
    value: "empty",
    lines,
    reason: "MDM URLs are empty: auto-enrollment is not set up for the tenant, or this user is not in its scope",
    provesManaged,
  };
}

function deriveDualState(ev: DsregcmdEvidence, join: Derived<JoinType>): Derived<boolean | "unknown"> {
  const w = ev.userState.workplaceJoined;
  if (join.value === "unknown") return { value: "unknown", lines: [], reason: "the join type is unknown" };
  if (join.value !== "hybrid-joined") {
    return { value: false, lines: join.lines, reason: "dual state needs a hybrid joined device" };
  }
  if (!w) return { value: "unknown", lines: join.lines, reason: "WorkplaceJoined is not in the paste" };
  return {
    value: w.value,
    lines: [...join.lines, w.line].sort((a, b) => a - b),
    reason: w.value ? "hybrid joined and WorkplaceJoined YES" : "hybrid joined and WorkplaceJoined NO",
  };
}
