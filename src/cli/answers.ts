/**
 * Answers for `fixpath diagnose` and `fixpath report` without questions (issue 26: "a ticket from
 * a paste"), from up to two places:
 *
 * - `--answers FILE|-`: a JSON object of facts (`{"managed": true}`), or the JSON that
 *   `fixpath analyze --json` prints, whose settled facts are taken (they are the analyzer's, and the
 *   report says so).
 * - `--evidence FILE|-`: a saved `dsregcmd /status` or evidence bundle, analysed here (sent
 *   nowhere); its settled facts are answers, its findings go to the report.
 *
 * An answer given in the file that the evidence contradicts is refused, naming the fact, both values
 * and how to fix it: never silently overridden either way.
 */
import { UNKNOWN, parseFacts } from "../engine/index.ts";
import { analyzePaste, decodePaste, formatSize, MAX_PASTE_BYTES, type DsregcmdAnalysis, type FactSupport } from "../evidence/index.ts";
import { FACTS, isFactName, type FactName, type FactValue, type Facts, type Issue, type KnowledgeBase } from "../model/index.ts";
import { bundleFindings, collectBundleIdentifiers, collectIdentifiers, type FoundAnswer, type ReportFindingGroup } from "../report/index.ts";
import { EXIT, UserError, readPasteFile, readStdin, type CliIo } from "./io.ts";
import { readJson } from "./json-input.ts";
import { renderForPeople } from "./people.ts";

/** Facts with where each settled one came from (`found`: those an analyzer read). */
export interface Answers {
  facts: Facts;
  found: FoundAnswer[];
  /** Facts the file answers "unknown": the person's "I don't know". */
  dontKnow?: FactName[];
}

/** A pasted `dsregcmd /status` or evidence bundle, analysed for the diagnostic and the report. */
export interface EvidenceRead {
  /** The file as named on the command line, or "standard input". */
  name: string;
  /** What it is, in words: "the evidence bundle", "dsregcmd /status". */
  source: string;
  /** The facts it settles, each with what it read and its lines. */
  support: FactSupport[];
  /** For the report: a dsregcmd analysis (its own findings group), or the bundle's findings group. */
  dsregcmd?: DsregcmdAnalysis;
  groups: ReportFindingGroup[];
  /** Identifier values it holds, redacted wherever they appear in the report. */
  identifiers: string[];
}

/** The largest answers file read: fixpath analyze's JSON for the largest bundle it reads stays well under. */
const MAX_ANSWERS_BYTES = 16 * 1024 * 1024;

/** Where the answers were read from, in messages. */
function answersName(source: string): string {
  return source === "-" ? "the answers on standard input" : source;
}

/** Reads `--answers`: a JSON object of facts, or `fixpath analyze --json` output (its settled facts). */
export async function readAnswers(command: string, source: string, io: CliIo): Promise<Answers & { fromAnalysis?: string }> {
  const where = source === "-" ? "<stdin>" : source;
  const bytes = source === "-" ? await readAnswersStdin(command, io) : readAnswersFile(command, source, io);
  const read = readJson(bytes, MAX_ANSWERS_BYTES);
  if (!read.ok) {
    throw issuesError(command, [{ code: "cli/bad-answers-json", severity: "error", file: where, ...read.place, path: "(answers)", message: `the answers are ${read.problem}`, hint: `${read.hint}, or pass what \`fixpath analyze --json\` printed` }]);
  }
  const data = read.value;
  const analysis = analysisAnswers(command, data, source);
  if (analysis) return analysis;
  const parsed = parseFacts(data);
  if (!parsed.ok) throw issuesError(command, parsed.issues.map((i) => ({ ...i, file: where, ...(i.path !== "(facts)" ? read.placeOf([i.path]) : undefined) })));
  const dontKnow = Object.entries(data as Record<string, unknown>).filter(([fact, value]) => value === UNKNOWN && isFactName(fact)).map(([fact]) => fact as FactName);
  return { facts: parsed.facts, found: [], ...(dontKnow.length > 0 ? { dontKnow } : {}) };
}

/**
 * `fixpath analyze --json` output: its settled facts, each labelled as the analyzer's. Undefined
 * for anything else (an object of facts). An analysis that settles nothing usable says so.
 */
function analysisAnswers(command: string, data: unknown, source: string): (Answers & { fromAnalysis: string }) | undefined {
  if (!data || typeof data !== "object" || Array.isArray(data)) return undefined;
  const d = data as { ok?: unknown; kind?: unknown; issues?: unknown; dsregcmd?: { facts?: unknown }; bundle?: { facts?: unknown } };
  const looksLikeAnalysis = typeof d.ok === "boolean" && ("kind" in d || "issues" in d);
  if (!looksLikeAnalysis) return undefined;
  const name = answersName(source);
  if (d.ok !== true) {
    throw new UserError(`fixpath ${command}: ${name} is fixpath analyze's JSON for a paste it could not read, so it holds no answers\n  Fix: run fixpath analyze on the saved output again, or pass the saved output itself with --evidence`);
  }
  if (d.kind !== "dsregcmd" && d.kind !== "bundle") {
    throw new UserError(`fixpath ${command}: ${name} is fixpath analyze's JSON for an error message, which answers no question\n  Fix: pass an analysis of the evidence bundle or of dsregcmd /status output, or a JSON object of answers such as { "managed": true }`);
  }
  const facts = (d.kind === "dsregcmd" ? d.dsregcmd : d.bundle)?.facts as { support?: unknown } | undefined;
  const support = Array.isArray(facts?.support) ? (facts.support as unknown[]) : undefined;
  if (!support) {
    throw new UserError(`fixpath ${command}: ${name} looks like fixpath analyze's JSON but has no "facts" (it may come from another version, or was edited)\n  Fix: run fixpath analyze FILE --json again with this version, or pass the saved output itself with --evidence`);
  }
  const what = d.kind === "bundle" ? "the evidence bundle" : "dsregcmd /status";
  const raw: Record<string, unknown> = {};
  for (const s of support as { fact?: unknown; value?: unknown }[]) if (typeof s?.fact === "string") raw[s.fact] = s.value;
  const parsed = parseFacts(raw);
  if (!parsed.ok) throw issuesError(command, parsed.issues.map((i) => ({ ...i, file: source === "-" ? "<stdin>" : source })));
  const found: FoundAnswer[] = (support as { fact: string; value: FactValue; because?: unknown; lines?: unknown }[])
    .filter((s) => typeof s?.fact === "string" && s.fact in parsed.facts)
    .map((s) => ({
      fact: s.fact,
      value: parsed.facts[s.fact as FactName] as FactValue,
      source: what,
      because: typeof s.because === "string" ? s.because : "",
      lines: Array.isArray(s.lines) ? s.lines.filter((n): n is number => typeof n === "number") : [],
    }));
  return { facts: parsed.facts, found, fromAnalysis: name };
}

/** Reads and analyses `--evidence`: a saved dsregcmd /status or evidence bundle; anything else is refused. */
export async function readEvidence(command: string, source: string, io: CliIo, kb: KnowledgeBase): Promise<EvidenceRead> {
  const name = source === "-" ? "standard input" : source;
  const bytes = source === "-" ? await readEvidenceStdin(command, io) : readEvidenceFile(command, source, io);
  const decoded = decodePaste(bytes);
  if (!decoded.ok) throw issuesError(command, [{ ...decoded.issue, file: name }]);
  const analysis = analyzePaste(decoded.text, { kb });
  if (!analysis.ok) throw issuesError(command, analysis.issues.map((i) => ({ ...i, file: name })));
  if (analysis.kind === "error-text") {
    throw new UserError(
      `fixpath ${command}: ${name} is neither dsregcmd /status output nor the evidence bundle's output, so it answers no question\n  Fix: pass the saved output of dsregcmd /status or of the evidence bundle (fixpath bundle prints its command); for an error message, use fixpath analyze ${source}`,
    );
  }
  if (analysis.kind === "dsregcmd") {
    const a = analysis.dsregcmd;
    return { name, source: "dsregcmd /status", support: a.facts.support, dsregcmd: a, groups: [], identifiers: collectIdentifiers(a.evidence) };
  }
  const b = analysis.bundle;
  return { name, source: "the evidence bundle", support: b.facts.support, groups: [bundleFindings(b)], identifiers: collectBundleIdentifiers(b.evidence) };
}

/** A fact's value as it is written in the answers file. */
function written(value: FactValue): string {
  return JSON.stringify(value);
}

/** The fact in words, for messages. */
function factWords(fact: string): string {
  return isFactName(fact) ? FACTS[fact].description.replace(/\.$/, "").replace(/ \(.*\)$/, "") : fact;
}

/**
 * The answers given and those the evidence settles, together. A fact the answers give one value
 * and the evidence another is refused (never overridden either way); the same value counts as
 * found by the analyzer.
 */
export function withEvidence(command: string, answers: Answers & { fromAnalysis?: string }, answersSource: string | undefined, evidence: EvidenceRead | undefined, savedIn?: string): Answers {
  if (!evidence) return answers;
  const facts: Facts = { ...answers.facts };
  const found = [...answers.found];
  for (const s of evidence.support) {
    const given = answers.facts[s.fact];
    if (given !== undefined && given !== s.value) {
      const whose = answers.found.find((f) => f.fact === s.fact);
      const lines = s.lines.length ? `; ${s.lines.length === 1 ? "line" : "lines"} ${s.lines.join(", ")}` : "";
      const said = savedIn ? `the session saved in ${savedIn} answers` : whose ? `the analysis in ${answersName(answersSource ?? "-")} says` : `the answers in ${answersName(answersSource ?? "-")} say`;
      throw new UserError(
        `fixpath ${command}: ${said} "${s.fact}": ${written(given)}, but ${evidence.name} shows ${written(s.value)} (${s.because}${lines}).\n` +
          `  (${factWords(s.fact)}.)\n` +
          (savedIn
            ? `  Fix: start a new session with this evidence (run without --resume and choose "Start over"), or pass evidence from the PC that shows the error`
            : whose
            ? `  Fix: the two come from different captures: pass only the one taken on the PC that shows the error`
            : `  Fix: remove "${s.fact}" from the answers (the evidence answers it), or pass evidence from the PC that shows the error`),
      );
    }
    facts[s.fact] = s.value;
    if (!found.some((f) => f.fact === s.fact)) found.push({ fact: s.fact, value: s.value, source: evidence.source, because: s.because, lines: s.lines });
  }
  return { facts, found };
}

function issuesError(command: string, issues: readonly Issue[]): UserError {
  return new UserError(issues.map((i) => renderForPeople(command, i)).join("\n"), EXIT.usage);
}

function readAnswersFile(command: string, path: string, io: CliIo): Uint8Array {
  return readPasteFile(command, path, io.cwd, {
    missing: "pass a JSON file of answers (or what fixpath analyze --json printed), or - to read them from standard input",
    tooBig: "pass a JSON object of answers, or what fixpath analyze --json printed",
    maxBytes: MAX_ANSWERS_BYTES,
  });
}

async function readAnswersStdin(command: string, io: CliIo): Promise<Uint8Array> {
  const read = await readStdin(io, MAX_ANSWERS_BYTES);
  if (read.kind !== "read" || read.total === 0) {
    throw new UserError(`fixpath ${command}: --answers - reads a JSON object of answers from standard input, but nothing was piped in
  Fix: pipe the answers in (echo '{"managed": true}' | fixpath ${command} caa50021 --answers -), or pass a file`);
  }
  if (read.total > MAX_ANSWERS_BYTES) {
    throw new UserError(`fixpath ${command}: the answers on standard input are ${read.complete ? "" : "over "}${formatSize(read.total)}; at most ${formatSize(MAX_ANSWERS_BYTES)} is read\n  Fix: pipe a JSON object of answers, or what fixpath analyze --json printed`);
  }
  return read.bytes;
}

function readEvidenceFile(command: string, path: string, io: CliIo): Uint8Array {
  return readPasteFile(command, path, io.cwd, {
    missing: "pass the saved output of dsregcmd /status or of the evidence bundle (fixpath bundle prints its command)",
    notAFile: "pass the saved output of dsregcmd /status or of the evidence bundle",
    tooBig: "pass only the output of dsregcmd /status or of the evidence bundle",
  });
}

async function readEvidenceStdin(command: string, io: CliIo): Promise<Uint8Array> {
  const read = await readStdin(io, MAX_PASTE_BYTES);
  if (read.kind !== "read" || read.total === 0) {
    throw new UserError(`fixpath ${command}: --evidence - reads the saved output from standard input, but nothing was piped in\n  Fix: pipe the saved output in, or pass the file`);
  }
  if (read.total > MAX_PASTE_BYTES) throw new UserError(`fixpath ${command}: standard input is ${read.complete ? "" : "more than "}${formatSize(read.total)}; at most ${formatSize(MAX_PASTE_BYTES)} is read\n  Fix: pass only the output of dsregcmd /status or of the evidence bundle`);
  return read.bytes;
}
