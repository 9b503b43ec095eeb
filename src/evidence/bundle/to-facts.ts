/**
 * Bundle evidence and its derived state (derive.ts) → the diagnostic's facts, each with the lines
 * it rests on, and for every fact people expect that stays unknown, its cause (`unknown`, keyed
 * by fact: unknown is never absent). Same shape as `toFacts` of dsregcmd (FactsFromEvidence).
 *
 * - isAdmin: S-1-5-32-544 among the groups of a non-elevated window (true), or absent from a
 *   readable group list (false). An elevated window may carry another account's token (someone
 *   typed an administrator's password), so it leaves isAdmin unknown.
 * - windowsServer: edition/edition.ts (InstallationType, EditionID; multi-session is a client).
 * - hybridJoined: the dsregcmd section's toFacts.
 * - managed: true for an MDM enrollment (ProviderID and EnrollmentState 1), a hybrid joined
 *   device, or Company Portal installed (the fact's definition in src/model/facts.ts). False only
 *   when all of these were readable and none holds, and dsregcmd shows no domain or Entra join
 *   (a domain-joined PC is managed by its domain even without MDM). BitLocker is not used: its
 *   value map is UNCONFIRMED and people turn it on at home too.
 * - personalAndWorkPaired: a Personal and a Business account, both set up (onedrive/onedrive.ts).
 * - innerErrorCode: the other code of the sign-in events that carry 0xCAA5001C (event 1098, or
 *   the bare `Error: 0xCAA5001C …` text copied from it): the code labelled `Error` beside it, else
 *   its other hex code, else its AADSTS code (shared/facts/outlook-office.md §4). Settled only when
 *   every such event names the same one; several different ones leave it unknown with that cause, so
 *   the person picks the event from the time it failed. Said nothing of when no event carries
 *   0xCAA5001C: the fact concerns that code's guide alone, so it is not in BUNDLE_FACTS.
 * - No answer from a fragment: a part the paste was cut off in (split.ts quirk [4]) supports no
 *   fact at all, neither a "yes" nor a "no" (issue 25: groups cut before the mandatory label
 *   row read as "Administrator rights: Yes"). Only the parts of the run used are read.
 * - isAdmin needs the mandatory label row (it says whether the window was elevated): without it,
 *   admin rights stay unknown.
 * - A "no" that rests on something missing (no enrollment, Company Portal not found, no second
 *   OneDrive account) needs a part read in full: a line of any other shape beside the entries
 *   (an error in any language) leaves it unknown.
 */
import type { FactName, FactValue, Facts } from "../../model/facts.ts";
import { derivePaired } from "../onedrive/onedrive.ts";
import { factsFromEvidence, type FactSupport, type FactsFromEvidence, type UnknownFact } from "../facts.ts";
import type { BundleState } from "./derive.ts";
import type { BundleEvidence, SectionResult, ReadSectionId } from "./parse.ts";
import { sortedLines } from "./lines.ts";
import { SECTION_WORDS } from "./split.ts";

/** Every fact the bundle can settle. */
export const BUNDLE_FACTS = ["isAdmin", "windowsServer", "managed", "personalAndWorkPaired", "hybridJoined"] as const satisfies readonly FactName[];


/** Words for a section in messages. */
export function sectionWords(id: ReadSectionId): string {
  return SECTION_WORDS[id];
}

type Settle = (fact: FactName, value: FactValue, lines: number[], because: string) => void;

/** Run the command again in a normal window: the fix for a window that ran elevated or as SYSTEM. */
const NORMAL_WINDOW = "Run the command again in a normal window.";

/** The facts the bundle supports, each with its lines, and why the others stay unknown; pure. */
export function bundleToFacts(ev: BundleEvidence, state: BundleState): FactsFromEvidence {
  const facts: Facts = {};
  const support: FactSupport[] = [];
  const unknown: UnknownFact[] = [];
  const set: Settle = (fact, value, lines, because) => {
    facts[fact] = value;
    support.push({ fact, value, lines: sortedLines(...lines), because });
  };
  const S = ev.sections;
  /** Why a part settles no answer, in words; undefined when it may. */
  const unreadable = (id: ReadSectionId) => state.parts[id].unreadable?.words;
  const withLines = (lines: readonly number[] | undefined) => (lines && lines.length > 0 ? { lines: sortedLines(...lines) } : {});

  // ---- isAdmin
  const whyGroups = unreadable("whoami-groups");
  if (whyGroups) unknown.push({ fact: "isAdmin", cause: whyGroups });
  else {
    const g = S["whoami-groups"]!.data;
    if (g.integrity.value === "system") {
      unknown.push({ fact: "isAdmin", cause: `this window ran as SYSTEM, the Windows system account (${g.integrity.reason}, line ${g.integrity.lines.join(", ")}), not as you`, fix: NORMAL_WINDOW, ...withLines(g.integrity.lines) });
    } else if (g.elevated.value === true) {
      unknown.push({ fact: "isAdmin", cause: `this window ran as administrator (${g.elevated.reason}, line ${g.elevated.lines.join(", ")}), possibly with another account's password`, fix: NORMAL_WINDOW, ...withLines(g.elevated.lines) });
    } else if (g.admin.value === "unknown") {
      unknown.push({ fact: "isAdmin", cause: g.admin.reason, ...withLines(g.admin.lines) });
    } else if (g.elevated.value === "unknown") {
      unknown.push({ fact: "isAdmin", cause: "the groups have no mandatory label row (S-1-16-…), which says whether the window ran as administrator" });
    } else {
      set("isAdmin", g.admin.value, g.admin.lines, g.admin.reason);
    }
  }

  // ---- windowsServer
  const server = state.edition.windowsServer;
  if (server.value === "unknown") {
    const whyOs = unreadable("os");
    unknown.push({ fact: "windowsServer", cause: whyOs ?? server.reason, ...(whyOs ? {} : withLines(server.lines)) });
  } else set("windowsServer", server.value, server.lines, server.reason);

  // ---- hybridJoined (from the dsregcmd section)
  const ds = S.dsregcmd;
  const usableDs = unreadable("dsregcmd") ? undefined : ds?.data;
  const hybrid = usableDs?.facts.support.find((f) => f.fact === "hybridJoined");
  if (hybrid) set("hybridJoined", hybrid.value, hybrid.lines, hybrid.because);
  else {
    const whyDs = unreadable("dsregcmd");
    const dsUnknown = usableDs?.facts.unknown.find((u) => u.fact === "hybridJoined");
    unknown.push({ fact: "hybridJoined", cause: whyDs ?? dsUnknown?.cause ?? "the device registration part does not show it", ...(whyDs ? {} : withLines(dsUnknown?.lines)) });
  }

  // ---- managed
  const mdm = S.mdm;
  const enrolledRaw = unreadable("mdm") ? undefined : mdm!.data.enrolled;
  // A "no" needs the part read in full; a "yes" stands beside an error.
  const enrolled = enrolledRaw?.value === false && mdm!.state !== "read" ? undefined : enrolledRaw;
  const portal = unreadable("appx") ? undefined : state.packages?.["microsoft.companyportal"];
  const join = usableDs?.state.joinType;
  if (enrolled?.value === true) set("managed", true, enrolled.lines, `enrolled in device management: ${enrolled.reason}`);
  else if (facts.hybridJoined === true) set("managed", true, hybrid!.lines, "hybrid joined, which the managed question counts as a managed device");
  else if (join?.value === "entra-joined") set("managed", true, join.lines, "joined to Microsoft Entra ID (AzureAdJoined YES), which makes it your organisation's device");
  else if (portal && (portal.value === "ok" || portal.value === "not-ok" || portal.value === "no-status")) set("managed", true, portal.lines, "Company Portal is installed for this user");
  else {
    const orgJoin = join && (join.value === "domain-joined-only" || join.value === "on-premises-drs-joined");
    const personalJoin = join && (join.value === "registered" || join.value === "not-joined");
    if (enrolled?.value === false && portal?.value === "not-found" && personalJoin) {
      set("managed", false, [...enrolled.lines, ...portal.lines, ...join.lines], `no device management enrollment, no Company Portal, and the device is ${join.value === "registered" ? "only Entra registered (a work account added)" : "not joined"} to an organisation`);
    } else {
      const why = [
        enrolled === undefined ? (unreadable("mdm") ?? (enrolledRaw ? `the management enrollment part holds a line that is not an entry (line ${mdm!.error?.line}), so an enrollment may be missing from it` : undefined)) : undefined,
        portal === undefined ? unreadable("appx") : portal.value === "unknown" ? `Company Portal: ${portal.reason}` : undefined,
        ds?.cutOff ? unreadable("dsregcmd") : undefined,
        orgJoin ? "the device is joined to a domain without an enrollment in the paste, which can still be managed" : undefined,
        !join || join.value === "unknown" ? "the join type is unknown" : undefined,
      ].filter(Boolean);
      unknown.push({ fact: "managed", cause: why.length ? why.join("; ") : "nothing in the paste shows management" });
    }
  }

  // ---- personalAndWorkPaired
  const acc = S["onedrive-accounts"];
  // An empty part is "no account" only from the current command, which prints a failure; the earlier one hid it.
  const emptyMeansNone = (S.meta?.data.bundleVersion?.value ?? 0) >= 2;
  if (acc && !acc.cutOff && (acc.state === "read" || acc.state === "partial" || (acc.state === "empty" && emptyMeansNone))) {
    const p = derivePaired(acc.data);
    const lines = p.lines.length > 0 ? p.lines : acc.markerLine ? [acc.markerLine] : [];
    if (!p.value && acc.state === "partial") {
      unknown.push({ fact: "personalAndWorkPaired", cause: `the OneDrive accounts part holds a line that is not an account value (line ${acc.error?.line}), so an account may be missing from it`, ...withLines(acc.error ? [acc.error.line] : []) });
    } else if (lines.length > 0) set("personalAndWorkPaired", p.value, lines, p.reason);
    else unknown.push({ fact: "personalAndWorkPaired", cause: "the accounts part has no lines to rest on" });
  } else unknown.push({ fact: "personalAndWorkPaired", cause: `${unreadable("onedrive-accounts")}${acc?.state === "empty" && !acc.cutOff ? ", which the earlier command also printed when it could not read the accounts" : ""}` });

  if (!unreadable("aad-operational")) innerCode(S["aad-operational"]!, set, unknown);
  return factsFromEvidence(facts, support, unknown);
}

/** The wrapper code of event 1098 (0xCAA5001C = -895352804). */
const WRAPPER_KEY = "hex:caa5001c";
/** The fix when the events name several inner codes. */
const PICK_BY_TIME = "Answer with the one from the time it failed.";

/** innerErrorCode from the sign-in events (see the header). */
function innerCode(events: SectionResult<"aad-operational">, set: Settle, unknown: UnknownFact[]): void {
  const wrapped = events.data.events.filter((e) => (e.id === undefined || e.id.value === 1098) && e.codes.some((c) => c.key === WRAPPER_KEY));
  if (wrapped.length === 0) return;
  const inner = wrapped.map((e) => {
    const others = e.codes.filter((c) => c.key !== WRAPPER_KEY);
    const hex = others.filter((c) => c.key.startsWith("hex:"));
    return others.find((c) => c.label?.toLowerCase() === "error" && c.key.startsWith("hex:")) ?? hex[0] ?? others[0];
  });
  const found = inner.filter((c) => c !== undefined);
  const keys = [...new Set(found.map((c) => c.key))];
  if (keys.length === 1 && found.length === wrapped.length) {
    const c = found[0]!;
    set("innerErrorCode", c.display, found.map((f) => f.line), `the sign-in event${wrapped.length > 1 ? "s" : ""} with 0xCAA5001C name${wrapped.length > 1 ? "" : "s"} ${c.display} as the error inside it`);
  } else if (keys.length > 1) {
    unknown.push({ fact: "innerErrorCode", cause: `the events with 0xCAA5001C name different ones (${[...new Set(found.map((c) => c.display))].join(", ")})`, fix: PICK_BY_TIME, lines: sortedLines(...found.map((c) => c.line)) });
  } else if (found.length > 0) {
    unknown.push({ fact: "innerErrorCode", cause: "some events with 0xCAA5001C name another code and some name none", fix: PICK_BY_TIME, lines: sortedLines(...found.map((c) => c.line)) });
  }
}
