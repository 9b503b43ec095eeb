// Node-only: the organisation file (fixpath.config.yaml) for the CLI's commands, read once and
// checked; a broken file stops the command with every problem and its fix.
import { renderIssue } from "../model/index.ts";
import type { OrgConfig } from "../model/config.ts";
import { readConfig } from "../model/config-fs.ts";
import { EXIT, UserError, type CliIo } from "./io.ts";

/** The organisation's settings, or the public defaults when there is no file; throws a UserError (exit 2) on problems. */
export function organisation(io: CliIo, command: string): OrgConfig {
  const read = readConfig(io.env, io.cwd);
  if (!read.ok) {
    throw new UserError(`fixpath ${command}: the organisation file has ${read.issues.length === 1 ? "a problem" : `${read.issues.length} problems`}:\n${read.issues.map(renderIssue).join("\n")}`, EXIT.usage);
  }
  return read.config;
}
