/**
 * Splits a pasted bundle on its section markers into runs and parts. The command prints a token
 * chosen afresh for each run in every marker and in `meta` (`run=<token>`):
 * `===== FIXPATH:<section> <token> =====` (shared/facts/evidence-bundle.md: the marker words are
 * English on every locale). A paste without any marker is one section whose kind is guessed from
 * its lines (`detectSection`), so a bare `whoami /groups` or a bare event text is read on its own.
 *
 * Sample input:
 *   PS C:\Users\ana> & { … }
 *
 *   ===== FIXPATH:meta 3f9c2a7d41b0 =====
 *   bundle=2
 *   run=3f9c2a7d41b0
 *   ===== FIXPATH:ver 3f9c2a7d41b0 =====
 *   Microsoft Windows [Version 10.0.19045.3930]
 *
 * Output: `{ sections: [{ id: "meta", run: 0, markerLine: 3, lines: […] }, …], runs: [{ token,
 *   complete, … }], used: 0, before: Line[], complete, notes }`.
 *
 * Quirks:
 * [1] Quoted markers. Event descriptions are free text written before the run began, so they can
 *     not hold the run's token: inside a run, a marker with another token (or none) is text of the
 *     part it sits in whenever the run's own markers go on after it. A marker of another token
 *     after the run's last marker starts another run (a second run pasted below a first one).
 * [2] Parts in any order: with tokens the order of the parts says nothing; each is read where it is.
 * [3] Runs. A new run starts at a new token, or when a part of the same token comes again (the
 *     same output pasted twice). The analysis reads one run: the last complete one (with its `end`
 *     marker), else the last one, and says which; parts of the other runs are never mixed in.
 * [4] A run without its `end` marker was cut off: its last part in the paste is flagged `cutOff`
 *     (a fragment), and a note says so.
 * [5] Pastes from the earlier command (markers without a token) are read as before: a run starts at
 *     `meta`, after `end`, or when a part comes again; inside the events only a marker of a later
 *     part ends them, and only when what follows does not show it up as quoted text (the next
 *     numbered event continues the numbering, or the next marker is one of an earlier part), or a
 *     rerun's first marker with its first line (`meta` then `bundle=1`, `ver` then the version).
 *     Parts of such a paste pasted after its events are still read as event text: only the token
 *     tells them apart. In a paste that has tokens, a marker without one is always text.
 * [6] A paste can hold thousands of sections: the split is two linear passes, and notes are capped.
 */
import type { Line } from "./lines.ts";

/** The sections the bundle prints, in its order (content/evidence-bundle.ps1). */
export const BUNDLE_SECTIONS = [
  "meta",
  "ver",
  "whoami-user",
  "whoami-upn",
  "whoami-groups",
  "os",
  "producttype",
  "dsregcmd",
  "mdm",
  "appx",
  "office",
  "onedrive",
  "onedrive-accounts",
  "credman",
  "bitlocker",
  "aad-operational",
  "udr-admin",
  "end",
] as const;
/** Sections a bare paste can be recognised as, besides the bundle's own. */
export type SectionId = (typeof BUNDLE_SECTIONS)[number] | "listaccounts";

/** Words for each part in messages (people see words, never ids). */
export const SECTION_WORDS: Record<Exclude<SectionId, "end">, string> = {
  meta: "run details",
  ver: "Windows version",
  "whoami-user": "sign-in",
  "whoami-upn": "work sign-in name",
  "whoami-groups": "groups of your sign-in (whoami /groups)",
  os: "Windows edition",
  producttype: "product type",
  dsregcmd: "device registration (dsregcmd /status)",
  mdm: "management enrollment",
  appx: "installed apps",
  office: "Office",
  onedrive: "OneDrive settings",
  "onedrive-accounts": "OneDrive accounts",
  credman: "saved sign-ins",
  bitlocker: "BitLocker",
  "aad-operational": "sign-in events",
  "udr-admin": "device registration events",
  listaccounts: "Windows work accounts (dsregcmd /listaccounts)",
};

/** Words for a part id as printed: its words when known, else the id in quotes. */
const words = (id: string): string => (id in SECTION_WORDS ? `${SECTION_WORDS[id as keyof typeof SECTION_WORDS]} part` : `"${id}" part`);

const ORDER = new Map<string, number>(BUNDLE_SECTIONS.map((s, i) => [s, i]));
/** Read when marked, though the bundle does not print them (a person may add them by hand). */
const ALSO_KNOWN = new Set(["listaccounts"]);
const EVENT_SECTIONS = new Set(["aad-operational", "udr-admin"]);
/** `===== FIXPATH:<id> =====`, or with the run's token after the id (letters and digits, 4 to 40). */
const MARKER = /^\s*(?:> )?={5} FIXPATH:([^\s=]{1,60})(?: ([0-9A-Za-z]{4,40}))? ={5}\s*$/;
const EVENT_START = /^\s*Event\[(\d{1,9})\]:\s*$/;
/** At most this many notes are kept; one more says how many were left out. */
export const MAX_SPLIT_NOTES = 50;

export interface SplitSection {
  /** The id as printed (lower-cased); `known` says whether it is one of the bundle's. */
  id: string;
  known: boolean;
  /** The marker's line; absent for a bare paste without markers. */
  markerLine?: number;
  lines: Line[];
  /** Set on the last part of a run without its `end` marker (quirk [4]): a fragment. */
  cutOff?: true;
  /** The index of its run in `SplitBundle.runs` (0 for a bare paste). */
  run: number;
}

/** One run of the command in the paste. */
export interface SplitRun {
  /** The run's token, when the command printed one (quirk [1]). */
  token?: string;
  /** The line of its first marker. */
  firstLine: number;
  /** The line of its `end` marker: the run is complete. */
  endLine?: number;
  /** Ids of its parts, in paste order (`end` included). */
  parts: string[];
}

export interface SplitNote {
  code: "bundle/runs" | "bundle/unknown-section" | "bundle/cut-off" | "bundle/marker-in-text" | "bundle/notes-capped";
  line: number;
  message: string;
}

export interface SplitBundle {
  /** Whether the paste had at least one marker. */
  marked: boolean;
  /** Every part of every run, in paste order. */
  sections: SplitSection[];
  runs: SplitRun[];
  /** The run the analysis reads (quirk [3]); -1 when the paste has no marker. */
  used: number;
  /** Lines before the first marker (the prompt, the command echoed), and text between runs. */
  before: Line[];
  /** The run used has its `end` marker. */
  complete: boolean;
  notes: SplitNote[];
  /** Lines in the paste (a last line without LF counts). */
  lineCount: number;
}

interface Marker {
  id: string;
  token: string | undefined;
}

function markerOf(raw: string): Marker | undefined {
  const m = raw.includes("FIXPATH:") ? MARKER.exec(raw) : null;
  return m ? { id: m[1]!.toLowerCase(), token: m[2] } : undefined;
}

/** Splits decoded text (LF line ends) into runs and parts; pure, two passes, never throws. */
export function splitBundle(text: string): SplitBundle {
  const physical = text.split("\n");
  if (physical.length > 1 && physical[physical.length - 1] === "") physical.pop();
  // Pass 1: where each token's markers end (quirk [1]), and whether the paste has tokens at all.
  const lastOfToken = new Map<string, number>();
  for (let i = 0; i < physical.length; i++) {
    const m = markerOf(physical[i]!);
    if (m?.token) lastOfToken.set(m.token, i);
  }
  const tokened = lastOfToken.size > 0;

  const sections: SplitSection[] = [];
  const runs: SplitRun[] = [];
  const before: Line[] = [];
  const notes: SplitNote[] = [];
  let dropped = 0;
  const note = (n: SplitNote) => (notes.length < MAX_SPLIT_NOTES ? notes.push(n) : dropped++);
  let run: SplitRun | undefined;
  let current: SplitSection | undefined;
  /** The number of the last `Event[n]:` line in the current section (-1: none yet). */
  let lastEvent = -1;
  const asText = (n: number, raw: string, why: string) => {
    note({ code: "bundle/marker-in-text", line: n, message: `line ${n} looks like a section marker but sits inside the ${words(current!.id)} (${why}); it is read as part of its text` });
    current!.lines.push({ n, text: raw });
  };

  for (let i = 0; i < physical.length; i++) {
    const n = i + 1;
    const raw = physical[i]!;
    const m = markerOf(raw);
    if (m) {
      if (tokened) {
        // Quirk [1]: a marker without the run's token, while the run goes on, is quoted text.
        if (current && run && m.token !== run.token && (m.token === undefined || (lastOfToken.get(run.token!) ?? -1) > i)) {
          asText(n, raw, m.token === undefined ? "it carries no run token" : "it carries another run's token");
          continue;
        }
        if (m.token === undefined) {
          // Between runs, or before the first: text of the earlier command, not read.
          if (raw.trim() !== "") before.push({ n, text: raw });
          continue;
        }
      } else if (current && EVENT_SECTIONS.has(current.id)) {
        // Quirk [5]: inside events only a later section ends the section, and only when what follows agrees.
        const here = ORDER.get(current.id)!;
        const order = ORDER.get(m.id);
        if (!startsRun(physical, i, m.id) && (order === undefined || order <= here || quotedInEvents(physical, i, here, order, lastEvent))) {
          asText(n, raw, "it names a part printed before the events, or the events go on after it");
          continue;
        }
      }
      const newRun = !run || run.endLine !== undefined || m.token !== run.token || run.parts.includes(m.id) || (!tokened && m.id === "meta" && run.parts.length > 0);
      if (newRun) {
        run = { firstLine: n, parts: [], ...(m.token ? { token: m.token } : {}) };
        runs.push(run);
      }
      run!.parts.push(m.id);
      if (m.id === "end") {
        run!.endLine = n;
        current = undefined;
        sections.push({ id: "end", known: true, markerLine: n, lines: [], run: runs.length - 1 });
        continue;
      }
      const known = ORDER.has(m.id) || ALSO_KNOWN.has(m.id);
      if (!known) note({ code: "bundle/unknown-section", line: n, message: `line ${n} starts a section "${m.id}" that this analyzer does not know; its lines are kept but not read` });
      current = { id: m.id, known, markerLine: n, lines: [], run: runs.length - 1 };
      lastEvent = -1;
      sections.push(current);
      continue;
    }
    const line = { n, text: raw.length > 0 && raw.charCodeAt(raw.length - 1) <= 32 ? raw.trimEnd() : raw };
    if (current && raw.includes("Event[")) {
      const e = EVENT_START.exec(raw);
      if (e) lastEvent = Number(e[1]);
    }
    if (current) current.lines.push(line);
    else if (sections.length === 0) before.push(line);
    else if (line.text.trim() !== "") before.push(line); // after `end`: another run's prompt, or text the person added
  }

  // Quirk [4]: each run without `end` was cut off in its last part.
  const lastOfRun = new Map<number, SplitSection>();
  for (const s of sections) if (s.id !== "end") lastOfRun.set(s.run, s);
  runs.forEach((r, index) => {
    if (r.endLine !== undefined) return;
    const last = lastOfRun.get(index);
    if (last) last.cutOff = true;
    const upTo = last ? (last.lines.at(-1)?.n ?? last.markerLine!) : r.firstLine;
    note({ code: "bundle/cut-off", line: upTo, message: `${runs.length > 1 ? `run ${index + 1} of the command (from line ${r.firstLine})` : "the paste"} stops before the end of the bundle (no end marker)${last ? `: the ${words(last.id)} is cut off at line ${upTo} and is not used for any answer` : ""}` });
  });
  // Quirk [3]: the last complete run, else the last one.
  let used = runs.findLastIndex((r) => r.endLine !== undefined);
  if (used === -1) used = runs.length - 1;
  if (runs.length > 1) {
    const u = runs[used]!;
    const which = u.endLine === undefined ? "the last one (none is complete)" : used === runs.length - 1 ? "the last one, which is complete," : `run ${used + 1}, the last complete one,`;
    note({ code: "bundle/runs", line: u.firstLine, message: `the paste holds ${runs.length} runs of the command; only ${which} is read (lines ${u.firstLine}–${u.endLine ?? physical.length}), so parts of different runs are never mixed` });
  }
  if (dropped > 0) notes.push({ code: "bundle/notes-capped", line: physical.length, message: `${dropped} more note(s) about the sections were left out` });
  return { marked: sections.length > 0, sections, runs, used, before, complete: used >= 0 && runs[used]!.endLine !== undefined, notes, lineCount: physical.length };
}

/**
 * Earlier command only (quirk [5]): whether a marker inside events starts a rerun pasted below a
 * cut one: `meta` followed by its `bundle=` line, or `ver` (the Command Prompt line's first part)
 * followed by the version line. Quoted text would have to quote both lines.
 */
function startsRun(physical: readonly string[], at: number, id: string): boolean {
  if (id !== "meta" && id !== "ver") return false;
  for (let j = at + 1; j < Math.min(physical.length, at + 4); j++) {
    const t = physical[j]!.trim();
    if (t === "") continue;
    return id === "meta" ? /^bundle=\d+$/.test(t) : /\[[^\]\d]*\d+\.\d+\.\d+\.\d+\]$/.test(t);
  }
  return false;
}

/**
 * Whether the marker at `physical[at]`, naming the section at position `order`, inside the event
 * section at position `here`, is quoted event text (quirk [1]). The first numbered event after it
 * decides (continuing the section's numbering: quoted; starting again: a real section), or the
 * first marker after it that must come before it (a section between `here` and it, or it again:
 * quoted) or that starts the bundle again (a new run: real). Markers of sections after it and
 * unknown ones say nothing either way and are read past. No scan goes past the next marker of a
 * section up to `order`, so the split stays linear in the paste.
 */
function quotedInEvents(physical: readonly string[], at: number, here: number, order: number, lastEvent: number): boolean {
  for (let j = at + 1; j < physical.length; j++) {
    const raw = physical[j]!;
    if (raw.includes("Event[")) {
      const e = EVENT_START.exec(raw);
      if (e) return lastEvent >= 0 && Number(e[1]) === lastEvent + 1;
    }
    const m = raw.includes("FIXPATH:") ? MARKER.exec(raw) : null;
    const next = m ? ORDER.get(m[1]!.toLowerCase()) : undefined;
    if (next === undefined || next > order) continue;
    return next > here;
  }
  return false;
}

