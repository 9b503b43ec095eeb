/**
 * Splits a pasted bundle on its section markers, `===== FIXPATH:<section> =====` (the contract
 * in shared/facts/evidence-bundle.md: English, the same on every locale). A paste without any
 * marker is one section whose kind is guessed from its lines (`detectSection`), so a bare
 * `whoami /groups` or a bare event text is read on its own.
 *
 * Sample input:
 *   PS C:\Users\ana> & { function S($n){…} … }
 *
 *   ===== FIXPATH:meta =====
 *   bundle=1
 *   ===== FIXPATH:ver =====
 *   Microsoft Windows [Version 10.0.19045.3930]
 *
 * Output: `{ sections: [{ id: "meta", markerLine: 3, lines: [{ n: 4, text: "bundle=1" }] }, …],
 *   before: Line[], complete, notes }`.
 *
 * Quirks:
 * [1] Event descriptions are free text: a marker line inside an event section is a real marker
 *     only when it names a section that comes later in the bundle's order, and what follows it
 *     does not show it up as quoted text: the next numbered event continues the section's
 *     numbering (`Event[7]:` after `Event[6]:`; wevtutil numbers each log from 0), or the next
 *     marker names a section that belongs before it (a real `udr-admin` or `end` marker after a
 *     quoted `end`). An event that quotes `===== FIXPATH:meta =====` (or an unknown id) stays
 *     part of its event too.
 * [2] Sections may be repeated (the command was run twice and both pasted) or out of order (a
 *     person pasted pieces): every occurrence is kept, in paste order; the analysis uses the last.
 * [3] No `end` marker after the first marker: the paste was cut off, and the last section may be
 *     incomplete.
 * [4] A paste can hold thousands of sections: the split is one pass, and notes are capped.
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

const ORDER = new Map<string, number>(BUNDLE_SECTIONS.map((s, i) => [s, i]));
/** Read when marked, though the bundle does not print them (a person may add them by hand). */
const ALSO_KNOWN = new Set(["listaccounts"]);
const EVENT_SECTIONS = new Set(["aad-operational", "udr-admin"]);
const MARKER = /^\s*(?:> )?={5} FIXPATH:([^\s=]{1,60}) ={5}\s*$/;
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
  /** Set on the last section of a paste without an `end` marker (quirk [3]). */
  cutOff?: true;
}

export interface SplitNote {
  code: "bundle/repeated-section" | "bundle/out-of-order" | "bundle/unknown-section" | "bundle/cut-off" | "bundle/marker-in-text" | "bundle/notes-capped";
  line: number;
  message: string;
}

export interface SplitBundle {
  /** Whether the paste had at least one marker. */
  marked: boolean;
  sections: SplitSection[];
  /** Lines before the first marker (the prompt, the command echoed). */
  before: Line[];
  /** The `end` marker was seen. */
  complete: boolean;
  notes: SplitNote[];
  /** Lines in the paste (a last line without LF counts). */
  lineCount: number;
}

/** Splits decoded text (LF line ends) on the markers; pure, one pass, never throws. */
export function splitBundle(text: string): SplitBundle {
  const physical = text.split("\n");
  if (physical.length > 1 && physical[physical.length - 1] === "") physical.pop();
  const sections: SplitSection[] = [];
  const before: Line[] = [];
  const notes: SplitNote[] = [];
  let dropped = 0;
  const note = (n: SplitNote) => (notes.length < MAX_SPLIT_NOTES ? notes.push(n) : dropped++);
  const seen = new Map<string, number>();
  let current: SplitSection | undefined;
  let complete = false;
  let highest = -1;
  /** The number of the last `Event[n]:` line in the current section (-1: none yet). */
  let lastEvent = -1;
  for (let i = 0; i < physical.length; i++) {
    const n = i + 1;
    const raw = physical[i]!;
    const m = raw.includes("FIXPATH:") ? MARKER.exec(raw) : null;
    if (m) {
      const id = m[1]!.toLowerCase();
      const order = ORDER.get(id);
      if (current && EVENT_SECTIONS.has(current.id)) {
        // Quirk [1]: inside events only a later section ends the section, and only when what follows agrees.
        const here = ORDER.get(current.id)!;
        if (order === undefined || order <= here || quotedInEvents(physical, i, here, order, lastEvent)) {
          note({ code: "bundle/marker-in-text", line: n, message: `line ${n} looks like a section marker but sits inside the ${current.id} events; it is read as event text` });
          current.lines.push({ n, text: raw });
          continue;
        }
      }
      if (id === "end") {
        complete = true;
        current = undefined;
        sections.push({ id, known: true, markerLine: n, lines: [] });
        continue;
      }
      const prior = seen.get(id);
      if (prior !== undefined) note({ code: "bundle/repeated-section", line: n, message: `the ${id} section appears again at line ${n} (first at line ${prior}); the later one is used` });
      else seen.set(id, n);
      const known = order !== undefined || ALSO_KNOWN.has(id);
      if (!known) note({ code: "bundle/unknown-section", line: n, message: `line ${n} starts a section "${id}" that this analyzer does not know; its lines are kept but not read` });
      else if (order !== undefined && order < highest && prior === undefined) note({ code: "bundle/out-of-order", line: n, message: `the ${id} section at line ${n} comes after sections the bundle prints later; it is read all the same` });
      if (order !== undefined) highest = Math.max(highest, order);
      current = { id, known, markerLine: n, lines: [] };
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
    else if (line.text.trim() !== "") {
      // After `end`: another run's prompt, or text the person added.
      before.push(line);
    }
  }
  const marked = sections.length > 0;
  if (marked && !complete) {
    const last = [...sections].reverse().find((s) => s.id !== "end");
    if (last) last.cutOff = true;
    note({ code: "bundle/cut-off", line: physical.length, message: `the paste stops before the end of the bundle (no end marker)${last ? `: the ${last.id} section may be incomplete` : ""}` });
  }
  if (dropped > 0) notes.push({ code: "bundle/notes-capped", line: physical.length, message: `${dropped} more note(s) about the sections were left out` });
  return { marked, sections, before, complete, notes, lineCount: physical.length };
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

/** The last occurrence of each section, by id (quirk [2]). */
export function lastOfEach(split: SplitBundle): Map<string, SplitSection> {
  const out = new Map<string, SplitSection>();
  for (const s of split.sections) out.set(s.id, s);
  return out;
}
