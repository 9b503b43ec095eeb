/**
 * A semantic comparison of two captures of one device (`dsregcmd /status` pastes or evidence
 * bundles, in any mix): for each row of rows.ts, what it was, what it is, what that means, and
 * the lines in each capture; then the sign-in event codes newer than the first capture.
 *
 * Output:
 *   { ok: true, order, identity, rows: [{ key, label, change, before, after, meaning, problem }],
 *     before: { kind, words, lines, time? }, after: {…}, notes: [{ about, words }] }
 *   | { ok: false, issues: Issue[], identity? }   (diff/unreadable, diff/not-a-capture,
 *                                                    diff/different-device, diff/nothing-in-common)
 *
 * Rules:
 * [1] Captures whose identity fields differ (identity.ts) are never compared: issue
 *     `diff/different-device`, with the fields and lines, never their values.
 * [2] Captures in the wrong order by their own times are compared as given, and `order` says
 *     they look swapped.
 * [3] A row is listed when either capture knows it; a row known in only one is `only-before` or
 *     `only-after` and says why the other does not show it. When no row is known in both, there
 *     is nothing to compare: `diff/nothing-in-common`.
 */
import type { Issue } from "../../model/issue.ts";
import { analyzePaste, type Analysis, type AnalyzeOptions } from "../analyze.ts";
import type { EventRecord } from "../events/events.ts";
import { captureOf, captureWords, parseCaptureTime, readablePart, type Capture, type Read } from "./capture.ts";
import { compareIdentity, compareOrder, type IdentityCheck, type OrderCheck } from "./identity.ts";
import { ROWS, type Reading, type RowKey, type Tone } from "./rows.ts";

export type DiffRowKey = RowKey | "sign-in-errors";
export type Change = "better" | "worse" | "changed" | "same" | "only-before" | "only-after";

/** One capture's side of a row. */
export interface DiffSide {
  known: boolean;
  /** The state in words, or why it is not known. */
  words: string;
  tone: Tone | "unknown";
  lines: number[];
}

export interface DiffRow {
  key: DiffRowKey;
  label: string;
  change: Change;
  before: DiffSide;
  after: DiffSide;
  /** What the change (or its absence) means, in words. */
  meaning: string;
  /** A repair is meant to end this row's bad state (verify.ts reads these). */
  problem: boolean;
}

export interface CaptureInfo {
  kind: Capture["kind"];
  /** "an evidence bundle", "a dsregcmd /status paste". */
  words: string;
  lines: number;
  time?: string;
}

/**
 * A point about the comparison as a whole, in words, with what it is about: `identity` (nothing in
 * both captures identifies the device) or `order` (they look swapped). A surface that shows that
 * point its own way (the CLI's "same device" and "order" lines) leaves the note out by `about`.
 */
export interface DiffNote {
  about: "identity" | "order";
  words: string;
}

export type CaptureDiff =
  | { ok: true; order: OrderCheck; identity: IdentityCheck[]; rows: DiffRow[]; before: CaptureInfo; after: CaptureInfo; notes: DiffNote[] }
  | { ok: false; issues: Issue[]; identity?: IdentityCheck[] };

const TONE_RANK: Record<Tone, number> = { bad: 0, neutral: 1, good: 2 };

const side = (r: Read<Reading>): DiffSide => (r.known ? { known: true, words: r.value.words, tone: r.value.tone, lines: r.value.lines } : { known: false, words: `not known: ${r.why}`, tone: "unknown", lines: [] });

function changeOf(a: Reading, b: Reading): Change {
  if (a.rank !== undefined && b.rank !== undefined) return a.rank === b.rank ? "same" : b.rank > a.rank ? "better" : "worse";
  if (a.value === b.value) return "same";
  const d = TONE_RANK[b.tone] - TONE_RANK[a.tone];
  return d > 0 ? "better" : d < 0 ? "worse" : "changed";
}

function sameMeaning(key: DiffRowKey, a: Reading): string {
  if (key === "prt-update") return `Not renewed between the captures (last renewed at ${a.words}).`;
  if (a.tone === "bad") return `Still ${a.words}: this did not change between the captures.`;
  return "No change.";
}

function pairRow(spec: (typeof ROWS)[number], before: Capture, after: Capture): DiffRow | undefined {
  const a = spec.read(before);
  const b = spec.read(after);
  if (!a.known && !b.known) return undefined;
  const row: DiffRow = { key: spec.key, label: spec.label, change: "same", before: side(a), after: side(b), meaning: "", problem: spec.problem };
  if (a.known && b.known) {
    row.change = changeOf(a.value, b.value);
    row.meaning = row.change === "same" ? sameMeaning(spec.key, a.value) : spec.meaning(a.value, b.value);
  } else if (a.known) {
    row.change = "only-before";
    row.meaning = "Only the first capture shows this, so the change is not known.";
  } else {
    row.change = "only-after";
    row.meaning = "Only the second capture shows this, so the change is not known.";
  }
  return row;
}

// ---------------------------------------------------------------- sign-in events

const EVENT_PARTS = ["aad-operational"] as const;

function eventsOf(c: Capture): Read<EventRecord[]> {
  const part = readablePart(c, EVENT_PARTS[0]);
  return part.known ? { known: true, value: part.value.data.events } : { known: false, why: part.why };
}

const signature = (e: EventRecord) => `${e.id?.value ?? ""}|${e.time?.value ?? ""}|${e.codes.map((c) => c.key).join(",")}|${e.text[0]?.text.trim() ?? ""}`;

function codesOf(events: readonly EventRecord[]): { words: string; lines: number[] } {
  const seen = new Map<string, string>();
  const lines: number[] = [];
  for (const e of events) {
    for (const c of e.codes) {
      if (!seen.has(c.key)) seen.set(c.key, c.display);
      if (lines.length < 20 && !lines.includes(c.line)) lines.push(c.line);
    }
  }
  const list = [...seen.values()];
  const n = events.length;
  return { words: `${list.slice(0, 6).join(", ")}${list.length > 6 ? ` and ${list.length - 6} more` : ""} (${n} event${n === 1 ? "" : "s"})`, lines: lines.sort((x, y) => x - y) };
}

/** Sign-in event codes in the first capture, and those newer than it in the second. */
function eventsRow(before: Capture, after: Capture, order: OrderCheck): DiffRow | undefined {
  const a = eventsOf(before);
  const b = eventsOf(after);
  if (!a.known && !b.known) return undefined;
  const label = "Sign-in error events (Microsoft Entra log)";
  const withCodes = (es: readonly EventRecord[]) => es.filter((e) => e.codes.length > 0);
  const beforeSide: DiffSide = a.known
    ? withCodes(a.value).length > 0
      ? { known: true, tone: "bad", ...codesOf(withCodes(a.value)) }
      : { known: true, words: "no error codes", tone: "good", lines: [] }
    : { known: false, words: `not known: ${a.why}`, tone: "unknown", lines: [] };
  const row: DiffRow = { key: "sign-in-errors", label, change: "same", before: beforeSide, after: { known: false, words: "", tone: "unknown", lines: [] }, meaning: "", problem: true };
  if (!b.known) {
    row.after = { known: false, words: `not known: ${b.why}`, tone: "unknown", lines: [] };
    row.change = "only-before";
    row.meaning = "The second capture has no sign-in events to compare.";
    return row;
  }
  const since = before.time?.seconds;
  const known = a.known ? new Set(a.value.map(signature)) : undefined;
  let undecided = 0;
  const fresh = withCodes(b.value).filter((e) => {
    const t = e.time ? parseCaptureTime(e.time.value) : undefined;
    if (since !== undefined && t !== undefined) return t > since;
    if (known) return !known.has(signature(e));
    undecided++;
    return false;
  });
  if (undecided > 0 && fresh.length === 0) {
    row.after = { known: true, tone: "neutral", ...codesOf(withCodes(b.value)) };
    row.after.words += "; whether they are newer than the first capture is not known";
    row.change = "only-after";
    row.meaning = "The first capture has no sign-in events and no time, so the events of the second cannot be told apart as new.";
    return row;
  }
  row.after = fresh.length > 0 ? { known: true, tone: "bad", ...codesOf(fresh) } : { known: true, words: "none newer than the first capture", tone: "good", lines: [] };
  if (fresh.length > 0) row.after.words = `new since the first capture: ${row.after.words}`;
  if (!a.known) {
    row.change = "only-after";
    row.meaning = fresh.length > 0 ? "Sign-in still fails after the first capture: these errors were logged since." : "No sign-in error was logged since the first capture.";
    return row;
  }
  // Errors before and none since count as better only when the second capture is known to be later.
  const d = TONE_RANK[row.after.tone as Tone] - TONE_RANK[beforeSide.tone as Tone];
  row.change = d < 0 ? "worse" : d > 0 && order.order === "in-order" ? "better" : "same";
  if (d > 0 && row.change === "same") {
    row.meaning = "No sign-in error was logged that the first capture does not already show (which capture is later is not known).";
    return row;
  }
  row.meaning =
    fresh.length > 0
      ? beforeSide.tone === "bad"
        ? "Sign-in errors were still logged after the first capture: the problem was still there when these happened."
        : "New sign-in errors were logged since the first capture."
      : beforeSide.tone === "bad"
        ? "No sign-in error was logged since the first capture."
        : "No sign-in error in either capture.";
  return row;
}

// ---------------------------------------------------------------- the comparison

function info(c: Capture, analysis: Extract<Analysis, { ok: true }>): CaptureInfo {
  const lines = analysis.kind === "bundle" ? analysis.bundle.evidence.lineCount : analysis.kind === "dsregcmd" ? analysis.dsregcmd.evidence.capture.lineCount : 0;
  const out: CaptureInfo = { kind: c.kind, words: captureWords(c), lines };
  if (c.time) out.time = c.time.text;
  return out;
}

type Which = "before" | "after";
const WHICH_WORDS: Record<Which, string> = { before: "the first (before) capture", after: "the second (after) capture" };

function issue(code: string, which: Which | undefined, message: string, hint: string): Issue {
  const out: Issue = { code, severity: "error", path: "(capture)", message, hint };
  if (which) out.file = `<${which}>`;
  return out;
}

/** Compares two analysed captures; pure, never throws. */
export function diffAnalyses(before: Analysis, after: Analysis): CaptureDiff {
  const issues: Issue[] = [];
  const caps: Partial<Record<Which, Capture>> = {};
  for (const [which, a] of [["before", before], ["after", after]] as const) {
    if (!a.ok) {
      for (const i of a.issues) issues.push({ ...i, file: `<${which}>` });
      continue;
    }
    const c = captureOf(a);
    if (!c) {
      issues.push(issue("diff/not-a-capture", which, `${WHICH_WORDS[which]} is not dsregcmd /status output or an evidence bundle.`, "Paste the output of `dsregcmd /status`, or of the read-only command on the analyzer page, taken on the device."));
      continue;
    }
    caps[which] = c;
  }
  if (issues.length > 0 || !caps.before || !caps.after) return { ok: false, issues };
  const b0 = caps.before;
  const b1 = caps.after;

  const identity = compareIdentity(b0, b1);
  const differ = identity.filter((i) => i.match === false);
  if (differ.length > 0) {
    const where = differ.map((i) => `the ${i.label} differs (line ${i.beforeLine} of the first, line ${i.afterLine} of the second)`).join("; ");
    const people = differ.every((i) => i.field === "user-sid" || i.field === "upn");
    const rejoined = differ.some((i) => i.field === "device-id") && identity.some((i) => i.field === "device-name" && i.match === true);
    return {
      ok: false,
      identity,
      issues: [
        issue(
          "diff/different-device",
          undefined,
          `These captures come from ${people ? "two different people" : "two different devices"}: ${where}. They are not compared.`,
          rejoined
            ? "The device name is the same: if the device was joined again between the captures, it has a new device id. Compare two captures taken after the new join."
            : "Take both captures on the same device, signed in as the same person, before and after the step.",
        ),
      ],
    };
  }

  const rows: DiffRow[] = [];
  for (const spec of ROWS) {
    const r = pairRow(spec, b0, b1);
    if (r) rows.push(r);
  }
  const order = compareOrder(b0, b1);
  const ev = eventsRow(b0, b1, order);
  if (ev) rows.push(ev);
  if (!rows.some((r) => r.before.known && r.after.known)) {
    return {
      ok: false,
      identity,
      issues: [
        issue(
          "diff/nothing-in-common",
          undefined,
          `The two captures have nothing in common to compare: ${captureWords(b0)} and ${captureWords(b1)} show different things.`,
          "Take the same command both times: the whole `dsregcmd /status` output, or the whole evidence bundle from the analyzer page.",
        ),
      ],
    };
  }
  const notes: DiffNote[] = [];
  if (!identity.some((i) => i.match === true)) notes.push({ about: "identity", words: "Nothing in both captures identifies the device (device id or name, organisation, user): make sure both come from the same device." });
  if (order.order === "reversed") notes.push({ about: "order", words: `The captures look swapped: ${order.reason}.` });
  return { ok: true, order, identity, rows, before: info(b0, before as Extract<Analysis, { ok: true }>), after: info(b1, after as Extract<Analysis, { ok: true }>), notes };
}

/** Analyses and compares two pastes (text or bytes); pure, never throws. */
export function diffPastes(before: string | Uint8Array, after: string | Uint8Array, options: AnalyzeOptions = {}): CaptureDiff {
  return diffAnalyses(analyzePaste(before, options), analyzePaste(after, options));
}
