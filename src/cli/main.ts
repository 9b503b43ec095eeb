/**
 * The `fixpath` command line. `main(argv, io)` returns the exit code; only this file maps errors
 * to exit codes, and nothing here calls process.exit.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { resolve } from "node:path";
import { Command, CommanderError } from "commander";
import { listPages, loadKnowledgeBase, renderIssue, type KnowledgeBase, type LoadResult } from "../model/index.ts";
import { readContentFiles } from "../model/content-fs.ts";
import { buildLookupIndex, lookup } from "../lookup/index.ts";
import { runAnalyze } from "./analyze.ts";
import { contentDir } from "./content.ts";
import { runDiagnose } from "./diagnose.ts";
import { runInteractive } from "./interactive.ts";
import { runStart } from "./start.ts";
import { DEFAULT_SESSION_FILE, readSessionFile } from "./session-file.ts";
import { analyzeDsregcmd, type DsregcmdAnalysis } from "../evidence/index.ts";
import { buildReport, renderReport, REPORT_FORMATS, type ReportFormat } from "../report/index.ts";
import { EXIT, UserError, type CliIo } from "./io.ts";

const EXIT_HELP = `
Exit codes:
  0   success
  1   problems found (content that does not validate), or nothing found
  2   wrong usage: unknown command or option, bad arguments or answers
  70  internal error (a bug in fixpath: please report it)`;

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  const out = (s: string) => io.stdout.write(s.endsWith("\n") ? s : s + "\n");
  const err = (s: string) => io.stderr.write(s.endsWith("\n") ? s : s + "\n");

  const program = new Command("fixpath")
    .description("Fixpath: error-code troubleshooting for Microsoft 365 sign-in on Windows.")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: (s, write) => write(s) })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", EXIT_HELP);

  program
    .command("validate")
    .description("Validate the content: every problem of every file, with file:line:col, or a summary.")
    .argument("[dir]", "the content folder", "content")
    .addHelpText("after", EXIT_HELP)
    .action((dir: string) => {
      const result = loadContent(dir, io);
      printIssues(result, err);
      if (result.kb) out(summary(result));
      else err(`✖ ${result.issues.filter((i) => i.severity === "error").length} problem(s) in ${dir}`);
      exitCode = result.kb ? EXIT.ok : EXIT.problems;
    });

  program
    .command("list")
    .description("List every page: id, title and URL.")
    .option("--content <dir>", "the content folder", "content")
    .option("--json", "print JSON")
    .addHelpText("after", EXIT_HELP)
    .action((opts: { content: string; json?: boolean }) => {
      const kb = requireKb(opts.content, io, err);
      const pages = listPages(kb);
      if (opts.json) out(JSON.stringify(pages, null, 2));
      else {
        const width = Math.max(...pages.map((p) => p.id.length));
        for (const p of pages) out(`${p.id.padEnd(width)}  ${p.url.padEnd(width + 9)}  ${p.title}`);
      }
    });

  program
    .command("diagnose")
    .description("The guided diagnostic: asks what matters, one step at a time, saving progress after every answer. With --answers, prints the plan instead.")
    .argument("[code]", "the error code in any form: CAA50021, 0xCAA50021, 3399811105")
    .option("--app <app>", "onedrive, outlook, teams or office (optional when the code has one scenario)")
    .option("--answers <file>", 'plan from a JSON file of answers such as {"managed": true, "isAdmin": false}, or - for stdin')
    .option("--json", "with --answers: print the plan as JSON (the design's plan contract)")
    .option("--resume", "continue the saved session (after a restart)")
    .option("--session <file>", "where the session is saved", DEFAULT_SESSION_FILE)
    .addHelpText("after", EXIT_HELP)
    .action(async (code: string | undefined, opts: { app?: string; answers?: string; json?: boolean; resume?: boolean; session: string }) => {
      if (opts.answers !== undefined || opts.json) {
        if (!code) throw new UserError("fixpath diagnose: name the code, e.g. `fixpath diagnose CAA50021 --app onedrive --answers answers.json`");
        exitCode = await runDiagnose({ code, app: opts.app, answers: opts.answers, json: Boolean(opts.json) }, io);
        return;
      }
      const kb = requireKb("content", io, err);
      exitCode = await runInteractive({ code, app: opts.app, sessionFile: opts.session, resume: Boolean(opts.resume) }, { io, kb, prompter: io.prompter });
    });

  program
    .command("report")
    .description("The report for IT from a saved session (and a saved dsregcmd /status): redacted unless --no-redact.")
    .option("--session <file>", "the session file fixpath diagnose saved", DEFAULT_SESSION_FILE)
    .option("--format <format>", "md, txt or json", "md")
    .option("--evidence <file>", "a saved dsregcmd /status output to include (analysed here, sent nowhere)")
    .option("--no-redact", "keep device, tenant and user identifiers (only for your own IT)")
    .addHelpText("after", EXIT_HELP)
    .action((opts: { session: string; format: string; evidence?: string; redact: boolean }) => {
      if (!(REPORT_FORMATS as readonly string[]).includes(opts.format)) {
        throw new UserError(`fixpath report: --format is md, txt or json, not "${opts.format}"`);
      }
      const kb = requireKb("content", io, err);
      const file = readSessionFile(resolve(io.cwd, opts.session));
      let evidence: DsregcmdAnalysis | undefined;
      if (opts.evidence) {
        const path = resolve(io.cwd, opts.evidence);
        if (!existsSync(path) || !statSync(path).isFile()) throw new UserError(`fixpath report: no file at ${opts.evidence}`);
        const analysed = analyzeDsregcmd(new Uint8Array(readFileSync(path)));
        if (!analysed.ok) throw new UserError(`fixpath report: ${opts.evidence} is not a dsregcmd /status output:\n${analysed.issues.map((i) => renderIssue(i)).join("\n")}`);
        evidence = analysed.analysis;
      }
      const data = buildReport({ kb, session: file.session, startedAt: file.startedAt, evidence, generatedAt: new Date().toISOString() }, { redact: opts.redact });
      if (!data) throw new UserError(`fixpath report: the knowledge base has no ${file.session.code}/${file.session.app} scenario`);
      out(renderReport(data, opts.format as ReportFormat));
    });

  program
    .command("analyze")
    .description("Read a saved evidence bundle (see /analyze/), dsregcmd /status output or an error message; print findings. Nothing is sent anywhere.")
    .argument("<file>", "a file, or - for standard input")
    .option("--json", "print JSON")
    .addHelpText(
      "after",
      `${EXIT_HELP}
  (analyze: 1 also means nothing was recognised; 2 also covers empty, binary or too large input)`,
    )
    .action(async (input: string, opts: { json?: boolean }) => {
      exitCode = await runAnalyze({ input, json: Boolean(opts.json) }, io);
    });

  program
    .command("lookup")
    .description("Find the page for an error code in any form, a message or symptoms (typos tolerated).")
    .argument("<text...>", "what you saw: a code, the message, or a few words")
    .option("--content <dir>", "the content folder", "content")
    .option("--limit <n>", "how many results", "8")
    .option("--json", "print JSON: [{ id, title, url, score, why, near }]")
    .addHelpText("after", EXIT_HELP)
    .action((words: string[], opts: { content: string; limit: string; json?: boolean }) => {
      const limit = Number(opts.limit);
      if (!Number.isInteger(limit) || limit < 1 || limit > 100) throw new UserError(`fixpath: --limit takes a whole number from 1 to 100, not "${opts.limit}"`);
      const index = buildLookupIndex(requireKb(opts.content, io, err));
      const query = words.join(" ");
      const results = lookup(index, query, { limit });
      if (opts.json) out(JSON.stringify(results, null, 2));
      else if (results.length === 0) err(`No page matches "${query.slice(0, 80)}". Try the code as shown on screen, e.g. CAA50021.`);
      else {
        for (const [i, r] of results.entries()) {
          out(`${String(i + 1).padStart(2)}. ${r.title}${r.near ? "  (near match)" : ""}`);
          out(`    ${r.url}   score ${r.score}   ${r.why.join("; ")}`);
        }
      }
      if (results.length === 0) exitCode = EXIT.problems;
    });

  program
    .command("start")
    .description("The main job: build the site when it is out of date and serve it with the outcomes API on http://localhost:4321 (PORT to change).")
    .addHelpText("after", `${EXIT_HELP}\n\nEnvironment: PORT (default 4321), FIXPATH_DB (a SQLite file, default data/fixpath.sqlite, or a postgres:// URL)`)
    .action(async () => {
      const kb = requireKb("content", io, err);
      exitCode = await runStart(kb, io);
    });

  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.help" || e.code === "commander.version") return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof UserError) {
      err(e.message);
      return e.exitCode;
    }
    const message = e instanceof Error ? e.message : String(e);
    err(`fixpath: internal error (this should never happen): ${message.replaceAll(io.cwd, ".")}`);
    err("Please report it with the command you ran.");
    return EXIT.internal;
  }
  return exitCode;
}

function loadContent(dir: string, io: CliIo): LoadResult {
  const abs = contentDir(io, dir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new UserError(`fixpath: no content folder at ${dir}\n  Fix: run from the project folder, or pass the folder: fixpath validate <dir>`, EXIT.usage);
  }
  return loadKnowledgeBase(readContentFiles(abs, io.cwd));
}

function requireKb(dir: string, io: CliIo, err: (s: string) => void): KnowledgeBase {
  const result = loadContent(dir, io);
  if (!result.kb) {
    printIssues(result, err);
    throw new UserError(`✖ the content has problems: run \`fixpath validate ${dir}\``, EXIT.problems);
  }
  return result.kb;
}

function printIssues(result: LoadResult, err: (s: string) => void): void {
  for (const issue of result.issues) err(renderIssue(issue) + "\n");
}

function summary(result: LoadResult): string {
  const c = result.counts;
  const warnings = result.issues.filter((i) => i.severity === "warning").length;
  return `✔ content is valid: ${c.codes} codes, ${c.scenarios} scenarios, ${c.checklists} checklists, ${c.steps} steps in ${c.files} files${warnings ? ` (${warnings} warning(s))` : ""}`;
}
