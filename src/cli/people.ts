/**
 * A problem with what a person typed or passed, in words: what is wrong and how to fix it, never
 * an internal issue code (those stay in --json). Content and organisation-file problems keep
 * renderIssue's `file:line:col  code  path` form: their codes are documented in CONTRIBUTING.
 */
import type { Issue } from "../model/index.ts";

export function renderForPeople(command: string, issue: Issue): string {
  const where = issue.file && issue.file !== "<paste>" ? `${issue.file}${issue.line !== undefined ? `:${issue.line}${issue.col !== undefined ? `:${issue.col}` : ""}` : ""}: ` : "";
  const lines = [`fixpath ${command}: ${where}${issue.message}`];
  if (issue.expected !== undefined && issue.expected.length <= 200) lines.push(`  Expected: ${issue.expected.replaceAll(" | ", ", ")}${issue.received !== undefined ? `; found ${issue.received}` : ""}`);
  if (issue.hint) lines.push(`  Fix: ${issue.hint}`);
  return lines.join("\n");
}
