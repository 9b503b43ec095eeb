/**
 * `fixpath analyze <file|-> [--json]`: reads a saved evidence bundle (the output of the read-only
 * command on the analyzer page, or one of its parts on its own), `dsregcmd /status` output or an
 * error message (a file, or `-` for stdin), tells which it is and prints what it shows.
 * Messages name the file (`status.txt:12:1`), or `(stdin)`; states are printed as words.
 *
 * Exit codes:
 *   0  analysed: a bundle or `dsregcmd /status` output was parsed (whatever its findings), or the error text
 *      holds at least one error code, app name or known message
 *   1  the input was read but nothing was recognised in it
 *   2  the input cannot be used: no such file, a folder, stdin missing or a terminal, empty,
 *      binary, or larger than the limit (MAX_PASTE_BYTES)
 *   70 internal error (mapped by src/cli/main.ts)
 *
 * Pasted text is printed as text only: control characters in it are shown escaped, so a paste
 * cannot drive the terminal; `--json` relies on JSON escaping.
 */
import { existsSync } from "node:fs";
import { readContentFiles } from "../model/content-fs.ts";
import { type Issue, type KnowledgeBase } from "../model/index.ts";
import { loadKnowledgeBase } from "../model/load/index.ts";
import {
  JOIN_WORDS,
  MAX_PASTE_BYTES,
  PRT_WORDS,
  analyzePaste,
  decodePaste,
  formatSize,
  sectionWords,
  type Analysis,
  type BundleAnalysis,
  type DsregcmdAnalysis,
  type FactsFromEvidence,
  type Recognition,
} from "../evidence/index.ts";
import { APPS, FACTS, checklistUrl, hubUrl, stepUrl, type App, type EvidenceBundle, type FactName } from "../model/index.ts";
import { createRedactorFor, redactJson } from "../report/redact.ts";
import { contentDir } from "./content.ts";
import { EXIT, UserError, readPasteFile, readStdin, type CliIo } from "./io.ts";
import { linkTo, siteBaseUrl } from "./links.ts";
import { renderForPeople } from "./people.ts";
import { plural, printable } from "./text.ts";

export interface AnalyzeArgs {
  /** A file path (relative to cwd) or `-` for stdin. */
  input: string;
  json: boolean;
  /** The site's address for absolute links (else FIXPATH_BASE_URL, else the organisation file's). */
  baseUrl?: string;
  /** Print every point about the bundle that is not confirmed yet (by default, only how many). */
  unconfirmed?: boolean;
  /** With --json: replace identifiers (default true; `--no-redact` keeps them). */
  redact?: boolean;
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
    else err(printable(e.message));
    return e.exitCode;
  }

  const base = siteBaseUrl(io, "analyze", args.baseUrl);
  // Reject unusable input before reading the content folder.
  const decoded = decodePaste(bytes);
  const kb = decoded.ok ? loadKb(io, err) : undefined;
  let analysis: Analysis = decoded.ok ? analyzePaste(decoded.text, kb ? { kb } : {}) : { ok: false, issues: [decoded.issue] };
  // The text is already decoded: report the encoding of the bytes that were read.
  if (decoded.ok && analysis.ok) analysis = { ...analysis, encoding: decoded.encoding };
  analysis = namedInput(analysis, args.input === "-" ? "(stdin)" : args.input);
  if (args.json) {
    out(JSON.stringify(args.redact === false ? { ...analysis, redaction: { applied: false } } : { ...redactAnalysis(analysis), redaction: { applied: true } }, null, 2));
  } else if (!analysis.ok) {
    for (const issue of analysis.issues) err(printable(renderForPeople("analyze", issue)));
  } else {
    const linker = pageLinker(kb, analysis, base);
    const hasGuide = kb ? (code: string) => APPS.some((app) => kb.scenarios.has(`${code}/${app}`)) : undefined;
    out(renderAnalysis(analysis, { bundle: kb?.bundle, link: linker, unconfirmed: Boolean(args.unconfirmed), ...(hasGuide ? { hasGuide } : {}) }));
  }
  if (!analysis.ok) return EXIT.usage;
  if (analysis.kind === "error-text" && !analysis.recognised) {
    if (!args.json) err("Nothing recognised: this is not an evidence bundle or `dsregcmd /status` output, and holds no known error code, app name or message.\n  Fix: run the command from the analyzer page (/analyze/) and pass its output, or pass the text of the error message.");
    return EXIT.problems;
  }
  return EXIT.ok;
}

/**
 * The analysis with every identifier replaced, wherever it sits in the JSON (issue 26): the
 * project's one redactor for pastes, fed with the identifier values the paste's parsed fields hold
 * (device and tenant names and ids, UPNs, SIDs, profile folders, credential targets…), plus its
 * patterns (e-mail, GUID, SID, profile path, DOMAIN\user, computer names, hosts in URLs, IP
 * addresses, phone numbers). Facts, states and line numbers are not identifiers and read the same.
 */
export function redactAnalysis(analysis: Analysis): Analysis {
  return redactJson(analysis, createRedactorFor(analysis));
}

/** Messages name the file that was read, not a placeholder (issue 14, item 10). */
function namedInput(analysis: Analysis, name: string): Analysis {
  const rename = <T extends Issue>(i: T): T => (i.file === undefined || i.file === "<paste>" ? { ...i, file: name } : i);
  if (!analysis.ok) return { ...analysis, issues: analysis.issues.map(rename) };
  if (analysis.kind === "dsregcmd") return { ...analysis, dsregcmd: { ...analysis.dsregcmd, warnings: analysis.dsregcmd.warnings.map(rename) } };
  return analysis;
}

function readInputFile(input: string, cwd: string): Uint8Array {
  return readPasteFile("analyze", input, cwd, { missing: "pass a saved output, e.g. `dsregcmd /status > status.txt`, or - for stdin", tooBig: "pass only the output of `dsregcmd /status` or the error message" });
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
  if (read.total > MAX_PASTE_BYTES) {
    throw new UserError(
      `fixpath analyze: standard input is ${read.complete ? "" : "more than "}${formatSize(read.total)}; at most ${formatSize(MAX_PASTE_BYTES)} is read\n  Fix: pass only the output of the evidence bundle, \`dsregcmd /status\` or the error message`,
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

const MARK = { pass: "✔ pass", warn: "! warn", fail: "✖ fail" } as const;


/** A state as words: `not-tested` → `not tested`. */
export function words(state: string): string {
  return STATE_WORDS[state] ?? state.replace(/-/g, " ");
}

const STATE_WORDS: Record<string, string> = {
  "disabled-or-deleted": "disabled or deleted in Entra",
  "test-failed": "the check could not run",
  "recovery-pending": "flagged for recovery",
  "not-set": "not set",
};

/** The question a fact answers, in words (from src/model/facts.ts). */
function question(fact: FactName): string {
  return FACTS[fact].description.replace(/\.$/, "").replace(/ \(.*\)$/, "");
}

function answer(value: unknown): string {
  return value === true ? "yes" : value === false ? "no" : String(value);
}

/** How the text report links a page: a site path made absolute (with a base URL) and pointed at the code and app found. */
export type Linker = (href: string) => string;

export interface RenderOptions {
  bundle?: EvidenceBundle;
  link?: Linker;
  /** List every "not confirmed yet" point (default: say how many). */
  unconfirmed?: boolean;
  /** Whether a code has a guided diagnostic (a scenario); without it, a finding points at the code's page. */
  hasGuide?: (code: string) => boolean;
}

/** The readable report for an analysis that succeeded. */
export function renderAnalysis(analysis: Extract<Analysis, { ok: true }>, options: RenderOptions = {}): string {
  const link = options.link ?? ((h: string) => h);
  const lines =
    analysis.kind === "dsregcmd"
      ? renderDsregcmd(analysis.dsregcmd, analysis.encoding, link)
      : analysis.kind === "bundle"
        ? renderBundle(analysis.bundle, analysis.encoding, options, link)
        : [`Error text (${analysis.encoding})`, ""];
  lines.push(...renderRecognition(analysis.recognition, link));
  return printable(lines.join("\n").trimEnd());
}

/**
 * Findings link the steps of the CAA50021 OneDrive guide and the CAA50021 checklist (src/evidence/links.ts).
 * When the paste names another code or app that has the same step or checklist item, the link goes
 * to that page instead; with a base URL, every link is absolute.
 */
export function pageLinker(kb: KnowledgeBase | undefined, analysis: Analysis, base: string | undefined): Linker {
  if (!analysis.ok || !kb) return (href) => linkTo(base, href);
  const codes = [...analysis.recognition.codes.map((c) => c.hub), ...(analysis.kind === "bundle" ? analysis.bundle.findings.map((f) => f.switchTo?.code) : [])].filter((c): c is string => c !== undefined);
  const apps = analysis.recognition.apps.map((a) => a.app as App);
  return (href) => {
    const m = /^\/codes\/([^/]+)\/(?:([a-z]+)\/)?(?:#(.+))?$/.exec(href);
    if (!m) return linkTo(base, href);
    const [, code, part, anchor] = m;
    const candidates = codes.length ? codes : [code!];
    for (const c of candidates) {
      if (part === "admin" && anchor && kb.checklists.get(c)?.items.some((i) => i.id === anchor)) return linkTo(base, checklistUrl(c, anchor));
      if (part && part !== "admin") {
        const stepId = anchor?.replace(/^fix-/, "");
        for (const app of apps.length ? apps : [part as App]) {
          const sc = kb.scenarios.get(`${c}/${app}`);
          if (sc && stepId && sc.steps.some((st) => st.id === stepId)) return linkTo(base, stepUrl(c, app, stepId));
        }
      }
    }
    return linkTo(base, href);
  };
}

function lineList(lines: readonly number[]): string {
  if (lines.length === 0) return "";
  return lines.length === 1 ? `line ${lines[0]}` : `lines ${lines.join(", ")}`;
}

function renderDsregcmd(a: DsregcmdAnalysis, encoding: string, link: Linker): string[] {
  const ev = a.evidence;
  const s = a.state;
  const out = [
    `dsregcmd /status output (${ev.layout} layout, ${ev.capture.lineCount} lines, ${encoding})${ev.capture.truncated ? ": PARTIAL, the paste was cut off" : ""}`,
    "",
    `  Join type:     ${JOIN_WORDS[s.joinType.value]}`,
    `  PRT:           ${PRT_WORDS[s.prt.value]}`,
    `  Device object: ${words(s.deviceAuth.value)}`,
    `  Device keys:   ${words(s.keyHealth.value)}`,
    `  Hybrid join:   ${words(s.preJoin.value)}${s.preJoin.phase ? ` (${words(s.preJoin.phase)} phase)` : ""}`,
    `  Ran elevated:  ${s.elevated.value === "elevated" ? "yes" : s.elevated.value === "not-elevated" ? "no" : "unknown"}`,
    `  WAM default:   ${words(s.wamDefault.value)}`,
    `  MDM URLs:      ${words(s.mdmUrls.value)}${s.mdmUrls.value === "present" ? " (tenant setting; does not prove the device is managed)" : ""}`,
    "",
    "Findings",
  ];
  if (a.findings.length === 0) out.push("  (none: the paste holds no field these checks read)");
  out.push(...renderFindings(a.findings, link));
  out.push(...renderFacts(a.facts));
  if (a.warnings.length > 0) {
    out.push("", `Warnings (${a.warnings.length})`);
    for (const w of a.warnings) out.push(indent(renderWarning(w)));
  }
  if (ev.extras.length > 0) {
    const inside = ev.extras.filter((x) => x.reason !== "before-output" && x.reason !== "after-output").length;
    out.push("", `Kept as extras: ${plural(ev.extras.length, "line")} not used (${inside} inside the output); see --json.`);
  }
  out.push("");
  return out;
}

function renderFindings(findings: readonly { status: keyof typeof MARK; message: string; lines: number[]; link: { title: string; href: string } }[], link: Linker): string[] {
  const out: string[] = [];
  for (const f of findings) {
    out.push(`  ${MARK[f.status]}  ${f.message}${f.lines.length ? ` (${lineList(f.lines)})` : ""}`);
    out.push(`          see ${f.link.title}: ${link(f.link.href)}`);
  }
  return out;
}

function renderFacts(facts: FactsFromEvidence): string[] {
  const out = ["", "Answers for the diagnostic"];
  if (facts.support.length === 0) out.push("  (none: the paste does not settle any question)");
  for (const f of facts.support) out.push(`  ${question(f.fact)}: ${answer(f.value)}  (${f.because}; ${lineList(f.lines)})`);
  for (const n of facts.notes) out.push(`  - ${n}`);
  return out;
}

const SECTION_STATE_WORDS = { read: "read", partial: "read, with an error besides", denied: "access denied", error: "printed an error", empty: "empty" } as const;

function renderBundle(a: BundleAnalysis, encoding: string, options: RenderOptions, link: Linker): string[] {
  const content = options.bundle;
  const ev = a.evidence;
  const ids = Object.keys(ev.sections);
  const head = ev.marked
    ? `Evidence bundle (${ev.lineCount} lines, ${encoding}, ${ids.length} part${ids.length === 1 ? "" : "s"} read)${ev.complete ? "" : ": PARTIAL, the paste stops before the end"}`
    : `One part of the evidence bundle, on its own: ${sectionWords(ids[0] as keyof typeof ev.sections)} (${ev.lineCount} lines, ${encoding})`;
  const out = [head, ""];
  const width = Math.max(...a.card.map((r) => r.label.length)) + 2;
  for (const r of a.card) out.push(`  ${`${r.label}:`.padEnd(width)}${r.value}${r.lines.length ? `  (${lineList(r.lines)})` : ""}`);
  out.push("", "Parts of the paste");
  for (const [id, s] of Object.entries(ev.sections)) {
    out.push(`  ${sectionWords(id as keyof typeof ev.sections)}: ${SECTION_STATE_WORDS[s.state]}${s.from ? ` (${s.from === s.to ? `line ${s.from}` : `lines ${s.from}–${s.to}`})` : ""}${s.error ? `: ${s.error.text}` : ""}`);
  }
  out.push("", "Findings");
  if (a.findings.length === 0) out.push("  (none)");
  out.push(...renderFindings(a.findings, link));
  for (const f of a.findings) {
    if (!f.switchTo) continue;
    const guided = options.hasGuide?.(f.switchTo.code) ?? true;
    out.push(guided ? `  → This looks like ${f.switchTo.display}: fixpath diagnose ${f.switchTo.code}` : `  → This looks like ${f.switchTo.display}, which has no guided diagnostic yet: read its page, ${link(hubUrl(f.switchTo.code))}`);
  }
  out.push(...renderFacts(a.facts));
  if (ev.notes.length > 0) {
    out.push("", "Notes on the paste");
    for (const n of ev.notes) out.push(`  - ${n.message}`);
  }
  // The points not confirmed yet are the same on every run: listed on request, counted otherwise.
  const points = unconfirmedFor(content, ids);
  if (points.length > 0 && options.unconfirmed) {
    out.push("", "Not confirmed yet");
    for (const p of points) out.push(`  - ${p}`);
  } else if (points.length > 0) {
    out.push("", `${plural(points.length, "point")} about what these parts show ${points.length === 1 ? "is" : "are"} not confirmed yet: add --unconfirmed to list them.`);
  }
  out.push("");
  return out;
}

/** The bundle's UNCONFIRMED points that bear on the parts in the paste, in the reader's words. */
function unconfirmedFor(content: EvidenceBundle | undefined, ids: readonly string[]): string[] {
  if (!content) return [];
  const wanted = new Set(["untested"]);
  for (const s of content.sections) if (ids.includes(s.id)) for (const u of s.unconfirmed ?? []) wanted.add(u);
  if (ids.includes("listaccounts")) wanted.add("listaccounts");
  if (ids.includes("ver")) wanted.add("ver-language");
  if (ids.includes("os")) wanted.add("multi-session");
  return content.unconfirmed.filter((u) => wanted.has(u.id)).map((u) => u.text);
}

function renderRecognition(r: Recognition, link: Linker): string[] {
  const out: string[] = [];
  if (r.codes.length > 0) {
    out.push("Error codes");
    for (const c of r.codes) {
      out.push(`  ${c.display}  written ${c.written.join(", ")}  (line ${c.line})${c.hub ? `  → ${link(hubUrl(c.hub))}` : "  (no page yet)"}`);
    }
  }
  if (r.apps.length > 0) out.push(`Apps named: ${r.apps.map((a) => a.app).join(", ")}`);
  if (r.phrases.length > 0) out.push(`Known messages on ${r.phrases.length === 1 ? "line" : "lines"} ${r.phrases.map((p) => p.line).join(", ")}${r.phrases.some((p) => p.hubs.length) ? ` (about ${[...new Set(r.phrases.flatMap((p) => p.hubs))].map((h) => link(hubUrl(h))).join(", ")})` : ""}`);
  if (r.candidates.length > 0) {
    out.push("", "Pages that may help");
    for (const c of r.candidates) out.push(`  ${link(c.url)}  ${c.title}  (${c.reasons.join("; ")})`);
  }
  return out;
}

/** A parser warning in words: where, what, and the fix; its code stays in --json. */
function renderWarning(w: Issue): string {
  const where = w.line !== undefined ? `line ${w.line}: ` : "";
  return [`${where}${w.message}`, ...(w.hint ? [`  Fix: ${w.hint}`] : [])].join("\n");
}

function indent(text: string): string {
  return text
    .split("\n")
    .map((l) => `  ${l}`)
    .join("\n");
}
