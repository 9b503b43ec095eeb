/**
 * `fixpath diff BEFORE AFTER [--json]`: compares two captures of one device (`dsregcmd /status`
 * output or evidence bundles, in any mix; files, or `-` for stdin once) and prints what changed,
 * what it means, and the lines in each capture. Nothing is sent anywhere.
 *
 * Exit codes:
 *   0  compared (whatever changed)
 *   1  the captures cannot be compared: two devices or people, nothing in common, or one of them
 *      is not a capture (error text)
 *   2  usage: a file missing, both `-`, stdin a terminal; empty, binary or too large input
 *   70 internal error (mapped by src/cli/main.ts)
 */
import { renderIssue, type Issue } from "../model/index.ts";
import { MAX_PASTE_BYTES, analyzePaste } from "../evidence/index.ts";
import { diffAnalyses, type CaptureDiff, type DiffRow, type DiffSide } from "../evidence/diff/index.ts";
import { printable } from "./text.ts";
import { EXIT, UserError, readPasteFile, readStdin, type CliIo } from "./io.ts";

export interface DiffArgs {
  before: string;
  after: string;
  json: boolean;
}

/** Input problems that mean the input cannot be used at all (exit 2), as analyze treats them. */
const UNUSABLE = new Set(["dsreg/empty-input", "dsreg/binary-input", "dsreg/too-large"]);

/** Runs `fixpath diff`; returns the exit code (see the table above). */
export async function runDiff(args: DiffArgs, io: CliIo): Promise<number> {
  const out = (s: string) => io.stdout.write(s.endsWith("\n") ? s : s + "\n");
  const err = (s: string) => io.stderr.write(s.endsWith("\n") ? s : s + "\n");
  if (args.before === "-" && args.after === "-") {
    throw new UserError("fixpath diff: only one of BEFORE and AFTER can be - (standard input)\n  Fix: save one capture to a file, e.g. `dsregcmd /status > after.txt`", EXIT.usage);
  }
  const name = (p: string) => (p === "-" ? "(stdin)" : p);
  const before = args.before === "-" ? await readInput(io) : readInput(io, args.before);
  const after = args.after === "-" ? await readInput(io) : readInput(io, args.after);
  const diff = named(diffAnalyses(analyzePaste(await before, { maxBytes: MAX_PASTE_BYTES }), analyzePaste(await after, { maxBytes: MAX_PASTE_BYTES })), name(args.before), name(args.after));

  if (args.json) out(JSON.stringify(args.json && diff.ok ? { ...diff, input: { before: name(args.before), after: name(args.after) } } : diff, null, 2));
  else if (!diff.ok) for (const i of diff.issues) err(printable(renderIssue(i)));
  else out(renderDiff(diff, { before: name(args.before), after: name(args.after) }));
  if (diff.ok) return EXIT.ok;
  return diff.issues.some((i) => UNUSABLE.has(i.code)) ? EXIT.usage : EXIT.problems;
}

/** Issues name the file they are about, not a placeholder. */
function named(diff: CaptureDiff, before: string, after: string): CaptureDiff {
  if (diff.ok) return diff;
  const rename = (i: Issue): Issue => (i.file === "<before>" ? { ...i, file: before } : i.file === "<after>" ? { ...i, file: after } : i.file === undefined ? { ...i, file: `${before} + ${after}` } : i);
  return { ...diff, issues: diff.issues.map(rename) };
}

function readInput(io: CliIo): Promise<Uint8Array>;
function readInput(io: CliIo, input: string): Uint8Array;
function readInput(io: CliIo, input?: string): Uint8Array | Promise<Uint8Array> {
  if (input === undefined) return readInputStdin(io);
  return readPasteFile("diff", input, io.cwd, { missing: "pass two saved captures, e.g. `dsregcmd /status > before.txt` before the step and `after.txt` after it", tooBig: "pass the output of `dsregcmd /status` or of the evidence bundle only" });
}

async function readInputStdin(io: CliIo): Promise<Uint8Array> {
  const read = await readStdin(io, MAX_PASTE_BYTES);
  if (read.kind === "none") throw new UserError("fixpath diff: no standard input to read from\n  Fix: pass a file instead of -", EXIT.usage);
  if (read.kind === "terminal") throw new UserError("fixpath diff: - reads standard input, but it is a terminal\n  Fix: pipe one capture in, e.g. `dsregcmd /status | npx fixpath diff before.txt -`", EXIT.usage);
  return read.bytes;
}

// ---------------------------------------------------------------- rendering

const MARK: Record<DiffRow["change"], string> = { better: "▲ better ", worse: "▼ worse  ", changed: "~ changed", same: "= same   ", "only-before": "? first only", "only-after": "? second only" };

const at = (lines: readonly number[]) => (lines.length === 0 ? "" : lines.length === 1 ? ` (line ${lines[0]})` : ` (lines ${lines.join(", ")})`);
const sideText = (s: DiffSide) => `${s.words}${at(s.lines)}`;

/** The readable comparison, as `fixpath diff` prints it; pure. */
export function renderDiff(diff: Extract<CaptureDiff, { ok: true }>, files: { before: string; after: string }): string {
  const info = (label: string, file: string, i: typeof diff.before) => `  ${label} ${file}: ${i.words}, ${i.lines} lines${i.time ? `, taken ${i.time}` : ""}`;
  const lines = ["Comparing two captures", info("before:", files.before, diff.before), info("after: ", files.after, diff.after)];
  const same = diff.identity.filter((i) => i.match === true).map((i) => i.label);
  lines.push(`  same device: ${same.length ? `${same.join(", ")} match` : "not shown (nothing in both captures identifies the device)"}`);
  lines.push(`  order: ${diff.order.reason}${diff.order.order === "reversed" ? "  ← check the order" : ""}`);
  // The "same device" and "order" lines above say what the identity and order notes say.
  for (const n of diff.notes) if (n.about !== "identity" && n.about !== "order") lines.push(`  note: ${n.words}`);

  const changed = diff.rows.filter((r) => r.change === "better" || r.change === "worse" || r.change === "changed");
  const unchanged = diff.rows.filter((r) => r.change === "same");
  const single = diff.rows.filter((r) => r.change === "only-before" || r.change === "only-after");
  lines.push("", changed.length ? `What changed (${changed.length})` : "What changed: nothing that both captures show");
  for (const r of changed) lines.push(`  ${MARK[r.change]}  ${r.label}`, `      before: ${sideText(r.before)}`, `      after:  ${sideText(r.after)}`, `      ${r.meaning}`);
  if (unchanged.length) {
    lines.push("", `Unchanged (${unchanged.length})`);
    for (const r of unchanged) lines.push(`  ${MARK.same}  ${r.label}: ${sideText(r.after)}${r.after.tone === "bad" ? "  (still a problem)" : ""}`);
  }
  if (single.length) {
    lines.push("", `Shown in one capture only (${single.length})`);
    for (const r of single) {
      const s = r.change === "only-before" ? r.before : r.after;
      lines.push(`  ${MARK[r.change]}  ${r.label}: ${sideText(s)}`);
    }
  }
  return printable(lines.join("\n"));
}
