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
/** The first letters of HEADER_FIELD's labels, lower-cased. */
const HEADER_INITIALS = new Set([..."stokucra"].map((x) => x.charCodeAt(0)));

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
    // Every pattern above starts with its label after white space: the label's first letter
    // (lower-cased) tells which can match, so most lines run one pattern or none.
    let p = 0;
    while (p < t.length && isJsSpace(t.charCodeAt(p))) p++;
    const blank = p === t.length;
    const c = blank ? 0 : t.charCodeAt(p) | 0x20;
    if (c === 0x65 /* e */ && START_WEVTUTIL.test(t)) {
      layout = "wevtutil";
      open(l.n);
      continue;
    }
    const log = c === 0x6c /* l */ ? LOG.exec(t) : null;
    if (log && (!current || current.id || current.text.length > 0 || inDescription)) {
      if (layout === "none") layout = "event-viewer";
      open(l.n);
      current!.log = { value: log[1]!.trim(), line: l.n };
      continue;
    }
    if (!current) {
      if (blank) continue;
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
      if (blank) {
        // Event Viewer's copy: the description follows the header after a blank line.
        if (ev.id || ev.level) inDescription = true;
        continue;
      }
      const id = c === 0x65 ? EVENT_ID.exec(t) : null;
      if (id) {
        ev.id = { value: Number(id[1]), line: l.n };
        continue;
      }
      const date = c === 0x64 /* d */ ? DATE.exec(t) : null;
      if (date) {
        ev.time = { value: date[1]!, line: l.n };
        continue;
      }
      const level = c === 0x6c ? LEVEL.exec(t) : null;
      if (level) {
        ev.level = { value: level[1]!, line: l.n };
        continue;
      }
      if (HEADER_INITIALS.has(c) && HEADER_FIELD.test(t)) continue;
      const d = c === 0x64 ? DESCRIPTION.exec(t) : null;
      if (d) {
        inDescription = true;
        ev.descriptionLine = l.n;
        if (NON_BLANK.test(d[1]!)) addText(ev, { n: l.n, text: d[1]! }, t, t.length - d[1]!.length);
        continue;
      }
      // A line that is not a header field: the description started without its label.
      inDescription = true;
      ev.descriptionLine = l.n;
    }
    if (ev.descriptionLine === undefined && !blank) ev.descriptionLine = l.n;
    addText(ev, l, t, 0);
  }
  // Blank lines between events belong to none of them.
  for (const e of events) {
    let n = e.text.length;
    while (n > 0 && !NON_BLANK.test(e.text[n - 1]!.text)) n--;
    if (n < e.text.length) e.text.length = n;
  }
  return { events, layout, unused: [] };
}

/** A line without these cannot hold a code (find-codes.ts): most lines of an event skip the search. */
const MAY_HOLD_CODE = /AADSTS|CAA|caa|0x|[8Cc][0-9A-Fa-f]{7}|\d{9}/;
const NON_BLANK = /\S/;

/** Keeps `text` (the description part of `line`, from `offset`) and lists its codes, placed in `line`. */
function addText(ev: EventRecord, text: Line, line: string, offset: number): void {
  ev.text.push(text);
  if (!MAY_HOLD_CODE.test(text.text)) return;
  for (const tok of findCodeTokens(text.text)) {
    const index = offset + tok.index;
    const code: EventCode = { display: tok.display, key: tok.key, text: tok.text, line: text.n, col: index + 1 };
    const label = labelBefore(line, index, offset);
    if (label) code.label = label;
    ev.codes.push(code);
  }
}

/**
 * The label a code follows on its line (`Error: 0x…`, `Status = (0x…`): within the 40 characters
 * before it, the letters and spaces (at most 31, starting with a letter) that end just before a
 * `:` or `=`, with only white space and one `(` between that sign and the code. Hand-written: the
 * regular expression that says this (`/([A-Za-z][A-Za-z ]{0,30}?)\s*[:=]\s*(?:\(?\s*)?$/` on the
 * 40 characters) tries every start position with a lazy repeat, and it ran for every code.
 */
export function labelBefore(text: string, end: number, floor = 0): string | undefined {
  const start = Math.max(floor, end - 40);
  let i = skipSpaceBack(text, end, start);
  if (i > start && text.charCodeAt(i - 1) === 0x28) i = skipSpaceBack(text, i - 1, start);
  if (i <= start) return undefined;
  const sign = text.charCodeAt(i - 1);
  if (sign !== 0x3a && sign !== 0x3d) return undefined;
  const e = skipSpaceBack(text, i - 1, start);
  if (e <= start || !isAsciiLetter(text.charCodeAt(e - 1))) return undefined;
  let first = e - 1;
  for (let k = e - 1; k >= start && k >= e - 31; k--) {
    const c = text.charCodeAt(k);
    if (isAsciiLetter(c)) first = k;
    else if (c !== 0x20) break;
  }
  return text.slice(first, e);
}

function isAsciiLetter(c: number): boolean {
  return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

/** The index after skipping JavaScript's `\s` characters backwards from `i`, not below `floor`. */
function skipSpaceBack(text: string, i: number, floor: number): number {
  while (i > floor && isJsSpace(text.charCodeAt(i - 1))) i--;
  return i;
}

function isJsSpace(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0d);
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029 || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
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
