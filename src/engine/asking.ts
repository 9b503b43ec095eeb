/**
 * Which questions the session asks now (issue 13, item 13): questions in an order a person
 * understands, and only what the next step needs.
 *
 * [1] A `code` fact (the code seen right after sign-in succeeds) describes the result of trying a
 *     step: before any step came back "no change", the person still sees the guide's own code, so
 *     the question is held back and the plan assumes no other code, as it does for any unknown fact.
 * [2] Of the plan's ranked questions (`rankQuestions`), one is asked now when an answer to it can
 *     change where the plan stops, or the status of a step not tried yet up to and including the
 *     step the session would offer next, or when the plan assumed it for such a step. The rest
 *     wait until that step is done. With no step left to offer, a question is asked only when an
 *     answer could still change where the plan stops or offer a step: a plan that hands over to
 *     IT before any step asks nothing more.
 */
import { FACTS, type FactName, type Facts, type KnowledgeBase, type Question, type Scenario } from "../model/index.ts";
import { planCore } from "./plan.ts";
import { candidateValues } from "./space.ts";
import type { Plan } from "./types.ts";

/** What the questions depend on: the facts, the plan for them, what was tried, and the step to offer next. */
export interface AskingContext {
  kb: KnowledgeBase;
  scenario: Scenario;
  facts: Facts;
  plan: Plan;
  outcomes: readonly { stepId: string; outcome: string }[];
  /** The step the session would offer next under the current plan; undefined when none is left. */
  nextStep?: string;
}

/** Whether the person has tried a step and come back with the error still there (so a follow-up code can exist). */
export function hasRetried(outcomes: AskingContext["outcomes"]): boolean {
  return outcomes.some((o) => o.outcome === "no-change");
}

/** The ranked questions that the next step needs, in their ranked order. */
export function questionsForNow(ctx: AskingContext, ranked: readonly Question[]): Question[] {
  const retried = hasRetried(ctx.outcomes);
  const timely = ranked.filter((q) => retried || FACTS[q.fact as FactName].type !== "code");
  const tried = new Set(ctx.outcomes.map((o) => o.stepId));
  const upTo = ctx.nextStep === undefined ? ctx.scenario.steps.length - 1 : ctx.scenario.steps.findIndex((s) => s.id === ctx.nextStep);
  const relevant = new Set(ctx.scenario.steps.slice(0, upTo + 1).map((s) => s.id).filter((id) => !tried.has(id)));
  const assumedFor = new Set(ctx.plan.assumptions.filter((a) => a.affects.some((id) => relevant.has(id))).map((a) => a.fact));
  const decides = (fact: FactName): boolean =>
    candidateValues(ctx.scenario, fact).some((value) => {
      const other = planCore(ctx.kb, ctx.scenario, { ...ctx.facts, [fact]: value });
      if (other.outcome !== ctx.plan.outcome || other.switchTo !== ctx.plan.switchTo) return true;
      return other.steps.some((s, i) => relevant.has(s.id) && s.status !== ctx.plan.steps[i]?.status);
    });
  return timely.filter((q) => assumedFor.has(q.fact as FactName) || decides(q.fact as FactName));
}
