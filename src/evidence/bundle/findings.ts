/**
 * Findings over the whole bundle: what a helpdesk reads first, each pass / warn / fail with its
 * lines and the page that deals with it (as dsregcmd/findings.ts; the dsregcmd section's own
 * findings are included as they are).
 *
 * - An AADSTS code in event 1081 (the server's answer) points at its hub and offers the switch
 *   to that guide (`switchTo`); other event codes point at their hubs when the KB has them.
 * - OneAuthUnrecoverableTimestamp present: OneDrive turned off OneAuth after a failure.
 * - The broker package not `Ok` (or not installed for this user).
 * - Sections Windows refused to show, a window that ran elevated (or as SYSTEM), PowerShell 7,
 *   and a paste holding several runs of the command.
 * - Windows work accounts listed: never `dsregcmd /cleanupaccounts` (it deletes them all).
 * Messages name fields, codes and section words, never the pasted identifiers.
 */
import { pageUrl } from "../../model/kb.ts";
import { scenarioUrl } from "../../model/urls.ts";
import { LINKS, type LinkTarget } from "../links.ts";
import type { Finding, FindingStatus } from "../dsregcmd/findings.ts";
import type { KbView } from "../error-text/recognize.ts";
import type { EventLog } from "../events/events.ts";
import { resolveCode } from "../../model/kb.ts";
import type { BundleState } from "./derive.ts";
import type { BundleEvidence, ReadSectionId } from "./parse.ts";
import { sectionWords } from "./to-facts.ts";
import { sortedLines } from "./lines.ts";

export interface BundleFinding extends Finding {
  /** A code whose own guide fits better than the current one: the surfaces offer to switch. */
  switchTo?: { code: string; display: string };
}

const EVENT_NOTES: Readonly<Record<number, string>> = {
  1081: "the sign-in service's answer",
  1088: "a WS-Trust (federation) error",
  1084: "a network error",
  1098: "a token broker error",
  1097: "a token broker error",
  1104: "a Cloud AP plugin error",
};

/** Bundle findings in reading order; pure. */
export function deriveBundleFindings(ev: BundleEvidence, state: BundleState, kb?: KbView): BundleFinding[] {
  const out: BundleFinding[] = [];
  const add = (id: string, status: FindingStatus, message: string, lines: number[], link: LinkTarget, extra: Partial<BundleFinding> = {}) =>
    out.push({ id, status, message, lines: sortedLines(...lines), link, ...extra });
  const S = ev.sections;
  const hubOf = (display: string) => (kb ? resolveCode(kb, display) : undefined);
  const hubLink = (hub: string, display: string): LinkTarget => ({ href: pageUrl(hub), title: kb?.codes.get(hub)?.title ?? `What ${display} means` });

  // ---- the paste itself
  if (ev.marked && !ev.complete) {
    const cut = ev.notes.find((n) => n.code === "bundle/cut-off");
    add("bundle-cut-off", "warn", "The paste stops before the end of the bundle: the last part may be incomplete. Copy the whole output again if you can.", cut ? [cut.line] : [], LINKS.checkDeviceRegistration);
  }
  for (const [id, s] of Object.entries(S) as [ReadSectionId, NonNullable<(typeof S)[ReadSectionId]>][]) {
    if (s.state === "denied") add(`denied-${id}`, "warn", `Windows did not let this account read the ${sectionWords(id)} (access denied). That part stays unknown; IT can read it with their own tools.`, [s.error!.line], LINKS.checkDeviceRegistration);
  }

  // ---- elevation and language mode
  const g = S["whoami-groups"]?.data;
  if (g && g.integrity.value === "system") add("elevated-window", "warn", "This window ran as SYSTEM, the Windows system account, not as you. Run the command again in a normal window, so the results describe your own sign-in.", g.integrity.lines, LINKS.checkDeviceRegistration);
  else if (g && g.elevated.value === true) add("elevated-window", "warn", "This window ran as administrator. Run the command again in a normal window, so the results describe your own sign-in.", g.elevated.lines, LINKS.checkDeviceRegistration);
  const lm = S.meta?.data.languageMode;
  const ps = S.meta?.data.powershell;
  if (ps && /^[67]\./.test(ps.value)) add("powershell-7", "warn", `This ran in PowerShell ${ps.value}, not in Windows PowerShell (Windows Terminal often opens PowerShell 7). The installed-apps part can fail there; where it did, those apps stay unknown.`, [ps.line], LINKS.checkDeviceRegistration);
  const runs = ev.notes.find((n) => n.code === "bundle/runs");
  if (runs) add("bundle-runs", "warn", `The paste holds ${ev.runs.length} runs of the command. Only ${ev.runs[ev.usedRun]?.endLine !== undefined ? "the last complete one" : "the last one (none is complete)"} is read, so one run's account is never paired with another's rights.`, [runs.line], LINKS.checkDeviceRegistration);
  if (lm && lm.value !== "FullLanguage") add("language-mode", "warn", `PowerShell runs in ${lm.value} here (an organisation's app control policy): some parts, such as BitLocker, cannot be read.`, [lm.line], LINKS.deviceSettings);

  // ---- events
  for (const id of ["aad-operational", "udr-admin"] as const) {
    const log: EventLog | undefined = S[id]?.data;
    if (!log) continue;
    const seen = new Set<string>();
    for (const e of log.events) {
      const eid = e.id?.value;
      for (const c of e.codes) {
        const key = `${eid}:${c.key}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const hub = hubOf(c.display);
        const where = `${eid !== undefined ? `event ${eid}${EVENT_NOTES[eid] ? ` (${EVENT_NOTES[eid]})` : ""}` : "a sign-in event"}${e.time ? ` at ${e.time.value}` : ""}`;
        const lines = [c.line, ...(e.id ? [e.id.line] : [])];
        if (c.display.startsWith("AADSTS") && (eid === 1081 || eid === undefined)) {
          add(`event-${c.display.toLowerCase()}`, "fail", `The sign-in service answered ${c.display} in ${where}.${hub ? " Its own guide fits this error better than a general one." : " There is no guide for this code yet."}`, lines, hub ? hubLink(hub, c.display) : LINKS.prtHealth, hub ? { switchTo: { code: hub, display: c.display } } : {});
        } else if (hub) {
          add(`event-${c.display.toLowerCase()}`, eid === 1098 ? "warn" : "fail", `${where[0]!.toUpperCase()}${where.slice(1)} reports ${c.display}.${eid === 1098 ? " Event 1098 alone is weak evidence: it is common on healthy devices; compare its time with the failure." : ""}`, lines, hubLink(hub, c.display));
        }
      }
    }
  }

  // ---- OneDrive
  const ts = S.onedrive?.data.oneAuthUnrecoverableTimestamp;
  if (ts) add("onedrive-oneauth-off", "warn", "OneDrive stopped using OneAuth, its modern sign-in component, after a failure it could not recover from (OneAuthUnrecoverableTimestamp is set). Microsoft documents this value; OneDrive sign-in problems often follow it.", [ts.line], { href: scenarioUrl("caa50021", "onedrive"), title: "OneDrive sign-in guide" });

  // ---- the broker
  if (S.appx && state.packages) {
    const b = state.packages["microsoft.aad.brokerplugin"];
    if (b.value === "not-ok") add("broker-package", "fail", `The Microsoft Entra sign-in broker app reports Status ${b.status} instead of Ok: apps cannot get work sign-ins from Windows while it is broken.`, b.lines, LINKS.prtHealth);
    else if (b.value === "not-found") add("broker-package", "fail", "The Microsoft Entra sign-in broker app is not registered for this user: apps cannot get work sign-ins from Windows.", b.lines, LINKS.prtHealth);
    else if (b.value === "ok") add("broker-package", "pass", "The Microsoft Entra sign-in broker app is installed and reports Status Ok.", b.lines, LINKS.prtHealth);
    else if (b.value === "unknown" && b.lines.length > 0) add("broker-package", "warn", `Whether the Microsoft Entra sign-in broker app is registered could not be told: ${b.reason}.${/^[67]\./.test(S.meta?.data.powershell?.value ?? "") ? " Run the command again in Windows PowerShell, not PowerShell 7." : " Run the command from the analyzer page again: it reports such failures."}`, b.lines, LINKS.prtHealth);
    const p = S.appx.data.installed.find((x) => x.allUsersListing);
    if (p) add("appx-all-users", "warn", "The app list was taken for all users (an elevated run); the bundle reads only your own.", [p.line], LINKS.checkDeviceRegistration);
  }

  // ---- MDM
  const mdm = S.mdm?.data;
  if (mdm?.enrolled.value === true) {
    const e = mdm.entries.find((x) => x.enrolled)!;
    const intune = /^MS DM Server$/i.test(e.providerId!.value);
    add("mdm-enrolled", "pass", `Enrolled in device management (ProviderID ${e.providerId!.value}${intune ? ", which tools read as Intune; Microsoft does not say so in writing" : ""}). Changes to this PC's sign-in setup are for IT.`, mdm.enrolled.lines, LINKS.deviceSettings);
  }

  // ---- WAM accounts
  const la = S.listaccounts?.data;
  if (la && la.accounts.length > 0) {
    add("wam-accounts", "pass", `Windows keeps ${la.accounts.length} work account${la.accounts.length === 1 ? "" : "s"} for this user${la.defaultAccount ? ", with a default one" : ""}. dsregcmd /cleanupaccounts deletes every one of them: never run it just to look, only when a guide's step calls for it, and on a managed PC only with IT.`, la.accounts.map((a) => a.line), LINKS.checkAccessWorkOrSchool);
  }

  // ---- the dsregcmd section
  for (const f of S.dsregcmd?.data?.findings ?? []) out.push(f);
  return out;
}
