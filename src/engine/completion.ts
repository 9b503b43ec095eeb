/**
 * What completes a step (issue 13, item 6). A step that leaves the app half-done declares the
 * step that finishes it (`completedBy`: an unlink is completed by pairing again). Marking such a
 * step "fixed" does not end the session: the completing step comes next, and only a fixed
 * outcome of a step that leaves nothing half-done ends it fixed.
 */
import type { Scenario } from "../model/index.ts";

/** The outcome records these rules read (a session's `outcomes`). */
interface OutcomeLike {
  stepId: string;
  outcome: string;
}

/** A completion still owed: `after` was marked fixed, `step` completes it, `until` says what is half-done. */
export interface PendingCompletion {
  after: string;
  step: string;
  until: string;
}

/** The completion still owed: the last fixed step that declares `completedBy`, when its completing step has no outcome after it. */
export function pendingCompletion(scenario: Scenario, outcomes: readonly OutcomeLike[]): PendingCompletion | undefined {
  const steps = new Map(scenario.steps.map((s) => [s.id, s]));
  for (let i = outcomes.length - 1; i >= 0; i--) {
    const o = outcomes[i]!;
    const by = steps.get(o.stepId)?.completedBy;
    if (o.outcome !== "fixed" || !by) continue;
    if (outcomes.slice(i + 1).some((later) => later.stepId === by.step)) return undefined;
    return { after: o.stepId, step: by.step, until: by.until };
  }
  return undefined;
}

/** The outcome that ends the session fixed: a fixed outcome of a step that leaves nothing half-done. */
export function resolvingOutcome<T extends OutcomeLike>(scenario: Scenario, outcomes: readonly T[]): T | undefined {
  const halfDone = new Set(scenario.steps.filter((s) => s.completedBy).map((s) => s.id));
  return outcomes.find((o) => o.outcome === "fixed" && !halfDone.has(o.stepId));
}
