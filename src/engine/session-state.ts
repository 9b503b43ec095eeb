/**
 * Where a diagnostic session stands, and what to show next: the next question or step, the
 * finding-out state, or its end (resolved, escalated, stopped), with everything the report needs.
 */
import { type App, type FactName, type Facts, type KnowledgeBase, type Question, type Scenario } from "../model/index.ts";
import type { StepOutcome } from "../model/outcomes.ts";
import { questionsForNow } from "./asking.ts";
import { pendingCompletion, resolvingOutcome, type PendingCompletion } from "./completion.ts";
import { handOverCauses } from "./hand-over.ts";
import { otherCodeNotice } from "./other-code.ts";
import { escalationOf, organisationWords, planCore, rankQuestions } from "./plan.ts";
import { applyPresets, type PresetUsed } from "./presets.ts";
import type { Session, StepOutcomeReason } from "./session-format.ts";
import type { Escalation, HandOverCause, Plan, PlanStep } from "./types.ts";

/**
 * The facts the plan works from: the person's answers under the organisation's presets, and
 * which facts the organisation answered (so reasons say "your organisation says").
 */
export function effectiveFacts(session: Session): { facts: Facts; fromOrganisation: Set<FactName>; used: PresetUsed[] } {
  const { facts, used } = applyPresets(session.facts, session.organisation ?? {});
  return { facts, fromOrganisation: new Set(used.map((u) => u.fact)), used };
}

/** A step tried, for the report; `reason` and `note` say why it did not fix it, when given. */
export interface TriedStep {
  stepId: string;
  title: string;
  outcome: StepOutcome;
  at: string;
  reason?: StepOutcomeReason;
  note?: string;
}

/** Everything a report for IT needs. */
export interface SessionReport {
  code: string;
  app: App;
  answers: Facts;
  dontKnow: FactName[];
  tried: TriedStep[];
  /** Steps that waited for an answer the person could not find out, left to IT, with the questions they waited for. */
  heldForIt: { stepId: string; title: string; facts: FactName[] }[];
  /** Why the session ended with IT; empty unless escalated. */
  escalation?: Escalation;
}

/** Where a session stands, and what to show next. */
export interface SessionState {
  /**
   * `asking`: a question the next step needs; `finding-out`: the next step waits for answers the
   * person said they don't know (`findOut` holds those questions; answer one, or `deferStep`);
   * `step`: a step to try; `resolved`: a step fixed it and left nothing half-done; `escalated`:
   * hand over to IT; `stopped`: another guide, or not this error.
   */
  status: "asking" | "finding-out" | "step" | "resolved" | "escalated" | "stopped";
  plan: Plan;
  question?: Question;
  step?: PlanStep;
  /** For `finding-out`: the questions whose answers decide whether `step` is the person's or IT's. */
  findOut?: Question[];
  /** A step was marked fixed but left the app half-done: `step` is the one that completes it. */
  completing?: PendingCompletion;
  /** A sentence about the answer just given (the guide's own code, a code Fixpath does not know). */
  notice?: string;
  report: SessionReport;
}

/**
 * Where the session stands. A fixed outcome of a step that leaves nothing half-done ends it
 * resolved; a fixed step that declares `completedBy` leads to the step that completes it first.
 * A stop that is not an escalation ends it stopped (a switch to a code without a guide goes to
 * IT). Otherwise it asks the questions the next step needs (`asking.ts`), then offers the first
 * `do` step not tried yet; out of steps (or stopped to escalate), it is escalated, with reasons
 * worded from what happened (`hand-over.ts`). Undefined when the knowledge base has no scenario
 * for the session.
 */
export function sessionState(kb: KnowledgeBase, session: Session): SessionState | undefined {
  const scenario = scenarioOf(kb, session);
  if (!scenario) return undefined;
  const eff = effectiveFacts(session);
  const core0 = planCore(kb, scenario, eff.facts, eff.fromOrganisation);
  const core: Plan = eff.used.length > 0 ? { ...core0, organisation: eff.used.map((u) => ({ ...u, says: organisationWords(scenario, u.fact, u.value) })) } : core0;
  const title = new Map(scenario.steps.map((s) => [s.id, s.title]));
  // A step left to IT leaves every later step that waits only for the same answers: the person is
  // not asked again what they already could not find out.
  const deferred = new Set(session.deferred ?? []);
  const unanswerable = new Set(core0.steps.filter((s) => s.status === "find-out" && deferred.has(s.id)).flatMap((s) => s.findOut ?? []));
  const left = (s: PlanStep): boolean => s.status === "find-out" && (deferred.has(s.id) || (s.findOut ?? []).every((f) => unanswerable.has(f)));
  const report: SessionReport = {
    code: session.code,
    app: session.app,
    answers: { ...session.facts },
    dontKnow: [...session.dontKnow],
    tried: session.outcomes.map((o) => ({ stepId: o.stepId, title: title.get(o.stepId) ?? o.stepId, outcome: o.outcome, at: o.at, ...(o.reason ? { reason: o.reason } : {}), ...(o.note ? { note: o.note } : {}) })),
    heldForIt: core0.steps.filter((s) => left(s)).map((s) => ({ stepId: s.id, title: title.get(s.id) ?? s.id, facts: s.findOut ?? [] })),
  };
  const notice = lastAnswerNotice(kb, session);
  const base = notice ? { report, notice } : { report };
  if (resolvingOutcome(scenario, session.outcomes)) return { status: "resolved", plan: core, ...base };
  if (core.outcome === "not-this-error") return { status: "stopped", plan: core, ...base };
  if (core.outcome === "switch-guide") {
    if (core.switchTo === undefined || kb.codes.has(core.switchTo)) return { status: "stopped", plan: core, ...base };
    return escalated(kb, scenario, core, [{ kind: "unknown-guide", code: core.switchTo }], base);
  }
  const tried = new Set(session.outcomes.map((o) => o.stepId));
  const completing = pendingCompletion(scenario, session.outcomes);
  const owed = completing && core.steps.find((s) => s.id === completing.step && s.status === "do");
  const next = owed ?? core.steps.find((s) => (s.status === "do" || s.status === "find-out") && !tried.has(s.id) && !left(s));
  const ranked = rankQuestions(kb, scenario, eff.facts, core).filter((q) => !session.dontKnow.includes(q.fact as FactName));
  const questions = questionsForNow({ kb, scenario, facts: eff.facts, plan: core, outcomes: session.outcomes, nextStep: next?.id }, ranked);
  const plan: Plan = questions[0] ? { ...core, nextQuestion: questions[0] } : core;
  const withCompletion = owed && completing ? { ...base, completing } : base;
  if (questions[0]) return { status: "asking", plan, question: questions[0], ...withCompletion };
  if (next?.status === "find-out") {
    const findOut = (next.findOut ?? []).flatMap((f) => scenario.questions.filter((q) => q.fact === f));
    return { status: "finding-out", plan, step: next, findOut, ...base };
  }
  if (next) return { status: "step", plan, step: next, ...withCompletion };
  return escalated(kb, scenario, plan, handOverCauses(scenario, plan, session.outcomes, report.heldForIt), base);
}

function escalated(kb: KnowledgeBase, scenario: Scenario, plan: Plan, causes: HandOverCause[], base: { report: SessionReport; notice?: string }): SessionState {
  const escalation = escalationOf(kb, scenario, plan.code, causes);
  return { status: "escalated", plan, ...base, report: { ...base.report, escalation } };
}

/** The notice for the last event, when it was a code answer that needs words. */
function lastAnswerNotice(kb: KnowledgeBase, session: Session): string | undefined {
  const last = session.history[session.history.length - 1];
  return last?.type === "answer" ? otherCodeNotice(kb, session.code, last.fact, last.value) : undefined;
}

function scenarioOf(kb: KnowledgeBase, session: Session): Scenario | undefined {
  return kb.scenarios.get(`${session.code}/${session.app}`);
}
