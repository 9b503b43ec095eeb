/**
 * A whole bundle paste → typed evidence per section, each with its state and lines. Splits on the
 * markers (split.ts); a paste without markers is recognised as one section on its own (a bare
 * `whoami /groups`, event text, `reg query` output…). Only the last occurrence of a repeated
 * section is read (split.ts quirk [2]), so a paste of 10,000 sections costs one pass to split
 * plus one parse per kind.
 *
 * Section states:
 *   read     data was found (possibly with error lines besides: `partial`)
 *   denied   Windows refused ("Access is denied"): its facts stay unknown
 *   error    an error instead of data, or only lines of no shape the part's parser knows (an
 *            error in any language): could not read, its facts stay unknown. `reg query` prints
 *            the same localized ERROR for a missing value as for a failure, so it is never read
 *            as "not there" (issue 25).
 *   empty    nothing printed under the marker
 */
import { analyzeDsregcmd, detectInputKind, type DsregcmdAnalysis } from "../dsregcmd/analyze.ts";
import { looksLikeAppPackages, parseAppPackages, type AppPackages } from "../appx/packages.ts";
import { looksLikeCredentials, parseCredentials, type Credentials } from "../credman/cmdkey.ts";
import { looksLikeEdition, parseEdition, parseProductType, parseVer, type Edition, type WindowsVersion } from "../edition/edition.ts";
import { looksLikeEvents, parseEvents, type EventLog } from "../events/events.ts";
import { looksLikeListAccounts, parseListAccounts, type ListAccounts } from "../listaccounts/listaccounts.ts";
import { looksLikeEnrollments, parseEnrollments, type Enrollments } from "../mdm/enrollments.ts";
import { looksLikeOneDriveAccounts, looksLikeOneDriveSettings, parseOneDriveAccounts, parseOneDriveSettings, type OneDriveAccounts, type OneDriveSettings } from "../onedrive/onedrive.ts";
import { looksLikeWhoamiGroups, parseWhoamiGroups, type WhoamiGroups } from "../whoami/groups.ts";
import { findError, type Line, type SectionError, type Valued } from "./lines.ts";
import { parseBitLocker, parseMeta, parseOffice, parseUpn, parseWhoamiUser, type BitLocker, type BundleMeta, type OfficeInfo, type WhoamiUser } from "./sections.ts";
import { splitBundle, type SplitNote, type SplitRun, type SplitSection } from "./split.ts";

export interface SectionData {
  meta: BundleMeta;
  ver: WindowsVersion | undefined;
  "whoami-user": WhoamiUser;
  "whoami-upn": Valued<string> | undefined;
  "whoami-groups": WhoamiGroups;
  os: Edition;
  producttype: Valued<"WinNT" | "ServerNT" | "LanmanNT"> | undefined;
  dsregcmd: DsregcmdAnalysis | undefined;
  mdm: Enrollments;
  appx: AppPackages;
  office: OfficeInfo;
  onedrive: OneDriveSettings;
  "onedrive-accounts": OneDriveAccounts;
  credman: Credentials;
  bitlocker: BitLocker;
  "aad-operational": EventLog;
  "udr-admin": EventLog;
  listaccounts: ListAccounts;
}
export type ReadSectionId = keyof SectionData;

export type SectionState = "read" | "partial" | "denied" | "error" | "empty";

export interface SectionResult<K extends ReadSectionId = ReadSectionId> {
  id: K;
  state: SectionState;
  /** The marker's line, when the paste had markers. */
  markerLine?: number;
  /** First and last line of the section's body (0, 0 when empty). */
  from: number;
  to: number;
  error?: SectionError;
  cutOff?: true;
  data: SectionData[K];
}

export type BundleSections = { [K in ReadSectionId]?: SectionResult<K> };

export interface BundleEvidence {
  /** The paste had markers (a bundle), or was one section recognised on its own. */
  marked: boolean;
  complete: boolean;
  /** Every section seen, in paste order (every run's), for listing; `run` indexes `runs`. */
  seen: { id: string; known: boolean; markerLine?: number; lines: number; run: number }[];
  /** The runs of the command in the paste (split.ts quirk [3]); empty for a bare part. */
  runs: SplitRun[];
  /** The index in `runs` of the run read: the last complete one, else the last; -1 for a bare part. */
  usedRun: number;
  sections: BundleSections;
  notes: SplitNote[];
  lineCount: number;
}


/** `PS C:\Users\ana> whoami /groups`, `C:\Users\ana>wevtutil …`, `E:\Users\x>cmdkey /list`. */
const PROMPT = /^\s*(?:PS )?[A-Za-z]:\\[^>]*>\s*\S/;
const EVENT_LOGS = new Set<ReadSectionId>(["aad-operational", "udr-admin"]);

const PARSERS: { [K in ReadSectionId]: (lines: Line[], padded: () => string) => SectionData[K] } = {
  meta: parseMeta,
  ver: parseVer,
  "whoami-user": parseWhoamiUser,
  "whoami-upn": parseUpn,
  "whoami-groups": parseWhoamiGroups,
  os: parseEdition,
  producttype: parseProductType,
  dsregcmd: (_l, padded) => {
    const r = analyzeDsregcmd(padded(), { maxBytes: Infinity });
    return r.ok ? r.analysis : undefined;
  },
  mdm: parseEnrollments,
  appx: parseAppPackages,
  office: parseOffice,
  onedrive: parseOneDriveSettings,
  "onedrive-accounts": parseOneDriveAccounts,
  credman: parseCredentials,
  bitlocker: parseBitLocker,
  "aad-operational": parseEvents,
  "udr-admin": parseEvents,
  listaccounts: parseListAccounts,
};

/** Whether the parsed data holds anything (so an error line beside it makes the section partial). */
function hasData(id: ReadSectionId, d: unknown): boolean {
  if (d === undefined) return false;
  switch (id) {
    case "whoami-groups": return (d as WhoamiGroups).groups.length > 0;
    case "mdm": return (d as Enrollments).entries.length > 0;
    case "appx": return (d as AppPackages).installed.length + (d as AppPackages).notFound.length + (d as AppPackages).failed.length > 0;
    case "onedrive-accounts": return (d as OneDriveAccounts).accounts.length > 0;
    case "credman": return (d as Credentials).entries.length + (d as Credentials).otherCount > 0;
    case "aad-operational":
    case "udr-admin": return (d as EventLog).events.some((e) => e.id !== undefined || e.codes.length > 0);
    case "listaccounts": return (d as ListAccounts).accounts.length > 0 || (d as ListAccounts).counts.user !== undefined;
    case "bitlocker": return (d as BitLocker).raw !== undefined;
    default: {
      const o = d as Record<string, unknown>;
      return Object.entries(o).some(([k, v]) => k !== "unused" && v !== undefined);
    }
  }
}

/** The current command prints `NOT FOUND` for a HKCU key that does not exist (PathNotFound): no values, truly. */
const KEY_NOT_FOUND = /^\s*NOT FOUND\s*$/;
const KEY_PARTS = new Set<ReadSectionId>(["onedrive", "onedrive-accounts"]);

function readSection<K extends ReadSectionId>(id: K, all: Line[], source: string, extra: { markerLine?: number; cutOff?: true }): SectionResult<K> {
  const lines = KEY_PARTS.has(id) ? all.filter((l) => !KEY_NOT_FOUND.test(l.text)) : all;
  let first = 0;
  while (first < lines.length && !NON_BLANK.test(lines[first]!.text)) first++;
  let last = lines.length - 1;
  while (last >= first && !NON_BLANK.test(lines[last]!.text)) last--;
  const empty = first > last;
  const from = empty ? 0 : lines[first]!.n;
  const to = empty ? 0 : lines[last]!.n;
  // The dsregcmd part is parsed from its untrimmed lines (its unwrapping reads line lengths).
  const padded = () => "\n".repeat(Math.max(0, (lines[0]?.n ?? 1) - 1)) + (lines.length > 0 ? physicalLines(source, lines[0]!.n, lines.at(-1)!.n) : "") + "\n";
  const data = PARSERS[id](lines, padded) as SectionData[K];
  const some = hasData(id, data);
  // Event text holds "Error: 0x…" lines of its own: only a section without events can have failed.
  // Where a missing entry would answer "no", any line not of the expected shape (an error in any
  // language) counts as an error too: the part could not be read in full.
  const error = EVENT_LOGS.has(id) && some ? undefined : (findError(lines) ?? (SHAPE_CHECKED.has(id) ? firstUnused(data) : undefined) ?? (some || empty ? undefined : firstLine(lines)));
  const state: SectionState = empty ? "empty" : error?.kind === "access-denied" && !some ? "denied" : error && !some ? "error" : error ? "partial" : "read";
  const out: SectionResult<K> = { id, state, from, to, data, ...extra };
  if (error) out.error = error;
  return out;
}

const NON_BLANK = /\S/;

/** Parts whose missing entries answer "no" (no enrollment, app not found, no second account). */
const SHAPE_CHECKED = new Set<ReadSectionId>(["mdm", "appx", "onedrive-accounts"]);

/** The first non-blank line of a part that gave no data: what it printed instead (read as "could not read"). */
function firstLine(lines: readonly Line[]): SectionError | undefined {
  const l = lines.find((x) => NON_BLANK.test(x.text) && !PROMPT.test(x.text));
  return l ? { kind: "error", line: l.n, text: l.text.trim() } : undefined;
}

/** The first line a part's parser could not place, as an error (read as "could not read"). */
function firstUnused(data: unknown): SectionError | undefined {
  const unused = (data as { unused?: { line: number; text: string }[] } | undefined)?.unused;
  const u = unused?.find((x) => NON_BLANK.test(x.text) && !PROMPT.test(x.text));
  return u ? { kind: "error", line: u.line, text: u.text.trim() } : undefined;
}

/**
 * NOT FOUND from `Get-AppxPackage` is an absence only when the command would have printed a failure:
 * the earlier command (bundle=1, or no run details) hid failures with -EA SilentlyContinue, and
 * under PowerShell 7 the Appx module often fails to load (issue 25).
 */
function doubtNotFound(sections: BundleSections): void {
  const appx = sections.appx;
  if (!appx || appx.data.notFound.length === 0 || appx.data.doubt) return;
  const meta = sections.meta?.data;
  const version = meta?.bundleVersion?.value;
  const ps = meta?.powershell?.value;
  if (version === undefined || version < 2) {
    appx.data.doubt = `${version === undefined ? "the run details are not in the paste, so" : "this paste comes from the earlier command, which"} ${version === undefined ? "it cannot be told whether the command hid a failure of Get-AppxPackage" : "printed NOT FOUND also when Get-AppxPackage failed"}${ps && /^[67]\./.test(ps) ? ` (and it ran in PowerShell ${ps}, where that often fails)` : ""}`;
  }
}

/** Lines `from`…`to` (1-based) of `text`, as they are there (untrimmed), joined by LF. */
function physicalLines(text: string, from: number, to: number): string {
  let start = 0;
  for (let n = 1; n < from && start !== -1; n++) start = text.indexOf("\n", start) + 1 || -1;
  if (start === -1) return "";
  let end = start;
  for (let n = from; n <= to; n++) {
    const next = text.indexOf("\n", end);
    if (next === -1) return text.slice(start);
    end = next + 1;
  }
  return text.slice(start, end - 1);
}

const DETECTORS: [ReadSectionId, (lines: Line[]) => boolean][] = [
  ["whoami-groups", looksLikeWhoamiGroups],
  ["listaccounts", looksLikeListAccounts],
  ["mdm", looksLikeEnrollments],
  ["onedrive-accounts", looksLikeOneDriveAccounts],
  ["onedrive", looksLikeOneDriveSettings],
  ["appx", looksLikeAppPackages],
  ["credman", looksLikeCredentials],
  ["os", looksLikeEdition],
  ["aad-operational", looksLikeEvents],
];

/** What a paste without markers is, if it is one section on its own. */
export function detectSection(lines: Line[]): ReadSectionId | undefined {
  for (const [id, looks] of DETECTORS) if (looks(lines)) return id;
  if (lines.length <= 3 && parseVer(lines)) return "ver";
  return undefined;
}

/** Whether decoded text is a bundle (markers) or one recognisable section; pure. */
export function detectBundle(text: string): boolean {
  if (/^\s*(?:> )?={5} FIXPATH:[^\s=]+(?: [0-9A-Za-z]{4,40})? ={5}\s*$/m.test(text)) return true;
  if (detectInputKind(text) === "dsregcmd") return false;
  const lines = text.split("\n").map((t, i) => ({ n: i + 1, text: t }));
  return detectSection(lines) !== undefined;
}

/** Parses a decoded bundle paste (LF line ends); pure, never throws. */
export function parseBundle(text: string): BundleEvidence {
  const split = splitBundle(text);
  const lineCount = split.lineCount;
  const sections: BundleSections = {};
  const seen = split.sections.map((s) => ({ id: s.id, known: s.known, lines: s.lines.length, run: s.run, ...(s.markerLine ? { markerLine: s.markerLine } : {}) }));
  const put = <K extends ReadSectionId>(id: K, s: Pick<SplitSection, "lines" | "markerLine" | "cutOff">) => {
    const extra: { markerLine?: number; cutOff?: true } = {};
    if (s.markerLine) extra.markerLine = s.markerLine;
    if (s.cutOff) extra.cutOff = true;
    (sections as Record<string, SectionResult>)[id] = readSection(id, s.lines, text, extra) as SectionResult;
  };
  if (split.marked) {
    const last = new Map<string, SplitSection>();
    for (const s of split.sections) if (s.run === split.used && s.known && s.id !== "end") last.set(s.id, s);
    // A paste cut mid-line: the last line of the cut section is a piece, never a value.
    const midLine = !text.endsWith("\n");
    for (const [id, s] of last) if (id in PARSERS) put(id as ReadSectionId, s.cutOff && midLine && s.lines.at(-1)?.n === lineCount ? { ...s, lines: s.lines.slice(0, -1) } : s);
    doubtNotFound(sections);
    return { marked: true, complete: split.complete, seen, runs: split.runs, usedRun: split.used, sections, notes: split.notes, lineCount };
  }
  // A bare paste: the prompt and command line(s) it starts with are not part of the output.
  let start = 0;
  while (start < split.before.length && (split.before[start]!.text.trim() === "" || PROMPT.test(split.before[start]!.text))) start++;
  const lines = split.before.slice(start);
  const id = detectSection(lines);
  if (id) put(id, { lines });
  return { marked: false, complete: true, seen: id ? [{ id, known: true, lines: lines.length, run: 0 }] : [], runs: [], usedRun: -1, sections, notes: [], lineCount };
}

;
