/**
 * `fixpath analyze <file|-> [--json]`: reads a saved `dsregcmd /status` output or an error
 * message (a file, or `-` for stdin), tells which it is and prints what it shows.
 *
 * Exit codes:
 *   0  analysed: `dsregcmd /status` output was parsed (whatever its findings), or the error text
 *      holds at least one error code, app name or known message
 *   1  the input was read but nothing was recognised in it
 *   2  the input cannot be used: no such file, a folder, stdin missing or a terminal, empty,
 *      binary, or larger than the limit (MAX_PASTE_BYTES)
 *   70 internal error (mapped by src/cli/main.ts)
 *
 * Pasted text is printed as text only: control characters in it are shown escaped, so a paste
 * cannot drive the terminal; `--json` relies on JSON escaping.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { readContentFiles } from "../model/content-fs.ts";
import { renderIssue, type Issue, type KnowledgeBase } from "../model/index.ts";
import { loadKnowledgeBase } from "../model/load/index.ts";
import {
  MAX_PASTE_BYTES,
  analyzePaste,
  decodePaste,
  formatSize,
  type Analysis,
  type DsregcmdAnalysis,
  type Recognition,
} from "../evidence/index.ts";
import { contentDir } from "./content.ts";
import { EXIT, UserError, readStdin, type CliIo } from "./io.ts";

export interface AnalyzeArgs {
  /** A file path (relative to cwd) or `-` for stdin. */
  input: string;
  json: boolean;
}

/** Runs `fixpath analyze`; returns the exit code (see the table above). */
export async function runAnalyze(args: AnalyzeArgs, io: CliIo): Promise<number> {
  const out = (s: string) => io.stdout.write(s.endsWith("\n") ? s : s + "\n");
  const err = (s: string) => io.stderr.write(s.endsWith("\n") ? s : s + "\n");
  let bytes: Uint8Array;
  try {
    bytes = args.input === "-" ? await readInputStdin(io) : readInputFile(args.input, io.cwd);
  } catch (e) {
    if (!(e instanceof UserError)) throw e;
    if (args.json) {
      const issue: Issue = { code: "cli/unreadable-input", severity: "error", path: "(input)", message: e.message.split("\n")[0]! };
      out(JSON.stringify({ ok: false, issues: [issue] }, null, 2));
    }
    else err(e.message);
    return e.exitCode;
  }

  // Reject unusable input before reading the content folder.
  const decoded = decodePaste(bytes);
  const kb = decoded.ok ? loadKb(io, err) : undefined;
  let analysis: Analysis = decoded.ok ? analyzePaste(decoded.text, kb ? { kb } : {}) : { ok: false, issues: [decoded.issue] };
  // The text is already decoded: report the encoding of the bytes that were read.
  if (decoded.ok && analysis.ok) analysis = { ...analysis, encoding: decoded.encoding };
  if (args.json) {
    out(JSON.stringify(analysis, null, 2));
  } else if (!analysis.ok) {
    for (const issue of analysis.issues) err(printable(renderIssue(issue)));
  } else {
    out(renderAnalysis(analysis));
  }
  if (!analysis.ok) return EXIT.usage;
  if (analysis.kind === "error-text" && !analysis.recognised) {
    if (!args.json) err("Nothing recognised: this is not `dsregcmd /status` output and holds no known error code, app name or message.");
    return EXIT.problems;
  }
  return EXIT.ok;
}

function readInputFile(input: string, cwd: string): Uint8Array {
  const path = resolve(cwd, input);
  if (!existsSync(path)) throw new UserError(`fixpath analyze: no such file: ${input}\n  Fix: pass a saved output, e.g. \`dsregcmd /status > status.txt\`, or - for stdin`, EXIT.usage);
  const stat = statSync(path);
  if (!stat.isFile()) throw new UserError(`fixpath analyze: not a file: ${input}`, EXIT.usage);
  if (stat.size > MAX_PASTE_BYTES) {
    throw new UserError(
      `fixpath analyze: ${input} is ${formatSize(stat.size)}; at most ${formatSize(MAX_PASTE_BYTES)} is read\n  Fix: pass only the output of \`dsregcmd /status\` or the error message`,
      EXIT.usage,
    );
  }
  try {
    return readFileSync(path);
  } catch {
    throw new UserError(`fixpath analyze: cannot read ${input}`, EXIT.usage);
  }
}

async function readInputStdin(io: CliIo): Promise<Uint8Array> {
  const read = await readStdin(io, MAX_PASTE_BYTES);
  if (read.kind === "none") throw new UserError("fixpath analyze: no standard input to read from\n  Fix: pass a file instead of -", EXIT.usage);
  if (read.kind === "terminal") {
    throw new UserError(
      "fixpath analyze: - reads standard input, but it is a terminal\n  Fix: pipe the text in, e.g. `dsregcmd /status | npx fixpath analyze -`, or pass a file",
      EXIT.usage,
    );
  }
  return read.bytes;
}

function loadKb(io: CliIo, err: (s: string) => void): KnowledgeBase | undefined {
  const dir = contentDir(io);
  if (!existsSync(dir)) return undefined;
  const result = loadKnowledgeBase(readContentFiles(dir, io.cwd));
  if (!result.kb) err("note: the content has problems (run `fixpath validate`), so no pages are suggested.");
  return result.kb;
}

// ---------------------------------------------------------------- rendering

/** Escapes control characters (except newline and tab) so pasted text cannot drive the terminal. */
export function printable(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

const MARK = { pass: "✔ pass", warn: "! warn", fail: "✖ fail" } as const;

const JOIN_NAMES: Record<string, string> = {
  "entra-joined": "Microsoft Entra joined",
  "hybrid-joined": "Microsoft Entra hybrid joined",
  registered: "Microsoft Entra registered",
  "domain-joined-only": "domain joined only",
  "on-premises-drs-joined": "on-premises DRS joined",
  "not-joined": "not joined",
  unknown: "unknown",
};

/** The readable report for an analysis that succeeded. */
export function renderAnalysis(analysis: Extract<Analysis, { ok: true }>): string {
  const lines =
    analysis.kind === "dsregcmd"
      ? renderDsregcmd(analysis.dsregcmd, analysis.encoding)
      : [`Error text (${analysis.encoding})`, ""];
  lines.push(...renderRecognition(analysis.recognition));
  return printable(lines.join("\n").trimEnd());
}

function lineList(lines: readonly number[]): string {
  if (lines.length === 0) return "";
  return lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(", ")}`;
}

function renderDsregcmd(a: DsregcmdAnalysis, encoding: string): string[] {
  const ev = a.evidence;
  const s = a.state;
  const out = [
    `dsregcmd /status output (${ev.layout} layout, ${ev.capture.lineCount} lines, ${encoding})${ev.capture.truncated ? ": PARTIAL, the paste was cut off" : ""}`,
    "",
    `  Join type:     ${JOIN_NAMES[s.joinType.value] ?? s.joinType.value}`,
    `  PRT:           ${s.prt.value}`,
    `  Device object: ${s.deviceAuth.value}`,
    `  Device keys:   ${s.keyHealth.value}`,
    `  Hybrid join:   ${s.preJoin.value}${s.preJoin.phase ? ` (${s.preJoin.phase} phase)` : ""}`,
    `  Ran elevated:  ${s.elevated.value}`,
    `  WAM default:   ${s.wamDefault.value}`,
    `  MDM URLs:      ${s.mdmUrls.value}${s.mdmUrls.value === "present" ? " (tenant setting; does not prove the device is managed)" : ""}`,
    "",
    "Findings",
  ];
  if (a.findings.length === 0) out.push("  (none: the paste holds no field these checks read)");
  for (const f of a.findings) {
    out.push(`  ${MARK[f.status]}  ${f.id}: ${f.message} (${lineList(f.lines)})`);
    out.push(`          see ${f.link.title}: ${f.link.href}`);
  }
  out.push("", "Facts for the diagnostic");
  if (a.facts.support.length === 0) out.push("  (none)");
  for (const f of a.facts.support) out.push(`  ${f.fact} = ${String(f.value)}  (${f.because}; ${lineList(f.lines)})`);
  for (const n of a.facts.notes) out.push(`  - ${n}`);
  if (a.warnings.length > 0) {
    out.push("", `Warnings (${a.warnings.length})`);
    for (const w of a.warnings) out.push(indent(renderIssue(w)));
  }
  if (ev.extras.length > 0) {
    const inside = ev.extras.filter((x) => x.reason !== "before-output" && x.reason !== "after-output").length;
    out.push("", `Kept as extras: ${ev.extras.length} line(s) not used (${inside} inside the output); see --json.`);
  }
  out.push("");
  return out;
}

function renderRecognition(r: Recognition): string[] {
  const out: string[] = [];
  if (r.codes.length > 0) {
    out.push("Error codes");
    for (const c of r.codes) {
      out.push(`  ${c.display}  written ${c.written.join(", ")}  (line ${c.line})${c.hub ? `  → /codes/${c.hub}/` : "  (no page yet)"}`);
    }
  }
  if (r.apps.length > 0) out.push(`Apps named: ${r.apps.map((a) => a.app).join(", ")}`);
  if (r.phrases.length > 0) out.push(`Known messages: ${r.phrases.map((p) => `${p.id} (line ${p.line})`).join(", ")}`);
  if (r.candidates.length > 0) {
    out.push("", "Pages that may help");
    for (const c of r.candidates) out.push(`  ${c.url}  ${c.title}  (${c.reasons.join("; ")})`);
  }
  return out;
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}
