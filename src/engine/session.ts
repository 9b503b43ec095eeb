/**
 * The transitions of a diagnostic session (session-format.ts is the saved format, session-parse.ts
 * reads one back, session-state.ts says where a session stands). Every transition is pure: it
 * returns a new session or issues, and never throws. No zod here (session-format.ts says why).
 */
import { FACT_NAMES, suggest, type FactName, type Facts, type FactValue, type Issue, type KnowledgeBase, type Scenario } from "../model/index.ts";
import { STEP_OUTCOMES, type StepOutcome } from "../model/outcomes.ts";
import { checkFactValue, parseFacts } from "./answers.ts";
import { resolvingOutcome } from "./completion.ts";
import { UNKNOWN } from "./conditions.ts";
import { planCore } from "./plan.ts";
import { OUTCOME_NOTE_MAX, SESSION_VERSION, STEP_OUTCOME_REASONS, isIsoTime, isOneOf, isOutcomeNote, refuse, type Session, type SessionResult, type StepOutcomeReason, type StepOutcomeRecord } from "./session-format.ts";
import { effectiveFacts } from "./session-state.ts";
import { findScenario, type Target } from "./target.ts";

// The format and where a session stands, for the shells that import the session from here (no zod in either).
export * from "./session-format.ts";
export * from "./session-state.ts";

/** Starts a session for a code and an app (or the code's only scenario), optionally with facts already known (evidence). */
export function startSession(kb: KnowledgeBase, target: Target & { facts?: Facts; organisation?: Facts }): SessionResult {
  const found = findScenario(kb, target);
  if (!found.ok) return found;
  const facts = parseFacts(target.facts ?? {});
  if (!facts.ok) return facts;
  const organisation = target.organisation && Object.keys(target.organisation).length > 0 ? { organisation: { ...target.organisation } } : {};
  return { ok: true, session: { version: SESSION_VERSION, code: found.target.code, app: found.target.app, facts: facts.facts, dontKnow: [], outcomes: [], history: [], ...organisation } };
}


/**
 * Records an answer. `"unknown"` (or null) means "I don't know": the fact becomes unknown and is
 * not asked again. A value of the wrong type is refused with `facts/*` issues. A code answer that
 * needs words (the guide's own code, a code Fixpath does not know) gets them in `sessionState`'s
 * `notice`.
 */
export function answer(session: Session, fact: string, value: FactValue | null): SessionResult {
  const checked = checkFactValue(fact, value, `facts.${fact}`);
  if (!checked.ok) return { ok: false, issues: [checked.issue] };
  const name = fact as FactName;
  if (name === "app" && checked.value !== session.app && checked.value !== UNKNOWN) {
    return refuse("session/app-fixed", "facts.app", `this session is about ${session.app}; the app cannot change`, { hint: "start a new session for the other app" });
  }
  const previous: FactValue | null = session.facts[name] ?? (session.dontKnow.includes(name) ? UNKNOWN : null);
  const next = applyAnswer(session, name, checked.value);
  return { ok: true, session: { ...next, history: [...session.history, { type: "answer", fact: name, value: checked.value, previous }] } };
}

function applyAnswer(session: Session, fact: FactName, value: FactValue | null): Session {
  const facts: Facts = { ...session.facts };
  delete facts[fact];
  const dontKnow = session.dontKnow.filter((f) => f !== fact);
  if (value === UNKNOWN) dontKnow.push(fact);
  else if (value !== null) facts[fact] = value;
  // A set, kept in the fact table's order so that undo gives back an equal session.
  dontKnow.sort((a, b) => FACT_NAMES.indexOf(a) - FACT_NAMES.indexOf(b));
  return { ...session, facts, dontKnow };
}

/**
 * Records what happened when the person tried a step, at `at` (an ISO time from the shell). Only a
 * step the current plan marks `do` can be recorded (`session/unknown-step`, `session/step-not-offered`).
 */
export function recordOutcome(kb: KnowledgeBase, session: Session, event: { stepId: string; outcome: StepOutcome; at: string; reason?: StepOutcomeReason; note?: string }): SessionResult {
  const scenario = scenarioOf(kb, session);
  if (!scenario) return refuse("session/unknown-scenario", "code", `no scenario ${session.code}/${session.app} in the knowledge base`);
  const outcome = event.outcome as unknown;
  if (!isOneOf(STEP_OUTCOMES, outcome)) return refuse("session/bad-outcome", "outcome", `"${String(event.outcome)}" is not a step outcome`, { expected: STEP_OUTCOMES.join(" | "), received: JSON.stringify(event.outcome), hint: suggest(String(event.outcome), STEP_OUTCOMES) });
  if (!isIsoTime(event.at)) return refuse("session/bad-time", "at", "the time is not an ISO 8601 date and time", { expected: "e.g. 2026-01-02T10:00:00Z", received: JSON.stringify(event.at) });
  const ids = [...scenario.steps.map((s) => s.id), ...scenario.avoid.map((a) => a.id)];
  if (!scenario.steps.some((s) => s.id === event.stepId)) {
    return refuse("session/unknown-step", "stepId", `"${event.stepId}" is not a step of ${session.code}/${session.app}`, { hint: suggest(event.stepId, ids) });
  }
  if (isFinished(scenario, session)) return refuse("session/finished", "stepId", "the session has ended: a step already fixed it", { hint: "undo the last event to go on" });
  const eff = effectiveFacts(session);
  const current = planCore(kb, scenario, eff.facts, eff.fromOrganisation).steps.find((s) => s.id === event.stepId)!;
  if (current.status !== "do") {
    return refuse("session/step-not-offered", "stepId", `"${event.stepId}" is not offered in this plan (${current.status}): ${current.reason}`);
  }
  const why = checkReason(outcome, event);
  if (!why.ok) return why;
  const record: StepOutcomeRecord = { stepId: event.stepId, outcome, at: event.at, ...why.fields };
  return { ok: true, session: { ...session, outcomes: [...session.outcomes, record], history: [...session.history, { type: "outcome", ...record }] } };
}

/**
 * Adds why a step did not fix it to the outcome just recorded, so a shell can save the outcome
 * first and ask "What got in the way?" after (a reload in between keeps the step). Refused when
 * the last event is not that step's outcome (`session/no-outcome-to-explain`) or it was fixed.
 */
export function explainOutcome(session: Session, event: { stepId: string; reason: StepOutcomeReason; note?: string }): SessionResult {
  const last = session.history[session.history.length - 1];
  if (!last || last.type !== "outcome" || last.stepId !== event.stepId) {
    return refuse("session/no-outcome-to-explain", "stepId", `the last event is not the outcome of "${event.stepId}"`, { hint: "record the step's outcome first, then say why" });
  }
  const why = checkReason(last.outcome, event);
  if (!why.ok) return why;
  const record: StepOutcomeRecord = { stepId: last.stepId, outcome: last.outcome, at: last.at, ...why.fields };
  return { ok: true, session: { ...session, outcomes: [...session.outcomes.slice(0, -1), record], history: [...session.history.slice(0, -1), { type: "outcome", ...record }] } };
}

function checkReason(outcome: StepOutcome, event: { reason?: unknown; note?: unknown }): { ok: true; fields: Pick<StepOutcomeRecord, "reason" | "note"> } | { ok: false; issues: Issue[] } {
  if (event.reason === undefined && event.note === undefined) return { ok: true, fields: {} };
  if (outcome === "fixed") return refuse("session/reason-not-allowed", "reason", "a reason is given only for a step that did not fix it", { hint: "leave the reason out for a fixed step" }) as { ok: false; issues: Issue[] };
  const reason = event.reason;
  if (!isOneOf(STEP_OUTCOME_REASONS, reason)) {
    return refuse("session/bad-reason", "reason", `"${String(event.reason)}" is not a reason Fixpath knows`, { expected: STEP_OUTCOME_REASONS.join(" | "), received: JSON.stringify(event.reason), hint: suggest(String(event.reason), STEP_OUTCOME_REASONS) }) as { ok: false; issues: Issue[] };
  }
  if (event.note === undefined) return { ok: true, fields: { reason } };
  const note = typeof event.note === "string" ? event.note.trim() : "";
  if (!isOutcomeNote(note)) {
    return refuse("session/bad-note", "note", `a note is text of 1 to ${OUTCOME_NOTE_MAX} characters`, { received: typeof event.note === "string" ? `${event.note.length} characters` : JSON.stringify(event.note), hint: "shorten the note, or leave it out" }) as { ok: false; issues: Issue[] };
  }
  return { ok: true, fields: { reason, note } };
}

/**
 * Leaves a step that waits for an answer ("find out first") to IT, when the person cannot find
 * the answer out: the session goes on with the steps after it, and the report lists it as held.
 * Only a step the current plan holds can be left (`session/step-not-held`).
 */
export function deferStep(kb: KnowledgeBase, session: Session, stepId: string): SessionResult {
  const scenario = scenarioOf(kb, session);
  if (!scenario) return refuse("session/unknown-scenario", "code", `no scenario ${session.code}/${session.app} in the knowledge base`);
  if (!scenario.steps.some((s) => s.id === stepId)) return refuse("session/unknown-step", "stepId", `"${stepId}" is not a step of ${session.code}/${session.app}`, { hint: suggest(stepId, scenario.steps.map((s) => s.id)) });
  const eff = effectiveFacts(session);
  const current = planCore(kb, scenario, eff.facts, eff.fromOrganisation).steps.find((s) => s.id === stepId)!;
  if (current.status !== "find-out" || (session.deferred ?? []).includes(stepId)) {
    return refuse("session/step-not-held", "stepId", `"${stepId}" is not waiting for an answer in this plan`);
  }
  return { ok: true, session: { ...session, deferred: [...(session.deferred ?? []), stepId], history: [...session.history, { type: "defer", stepId }] } };
}


/** Takes back the last answer or outcome; `session/nothing-to-undo` at the start. */
export function undo(session: Session): SessionResult {
  const last = session.history[session.history.length - 1];
  if (!last) return refuse("session/nothing-to-undo", "history", "there is nothing to undo: the session is at its start");
  const history = session.history.slice(0, -1);
  if (last.type === "outcome") return { ok: true, session: { ...session, outcomes: session.outcomes.slice(0, -1), history } };
  if (last.type === "defer") {
    const deferred = (session.deferred ?? []).filter((id) => id !== last.stepId);
    const { deferred: _gone, ...rest } = session;
    return { ok: true, session: deferred.length > 0 ? { ...rest, deferred, history } : { ...rest, history } };
  }
  return { ok: true, session: { ...applyAnswer(session, last.fact, last.previous), history } };
}

function scenarioOf(kb: KnowledgeBase, session: Session): Scenario | undefined {
  return kb.scenarios.get(`${session.code}/${session.app}`);
}

function isFinished(scenario: Scenario, session: Session): boolean {
  return resolvingOutcome(scenario, session.outcomes) !== undefined;
}
