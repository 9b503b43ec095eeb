/**
 * The rows of a comparison: one per field or fact that matters for a sign-in repair, each read
 * from one capture as a state in words, whether that state is good or bad, and the lines it
 * rests on. diff.ts pairs two readings and says what the change means.
 *
 * Sources: shared/facts/domain-facts.md §3.2–3.4 (join, PRT, WamDefaultSet, DeviceAuthStatus,
 * KeySignTest / AadRecoveryEnabled), shared/facts/evidence-bundle.md (packages, enrollments,
 * OneDrive, groups, events). States that no source calls good or bad are `neutral`.
 */
import { packageState } from "../appx/packages.ts";
import { sortedLines } from "../bundle/lines.ts";
import { JOIN_WORDS } from "../dsregcmd/words.ts";
import { ADMINISTRATORS_SID } from "../whoami/groups.ts";
import type { Capture, Read } from "./capture.ts";
import { parseCaptureTime, readablePart } from "./capture.ts";

export type Tone = "good" | "bad" | "neutral";

/** One capture's reading of a row. `value` is for comparing; `words` is what people read. */
export interface Reading {
  value: string;
  words: string;
  tone: Tone;
  lines: number[];
  /** For ordered values (times), seconds; compared instead of `value`. */
  rank?: number;
}

export type RowKey =
  | "join"
  | "workplace-joined"
  | "prt"
  | "prt-update"
  | "wam-default"
  | "device-auth"
  | "device-keys"
  | "broker"
  | "teams"
  | "mdm"
  | "onedrive-accounts"
  | "onedrive-oneauth"
  | "admin";

export interface RowSpec {
  key: RowKey;
  label: string;
  /** A problem row: its bad state is what a repair is meant to end (verify.ts reads these). */
  problem: boolean;
  read(c: Capture): Read<Reading>;
  /** What a change from `a` to `b` means, in words (both known, different). */
  meaning(a: Reading, b: Reading): string;
}

const unknown = (why: string): Read<Reading> => ({ known: false, why });
const known = (r: Reading): Read<Reading> => ({ known: true, value: r });

function fromDsregcmd(c: Capture): Read<NonNullable<Capture["dsregcmd"]>> {
  if (c.dsregcmd) return { known: true, value: c.dsregcmd };
  const part = readablePart(c, "dsregcmd");
  return { known: false, why: part.known ? "its device registration part could not be read" : part.why };
}

const generic = (label: string) => (a: Reading, b: Reading) => `${label} changed from ${a.words} to ${b.words}.`;

export const ROWS: readonly RowSpec[] = [
  {
    key: "join",
    label: "Join type",
    problem: false,
    read(c) {
      const ds = fromDsregcmd(c);
      if (!ds.known) return unknown(ds.why);
      const j = ds.value.state.joinType;
      if (j.value === "unknown") return unknown(j.reason);
      return known({ value: j.value, words: JOIN_WORDS[j.value], tone: "neutral", lines: j.lines });
    },
    meaning: (a, b) => `The device's join changed from ${a.words} to ${b.words}: it was joined again, or left its organisation, between the captures. Device-level settings from before may no longer apply.`,
  },
  {
    key: "workplace-joined",
    label: "Work account registered (WorkplaceJoined)",
    problem: false,
    read(c) {
      const ds = fromDsregcmd(c);
      if (!ds.known) return unknown(ds.why);
      const w = ds.value.evidence.userState.workplaceJoined;
      if (!w) return unknown("WorkplaceJoined is not in the paste");
      const hybrid = ds.value.state.joinType.value === "hybrid-joined";
      return known({ value: String(w.value), words: w.value ? "yes" : "no", tone: w.value && hybrid ? "bad" : "neutral", lines: [w.line] });
    },
    meaning: (a, b) =>
      b.value === "true"
        ? "A work account was registered on the device between the captures (Settings > Accounts > Access work or school)."
        : `The registered work account is gone${a.tone === "bad" ? ": the hybrid joined device is no longer in dual state" : ""}.`,
  },
  {
    key: "prt",
    label: "Primary refresh token (AzureAdPrt)",
    problem: true,
    read(c) {
      const ds = fromDsregcmd(c);
      if (!ds.known) return unknown(ds.why);
      const p = ds.value.state.prt;
      if (p.value === "unknown") return unknown(p.reason);
      const codes = [p.attemptStatus, ...p.serverCodes].filter((x): x is string => Boolean(x));
      if (p.value === "present") return known({ value: "present", words: "present", tone: "good", lines: p.lines });
      if (p.value === "failed") return known({ value: `failed ${codes.join(" ")}`, words: `missing, the last attempt failed${codes.length ? ` (${codes.join(", ")})` : ""}`, tone: "bad", lines: p.lines });
      return known({ value: "missing", words: "missing", tone: "bad", lines: p.lines });
    },
    meaning: (a, b) =>
      b.tone === "good"
        ? "The primary refresh token came back: Windows can sign the user in to Microsoft 365 apps again without asking."
        : a.tone === "good"
          ? "The primary refresh token was there and is now missing: single sign-on to Microsoft 365 apps breaks."
          : `The primary refresh token is still missing; the failure changed from "${a.words}" to "${b.words}".`,
  },
  {
    key: "prt-update",
    label: "Primary refresh token last renewed",
    problem: false,
    read(c) {
      const ds = fromDsregcmd(c);
      if (!ds.known) return unknown(ds.why);
      const u = ds.value.evidence.ssoState.azureAdPrtUpdateTime;
      if (!u) return unknown("AzureAdPrtUpdateTime is not in the paste");
      const r: Reading = { value: u.raw, words: u.raw, tone: "neutral", lines: [u.line] };
      const rank = parseCaptureTime(u.raw);
      if (rank !== undefined) r.rank = rank;
      return known(r);
    },
    meaning: (a, b) => ((b.rank ?? 0) > (a.rank ?? 0) ? `The token was renewed between the captures (last renewed at ${b.words}, before at ${a.words}).` : `The capture given as "after" shows an older renewal (${b.words}) than the "before" one (${a.words}).`),
  },
  {
    key: "wam-default",
    label: "Default work account in Windows (WamDefaultSet)",
    problem: true,
    read(c) {
      const ds = fromDsregcmd(c);
      if (!ds.known) return unknown(ds.why);
      const w = ds.value.state.wamDefault;
      if (w.value === "unknown") return unknown(w.reason);
      const words = w.value === "set" ? "set" : w.value === "not-set" ? "not set" : `error${w.codes.length ? ` (${w.codes.join(", ")})` : ""}`;
      return known({ value: w.value, words, tone: w.value === "set" ? "good" : "bad", lines: w.lines });
    },
    meaning: (a, b) =>
      b.tone === "good"
        ? "Windows has a default work account for this user again: apps that sign in through Windows can find it."
        : a.tone === "good"
          ? "Windows no longer has a default work account for this user: apps that sign in through Windows cannot find one."
          : generic("The default work account")(a, b),
  },
  {
    key: "device-auth",
    label: "Device object in Microsoft Entra (DeviceAuthStatus)",
    problem: true,
    read(c) {
      const ds = fromDsregcmd(c);
      if (!ds.known) return unknown(ds.why);
      const d = ds.value.state.deviceAuth;
      if (d.value === "unknown") return unknown(d.reason);
      const words = d.value === "enabled" ? "exists and is enabled" : d.value === "disabled-or-deleted" ? "disabled or deleted" : "the check could not run";
      return known({ value: d.value, words, tone: d.value === "enabled" ? "good" : d.value === "disabled-or-deleted" ? "bad" : "neutral", lines: d.lines });
    },
    meaning: (a, b) =>
      b.value === "enabled"
        ? "The device's object in Microsoft Entra is found and enabled now."
        : b.value === "disabled-or-deleted"
          ? "Microsoft Entra now says the device is disabled or deleted: only IT can enable it, or the device must be joined again."
          : "The check of the device's object could not run in the second capture (it needs the network in the system context).",
  },
  {
    key: "device-keys",
    label: "Device keys (KeySignTest, AadRecoveryEnabled)",
    problem: true,
    read(c) {
      const ds = fromDsregcmd(c);
      if (!ds.known) return unknown(ds.why);
      const k = ds.value.state.keyHealth;
      if (k.value === "unknown") return unknown(k.reason);
      const words = { healthy: "healthy (KeySignTest passed)", failed: "KeySignTest failed", "recovery-pending": "flagged for recovery", "not-tested": "not tested (needs an elevated prompt)" }[k.value];
      return known({ value: k.value, words, tone: k.value === "healthy" ? "good" : k.value === "not-tested" ? "neutral" : "bad", lines: k.lines });
    },
    meaning: (a, b) =>
      b.value === "healthy"
        ? "The device keys sign again: the device can prove who it is to Microsoft Entra."
        : b.tone === "bad"
          ? "The device keys cannot be used: Windows recovers them at the next sign-in."
          : "The key test did not run in the second capture: run dsregcmd /status from an elevated prompt to test the keys.",
  },
  {
    key: "broker",
    label: "Microsoft Entra sign-in broker (Microsoft.AAD.BrokerPlugin)",
    problem: true,
    read: (c) => packageRow(c, "Microsoft.AAD.BrokerPlugin", true),
    meaning: (a, b) =>
      b.tone === "good"
        ? "The sign-in broker is installed and healthy now: Microsoft 365 apps can get tokens through it."
        : b.value === "not-found"
          ? "The sign-in broker is missing for this user: apps that sign in through Windows fail."
          : generic("The sign-in broker's status")(a, b),
  },
  {
    key: "teams",
    label: "New Teams (MSTeams)",
    problem: false,
    read: (c) => packageRow(c, "MSTeams", false),
    meaning: (a, b) => (b.value === "not-found" ? "New Teams is no longer installed for this user." : a.value === "not-found" ? `New Teams was installed between the captures (${b.words}).` : generic("New Teams")(a, b)),
  },
  {
    key: "mdm",
    label: "Device management enrollment",
    problem: false,
    read(c) {
      const part = readablePart(c, "mdm");
      if (!part.known) return unknown(part.why);
      const e = part.value.data.enrolled;
      if (e.value === "unknown") return unknown(e.reason);
      return known({ value: String(e.value), words: e.value ? "enrolled" : "not enrolled", tone: "neutral", lines: e.lines.length ? e.lines : [part.value.from] });
    },
    meaning: (_a, b) => (b.value === "true" ? "The device was enrolled in device management between the captures: it is managed by the organisation now." : "The device's management enrollment is gone: it left device management between the captures."),
  },
  {
    key: "onedrive-accounts",
    label: "OneDrive accounts",
    problem: false,
    read(c) {
      const part = readablePart(c, "onedrive-accounts");
      if (!part.known) return unknown(part.why);
      const acc = part.value.data.accounts.filter((a) => a.setUp);
      const personal = acc.filter((a) => a.kind === "personal").length;
      const work = acc.filter((a) => a.kind === "business").length;
      const words = [personal ? "a personal account" : "no personal account", work ? `${work} work account${work > 1 ? "s" : ""}` : "no work account"].join(", ");
      return known({ value: `${personal}/${work}`, words, tone: "neutral", lines: sortedLines(...acc.map((a) => a.line)) });
    },
    meaning: (a, b) => {
      const [p0, w0] = a.value.split("/").map(Number);
      const [p1, w1] = b.value.split("/").map(Number);
      if (w1! < w0!) return "A work account was removed from OneDrive between the captures (an unlink): sign in to OneDrive again to finish.";
      if (w1! > w0!) return "A work account was added to OneDrive between the captures.";
      return p1! < p0! ? "The personal OneDrive account was removed between the captures." : "A personal OneDrive account was added between the captures.";
    },
  },
  {
    key: "onedrive-oneauth",
    label: "OneDrive's use of the Windows sign-in (OneAuthUnrecoverableTimestamp)",
    problem: true,
    read(c) {
      const part = readablePart(c, "onedrive");
      if (!part.known && part.gap !== "error") return unknown(part.why);
      const ts = part.known ? part.value.data.oneAuthUnrecoverableTimestamp : undefined;
      if (ts) return known({ value: "turned-off", words: "turned off after a failure", tone: "bad", lines: [ts.line] });
      const s = c.bundle!.evidence.sections.onedrive!;
      return known({ value: "in-use", words: "in use (no failure recorded)", tone: "good", lines: s.from ? [s.from] : [] });
    },
    meaning: (_a, b) => (b.tone === "good" ? "OneDrive no longer records a sign-in failure: a reset cleared it, and OneDrive signs in through Windows again." : "OneDrive recorded a sign-in failure and stopped signing in through Windows."),
  },
  {
    key: "admin",
    label: "Member of local Administrators",
    problem: false,
    read(c) {
      const part = readablePart(c, "whoami-groups");
      if (!part.known) return unknown(part.why);
      const a = part.value.data.admin;
      if (a.value === "unknown") return unknown(a.reason);
      if (a.value === false && part.value.cutOff) return unknown("the paste was cut off in the groups list");
      return known({ value: String(a.value), words: a.value ? "yes" : "no", tone: "neutral", lines: a.lines.length ? a.lines : part.value.data.groups.filter((g) => g.sid === ADMINISTRATORS_SID).map((g) => g.line) });
    },
    meaning: (_a, b) => (b.value === "true" ? "This user became a local administrator between the captures." : "This user is no longer a local administrator."),
  },
];

function packageRow(c: Capture, name: string, required: boolean): Read<Reading> {
  const part = readablePart(c, "appx");
  if (!part.known) return unknown(part.why);
  const st = packageState(part.value.data, name);
  if (st.value === "unknown") return unknown(`${name} is not in the installed apps part`);
  const words = st.value === "ok" ? "installed, status Ok" : st.value === "no-status" ? "installed" : st.value === "not-found" ? "not installed" : `installed, status ${st.status}`;
  const tone: Tone = st.value === "ok" ? "good" : st.value === "not-ok" || (st.value === "not-found" && required) ? "bad" : "neutral";
  return known({ value: st.value === "not-ok" ? `not-ok ${st.status}` : st.value, words, tone, lines: st.lines });
}
