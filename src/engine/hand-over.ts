/**
 * Why a session goes to IT, decided from what happened (issue 13 item 2, issue 11's last point).
 * The plan's escalation lists every stop that fired, wherever it cuts; a session knows more: which
 * steps were tried and where the plan was really cut. So:
 * - a stop that ends the plan after the first-line steps (and the managed-device rule) is kept
 *   only when the person tried a first-line step: it speaks of fixes done;
 * - when the plan ran out of steps, the first cause says what was tried (or that no step was one
 *   the person could do alone); nothing says "none of the steps fixed it" when none was tried;
 * - a switch to a code Fixpath has no guide for goes to IT instead of a dead end.
 * Everything here is decided on the typed causes; the words come from `reasons.ts` (for the
 * person) and the report (for IT).
 */
import type { FactName, Scenario } from "../model/index.ts";
import type { HandOverCause, Plan, StepCause } from "./types.ts";

interface OutcomeLike {
  stepId: string;
  outcome: string;
}

/** A step left to IT because the answer it waited for could not be found out. */
interface HeldLike {
  stepId: string;
  facts: readonly FactName[];
}

/** The causes to hand over, decided from what happened; in the plan's order, each once. */
export function handOverCauses(scenario: Scenario, plan: Plan, outcomes: readonly OutcomeLike[], held: readonly HeldLike[] = []): HandOverCause[] {
  const triedFirstLine = triedAFirstLineStep(scenario, outcomes);
  const planCauses = (plan.escalation?.causes ?? []).filter((c) => !endsAfterFirstLine(c) || (plan.outcome === "plan" && triedFirstLine));
  const lead: HandOverCause[] = plan.outcome === "plan" ? [outOfSteps(outcomes)] : [];
  const heldCause: HandOverCause[] = held.length > 0 ? [{ kind: "held", facts: [...new Set(held.flatMap((h) => h.facts))], steps: held.map((h) => h.stepId) }] : [];
  return [...lead, ...heldCause, ...planCauses];
}

/** Whether a hand-over cause ends the plan after the first-line steps (it speaks of fixes done). */
export function endsAfterFirstLine(cause: HandOverCause | StepCause): boolean {
  return (cause.kind === "stop" || cause.kind === "stopped") ? cause.at === "after-first-line" : cause.kind === "managed";
}


/** Whether the person tried any of the guide's first-line steps (a cut after them then speaks of fixes done). */
export function triedAFirstLineStep(scenario: Scenario, outcomes: readonly OutcomeLike[]): boolean {
  const firstLine = new Set(scenario.steps.filter((s) => s.tier === "first-line").map((s) => s.id));
  return outcomes.some((o) => firstLine.has(o.stepId));
}

/** The first cause when the plan ran out of steps: how many steps were tried, and how many could not be done. */
export function outOfSteps(outcomes: readonly OutcomeLike[]): HandOverCause {
  const steps = new Map<string, string>();
  for (const o of outcomes) steps.set(o.stepId, o.outcome);
  return { kind: "out-of-steps", tried: steps.size, couldNot: [...steps.values()].filter((o) => o === "could-not").length };
}
