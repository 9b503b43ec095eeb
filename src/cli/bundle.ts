/**
 * `fixpath bundle [--cmd]`: the read-only evidence command, exactly as the analyzer page and the
 * scenario pages show it (content/evidence-bundle.ps1, or .cmd with --cmd), alone on stdout so it
 * can be piped or saved; how to run it and where its output goes, on stderr.
 */
import type { Content } from "./content.ts";
import { EXIT, UserError, writeLine, type CliIo } from "./io.ts";
import { wrap } from "./text.ts";

export function runBundle(args: { cmd: boolean }, io: CliIo, content: Content): number {
  const bundle = content.kb().bundle;
  if (!bundle) throw new UserError("fixpath bundle: this content has no evidence bundle (content/evidence-bundle.yaml)\n  Fix: run it from the Fixpath project, or add the bundle to the content", EXIT.problems);
  const command = args.cmd ? bundle.cmd : bundle.powershell;
  writeLine(io.stdout, command.command.replace(/\n+$/, ""));
  // The page's "how to run" speaks of the box below it; in a terminal the output goes to a file or a pipe.
  const how = args.cmd
    ? "Open Command Prompt from the Start menu as yourself (not as administrator), paste the line and press Enter. Then select all of the window's text, copy it and save it as bundle.txt."
    : "Open Windows PowerShell from the Start menu as yourself (not as administrator), paste the whole block and press Enter. What it prints is also copied to the clipboard.";
  const then = args.cmd ? "Then: fixpath analyze bundle.txt" : "Then: Get-Clipboard | npx fixpath analyze -   (or save it as bundle.txt: fixpath analyze bundle.txt)";
  writeLine(
    io.stderr,
    [
      "",
      `${command.label}:`,
      wrap(how, { indent: "  ", first: "  " }),
      wrap(`It only reads. ${bundle.neverTouches.replace(/ The result goes to your clipboard.*$/, "")}`, { indent: "  ", first: "  " }),
      ...(command.notes ?? []).map((n) => wrap(n, { indent: "    ", first: "  - " })),
      then,
      ...(args.cmd ? [] : ["When PowerShell is blocked: fixpath bundle --cmd"]),
    ].join("\n"),
  );
  return EXIT.ok;
}
