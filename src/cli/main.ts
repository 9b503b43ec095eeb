/**
 * The `fixpath` command line: the commands, their options and help, in one table. Each command's
 * work is in its own module (`validate.ts`, `list.ts`, `diagnose.ts`, `interactive.ts`,
 * `report.ts`, `analyze.ts`, `diff.ts`, `lookup.ts`, `start.ts`). `main(argv, io)` returns the exit code;
 * only this file maps errors to exit codes, and nothing here calls process.exit.
 */
import { readFileSync } from "node:fs";
import { Command, CommanderError } from "commander";
import type { Content } from "./content.ts";
import { DEFAULT_SESSION_FILE, EXIT, UserError, writeLine, type CliIo } from "./io.ts";
import { printable } from "./text.ts";

// Each command's module is imported when the command runs: `fixpath --help` and `fixpath list`
// do not load the web server, the engine or the evidence parser.
/** The version in package.json, for `fixpath --version`. */
export const VERSION = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;

const EXIT_HELP = `
Exit codes (every command):
  0   success
  1   content that does not validate; nothing found, or no page for the code (lookup, show);
      nothing recognised (analyze)
  2   wrong usage: unknown command or option, bad arguments or answers; input that cannot be
      read (empty, binary or too large)
  70  internal error (a bug in fixpath: please report it)
  130 stopped with Esc or Ctrl+C (diagnose: progress is saved)`;

/** A command's examples, for the end of its help. */
function examples(...lines: string[]): string {
  return `\nExamples:\n${lines.map((l) => `  ${l}`).join("\n")}`;
}

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
    .configureOutput({ writeOut: (s) => io.stdout.write(s), writeErr: (s) => io.stderr.write(s), outputError: (s, write) => write(printable(s)) })
    .showHelpAfterError("(run with --help for usage)")
    .addHelpText("after", `${examples("fixpath lookup CAA50021", "fixpath show CAA50021 --app onedrive", "fixpath completion bash >> ~/.bashrc")}\n${EXIT_HELP}`);

  program
    .command("validate")
    .description("Validate the content: every problem of every file, with file:line:col, then a summary naming the folder.")
    .argument("[dir]", "the content folder", "content")
    .option("--format <format>", "text or json", "text")
    .addHelpText("after", examples("fixpath validate", "fixpath validate content --format json", "fixpath validate | grep kb/"))
    .action(async (dir: string, opts: { format: string }) => {
      const { runValidate } = await import("./validate.ts");
      exitCode = runValidate({ dir, format: opts.format }, io, await content());
    });

  program
    .command("list")
    .description("List every page: id, title and URL.")
    .option("--content <dir>", "the content folder", "content")
    .option("--json", "print JSON")
    .option("--base-url <url>", "the site's address, for absolute links (default: FIXPATH_BASE_URL, else site.baseUrl in fixpath.config.yaml)")
    .addHelpText("after", examples("fixpath list", "fixpath list | grep onedrive", "fixpath list --json --base-url https://help.example.com"))
    .action(async (opts: { content: string; json?: boolean; baseUrl?: string }) => {
      const { runList } = await import("./list.ts");
      exitCode = runList({ content: opts.content, json: Boolean(opts.json), baseUrl: opts.baseUrl }, io, await content());
    });

  program
    .command("diagnose")
    .description("The guided diagnostic: asks what matters, one step at a time, saving progress after every answer. With --answers (or --evidence outside a terminal), prints the plan instead.")
    .argument("[code]", "the error code in any form: CAA50021, 0xCAA50021, 3399811105")
    .option("--app <app>", "onedrive, outlook, teams or office (asked when the code has several scenarios)")
    .option("--answers <file>", 'plan from a JSON file of answers such as {"managed": true, "isAdmin": false}, or what `fixpath analyze --json` printed (its settled answers), or - for stdin')
    .option("--evidence <file>", "a saved dsregcmd /status or evidence bundle output, or - for stdin: what it settles is answered (analysed here, sent nowhere); an answer it contradicts is refused")
    .option("--json", "with --answers or --evidence: print the plan as JSON (the design's plan contract)")
    .option("--resume", "continue the saved session (after a restart)")
    .option("--session <file>", "where the session is saved", DEFAULT_SESSION_FILE)
    .addHelpText(
      "after",
      examples(
        "fixpath diagnose CAA50021 --app onedrive",
        "fixpath diagnose --resume",
        "fixpath diagnose CAA50021 --app onedrive --evidence bundle.txt   (asks only what the paste does not settle)",
        "fixpath diagnose CAA50021 --app onedrive --answers answers.json --json",
        "fixpath analyze bundle.txt --json > found.json && fixpath diagnose CAA50021 --app onedrive --answers found.json",
        `echo '{"managed": true}' | fixpath diagnose CAA50021 --app outlook --answers -`,
      ),
    )
    .action(async (code: string | undefined, opts: { app?: string; answers?: string; evidence?: string; json?: boolean; resume?: boolean; session: string }) => {
      // With evidence alone, a terminal gets the questions the paste leaves open; a script or pipe gets the plan.
      const interactive = opts.answers === undefined && !opts.json && (opts.evidence === undefined || io.prompter !== undefined || (io.stdin?.isTTY === true && io.stdout.isTTY === true));
      if (!interactive) {
        if (!code) throw new UserError("fixpath diagnose: name the code, e.g. `fixpath diagnose CAA50021 --app onedrive --answers answers.json`");
        const { runDiagnose } = await import("./diagnose.ts");
        exitCode = await runDiagnose({ code, app: opts.app, answers: opts.answers, evidence: opts.evidence, json: Boolean(opts.json) }, io, await content());
        return;
      }
      const { runInteractive } = await import("./interactive.ts");
      const kb = (await content()).kb();
      exitCode = await runInteractive({ code, app: opts.app, sessionFile: opts.session, resume: Boolean(opts.resume), evidence: opts.evidence }, { io, kb, prompter: io.prompter });
    });

  program
    .command("report")
    .description("The report for IT from a saved session, or without one from a code, its app and answers (a ticket from a paste); with the findings of a saved dsregcmd /status or evidence bundle. Redacted unless --no-redact.")
    .argument("[code]", "without a session: the error code in any form (with --answers and/or --evidence)")
    .option("--app <app>", "without a session: onedrive, outlook, teams or office")
    .option("--answers <file>", 'without a session: a JSON file of answers such as {"managed": true}, or what `fixpath analyze --json` printed, or - for stdin')
    .option("--session <file>", "the session file fixpath diagnose saved", DEFAULT_SESSION_FILE)
    .option("--format <format>", "md, txt or json", "md")
    .option("--evidence <file>", "a saved dsregcmd /status or evidence bundle output to include, or - for stdin (analysed here, sent nowhere; what it settles is labelled as found by the analyzer)")
    .option("--no-redact", "keep device, tenant and user identifiers (only for your own IT)")
    .option("--base-url <url>", "the site's address, for absolute links (default: FIXPATH_BASE_URL, else site.baseUrl in fixpath.config.yaml; without one each page is named by title and path)")
    .addHelpText(
      "after",
      examples(
        "fixpath report",
        "fixpath report --format txt --evidence bundle.txt",
        "fixpath report CAA50021 --app onedrive --answers answers.json --evidence bundle.txt   (no session: a ticket from a paste)",
        "fixpath report --base-url https://help.example.com > report.md",
      ),
    )
    .action(async (code: string | undefined, opts: { session: string; format: string; evidence?: string; redact: boolean; baseUrl?: string; app?: string; answers?: string }) => {
      const { runReport } = await import("./report.ts");
      exitCode = await runReport({ ...opts, code }, io, await content());
    });

  program
    .command("analyze")
    .description("Read a saved evidence bundle (see /analyze/), dsregcmd /status output or an error message; print findings. Nothing is sent anywhere.")
    .argument("<file>", "a file, or - for standard input")
    .option("--json", "print JSON")
    .option("--base-url <url>", "the site's address, for absolute links (default: FIXPATH_BASE_URL, else site.baseUrl in fixpath.config.yaml)")
    .option("--unconfirmed", "list every point about the evidence bundle that is not confirmed yet")
    .option("--no-redact", "with --json: keep e-mail addresses, user and computer names, SIDs, ids, profile folders and IP addresses (only for your own IT)")
    .addHelpText(
      "after",
      examples(
        "fixpath bundle > bundle.ps1   (run it on the PC, save what it prints as bundle.txt)",
        "fixpath analyze bundle.txt",
        "dsregcmd /status | fixpath analyze -",
        "fixpath analyze status.txt --json   (identifiers redacted; --no-redact keeps them)",
        "fixpath analyze bundle.txt --json > found.json && fixpath diagnose CAA50021 --app onedrive --answers found.json",
      ),
    )
    .action(async (input: string, opts: { json?: boolean; baseUrl?: string; unconfirmed?: boolean; redact: boolean }) => {
      const { runAnalyze } = await import("./analyze.ts");
      exitCode = await runAnalyze({ input, json: Boolean(opts.json), baseUrl: opts.baseUrl, unconfirmed: Boolean(opts.unconfirmed), redact: opts.redact }, io);
    });

  program
    .command("diff")
    .description("Compare two captures of one device (dsregcmd /status output or evidence bundles), taken before and after a step: what changed and what it means. Nothing is sent anywhere.")
    .argument("<before>", "the capture taken first: a file, or - for standard input")
    .argument("<after>", "the capture taken after the step: a file, or - for standard input")
    .option("--json", "print JSON")
    .addHelpText("after", `${EXIT_HELP}\n  (diff: 0 compared; 1 the captures cannot be compared: two devices, nothing in common, or not a capture)`)
    .action(async (before: string, after: string, opts: { json?: boolean }) => {
      const { runDiff } = await import("./diff.ts");
      exitCode = await runDiff({ before, after, json: Boolean(opts.json) }, io);
    });

  program
    .command("lookup")
    .description("The page for an error code in any form, a whole pasted dialog, a message or an error tag. A code we have no page for is answered as such, with codes one character away only as \"did you mean\".")
    .argument("<text...>", "what you saw: a code, the message, a few words, or - to read a pasted dialog from standard input")
    .option("--content <dir>", "the content folder", "content")
    .option("--limit <n>", "how many pages at most", "8")
    .option("--base-url <url>", "the site's address, for absolute links (default: FIXPATH_BASE_URL, else site.baseUrl in fixpath.config.yaml)")
    .option("--json", "print the answer as JSON: { answer, results, codes, missing, didYouMean }")
    .addHelpText("after", examples("fixpath lookup CAA50021 onedrive", 'fixpath lookup "The specified logon session doesn\'t exist"', "Get-Clipboard | fixpath lookup -   (a whole pasted dialog)", "fixpath lookup AADSTS50058 --json"))
    .action(async (words: string[], opts: { content: string; limit: string; json?: boolean; baseUrl?: string }) => {
      const { runLookup } = await import("./lookup.ts");
      exitCode = await runLookup({ words, content: opts.content, limit: opts.limit, json: Boolean(opts.json), baseUrl: opts.baseUrl }, io, await content());
    });

  program
    .command("show")
    .description("A page in the terminal: the quick answer, the steps numbered as the page numbers them, what not to do and when to stop (no questions asked).")
    .argument("<code>", "the error code in any form: CAA50021, 0xCAA50021, 3399811105")
    .option("--app <app>", "onedrive, outlook, teams or office (the code's page for that app)")
    .option("--base-url <url>", "the site's address, for absolute links (default: FIXPATH_BASE_URL, else site.baseUrl in fixpath.config.yaml)")
    .addHelpText("after", examples("fixpath show CAA50021", "fixpath show CAA50021 --app onedrive", "fixpath show 0x8004de40 | less"))
    .action(async (code: string, opts: { app?: string; baseUrl?: string }) => {
      const { runShow } = await import("./show.ts");
      exitCode = runShow({ code, app: opts.app, baseUrl: opts.baseUrl }, io, await content());
    });

  program
    .command("bundle")
    .description("Print the read-only evidence command (as the analyzer page shows it) to run on the PC; fixpath analyze reads what it prints.")
    .option("--cmd", "the Command Prompt version (when PowerShell is blocked)")
    .addHelpText("after", examples("fixpath bundle", "fixpath bundle --cmd", "fixpath bundle > bundle.ps1"))
    .action(async (opts: { cmd?: boolean }) => {
      const { runBundle } = await import("./bundle.ts");
      exitCode = runBundle({ cmd: Boolean(opts.cmd) }, io, await content());
    });

  program
    .command("start")
    .description("The main job: build the site when it is out of date and serve it with the outcomes API on http://localhost:4321 (PORT to change).")
    .addHelpText(
      "after",
      `${examples("fixpath start", "PORT=8080 FIXPATH_DB=postgres://fixpath@db/fixpath fixpath start")}\n\nEnvironment: PORT (default 4321), FIXPATH_DB (a SQLite file, default data/fixpath.sqlite, or a postgres:// URL), FIXPATH_OPERATOR_TOKEN (opens the search-miss statistics), FIXPATH_REQUEST_TIMEOUT_MS, FIXPATH_HEADERS_TIMEOUT_MS, FIXPATH_KEEPALIVE_TIMEOUT_MS, FIXPATH_MAX_CONNECTIONS_PER_ADDRESS, FIXPATH_TRUST_PROXY (see the README)`,
    )
    .action(async () => {
      const { runStart } = await import("./start.ts");
      exitCode = await runStart((await content()).kb(), io);
    });

  program
    .command("completion")
    .description("Print a shell completion script for bash, zsh or PowerShell.")
    .argument("<shell>", "bash, zsh or powershell")
    .addHelpText("after", examples("fixpath completion bash >> ~/.bashrc", "fixpath completion zsh > ~/.zfunc/_fixpath", "fixpath completion powershell >> $PROFILE"))
    .action(async (shell: string) => {
      const { runCompletion } = await import("./completion.ts");
      exitCode = runCompletion(shell, program, io);
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
      // A message may quote what was typed (a code, a path): as printable text.
      writeLine(io.stderr, printable(e.message));
      return e.exitCode;
    }
    const message = e instanceof Error ? e.message : String(e);
    writeLine(io.stderr, printable(`fixpath: internal error (this should never happen): ${message.replaceAll(io.cwd, ".")}`));
    writeLine(io.stderr, "Please report it with the command you ran.");
    return EXIT.internal;
  }
  return exitCode;
}
