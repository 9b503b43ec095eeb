/**
 * Microsoft Entra (AAD) Operational events and device registration events, as `wevtutil qe …
 * /f:text` prints them and as people copy them from Event Viewer (shared/facts/evidence-bundle.md §5).
 *
 * Sample inputs:
 *   wevtutil:      `Event[0]:` / `  Log Name: …` / `  Date: 2024-01-25T18:02:54.022Z` /
 *                  `  Event ID: 1098` / … / `  Description:` / the text      (fixtures 06, 07)
 *   Event Viewer:  `Log:  Microsoft-Windows-AAD/Operational` / `Event ID 1081` / `Level: Error` /
 *                  the text                                                   (fixture 12)
 *   bare text:     `Error: 0xCAA5001C Token broker operation failed.` …        (fixture 13)
 *
 * Output: one event per record, with its id, time, level as printed and every code in its
 * text (0xCAA…, 0x8…, 0xC…, AADSTS…, signed decimals) with the line and column it sits at.
 *
 * Quirks:
 * [1] The field labels of /f:text stay English on every locale; the Level, Opcode and Keyword
 *     values are translated (fixture 06, Russian), and so may be the description (UNCONFIRMED for
 *     AAD). Only `Event ID`, the date and the codes are read; the level is kept as printed.
 * [2] 1081 carries the server's error (AADSTS…), 1088 the WS-Trust error, 1084 the network
 *     sub-error; 1098 alone is weak evidence (monitoring setups drop it as noise).
 * [3] A signed decimal (`-895418359`) is the same code as its hex (`0xcaa10009`): both are listed
 *     with their own places; `key` joins them.
 */
import { findCodeTokens } from "../error-text/find-codes.ts";
import type { Line, Unused } from "../bundle/lines.ts";

export interface EventCode {
  /** `0xcaa5001c`, `AADSTS50034`. */
  display: string;
  key: string;
  /** As written: `0xCAA5001C`, `-895418359`. */
  text: string;
  line: number;
  /** 1-based column in the line. */
  col: number;
  /** The label before it on its line, when there is one (`Error`, `Error description`, `Status`). */
  label?: string;
}

export interface EventRecord {
  /** The line the event starts at. */
  line: number;
  id?: { value: number; line: number };
  time?: { value: string; line: number };
  /** As printed (translated on other locales). */
  level?: { value: string; line: number };
  log?: { value: string; line: number };
  /** First line of the description. */
  descriptionLine?: number;
  codes: EventCode[];
  /** The description lines, as printed. */
  text: Line[];
}

export interface EventLog {
  events: EventRecord[];
  layout: "wevtutil" | "event-viewer" | "bare" | "none";
  unused: Unused[];
}

const START_WEVTUTIL = /^\s*Event\[\d+\]:\s*$/;
const LOG = /^\s*Log(?: Name)?:\s+(\S.*)$/;
const EVENT_ID = /^\s*Event ID[:\s]\s*(\d{1,5})\s*$/i;
const DATE = /^\s*Date:\s*(\S.*?)\s*$/;
const LEVEL = /^\s*Level:\s*(\S.*?)\s*$/;
const DESCRIPTION = /^\s*Description:\s*(.*)$/;
const HEADER_FIELD = /^\s{0,2}(?:Source|Task(?: Category)?|Opcode|Keywords?|User(?: Name)?|Computer|Record Number|Correlation ID|Activity ID):/i;

/** Reads one events section (or a bare event text); pure, never throws. */
export function parseEvents(lines: readonly Line[]): EventLog {
  const events: EventRecord[] = [];
  let current: EventRecord | undefined;
  let inDescription = false;
  let layout: EventLog["layout"] = "none";
  const open = (line: number) => {
    current = { line, codes: [], text: [] };
    events.push(current);
    inDescription = false;
  };
  for (const l of lines) {
    const t = l.text;
    if (t.includes("Event[") && START_WEVTUTIL.test(t)) {
      layout = "wevtutil";
      open(l.n);
      continue;
    }
    const log = t.includes("Log") ? LOG.exec(t) : null;
    if (log && (!current || current.id || current.text.length > 0 || inDescription)) {
      if (layout === "none") layout = "event-viewer";
      open(l.n);
      current!.log = { value: log[1]!.trim(), line: l.n };
      continue;
    }
    if (!current) {
      if (t.trim() === "") continue;
      layout = layout === "none" ? "bare" : layout;
      open(l.n);
      inDescription = true;
    }
    const ev = current!;
    if (!inDescription) {
      if (log) {
        ev.log = { value: log[1]!.trim(), line: l.n };
        continue;
      }
      const id = EVENT_ID.exec(t);
      if (id) {
        ev.id = { value: Number(id[1]), line: l.n };
        continue;
      }
      const date = DATE.exec(t);
      if (date) {
        ev.time = { value: date[1]!, line: l.n };
        continue;
      }
      const level = LEVEL.exec(t);
      if (level) {
        ev.level = { value: level[1]!, line: l.n };
        continue;
      }
      if (HEADER_FIELD.test(t)) continue;
      const d = DESCRIPTION.exec(t);
      if (d) {
        inDescription = true;
        ev.descriptionLine = l.n;
        if (d[1]!.trim()) addText(ev, { n: l.n, text: d[1]! }, t.indexOf(d[1]!));
        continue;
      }
      if (t.trim() === "") {
        // Event Viewer's copy: the description follows the header after a blank line.
        if (ev.id || ev.level) inDescription = true;
        continue;
      }
      // A line that is not a header field: the description started without its label.
      inDescription = true;
      ev.descriptionLine = l.n;
    }
    if (ev.descriptionLine === undefined && t.trim() !== "") ev.descriptionLine = l.n;
    addText(ev, l, 0);
  }
  // Blank lines between events belong to none of them.
  for (const e of events) while (e.text.length > 0 && e.text.at(-1)!.text.trim() === "") e.text.pop();
  return { events, layout, unused: [] };
}

/** A line without these cannot hold a code (find-codes.ts): most lines of an event skip the search. */
const MAY_HOLD_CODE = /AADSTS|CAA|caa|0x|[8Cc][0-9A-Fa-f]{7}|\d{9}/;

function addText(ev: EventRecord, l: Line, offset: number): void {
  ev.text.push(l);
  if (!MAY_HOLD_CODE.test(l.text)) return;
  for (const tok of findCodeTokens(l.text.slice(offset))) {
    const col = offset + tok.index + 1;
    const before = l.text.slice(Math.max(0, col - 41), col - 1);
    const label = /([A-Za-z][A-Za-z ]{0,30}?)\s*[:=]\s*(?:\(?\s*)?$/.exec(before)?.[1]?.trim();
    ev.codes.push({ display: tok.display, key: tok.key, text: tok.text, line: l.n, col, ...(label ? { label } : {}) });
  }
}

/** Whether lines look like event text (for a paste without markers). */
export function looksLikeEvents(lines: readonly Line[]): boolean {
  let header = 0;
  for (const l of lines) {
    if (START_WEVTUTIL.test(l.text) || EVENT_ID.test(l.text)) return true;
    if (/^\s*Logged at \S+\.cpp, line: \d+/.test(l.text) || /^\s*(?:OAuth response error|WSTrust response error|Http transport error|AAD Cloud AP plugin call)/.test(l.text)) header++;
  }
  return header > 0;
}
