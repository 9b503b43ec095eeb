/**
 * `fixpath validate [dir] [--format text|json]`: every problem of every content file, on stdout
 * (so `| grep` works), then one line naming the folder and what it holds, or how many problems.
 */
import { relative } from "node:path";
import { renderIssue } from "../model/index.ts";
import { readConfig } from "../model/config-fs.ts";
import type { Content } from "./content.ts";
import { EXIT, UserError, writeLine, type CliIo } from "./io.ts";

export const VALIDATE_FORMATS = ["text", "json"] as const;

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
  // The organisation file, when there is one, is checked with the content.
  const cfg = readConfig(io.env, io.cwd);
  const cfgFile = cfg.path ? relative(io.cwd, cfg.path) || cfg.path : undefined;
  const cfgValid = cfg.ok;
  const valid = result.kb !== undefined && cfgValid;
  const errors = result.issues.filter((i) => i.severity === "error").length;
  const warnings = result.issues.length - errors;
  if (args.format === "json") {
    const config = cfgFile ? { config: { file: cfgFile, valid: cfgValid, issues: cfg.issues } } : {};
    writeLine(io.stdout, JSON.stringify({ folder, valid, counts: result.counts, errors: errors + (cfgValid ? 0 : cfg.issues.length), warnings, issues: result.issues, ...config }, null, 2));
    return valid ? EXIT.ok : EXIT.problems;
  }
  for (const issue of [...result.issues, ...cfg.issues]) writeLine(io.stdout, renderIssue(issue) + "\n");
  if (cfgFile) writeLine(io.stdout, cfgValid ? `✔ ${cfgFile} (the organisation file) is valid` : `✖ ${count(cfg.issues.length, "problem")} in ${cfgFile} (the organisation file)`);
  const c = result.counts;
  const shown = folder.endsWith("/") ? folder : `${folder}/`;
  const warned = warnings ? ` (${count(warnings, "warning")})` : "";
  if (result.kb !== undefined) {
    const held = [count(c.codes, "code"), count(c.scenarios, "scenario"), count(c.checklists, "checklist"), count(c.steps, "step")].join(", ");
    writeLine(io.stdout, `✔ ${shown} is valid: ${held} in ${count(c.files, "file")}${warned}`);
    return valid ? EXIT.ok : EXIT.problems;
  }
  writeLine(io.stdout, `✖ ${count(errors, "problem")} in ${shown}${warned}`);
  return EXIT.problems;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
