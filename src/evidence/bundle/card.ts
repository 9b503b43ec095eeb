/**
 * The device card: what a person takes in at a glance (join type, management, admin rights,
 * edition, apps, accounts), each row in words with the lines it rests on and whether it is
 * settled. One place for the CLI's text and the site's picture. Identifiers are never in the
 * words (accounts are counted and typed, not named).
 */
import { WATCHED_PACKAGES, type WatchedPackage } from "../appx/packages.ts";
import { unknownWhy, type FactsFromEvidence, type UnknownFactName } from "../facts.ts";
import type { BundleState } from "./derive.ts";
import type { BundleEvidence } from "./parse.ts";
import { sortedLines } from "./lines.ts";
import { JOIN_WORDS, capitalised } from "../dsregcmd/words.ts";

export type CardTone = "good" | "warn" | "bad" | "unknown" | "info";

export interface CardRow {
  /** Stable key for tests and the JSON (`join`, `management`, `admin`, `edition`, `apps`, `accounts`). */
  key: "join" | "management" | "admin" | "edition" | "apps" | "accounts";
  label: string;
  /** The answer in words. */
  value: string;
  /** Why, or why not known, in words. */
  detail: string;
  tone: CardTone;
  lines: number[];
}

/** The card's rows; pure. */
export function deviceCard(ev: BundleEvidence, state: BundleState, facts: FactsFromEvidence): CardRow[] {
  const S = ev.sections;
  const rows: CardRow[] = [];
  const support = (f: string) => facts.support.find((s) => s.fact === f);
  /** Why a fact stays unknown, without its lead: the row's label names the fact. */
  const whyUnknown = (f: UnknownFactName) => {
    const u = facts.unknown.find((x) => x.fact === f);
    return u ? unknownWhy(u) : "";
  };

  // ---- join
  const ds = S.dsregcmd?.data;
  const join = ds?.state.joinType;
  const registeredUser = ds?.evidence.userState.workplaceJoined;
  if (join && join.value !== "unknown") rows.push({ key: "join", label: "Join type", value: capitalised(JOIN_WORDS[join.value]), detail: join.reason, tone: "info", lines: join.lines });
  else if (registeredUser?.value === true) rows.push({ key: "join", label: "Join type", value: "Work account registered for this user", detail: "WorkplaceJoined YES in User State; the device's own join type is not in the paste", tone: "info", lines: [registeredUser.line] });
  else rows.push({ key: "join", label: "Join type", value: "Not known", detail: state.parts.dsregcmd.unreadable?.words ?? join?.reason ?? "not shown", tone: "unknown", lines: join?.lines ?? [] });

  // ---- management
  const m = support("managed");
  rows.push(m
    ? { key: "management", label: "Management", value: m.value ? "Managed by an organisation" : "Not managed", detail: m.because, tone: m.value ? "warn" : "good", lines: m.lines }
    : { key: "management", label: "Management", value: "Not known", detail: whyUnknown("managed"), tone: "unknown", lines: [] });

  // ---- admin
  const a = support("isAdmin");
  const g = S["whoami-groups"]?.data;
  rows.push(a
    ? { key: "admin", label: "Administrator rights", value: a.value ? `Yes${g?.elevated.value === false ? " (this window was not elevated)" : ""}` : "No, a standard user", detail: a.because, tone: a.value ? "good" : "info", lines: sortedLines(...a.lines, ...(g?.integrity.lines ?? [])) }
    : { key: "admin", label: "Administrator rights", value: "Not known", detail: whyUnknown("isAdmin"), tone: "unknown", lines: g?.elevated.lines ?? [] });

  // ---- edition
  const os = S.os?.data;
  const ed = state.edition;
  const server = support("windowsServer");
  const name = [ed.family.value !== "unknown" ? ed.family.value : undefined, os?.editionId?.value, os?.displayVersion?.value].filter(Boolean).join(" ");
  rows.push({
    key: "edition",
    label: "Windows",
    value: server?.value === true ? `Windows Server${os?.editionId ? ` (${os.editionId.value})` : ""}` : name || (server ? "Windows (not Server)" : "Not known"),
    detail: [server?.because, ed.multiSession ? "Enterprise multi-session counts as a PC here (how it reports itself is not confirmed by Microsoft)" : undefined, ed.family.value !== "unknown" ? `${ed.family.reason}` : undefined].filter(Boolean).join("; ") || whyUnknown("windowsServer"),
    tone: server ? "info" : "unknown",
    lines: sortedLines(...(server?.lines ?? []), ...ed.family.lines),
  });

  // ---- apps
  const appx = S.appx;
  if (appx && state.packages) {
    const parts: string[] = [];
    const missing: string[] = [];
    const unclear: string[] = [];
    const lines: number[] = [];
    let tone: CardTone = "good";
    for (const [pkg, { words }] of Object.entries(WATCHED_PACKAGES) as [WatchedPackage, (typeof WATCHED_PACKAGES)[WatchedPackage]][]) {
      const st = state.packages[pkg];
      const name = words.replace(/^the /, "");
      // Printed, but whether it is installed could not be told (a failure, or the earlier command's NOT FOUND).
      if (st.value === "unknown") {
        if (st.lines.length > 0) {
          unclear.push(name);
          lines.push(...st.lines);
        }
        continue;
      }
      lines.push(...st.lines);
      const cap = name[0]!.toUpperCase() + name.slice(1);
      if (st.value === "not-found") {
        if (pkg === "microsoft.aad.brokerplugin") parts.push(`${cap}: missing`);
        else missing.push(name);
      } else parts.push(`${cap}: ${st.value === "ok" ? "Ok" : st.value === "no-status" ? "installed" : st.status}`);
      if (pkg === "microsoft.aad.brokerplugin" && st.value !== "ok" && st.value !== "no-status") tone = "bad";
    }
    const doubt = appx.data.failed.length > 0 ? "Get-AppxPackage failed for them" : appx.data.doubt;
    rows.push({ key: "apps", label: "Apps", value: parts.length ? parts.join(" · ") : unclear.length ? "Not known" : "None of the watched apps", detail: `${missing.length ? `Not installed: ${missing.join(", ")}. ` : ""}${unclear.length ? `Could not tell for ${unclear.join(", ")}${doubt ? ` (${doubt})` : ""}. ` : ""}Status values other than Ok are not all documented.`, tone: parts.length === 0 && unclear.length ? "unknown" : tone, lines: sortedLines(...lines) });
  } else rows.push({ key: "apps", label: "Apps", value: "Not known", detail: state.parts.appx.unreadable?.words ?? "", tone: "unknown", lines: [] });

  // ---- accounts
  const acc = S["onedrive-accounts"]?.data.accounts.filter((x) => x.setUp) ?? [];
  const creds = S.credman?.data.entries ?? [];
  const wam = S.listaccounts?.data.accounts ?? [];
  const accParts: string[] = [];
  const personal = acc.filter((x) => x.kind === "personal").length;
  const business = acc.filter((x) => x.kind === "business").length;
  if (S["onedrive-accounts"]) accParts.push(`OneDrive: ${personal ? "a personal account" : "no personal account"}, ${business ? `${business} work account${business > 1 ? "s" : ""}` : "no work account"}`);
  // An empty list is printed both when there is none and when cmdkey failed (its error is filtered out with the rest).
  if (S.credman) accParts.push(creds.length === 0 ? "no saved Microsoft 365 sign-in listed" : `${creds.length} saved Microsoft 365 sign-in${creds.length === 1 ? "" : "s"}`);
  if (S.listaccounts) accParts.push(`${wam.length} Windows work account${wam.length === 1 ? "" : "s"}`);
  const paired = support("personalAndWorkPaired");
  rows.push({
    key: "accounts",
    label: "Accounts",
    value: accParts.length ? accParts.join("; ") : "Not known",
    detail: paired ? paired.because : whyUnknown("personalAndWorkPaired"),
    tone: accParts.length ? "info" : "unknown",
    lines: sortedLines(...acc.map((x) => x.line), ...creds.map((c) => c.line).slice(0, 3), ...wam.map((w) => w.line)),
  });
  return rows;
}
