/**
 * The saved format of a diagnostic session, as plain, versioned JSON: the answers so far, the steps
 * tried with their outcome and time, and the history that `undo` walks back. The site keeps it in
 * the browser, the CLI in a file. Reading one back is session-parse.ts (with zod/mini); the
 * transitions are session.ts, and where a session stands session-state.ts.
 *
 * ```json
 * { "version": 1, "code": "caa50021", "app": "onedrive",
 *   "facts": { "managed": true }, "dontKnow": ["isAdmin"],
 *   "outcomes": [{ "stepId": "clean-restart", "outcome": "could-not", "at": "2026-01-02T10:00:00Z", "reason": "no-rights" }],
 *   "history": [{ "type": "answer", "fact": "managed", "value": true, "previous": null }, …],
 *   "findings": [{ "source": "dsregcmd /status", "findings": [{ "status": "fail", "message": "…" }] }] }
 * ```
 *
 * `reason`/`note` (why a step did not fix it) and `findings` (what an analyzer found) are optional,
 * so sessions saved before them still read.
 *
 * No zod here: the diagnostic island runs the transitions for its first question (budget 25 KB
 * gzip for that first load); an outcome's time is checked with the pattern its schema uses.
 */
import type { App, FactName, Facts, Issue } from "../model/index.ts";
import { OUTCOME_REASONS, type OutcomeReason } from "../model/outcomes.ts";
import type { FindingGroup, HistoryEntry, StepOutcomeRecord } from "./session-parse.ts";

export type { FindingGroup, HistoryEntry, StepOutcomeRecord } from "./session-parse.ts";

export const SESSION_VERSION = 1;

/** What happened when the person tried a step (defined once, in the model). */
export { STEP_OUTCOMES, type StepOutcome } from "../model/outcomes.ts";

/**
 * Why a step did not fix it, from a fixed list (the outcomes API keeps the same ids): it did not
 * match what the person saw, no rights to do it, unclear instructions, something else.
 */
export const STEP_OUTCOME_REASONS = OUTCOME_REASONS; // one list, in src/model/outcomes.ts
export type StepOutcomeReason = OutcomeReason;
/** Longest note a person may add to a reason, in characters. */
export const OUTCOME_NOTE_MAX = 500;

/**
 * An ISO 8601 date and time with seconds and `Z` or an offset, e.g. 2026-01-02T10:00:00Z: the
 * pattern of zod's `z.iso.datetime({ offset: true })`, which reads the time back from a stored
 * session (session-parse.ts), written out (tests/engine/session.test.ts checks they agree).
 */
const ISO_TIME =
  /^(?:(?:\d\d[2468][048]|\d\d[13579][26]|\d\d0[48]|[02468][048]00|[13579][26]00)-02-29|\d{4}-(?:(?:0[13578]|1[02])-(?:0[1-9]|[12]\d|3[01])|(?:0[469]|11)-(?:0[1-9]|[12]\d|30)|(?:02)-(?:0[1-9]|1\d|2[0-8])))T(?:(?:[01]\d|2[0-3]):[0-5]\d:[0-5]\d(?:\.\d+)?(?:Z|([+-](?:[01]\d|2[0-3]):[0-5]\d)))$/;

/** Whether `at` is a time `parseSession` reads back (the same pattern as its schema). */
export function isIsoTime(at: unknown): at is string {
  return typeof at === "string" && ISO_TIME.test(at);
}

/** Whether a note is one a session keeps: 1 to OUTCOME_NOTE_MAX characters. */
export function isOutcomeNote(note: string): boolean {
  return note.length >= 1 && note.length <= OUTCOME_NOTE_MAX;
}

export const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => (list as readonly unknown[]).includes(value);

/** A session: plain JSON, validated by `parseSession`. */
export interface Session {
  version: typeof SESSION_VERSION;
  code: string;
  app: App;
  facts: Facts;
  dontKnow: FactName[];
  outcomes: StepOutcomeRecord[];
  /**
   * Steps held until an answer was known ("find out first") that the person could not find out,
   * and left to IT, in order; absent when none.
   */
  deferred?: string[];
  history: HistoryEntry[];
  /** What an analyzer found on this device (a paste analysed in the same session), for the report; not part of the history. */
  findings?: FindingGroup[];
  /**
   * The organisation's preset facts (`fixpath.config.yaml` → `facts`), set by the shell when the
   * session starts or resumes. They are not asked, and a cautious one wins over any answer
   * (`presets.ts`).
   */
  organisation?: Facts;
}

/** A transition's result: the new session, or why the event was refused. */
export type SessionResult = { ok: true; session: Session } | { ok: false; issues: Issue[] };

export const refuse = (code: string, path: string, message: string, extra: Partial<Issue> = {}): SessionResult => ({
  ok: false,
  issues: [{ code, severity: "error", path, message, ...extra }],
});

