/**
 * `fixpath report [--session <file>] [--format md|txt|json] [--evidence <file>] [--no-redact]`:
 * the report for IT from a saved session, with a saved `dsregcmd /status` analysed here.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { renderIssue } from "../model/index.ts";
import { analyzeDsregcmd, type DsregcmdAnalysis } from "../evidence/index.ts";
import { buildReport, renderReport, REPORT_FORMATS, type ReportFormat } from "../report/index.ts";
import { renderHandover } from "../report/handover.ts";
import { organisation } from "./organisation.ts";
import type { Content } from "./content.ts";
import { EXIT, UserError, writeLine, type CliIo } from "./io.ts";
import { readSessionFile } from "./session-file.ts";

export interface ReportArgs {
  session: string;
  format: string;
  evidence?: string;
  redact: boolean;
  /** Where the site runs, for absolute links (`--base-url`, else FIXPATH_BASE_URL, else the organisation file's `site.baseUrl`). */
  baseUrl?: string;
}

export function runReport(args: ReportArgs, io: CliIo, content: Content, now: () => string = () => new Date().toISOString()): number {
  if (!(REPORT_FORMATS as readonly string[]).includes(args.format)) {
    throw new UserError(`fixpath report: --format is md, txt or json, not "${args.format}"`);
  }
  const kb = content.kb();
  const file = readSessionFile(resolve(io.cwd, args.session));
  let evidence: DsregcmdAnalysis | undefined;
  if (args.evidence) {
    const path = resolve(io.cwd, args.evidence);
    if (!existsSync(path) || !statSync(path).isFile()) throw new UserError(`fixpath report: no file at ${args.evidence}`);
    const analysed = analyzeDsregcmd(new Uint8Array(readFileSync(path)));
    if (!analysed.ok) throw new UserError(`fixpath report: ${args.evidence} is not a dsregcmd /status output:\n${analysed.issues.map((i) => renderIssue(i)).join("\n")}`);
    evidence = analysed.analysis;
  }
  const org = organisation(io, "report");
  const baseUrl = args.baseUrl?.trim() || io.env.FIXPATH_BASE_URL?.trim() || org.site.baseUrl;
  if (baseUrl !== undefined && !/^https?:\/\/[^\s/?#]+/i.test(baseUrl)) {
    throw new UserError(`fixpath report: the base URL "${baseUrl.slice(0, 80)}" is not a web address. Fix: give the site's address, e.g. --base-url https://help.example.com`);
  }
  const data = buildReport({ kb, session: file.session, startedAt: file.startedAt, evidence, generatedAt: now() }, { redact: args.redact, ...(baseUrl ? { baseUrl } : {}) });
  if (!data) throw new UserError(`fixpath report: the knowledge base has no ${file.session.code}/${file.session.app} scenario`);
  const text = renderReport(data, args.format as ReportFormat);
  writeLine(io.stdout, text);
  // Where it goes: the organisation's IT team, on stderr so the report on stdout stays as it is.
  if (org.it) {
    const h = renderHandover({ it: org.it, subject: `${data.page.title}: not fixed by the self-help steps`, report: text, fileName: "the report file" });
    writeLine(io.stderr, [`Send this report to ${h.team}:`, ...h.lines.map((l) => `  ${l}`)].join("\n"));
  }
  return EXIT.ok;
}
