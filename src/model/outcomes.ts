/**
 * What a person says after trying a step, defined once for the engine (sessions), the outcomes
 * API's storage, the site and the report: the ids (stored and sent), the words people read, and
 * which outcomes the statistics count (`countsInStatistics`). Pure.
 */

/** Every step outcome, in the order the diagnostic offers them. */
export const STEP_OUTCOMES = ["fixed", "no-change", "could-not"] as const;
export type StepOutcome = (typeof STEP_OUTCOMES)[number];

/** How an outcome reads in a plan, a report or a summary ("Tried: no change"). */
export const STEP_OUTCOME_WORDS: Readonly<Record<StepOutcome, string>> = {
  fixed: "fixed it",
  "no-change": "no change",
  "could-not": "could not do it",
};

/** What the statistics read of a step: whether a later step completes it (`completedBy`). */
export interface CompletableStep {
  completedBy?: { step: string } | undefined;
}

/**
 * Whether the statistics count an outcome of a step. Every outcome counts but a "fixed" of a step
 * that leaves the app half-done (`completedBy`, such as an unlink): the diagnostic then leads to
 * the step that completes it, and the fix is counted there, once (issue 26). The site does not
 * send such an outcome; the outcomes API's counts leave it out if one comes all the same.
 */
export function countsInStatistics(step: CompletableStep | undefined, outcome: StepOutcome): boolean {
  return outcome !== "fixed" || step?.completedBy === undefined;
}

/** Why a step did not fix it (only for `no-change` and `could-not`), in the order they are offered. */
export const OUTCOME_REASONS = ["did-not-match", "no-rights", "unclear", "other"] as const;
export type OutcomeReason = (typeof OUTCOME_REASONS)[number];

/** The words people pick a reason by. */
export const OUTCOME_REASON_LABELS: Readonly<Record<OutcomeReason, string>> = {
  "did-not-match": "It did not match what I saw",
  "no-rights": "I could not do it: no rights",
  unclear: "The instructions were unclear",
  other: "Other",
};

/** Why a page was not helpful, in the order they are offered (the API's `FEEDBACK_REASONS`). */
export const FEEDBACK_REASON_LABELS = {
  "did-not-match": "It did not match what I see",
  unclear: "The instructions were unclear",
  "did-not-work": "The steps did not fix it",
  "missing-step": "Something is missing",
  other: "Something else",
} as const;
