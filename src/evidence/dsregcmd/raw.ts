/**
 * Stage 1 of the `dsregcmd /status` parser: text → one raw record per logical line, each with
 * its line number. Nothing is typed or dropped here.
 *
 * Sample input (a paste, as people send it):
 *
 *   PS C:\Users\ana> dsregcmd /status
 *
 *   +----------------------------------------------------------------------+
 *   | Device State                                                         |
 *   +----------------------------------------------------------------------+
 *
 *                AzureAdJoined : YES
 *             EnterpriseJoined : NO
 *        KeySignTest: : MUST Run elevated to test.
 *
 * Output: `{ lines: RawLine[], truncated?: { line, reason } }` where a RawLine is one of
 *   blank | border | header { title } | record { key, value } | command | trailer | text.
 *
 * Quirks:
 * [1] Keys are right-aligned with spaces; the longest key starts the line.
 * [2] The legacy layout writes `Key: value`, and once `KeySignTest: : MUST Run elevated to test.`
 *     (fixture 01); Microsoft's post-join sample writes `AadRecoveryEnabled: NO` (fixture 14).
 *     People also type `Key:NO`. All mean the same.
 * [3] A narrow console wraps long lines at its width W: every piece but the last is exactly W
 *     characters and the next piece starts anywhere (mid-word, mid-URL, mid-border). Pieces are
 *     joined back when W is evident from the paste (see `wrapWidth`). A paste with a single
 *     wrapped line keeps its piece as an unrecognised line.
 * [4] The output ends with `For more information, please visit https://www.microsoft.com/aadjerrors`
 *     on recent builds; the excerpts in Microsoft's pages end with a lone `+---…+` instead.
 * [5] A paste cut off in the middle of a line has no final newline and ends in a partial key, a
 *     partial header or a value its field cannot hold; a paste that ends right after a section
 *     header is cut too. Anything else may simply be a short excerpt.
 */
import { KNOWN_KEYS, KNOWN_TITLES, convertValue, homeOf, isKnownKey, normaliseKey } from "./fields.ts";

export type RawLine =
  | { kind: "blank"; line: number }
  | { kind: "border"; line: number; text: string }
  | { kind: "header"; line: number; title: string; text: string }
  | { kind: "record"; line: number; key: string; value: string; text: string }
  | { kind: "command"; line: number; text: string }
  | { kind: "trailer"; line: number; text: string }
  | { kind: "text"; line: number; text: string };

export interface RawCapture {
  lines: RawLine[];
  /** Set when the paste was cut off (quirk [5]); `line` is the last line read. */
  truncated?: { line: number; reason: "partial-line" | "empty-section" };
  /** Console width the lines were unwrapped from, when wrapping was found (quirk [3]). */
  wrapWidth?: number;
}

const BORDER = /^\s*\+-{3,}\+?\s*$/;
const HEADER = /^\s*\|\s*(\S.*?)\s*\|\s*$/;
const RECORD = /^\s*([A-Za-z][A-Za-z0-9 ._()/-]{0,48}?)\s*:(?:\s*:)?\s*(.*?)\s*$/;
const COMMAND = /(?:^|[\s>])dsregcmd(?:\.exe)?\s+\/status\b/i;
/** The shape of a key this parser does not know yet: words that start with a letter. */
const UNKNOWN_KEY = /^[A-Za-z][A-Za-z0-9]*(?:[ -][A-Za-z][A-Za-z0-9]*)*$/;
const TRAILER = /^\s*For more information, please visit\s+\S*aadjerrors\S*\s*$/i;

/** Splits decoded text (LF line ends) into raw lines; pure, total, linear in the input. */
export function parseDsregcmdRaw(text: string): RawCapture {
  const physical = text.split("\n");
  const endsWithNewline = physical.length > 1 && physical[physical.length - 1] === "";
  if (endsWithNewline) physical.pop();

  const width = wrapWidth(physical);
  const lines: RawLine[] = [];
  for (let i = 0; i < physical.length; i++) {
    const start = i;
    let joined = physical[i]!;
    if (width !== undefined) {
      let last = joined;
      while (last.length === width && i + 1 < physical.length && continues(last, physical[i + 1]!)) {
        if (i + 2 === physical.length && !endsWithNewline && isCutKey(physical[i + 1]!)) break;
        i++;
        last = physical[i]!;
        joined += last;
      }
    }
    lines.push(classify(joined, start + 1));
  }
  const capture: RawCapture = { lines };
  if (width !== undefined) capture.wrapWidth = width;
  const cut = truncation(lines, endsWithNewline);
  if (cut) capture.truncated = cut;
  return capture;
}

function classify(text: string, line: number): RawLine {
  const first = text.search(/\S/);
  if (first === -1) return { kind: "blank", line };
  const c = text[first];
  if (c === "+" && BORDER.test(text)) return { kind: "border", line, text };
  if (c === "|") {
    const header = HEADER.exec(text);
    if (header) return { kind: "header", line, title: header[1]!, text };
  }
  if ((c === "F" || c === "f") && TRAILER.test(text)) return { kind: "trailer", line, text };
  if (COMMAND.test(text)) return { kind: "command", line, text };
  if (!text.includes(":")) {
    // A section title without its box (people sometimes copy only the text of the box).
    const bare = text.trim();
    if (KNOWN_TITLES.includes(bare.toLowerCase()) || /^work account \d{1,3}$/i.test(bare)) {
      return { kind: "header", line, title: bare, text };
    }
  }
  const record = RECORD.exec(text);
  if (record && !/^https?$/i.test(record[1]!)) {
    return { kind: "record", line, key: record[1]!.replace(/\s+/g, " "), value: record[2]!, text };
  }
  return { kind: "text", line, text };
}

/** A line that is certainly a line of its own: never a piece of the one before (quirk [3]). */
function surelyAlone(text: string): boolean {
  if (text.trim() === "") return true;
  if (BORDER.test(text) && /^\s*\+/.test(text)) return true;
  if (HEADER.test(text) || TRAILER.test(text) || COMMAND.test(text)) return true;
  // The start of a boxed title (`| Device State` cut by the console); its end `   |` is a piece.
  if (/^\s*\|\s*[A-Za-z]/.test(text)) return true;
  const record = RECORD.exec(text);
  return record !== null && isKnownKey(record[1]!);
}

/** An indented start of a known key: at the very end of a paste, a line cut off, not a piece. */
function isCutKey(text: string): boolean {
  const k = normaliseKey(text);
  return /^\s/.test(text) && k.length > 0 && KNOWN_KEYS.some((key) => key.startsWith(k));
}

/** An indented `Key : value` with a key this parser does not know: a field of a newer build. */
function isUnknownField(text: string): boolean {
  const record = RECORD.exec(text);
  // A wrapped piece starts mid-text; an indented one starting `https:` is the rest of a URL.
  return record !== null && /^\s/.test(text) && UNKNOWN_KEY.test(record[1]!) && !/^https?$/i.test(record[1]!);
}

/**
 * Whether `next` is the rest of `prev`, a line exactly as long as the console (quirk [3]).
 * - `prev` is complete (a field, a border…): `next` continues it unless `next` is a line of its
 *   own or the start of another field (an indented key, even one cut by the console).
 * - `prev` is incomplete (`      DRS Discovery` has no colon): only a line that is surely its own
 *   stops the join.
 */
function continues(prev: string, next: string): boolean {
  if (surelyAlone(next)) return false;
  // A whole border, title or closing line fitted on the screen: nothing of it was wrapped.
  if (/^\s*\+-{3,}\+\s*$/.test(prev) || HEADER.test(prev) || TRAILER.test(prev)) return false;
  const prevComplete = surelyAlone(prev) || isUnknownField(prev);
  if (!prevComplete) return true;
  const cutKey = /^\s{2}/.test(next) && normaliseKey(next).length >= 3 && isCutKey(next);
  return !isUnknownField(next) && !cutKey;
}

/**
 * The console width the paste was wrapped at, if it was (quirk [3]). Wrapping makes the first
 * piece of every long line exactly W long, and no dsregcmd line is longer than W: so W is the
 * length of the longest border, header or known field line, and at least two lines of that length
 * must be followed by a piece that cannot stand alone. One is not enough: a note typed under the
 * longest field would look the same, and a user's line is never merged into a value.
 */
function wrapWidth(lines: readonly string[]): number | undefined {
  let longest = 0;
  for (const l of lines) {
    if (l.length > longest && isStructural(l)) longest = l.length;
  }
  if (longest < 40) return undefined;
  let pieces = 0;
  for (let i = 0; i + 1 < lines.length; i++) {
    if (lines[i]!.length === longest && continues(lines[i]!, lines[i + 1]!)) pieces++;
  }
  return pieces >= 2 ? longest : undefined;
}

function isStructural(text: string): boolean {
  if (BORDER.test(text) || HEADER.test(text)) return true;
  const record = RECORD.exec(text);
  return record !== null && isKnownKey(record[1]!);
}

/** Quirk [5]. */
function truncation(lines: readonly RawLine[], endsWithNewline: boolean): RawCapture["truncated"] {
  let lastIndex = lines.length - 1;
  while (lastIndex >= 0 && lines[lastIndex]!.kind === "blank") lastIndex--;
  const last = lines[lastIndex];
  if (last === undefined) return undefined;

  if (!endsWithNewline && lines[lines.length - 1]!.kind !== "blank") {
    if (isPartialLine(last)) return { line: last.line, reason: "partial-line" };
  }
  // The paste ends with a section header and nothing under it.
  let i = lastIndex;
  while (i >= 0 && lines[i]!.kind === "border") i--;
  if (lines[i]?.kind === "header") return { line: last.line, reason: "empty-section" };
  return undefined;
}

function isPartialLine(last: RawLine): boolean {
  if (last.kind === "text") {
    const t = last.text.trim();
    // `| Device St` or `+-----` cut before the corner.
    if (t.startsWith("|")) return true;
    const k = normaliseKey(t);
    return k.length > 0 && (KNOWN_KEYS.some((key) => key.startsWith(k)) || KNOWN_TITLES.some((title) => title.startsWith(k)));
  }
  if (last.kind === "record") {
    const home = homeOf(last.key);
    if (home === undefined) {
      const k = normaliseKey(last.key);
      return KNOWN_KEYS.some((key) => key.startsWith(k) && key !== k);
    }
    return convertValue(home.spec.type, last.value) === undefined;
  }
  return false;
}
