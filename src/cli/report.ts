/**
 * `fixpath report [CODE --app APP --answers FILE|-] [--session FILE] [--evidence FILE|-]
 * [--format md|txt|json] [--no-redact]`: the report for IT.
 *
 * - From a saved session (`fixpath diagnose` wrote it), by default.
 * - Without a session, from a code, an app and answers (a JSON object of facts, or what `fixpath
 *   analyze --json` printed) and/or a paste: "a ticket from a paste" (issue 26).
 *
 * `--evidence` reads a saved dsregcmd /status or evidence bundle (analysed here, sent nowhere):
 * its findings go to the report, redacted with everything else the person pasted or typed. Answers
 * the analyzer settled are labelled as found by it, with what it read, never as the person's.
 */
import { resolve } from "node:path";
import { UNKNOWN, answer, attachFindings, startSession, type Session } from "../engine/index.ts";
import { buildReport, dsregcmdFindings, renderReport, REPORT_FORMATS, type FoundAnswer, type ReportFormat } from "../report/index.ts";
import { renderHandover } from "../report/handover.ts";
import { organisation } from "./organisation.ts";
import type { Content } from "./content.ts";
import { readAnswers, readEvidence, withEvidence, type Answers, type EvidenceRead } from "./answers.ts";
import { EXIT, UserError, writeLine, type CliIo } from "./io.ts";
import { printable } from "./text.ts";
import { renderForPeople } from "./people.ts";
import { readSessionFile } from "./session-file.ts";

export interface ReportArgs {
  session: string;
  format: string;
  evidence?: string;
  redact: boolean;
  /** Where the site runs, for absolute links (`--base-url`, else FIXPATH_BASE_URL, else the organisation file's `site.baseUrl`). */
  baseUrl?: string;
  /** A report without a session: the code (any form), its app and the answers. */
  code?: string;
  app?: string;
  answers?: string;
}

export async function runReport(args: ReportArgs, io: CliIo, content: Content, now: () => string = () => new Date().toISOString()): Promise<number> {
  if (!(REPORT_FORMATS as readonly string[]).includes(args.format)) {
    throw new UserError(`fixpath report: --format is md, txt or json, not "${args.format}"`);
  }
  const fromPaste = args.code !== undefined || args.answers !== undefined || args.app !== undefined;
  if (fromPaste && args.code === undefined) {
    throw new UserError("fixpath report: --answers and --app make a report without a session, for a code: name it\n  Fix: fixpath report CAA50021 --app onedrive --answers answers.json [--evidence bundle.txt]");
  }
  if (fromPaste && args.answers === undefined && args.evidence === undefined) {
    throw new UserError("fixpath report: a report without a session needs what is known: --answers, --evidence or both\n  Fix: fixpath report CAA50021 --app onedrive --answers answers.json [--evidence bundle.txt], or run fixpath diagnose first and then fixpath report");
  }
  if (args.answers === "-" && args.evidence === "-") {
    throw new UserError("fixpath report: --answers - and --evidence - both read standard input\n  Fix: pass one of them as a file");
  }
  const kb = content.kb();
  const org = organisation(io, "report");
  const baseUrl = args.baseUrl?.trim() || io.env.FIXPATH_BASE_URL?.trim() || org.site.baseUrl;
  if (baseUrl !== undefined && !/^https?:\/\/[^\s/?#]+/i.test(baseUrl)) {
    throw new UserError(`fixpath report: the base URL "${baseUrl.slice(0, 80)}" is not a web address. Fix: give the site's address, e.g. --base-url https://help.example.com`);
  }

  let session: Session;
  let startedAt: string | undefined;
  let found: FoundAnswer[];
  let identifiers: string[] = [];
  let evidence: EvidenceRead | undefined;
  if (fromPaste) {
    const given: Answers = args.answers === undefined ? { facts: {}, found: [] } : await readAnswers("report", args.answers, io);
    evidence = args.evidence === undefined ? undefined : await readEvidence("report", args.evidence, io, kb);
    const merged = withEvidence("report", given, args.answers, evidence);
    const started = startSession(kb, { code: args.code!, ...(args.app === undefined ? {} : { app: args.app }), facts: merged.facts, organisation: org.facts });
    if (!started.ok) throw new UserError(started.issues.map((i) => renderForPeople("report", i)).join("\n"), EXIT.usage);
    session = started.session;
    // "unknown" in the answers file is the person's "I don't know", which the report says as such.
    for (const fact of given.dontKnow ?? []) {
      const r = merged.facts[fact] === undefined ? answer(session, fact, UNKNOWN) : undefined;
      if (r?.ok) session = r.session;
    }
    found = merged.found;
  } else {
    const file = readSessionFile(resolve(io.cwd, args.session), "report");
    session = file.session;
    startedAt = file.startedAt;
    found = file.evidence?.found ?? [];
    identifiers = file.evidence?.identifiers ?? [];
    evidence = args.evidence === undefined ? undefined : await readEvidence("report", args.evidence, io, kb);
    // The session's answers are the person's and stay as they are; where the paste says otherwise, say so.
    for (const s of evidence?.support ?? []) {
      const given = session.facts[s.fact];
      if (given === undefined || given === s.value) continue;
      const lines = s.lines.length ? `; ${s.lines.length === 1 ? "line" : "lines"} ${s.lines.join(", ")}` : "";
      writeLine(
        io.stderr,
        `fixpath report: note: the session answers "${s.fact}": ${JSON.stringify(given)}, but ${evidence!.name} shows ${JSON.stringify(s.value)} (${s.because}${lines}). The report keeps the person's answer; the paste's findings are in it for IT to compare.`,
      );
    }
  }
  if (evidence) {
    // The paste's findings replace those of the same source kept with the session (one capture per source).
    const attached = attachFindings(session, evidence.dsregcmd ? [dsregcmdFindings(evidence.dsregcmd)] : evidence.groups);
    if (attached.ok) session = attached.session;
    identifiers = [...identifiers, ...evidence.identifiers];
  }
  const data = buildReport({ kb, session, startedAt, found, identifiers, generatedAt: now() }, { redact: args.redact, ...(baseUrl ? { baseUrl } : {}) });
  if (!data) throw new UserError(`fixpath report: the knowledge base has no ${session.code}/${session.app} scenario`);
  const text = renderReport(data, args.format as ReportFormat);
  // What the person typed (kept in the session file, which anyone could edit) cannot drive the terminal.
  writeLine(io.stdout, printable(text));
  // Where it goes: the organisation's IT team, on stderr so the report on stdout stays as it is.
  if (org.it) {
    const h = renderHandover({ it: org.it, subject: `${data.page.title}: not fixed by the self-help steps`, report: text, fileName: "the report file" });
    writeLine(io.stderr, [`Send this report to ${h.team}:`, ...h.lines.map((l) => `  ${l}`)].join("\n"));
  }
  return EXIT.ok;
}
