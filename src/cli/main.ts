/**
 * The `fixpath` command line: the commands, their options and help, in one table. Each command's
 * work is in its own module (`validate.ts`, `list.ts`, `diagnose.ts`, `interactive.ts`,
 * `report.ts`, `analyze.ts`, `lookup.ts`, `start.ts`). `main(argv, io)` returns the exit code;
 * only this file maps errors to exit codes, and nothing here calls process.exit.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import type { Content } from "./content.ts";
import { DEFAULT_SESSION_FILE, EXIT, UserError, writeLine, type CliIo } from "./io.ts";

// Each command's module is imported when the command runs: `fixpath --help` and `fixpath list`
// do not load the web server, the engine or the evidence parser.
/** The version in package.json, for `fixpath --version`. */
export const VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

const EXIT_HELP = `
Exit codes:
  0   success
  1   problems found (content that does not validate), or nothing found
  2   wrong usage: unknown command or option, bad arguments or answers
  70  internal error (a bug in fixpath: please report it)
  130 stopped with Esc or Ctrl+C (diagnose: progress is saved)`;

/** Runs the CLI with `argv` (without node and script) and returns the exit code. */
export async function main(argv: readonly string[], io: CliIo): Promise<number> {
  let exitCode: number = EXIT.ok;
  let loaded: Content | undefined;
  /** The content of this run, read at most once whichever command asks. */
  const content = async (): Promise<Content> => (loaded ??= (await import("./content.ts")).createContent(io));

  const program = new Command("fixpath")
    .description("Fixpath: error-code troubleshooting for Microsoft 365 sign-in on Windows.")
    .version(VERSION, "-V, --version", "print the version")
    .exitOverride()
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: (s, write) => write(s) })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", EXIT_HELP);

  program
    .command("validate")
    .description("Validate the content: every problem of every file, with file:line:col, then a summary naming the folder.")
    .argument("[dir]", "the content folder", "content")
    .option("--format <format>", "text or json", "text")
    .addHelpText("after", EXIT_HELP)
    .action(async (dir: string, opts: { format: string }) => {
      const { runValidate } = await import("./validate.ts");
      exitCode = runValidate({ dir, format: opts.format }, io, await content());
    });

  program
    .command("list")
    .description("List every page: id, title and URL.")
    .option("--content <dir>", "the content folder", "content")
    .option("--json", "print JSON")
    .addHelpText("after", EXIT_HELP)
    .action(async (opts: { content: string; json?: boolean }) => {
      const { runList } = await import("./list.ts");
      exitCode = runList({ content: opts.content, json: Boolean(opts.json) }, io, await content());
    });

  program
    .command("diagnose")
    .description("The guided diagnostic: asks what matters, one step at a time, saving progress after every answer. With --answers, prints the plan instead.")
    .argument("[code]", "the error code in any form: CAA50021, 0xCAA50021, 3399811105")
    .option("--app <app>", "onedrive, outlook, teams or office (asked when the code has several scenarios)")
    .option("--answers <file>", 'plan from a JSON file of answers such as {"managed": true, "isAdmin": false}, or - for stdin')
    .option("--json", "with --answers: print the plan as JSON (the design's plan contract)")
    .option("--resume", "continue the saved session (after a restart)")
    .option("--session <file>", "where the session is saved", DEFAULT_SESSION_FILE)
    .addHelpText("after", EXIT_HELP)
    .action(async (code: string | undefined, opts: { app?: string; answers?: string; json?: boolean; resume?: boolean; session: string }) => {
      if (opts.answers !== undefined || opts.json) {
        if (!code) throw new UserError("fixpath diagnose: name the code, e.g. `fixpath diagnose CAA50021 --app onedrive --answers answers.json`");
        const { runDiagnose } = await import("./diagnose.ts");
        exitCode = await runDiagnose({ code, app: opts.app, answers: opts.answers, json: Boolean(opts.json) }, io, await content());
        return;
      }
      const { runInteractive } = await import("./interactive.ts");
      const kb = (await content()).kb();
      exitCode = await runInteractive({ code, app: opts.app, sessionFile: opts.session, resume: Boolean(opts.resume) }, { io, kb, prompter: io.prompter });
    });

  program
    .command("report")
    .description("The report for IT from a saved session (and a saved dsregcmd /status): redacted unless --no-redact.")
    .option("--session <file>", "the session file fixpath diagnose saved", DEFAULT_SESSION_FILE)
    .option("--format <format>", "md, txt or json", "md")
    .option("--evidence <file>", "a saved dsregcmd /status output to include (analysed here, sent nowhere)")
    .option("--no-redact", "keep device, tenant and user identifiers (only for your own IT)")
    .option("--base-url <url>", "the site's address, for absolute links (default: FIXPATH_BASE_URL, else site.baseUrl in fixpath.config.yaml; without one each page is named by title and path)")
    .addHelpText("after", EXIT_HELP)
    .action(async (opts: { session: string; format: string; evidence?: string; redact: boolean; baseUrl?: string }) => {
      const { runReport } = await import("./report.ts");
      exitCode = runReport(opts, io, await content());
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
      const { runAnalyze } = await import("./analyze.ts");
      exitCode = await runAnalyze({ input, json: Boolean(opts.json) }, io);
    });

  program
    .command("lookup")
    .description("The page for an error code in any form, a whole pasted dialog, a message or an error tag. A code we have no page for is answered as such, with codes one character away only as \"did you mean\".")
    .argument("<text...>", "what you saw: a code, the message, a few words, or - to read a pasted dialog from standard input")
    .option("--content <dir>", "the content folder", "content")
    .option("--limit <n>", "how many pages at most", "8")
    .option("--base-url <url>", "the site's address, for absolute links (default: FIXPATH_BASE_URL, else site.baseUrl in fixpath.config.yaml)")
    .option("--json", "print the answer as JSON: { answer, results, codes, missing, didYouMean }")
    .action(async (words: string[], opts: { content: string; limit: string; json?: boolean; baseUrl?: string }) => {
      const { runLookup } = await import("./lookup.ts");
      exitCode = await runLookup({ words, content: opts.content, limit: opts.limit, json: Boolean(opts.json), baseUrl: opts.baseUrl }, io, await content());
    });

  program
    .command("start")
    .description("The main job: build the site when it is out of date and serve it with the outcomes API on http://localhost:4321 (PORT to change).")
    .addHelpText("after", `${EXIT_HELP}\n\nEnvironment: PORT (default 4321), FIXPATH_DB (a SQLite file, default data/fixpath.sqlite, or a postgres:// URL), FIXPATH_OPERATOR_TOKEN (opens the search-miss statistics), FIXPATH_REQUEST_TIMEOUT_MS, FIXPATH_HEADERS_TIMEOUT_MS, FIXPATH_KEEPALIVE_TIMEOUT_MS, FIXPATH_MAX_CONNECTIONS_PER_ADDRESS, FIXPATH_TRUST_PROXY (see the README)`)
    .action(async () => {
      const { runStart } = await import("./start.ts");
      exitCode = await runStart((await content()).kb(), io);
    });

  // Plain `fixpath` is asking what it can do: the help, on stdout, as a success.
  if (argv.length === 0) {
    program.outputHelp();
    return EXIT.ok;
  }
  try {
    await program.parseAsync(argv, { from: "user" });
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === "commander.helpDisplayed" || e.code === "commander.help" || e.code === "commander.version") return EXIT.ok;
      return EXIT.usage;
    }
    if (e instanceof UserError) {
      writeLine(io.stderr, e.message);
      return e.exitCode;
    }
    const message = e instanceof Error ? e.message : String(e);
    writeLine(io.stderr, `fixpath: internal error (this should never happen): ${message.replaceAll(io.cwd, ".")}`);
    writeLine(io.stderr, "Please report it with the command you ran.");
    return EXIT.internal;
  }
  return exitCode;
}
