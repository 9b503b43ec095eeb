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
  const saveAs = "bundle.txt";
  writeLine(
    io.stderr,
    [
      "",
      `${command.label}:`,
      wrap(command.howToRun, { indent: "  " }),
      wrap(`It only reads. ${bundle.neverTouches}`, { indent: "  " }),
      `Then read what it printed (saved as ${saveAs}): fixpath analyze ${saveAs}   (or paste it: fixpath analyze -)`,
      ...(args.cmd ? [] : ["When PowerShell is blocked: fixpath bundle --cmd"]),
    ].join("\n"),
  );
  return EXIT.ok;
}
