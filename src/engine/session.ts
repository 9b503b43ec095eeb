/**
 * A diagnostic session as plain, versioned JSON: the answers so far, the steps tried with their
 * outcome and time, and the history that `undo` walks back. The site keeps it in the browser, the
 * CLI in a file. Every transition is pure: it returns a new session or issues, and never throws.
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
 * so sessions saved before them still read. Stored sessions and findings are read by
 * `parseSession` and `attachFindings` (session-parse.ts).
 */
// No zod here: the diagnostic island runs this module for its first question (budget 25 KB gzip
// for that first load). What comes from outside a session (a stored session, an analyzer's
// findings) is read by session-parse.ts with zod/mini; an outcome's time is checked with the
// pattern its schema uses (`ISO_TIME`).
import { FACT_NAMES, checklistUrl, suggest, type App, type FactName, type Facts, type FactValue, type Issue, type KnowledgeBase, type Question, type Scenario } from "../model/index.ts";
import { OUTCOME_REASONS, STEP_OUTCOMES, type OutcomeReason, type StepOutcome } from "../model/outcomes.ts";
import { checkFactValue, parseFacts } from "./answers.ts";
import { questionsForNow } from "./asking.ts";
import { pendingCompletion, resolvingOutcome, type PendingCompletion } from "./completion.ts";
import { UNKNOWN } from "./conditions.ts";
import { handOverReasons, unknownGuideReason } from "./hand-over.ts";
import { otherCodeNotice } from "./other-code.ts";
import { organisationWords, planCore, rankQuestions } from "./plan.ts";
import { applyPresets, type PresetUsed } from "./presets.ts";
import { findScenario, type Target } from "./target.ts";
import type { Escalation, Plan, PlanStep } from "./types.ts";
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
function isIsoTime(at: unknown): at is string {
  return typeof at === "string" && ISO_TIME.test(at);
}

/** Whether a note is one a session keeps: 1 to OUTCOME_NOTE_MAX characters. */
function isOutcomeNote(note: string): boolean {
  return note.length >= 1 && note.length <= OUTCOME_NOTE_MAX;
}

const isOneOf = <T extends string>(list: readonly T[], value: unknown): value is T => (list as readonly unknown[]).includes(value);

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

const refuse = (code: string, path: string, message: string, extra: Partial<Issue> = {}): SessionResult => ({
  ok: false,
  issues: [{ code, severity: "error", path, message, ...extra }],
});

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
 * The facts the plan works from: the person's answers under the organisation's presets, and
 * which facts the organisation answered (so reasons say "your organisation says").
 */
export function effectiveFacts(session: Session): { facts: Facts; fromOrganisation: Set<FactName>; used: PresetUsed[] } {
  const { facts, used } = applyPresets(session.facts, session.organisation ?? {});
  return { facts, fromOrganisation: new Set(used.map((u) => u.fact)), used };
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

// ---------------------------------------------------------------- where the session stands

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
    return escalated(kb, session, core, [unknownGuideReason(core.switchTo)], base);
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
  return escalated(kb, session, plan, handOverReasons(scenario, plan, session.outcomes, report.heldForIt), base);
}

function escalated(kb: KnowledgeBase, session: Session, plan: Plan, reasons: string[], base: { report: SessionReport; notice?: string }): SessionState {
  const escalation: Escalation = { reasons };
  if (plan.escalation?.checklist ?? kb.checklists.has(session.code)) escalation.checklist = checklistUrl(session.code);
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

function isFinished(scenario: Scenario, session: Session): boolean {
  return resolvingOutcome(scenario, session.outcomes) !== undefined;
}
