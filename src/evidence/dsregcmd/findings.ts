/**
 * Findings: what a helpdesk reads first. Each is pass / warn / fail, with a message in plain
 * words, the lines it rests on and the page or checklist item that deals with it.
 *
 * Rules:
 * - Nothing is said about a field that is not in the paste, except that it is unknown.
 * - Messages name fields and codes, never the pasted identifiers (device, tenant, user).
 * - Codes are read as whole tokens (`findCodeTokens`), never by substring.
 */
import { LINKS, type LinkTarget } from "../links.ts";
import type { DsregcmdEvidence } from "./parse.ts";
import type { DsregcmdState } from "./derive.ts";

export type FindingStatus = "pass" | "warn" | "fail";

export interface Finding {
  /** Stable id: `join-type`, `device-auth`, `prt`, `key-health`, `pre-join`, `dual-state`, … */
  id: string;
  status: FindingStatus;
  message: string;
  /** The lines of the paste it rests on, ascending. */
  lines: number[];
  link: LinkTarget;
}

/** Short notes on the registration codes `dsregcmd` prints (shared/facts/domain-facts.md §3.4). */
export const DSREG_CODE_NOTES: Readonly<Record<string, string>> = {
  "0x801c001d": "the service connection point could not be read from Active Directory",
  "0x801c0021": "discovery of the registration service failed",
  "0x801c001f": "discovery of the registration service timed out",
  "0x801c003d": "user realm discovery failed",
  "0x801c003a": "the tenant was not found during discovery",
  "0x801c0025": "the registration service was busy",
  "0x801c03f2": "the computer is not in Entra yet (normal until Entra Connect syncs it)",
  "0x80072ee2": "a network request timed out",
  "0x80072efd": "no connection to the server could be made",
  "0x80072f8f": "a TLS check failed (a proxy inspecting traffic, or a wrong clock)",
  "0x8007000d": "the answer was not what was expected (often a proxy showing its own sign-in page)",
};

/** Short notes on PRT attempt statuses (shared/facts/domain-facts.md §3.4). */
export const PRT_STATUS_NOTES: Readonly<Record<string, string>> = {
  "0xc000006d": "the user name or password was not accepted",
  "0xc00000d0": "the request was not accepted",
  "0xc000023c": "a network problem",
  "0xc00000be": "a network problem",
  "0xc00000c4": "a network problem",
  "0xc000005f": "there is no logon session for the user",
};

/** A PRT older than this (hours, against `Client Time`) is not being refreshed. */
export const PRT_STALE_HOURS = 4;

const describe = (code: string, notes: Readonly<Record<string, string>>) => (notes[code] ? `${code} (${notes[code]})` : code);

/** Findings for one paste, in the order a helpdesk reads them; pure. */
export function deriveFindings(ev: DsregcmdEvidence, state: DsregcmdState): Finding[] {
  const out: Finding[] = [];
  const add = (id: string, status: FindingStatus, message: string, lines: number[], link: LinkTarget) =>
    out.push({ id, status, message, lines: [...new Set(lines)].sort((a, b) => a - b), link });

  // ---- join type
  const join = state.joinType;
  const deviceStatePrinted = Object.keys(ev.deviceState).length > 0;
  switch (join.value) {
    case "hybrid-joined":
      add("join-type", "pass", "Microsoft Entra hybrid joined (AzureAdJoined YES, DomainJoined YES). IT can compare this with the device object in Entra.", join.lines, LINKS.deviceObjectState);
      break;
    case "entra-joined":
      add("join-type", "pass", "Microsoft Entra joined (AzureAdJoined YES, DomainJoined NO). IT can compare this with the device object in Entra.", join.lines, LINKS.deviceObjectState);
      break;
    case "registered":
      add("join-type", "pass", "Microsoft Entra registered: a work account was added to Windows (WorkplaceJoined YES); the device itself is not joined.", join.lines, LINKS.checkAccessWorkOrSchool);
      break;
    case "domain-joined-only":
      add("join-type", "warn", "Joined to the on-premises domain only, not to Entra (AzureAdJoined NO). If the organisation uses hybrid join, the join has not completed and device-based access rules will fail.", join.lines, LINKS.hybridJoinDiagnostics);
      break;
    case "on-premises-drs-joined":
      add("join-type", "warn", "Joined through an on-premises device registration service (EnterpriseJoined YES), an older setup. IT should check the device object.", join.lines, LINKS.deviceObjectState);
      break;
    case "not-joined":
      add("join-type", "warn", "Not joined or registered: Entra does not know this device, so policies that need a known device will block it.", join.lines, LINKS.checkDeviceRegistration);
      break;
    case "unknown":
      if (deviceStatePrinted) add("join-type", "warn", `Join type unknown: ${join.reason}.`, join.lines, LINKS.checkDeviceRegistration);
      else if (ev.userState.workplaceJoined?.value === true) {
        // A User State block alone: the account is registered for this user, whatever the device's join.
        add("registered-user", "pass", "This user's work account is Microsoft Entra registered in this user's context (WorkplaceJoined YES in User State). The device's own join type stays unknown: the paste has no Device State section.", [ev.userState.workplaceJoined.line], LINKS.checkAccessWorkOrSchool);
      }
      break;
  }

  // ---- device object
  const auth = state.deviceAuth;
  if (auth.value === "enabled") add("device-auth", "pass", "The device object exists and is enabled in Entra (DeviceAuthStatus SUCCESS).", auth.lines, LINKS.deviceObjectState);
  if (auth.value === "disabled-or-deleted") add("device-auth", "fail", "Entra reports the device as disabled or deleted. Sign-in with this device fails until IT re-enables it or it is registered again.", auth.lines, LINKS.deviceObjectState);
  if (auth.value === "test-failed") add("device-auth", "warn", "The device check could not run (DeviceAuthStatus FAILED. ERROR). It needs network access to Entra from the system account.", auth.lines, LINKS.networkEndpoints);

  // ---- PRT
  const prt = state.prt;
  const notEntra = join.value === "registered" || join.value === "not-joined" || join.value === "domain-joined-only";
  if (prt.value === "present") {
    if (prt.expired === true) {
      add("prt", "fail", "The primary refresh token (PRT) had expired at the time of the capture (Client Time).", prt.lines, LINKS.prtHealth);
    } else if (prt.ageHours !== undefined && prt.ageHours > PRT_STALE_HOURS) {
      add("prt", "warn", `A primary refresh token (PRT) exists but was last updated ${prt.ageHours} hours before the capture; it is normally renewed about every ${PRT_STALE_HOURS} hours. Lock and unlock Windows, then check again.`, prt.lines, LINKS.prtHealth);
    } else if (prt.attemptStatus !== undefined || prt.serverErrorCode !== undefined) {
      add("prt", "warn", `A primary refresh token (PRT) exists, but a later attempt to renew it failed${failureDetail(prt)}.`, prt.lines, LINKS.prtHealth);
    } else {
      const age = prt.ageHours !== undefined ? ` It was updated ${prt.ageHours} hours before the capture.` : " Its age is not known: the paste has no Client Time.";
      add("prt", "pass", `The signed-in user has a primary refresh token (AzureAdPrt YES).${age}`, prt.lines, LINKS.prtHealth);
    }
  } else if (prt.value === "missing" || prt.value === "failed") {
    const detail = prt.value === "failed" ? `; the last attempt failed${failureDetail(prt)}` : "";
    if (notEntra) {
      add("prt", "warn", `No primary refresh token (AzureAdPrt NO)${detail}. That is expected on a device that is not Entra joined or hybrid joined.`, prt.lines, join.value === "domain-joined-only" ? LINKS.hybridJoinDiagnostics : LINKS.checkDeviceRegistration);
    } else {
      add("prt", "fail", `No primary refresh token for the signed-in user (AzureAdPrt NO)${detail}. Without it, single sign-on to Microsoft 365 apps fails.`, prt.lines, LINKS.prtHealth);
    }
  }

  // ---- device keys
  const keys = state.keyHealth;
  if (keys.value === "healthy") add("key-health", "pass", "The device keys work (KeySignTest PASSED).", keys.lines, LINKS.checkDeviceRegistration);
  if (keys.value === "failed") add("key-health", "fail", "The device keys failed their test (KeySignTest FAILED); Windows usually starts a recovery at the next sign-in.", keys.lines, LINKS.leaveRejoin);
  if (keys.value === "recovery-pending") add("key-health", "fail", "The device keys are unusable and flagged for recovery at the next sign-in (AadRecoveryEnabled YES).", keys.lines, LINKS.leaveRejoin);
  if (keys.value === "not-tested") add("key-health", "warn", "The device keys were not tested: KeySignTest needs an elevated Command Prompt.", keys.lines, LINKS.checkDeviceRegistration);

  // ---- pre-join diagnostics
  const pre = state.preJoin;
  if (pre.value === "failed") {
    const syncPending = pre.codes.includes("0x801c03f2");
    const phase = pre.phase ? ` in the ${pre.phase} phase${pre.phaseFrom === "failed-test" ? " (from the failed test)" : ""}` : "";
    const tests = pre.failedTests.length > 0 ? ` Failed: ${pre.failedTests.join(", ")}.` : "";
    const codes = pre.codes.length > 0 ? ` Codes: ${pre.codes.map((c) => describe(c, DSREG_CODE_NOTES)).join("; ")}.` : "";
    add("pre-join", syncPending ? "warn" : "fail", `The hybrid join did not complete${phase}.${tests}${codes}`, pre.lines, LINKS.hybridJoinDiagnostics);
  } else if (pre.value === "passed") {
    add("pre-join", "pass", "The pre-join tests printed passed or were skipped.", pre.lines, LINKS.hybridJoinDiagnostics);
  }

  // ---- dual state
  if (state.dualState.value === true) {
    add("dual-state", "warn", "Hybrid joined and also Entra registered (WorkplaceJoined YES): two device records can make access rules behave unpredictably.", state.dualState.lines, LINKS.dualState);
  }

  // ---- WAM default account
  const wam = state.wamDefault;
  if (wam.value === "set") add("wam-default", "pass", "Windows has a default work account for this user (WamDefaultSet YES).", wam.lines, LINKS.checkAccessWorkOrSchool);
  if (wam.value === "not-set") add("wam-default", "warn", "Windows has no default work account for this user (WamDefaultSet NO).", wam.lines, LINKS.checkAccessWorkOrSchool);
  if (wam.value === "error") add("wam-default", "warn", "WamDefaultSet shows ERROR. This is often seen when the command runs elevated: run it again as the signed-in user, without elevation.", wam.lines, LINKS.prtHealth);

  // ---- MDM URLs
  const mdm = state.mdmUrls;
  if (mdm.value === "present") add("mdm-urls", "pass", "The tenant has MDM auto-enrollment URLs. This does not show that this device is enrolled or managed.", mdm.lines, LINKS.deviceObjectState);
  if (mdm.value === "empty") add("mdm-urls", "warn", "The MDM URLs are empty: automatic enrollment is not set up, or this user is not in its scope. If access rules require a compliant device, automatic enrollment cannot make this device meet them.", mdm.lines, LINKS.conditionalAccess);

  // ---- elevation
  const userStatePrinted = Object.keys(ev.userState).length > 0 || Object.keys(ev.ssoState).length > 0;
  if (state.elevated.value === "elevated" && userStatePrinted) {
    add("elevation", "warn", "It ran elevated. User State and SSO State describe the account that ran it: if that was an administrator's account, run it again as the affected user.", state.elevated.lines, LINKS.checkDeviceRegistration);
  }
  return out;
}

function failureDetail(prt: DsregcmdState["prt"]): string {
  const parts: string[] = [];
  if (prt.attemptStatus) parts.push(`status ${describe(prt.attemptStatus, PRT_STATUS_NOTES)}`);
  // Only a code-like server error is echoed: the field is free text from the paste.
  if (prt.serverErrorCode && /^[\w.-]{1,40}$/.test(prt.serverErrorCode)) parts.push(`server error ${prt.serverErrorCode}`);
  if (prt.serverCodes.length > 0) parts.push(prt.serverCodes.join(", "));
  return parts.length > 0 ? ` (${parts.join("; ")})` : "";
}
