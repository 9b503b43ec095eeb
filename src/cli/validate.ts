/**
 * `fixpath validate [dir] [--format text|json]`: every problem of every content file, on stdout
 * (so `| grep` works), then one line naming the folder and what it holds, or how many problems.
 */
import { renderIssue } from "../model/index.ts";
import type { Content } from "./content.ts";
import { EXIT, UserError, writeLine, type CliIo } from "./io.ts";

export const VALIDATE_FORMATS = ["text", "json"] as const;
export type ValidateFormat = (typeof VALIDATE_FORMATS)[number];

export interface ValidateArgs {
  dir: string;
  format: string;
}

/** Runs `fixpath validate`; returns 0 when the content is valid, 1 when it has problems. */
export function runValidate(args: ValidateArgs, io: CliIo, content: Content): number {
  if (!(VALIDATE_FORMATS as readonly string[]).includes(args.format)) {
    throw new UserError(`fixpath validate: --format is text or json, not "${args.format}"`);
  }
  const { result, folder } = content.load(args.dir);
  const valid = result.kb !== undefined;
  const errors = result.issues.filter((i) => i.severity === "error").length;
  const warnings = result.issues.length - errors;
  if (args.format === "json") {
    writeLine(io.stdout, JSON.stringify({ folder, valid, counts: result.counts, errors, warnings, issues: result.issues }, null, 2));
    return valid ? EXIT.ok : EXIT.problems;
  }
  for (const issue of result.issues) writeLine(io.stdout, renderIssue(issue) + "\n");
  const c = result.counts;
  const shown = folder.endsWith("/") ? folder : `${folder}/`;
  const warned = warnings ? ` (${count(warnings, "warning")})` : "";
  if (valid) {
    const held = [count(c.codes, "code"), count(c.scenarios, "scenario"), count(c.checklists, "checklist"), count(c.steps, "step")].join(", ");
    writeLine(io.stdout, `✔ ${shown} is valid: ${held} in ${count(c.files, "file")}${warned}`);
    return EXIT.ok;
  }
  writeLine(io.stdout, `✖ ${count(errors, "problem")} in ${shown}${warned}`);
  return EXIT.problems;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
