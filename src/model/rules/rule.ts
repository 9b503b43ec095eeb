/**
 * The shape of a content rule, after ESLint's: one module per rule under `src/model/rules/`,
 * each `{ code, description, check }`. `check` reads the assembled knowledge base through the
 * context and reports problems; the runner (`rules/index.ts`) adds the rule's code and severity.
 */
import type { PathSegment, Severity } from "../issue.ts";
import type { KbCode } from "../issue-codes.ts";
import type { RuleContext } from "./context.ts";

/** A problem a rule found, without its code: the runner adds the rule's. */
export interface Problem {
  file: string;
  path: PathSegment[];
  message: string;
  expected?: string;
  received?: string;
  hint?: string;
  /** Point at the key of the last path segment, or at its parent (for missing fields). */
  at?: "key" | "parent";
}

/** A problem with its code, before the loader places it at a line and column. */
export interface Draft extends Problem {
  code: KbCode;
  severity?: Severity;
}

export type Report = (problem: Problem) => void;

export interface Rule {
  /** The one code this rule reports; listed with its meaning in `issue-codes.ts`. */
  readonly code: KbCode;
  /** What the rule checks, in one line. */
  readonly description: string;
  /** Default `error`. */
  readonly severity?: Severity;
  check(ctx: RuleContext, report: Report): void;
}
