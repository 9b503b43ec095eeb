/**
 * A diagnostic session as plain, versioned JSON: the answers so far, the steps tried with their
 * outcome and time, and the history that `undo` walks back. The site keeps it in the browser, the
 * CLI in a file. Every transition is pure: it returns a new session or issues, and never throws.
 *
 * ```json
 * { "version": 1, "code": "caa50021", "app": "onedrive",
 *   "facts": { "managed": true }, "dontKnow": ["isAdmin"],
 *   "outcomes": [{ "stepId": "clean-restart", "outcome": "no-change", "at": "2026-01-02T10:00:00Z" }],
 *   "history": [{ "type": "answer", "fact": "managed", "value": true, "previous": null }, …] }
 * ```
 */
// zod/mini: the same validation as zod with a fraction of the bundle, since this runs in the
// browser's diagnostic island too (budget 25 KB gzip).
import * as z from "zod/mini";
import { APPS, FACT_NAMES, suggest, type App, type FactName, type Facts, type FactValue, type Issue, type KnowledgeBase, type Question, type Scenario } from "../model/index.ts";
import { STEP_OUTCOMES, type StepOutcome } from "../model/outcomes.ts";
import { checkFactValue, parseFacts } from "./answers.ts";
import { UNKNOWN } from "./conditions.ts";
import { planCore, rankQuestions } from "./plan.ts";
import { findScenario, type Target } from "./target.ts";
import type { Escalation, Plan, PlanStep } from "./types.ts";

export const SESSION_VERSION = 1;

/** What happened when the person tried a step (defined once, in the model). */
export { STEP_OUTCOMES, type StepOutcome } from "../model/outcomes.ts";

const NonEmpty = z.string().check(z.minLength(1));
/** A fact value: true/false, a choice, a code; `unknown` for "I don't know". */
const FactValueSchema = z.union([z.boolean(), NonEmpty]);
/** The state of a fact before an answer: its value, "unknown" (declined), or null (never answered). */
const PreviousSchema = z.union([FactValueSchema, z.null()]);
/** An ISO 8601 time passed in by the shell, e.g. 2026-01-02T10:00:00Z. */
const IsoTime = z.iso.datetime({ offset: true });
const OutcomeSchema = z.enum(STEP_OUTCOMES);
const FactNameSchema = z.enum(FACT_NAMES as [FactName, ...FactName[]]);

/** A step tried, with what happened and when. */
export const StepOutcomeRecordSchema = z.strictObject({ stepId: NonEmpty, outcome: OutcomeSchema, at: IsoTime });
export type StepOutcomeRecord = z.output<typeof StepOutcomeRecordSchema>;

/** One event of the session, oldest first; undo removes the last. */
export const HistoryEntrySchema = z.discriminatedUnion("type", [
  z.strictObject({ type: z.literal("answer"), fact: FactNameSchema, value: FactValueSchema, previous: PreviousSchema }),
  z.strictObject({ type: z.literal("outcome"), stepId: NonEmpty, outcome: OutcomeSchema, at: IsoTime }),
]);
export type HistoryEntry = z.output<typeof HistoryEntrySchema>;

/**
 * A Fixpath diagnostic session: `version` (1), `code` (the hub's id), `app`, `facts` (answers by
 * fact name; an absent fact is unknown), `dontKnow` (facts answered "I don't know", not asked
 * again; default none), `outcomes` (steps tried, in order) and `history` (every event).
 */
export const SessionSchema = z.strictObject({
  version: z.literal(SESSION_VERSION),
  code: NonEmpty,
  app: z.enum(APPS),
  facts: z.record(z.string(), z.unknown()),
  dontKnow: z._default(z.array(FactNameSchema), []),
  outcomes: z.array(StepOutcomeRecordSchema),
  history: z.array(HistoryEntrySchema),
});

/** A session: plain JSON, validated by `parseSession`. */
export interface Session {
  version: typeof SESSION_VERSION;
  code: string;
  app: App;
  facts: Facts;
  dontKnow: FactName[];
  outcomes: StepOutcomeRecord[];
  history: HistoryEntry[];
}

/** A transition's result: the new session, or why the event was refused. */
export type SessionResult = { ok: true; session: Session } | { ok: false; issues: Issue[] };

const refuse = (code: string, path: string, message: string, extra: Partial<Issue> = {}): SessionResult => ({
  ok: false,
  issues: [{ code, severity: "error", path, message, ...extra }],
});

/** Starts a session for a code and an app (or the code's only scenario), optionally with facts already known (evidence). */
export function startSession(kb: KnowledgeBase, target: Target & { facts?: Facts }): SessionResult {
  const found = findScenario(kb, target);
  if (!found.ok) return found;
  const facts = parseFacts(target.facts ?? {});
  if (!facts.ok) return facts;
  return { ok: true, session: { version: SESSION_VERSION, code: found.target.code, app: found.target.app, facts: facts.facts, dontKnow: [], outcomes: [], history: [] } };
}

/**
 * Records an answer. `"unknown"` (or null) means "I don't know": the fact becomes unknown and is
 * not asked again. A value of the wrong type is refused with `facts/*` issues.
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
export function recordOutcome(kb: KnowledgeBase, session: Session, event: { stepId: string; outcome: StepOutcome; at: string }): SessionResult {
  const scenario = scenarioOf(kb, session);
  if (!scenario) return refuse("session/unknown-scenario", "code", `no scenario ${session.code}/${session.app} in the knowledge base`);
  const outcome = OutcomeSchema.safeParse(event.outcome);
  if (!outcome.success) return refuse("session/bad-outcome", "outcome", `"${String(event.outcome)}" is not a step outcome`, { expected: STEP_OUTCOMES.join(" | "), received: JSON.stringify(event.outcome), hint: suggest(String(event.outcome), STEP_OUTCOMES) });
  if (!IsoTime.safeParse(event.at).success) return refuse("session/bad-time", "at", "the time is not an ISO 8601 date and time", { expected: "e.g. 2026-01-02T10:00:00Z", received: JSON.stringify(event.at) });
  const ids = [...scenario.steps.map((s) => s.id), ...scenario.avoid.map((a) => a.id)];
  if (!scenario.steps.some((s) => s.id === event.stepId)) {
    return refuse("session/unknown-step", "stepId", `"${event.stepId}" is not a step of ${session.code}/${session.app}`, { hint: suggest(event.stepId, ids) });
  }
  if (isFinished(kb, session)) return refuse("session/finished", "stepId", "the session has ended: a step already fixed it", { hint: "undo the last event to go on" });
  const current = planCore(kb, scenario, session.facts).steps.find((s) => s.id === event.stepId)!;
  if (current.status !== "do") {
    return refuse("session/step-not-offered", "stepId", `"${event.stepId}" is not offered in this plan (${current.status}): ${current.reason}`);
  }
  const record: StepOutcomeRecord = { stepId: event.stepId, outcome: outcome.data, at: event.at };
  return { ok: true, session: { ...session, outcomes: [...session.outcomes, record], history: [...session.history, { type: "outcome", ...record }] } };
}

/** Takes back the last answer or outcome; `session/nothing-to-undo` at the start. */
export function undo(session: Session): SessionResult {
  const last = session.history[session.history.length - 1];
  if (!last) return refuse("session/nothing-to-undo", "history", "there is nothing to undo: the session is at its start");
  const history = session.history.slice(0, -1);
  if (last.type === "outcome") return { ok: true, session: { ...session, outcomes: session.outcomes.slice(0, -1), history } };
  return { ok: true, session: { ...applyAnswer(session, last.fact, last.previous), history } };
}

/**
 * Reads a stored session (parsed JSON, or JSON text). Issues: `session/bad-json`,
 * `session/bad-version`, `session/invalid` (shape), `facts/*` (answers), `session/inconsistent`.
 */
export function parseSession(input: unknown): SessionResult {
  let data = input;
  if (typeof input === "string") {
    try {
      data = JSON.parse(input) as unknown;
    } catch (e) {
      return refuse("session/bad-json", "(session)", `the session is not valid JSON: ${e instanceof Error ? e.message : String(e)}`, { hint: "start a new session" });
    }
  }
  if (typeof data === "object" && data !== null && !Array.isArray(data) && "version" in data && data.version !== SESSION_VERSION) {
    return refuse("session/bad-version", "version", "this session was saved in a format this version of Fixpath does not read", { expected: String(SESSION_VERSION), received: JSON.stringify(data.version), hint: "start a new session" });
  }
  const parsed = SessionSchema.safeParse(data);
  if (!parsed.success) {
    return {
      ok: false,
      issues: parsed.error.issues.map((iss) => ({
        code: "session/invalid",
        severity: "error" as const,
        path: iss.path.map((p) => (typeof p === "number" ? `[${p}]` : `.${String(p)}`)).join("").replace(/^\./, "") || "(session)",
        message: describeIssue(iss),
      })),
    };
  }
  const s = parsed.data;
  const facts = parseFacts(s.facts);
  if (!facts.ok) return { ok: false, issues: facts.issues.map((i) => ({ ...i, path: `facts.${i.path}` })) };
  const issues: Issue[] = [];
  for (const [i, h] of s.history.entries()) {
    if (h.type !== "answer") continue;
    for (const [key, v] of [["value", h.value], ["previous", h.previous]] as const) {
      if (v === null) continue;
      const checked = checkFactValue(h.fact, v, `history[${i}].${key}`);
      if (!checked.ok) issues.push(checked.issue);
    }
  }
  const outcomeEvents = s.history.filter((h) => h.type === "outcome");
  if (JSON.stringify(outcomeEvents.map(({ stepId, outcome, at }) => ({ stepId, outcome, at }))) !== JSON.stringify(s.outcomes)) {
    issues.push({ code: "session/inconsistent", severity: "error", path: "outcomes", message: "the outcomes do not match the outcome events in the history", hint: "start a new session" });
  }
  if (issues.length > 0) return { ok: false, issues };
  return { ok: true, session: { version: SESSION_VERSION, code: s.code, app: s.app, facts: facts.facts, dontKnow: [...new Set(s.dontKnow)].sort((a, b) => FACT_NAMES.indexOf(a) - FACT_NAMES.indexOf(b)), outcomes: s.outcomes, history: s.history } };
}

/** zod/mini carries no message locale: say what was expected from the issue's own data. */
function describeIssue(iss: z.core.$ZodIssue): string {
  switch (iss.code) {
    case "invalid_type":
      return `expected ${iss.expected}`;
    case "invalid_value":
      return `expected one of ${iss.values.map((v) => JSON.stringify(v)).join(", ")}`;
    case "too_small":
      return "must not be empty";
    case "unrecognized_keys":
      return `unknown field(s): ${iss.keys.join(", ")}`;
    case "invalid_format":
      return iss.format === "datetime" ? "expected an ISO 8601 date and time, e.g. 2026-01-02T10:00:00Z" : `expected the ${iss.format} format`;
    case "invalid_union":
      return "does not fit any allowed form";
    default:
      return "invalid value";
  }
}

// ---------------------------------------------------------------- where the session stands

/** A step tried, for the report. */
export interface TriedStep {
  stepId: string;
  title: string;
  outcome: StepOutcome;
  at: string;
}

/** Everything a report for IT needs. */
export interface SessionReport {
  code: string;
  app: App;
  answers: Facts;
  dontKnow: FactName[];
  tried: TriedStep[];
  /** Why the session ended with IT; empty unless escalated. */
  escalation?: Escalation;
}

/** Where a session stands, and what to show next. */
export interface SessionState {
  /** `asking`: a question would change the plan; `step`: a step to try; `resolved`: a step fixed it; `escalated`: hand over to IT; `stopped`: another guide, or not this error. */
  status: "asking" | "step" | "resolved" | "escalated" | "stopped";
  plan: Plan;
  question?: Question;
  step?: PlanStep;
  report: SessionReport;
}

const OUT_OF_STEPS = "None of the steps in the plan fixed it: hand over to IT with this report.";

/**
 * Where the session stands. A `fixed` outcome ends it resolved; a stop that is not an escalation
 * ends it stopped; otherwise it asks the most useful question not declined, then offers the
 * first `do` step not tried yet; out of steps (or stopped to escalate), it is escalated.
 * Returns undefined when the knowledge base has no scenario for the session.
 */
export function sessionState(kb: KnowledgeBase, session: Session): SessionState | undefined {
  const scenario = scenarioOf(kb, session);
  if (!scenario) return undefined;
  const core = planCore(kb, scenario, session.facts);
  const questions = rankQuestions(kb, scenario, session.facts, core).filter((q) => !session.dontKnow.includes(q.fact as FactName));
  const plan: Plan = questions[0] ? { ...core, nextQuestion: questions[0] } : core;
  const title = new Map(scenario.steps.map((s) => [s.id, s.title]));
  const report: SessionReport = {
    code: session.code,
    app: session.app,
    answers: { ...session.facts },
    dontKnow: [...session.dontKnow],
    tried: session.outcomes.map((o) => ({ stepId: o.stepId, title: title.get(o.stepId) ?? o.stepId, outcome: o.outcome, at: o.at })),
  };
  if (session.outcomes.some((o) => o.outcome === "fixed")) return { status: "resolved", plan, report };
  if (plan.outcome === "not-this-error" || plan.outcome === "switch-guide") return { status: "stopped", plan, report };
  if (questions[0]) return { status: "asking", plan, question: questions[0], report };
  const tried = new Set(session.outcomes.map((o) => o.stepId));
  const step = plan.steps.find((s) => s.status === "do" && !tried.has(s.id));
  if (step) return { status: "step", plan, step, report };
  const reasons = [...(plan.escalation?.reasons ?? [])];
  if (plan.outcome === "plan" && !reasons.includes(OUT_OF_STEPS)) reasons.unshift(OUT_OF_STEPS);
  const escalation: Escalation = { reasons };
  if (plan.escalation?.checklist ?? kb.checklists.has(session.code)) escalation.checklist = `/codes/${session.code}/admin/`;
  return { status: "escalated", plan, report: { ...report, escalation } };
}

function scenarioOf(kb: KnowledgeBase, session: Session): Scenario | undefined {
  return kb.scenarios.get(`${session.code}/${session.app}`);
}

function isFinished(_kb: KnowledgeBase, session: Session): boolean {
  return session.outcomes.some((o) => o.outcome === "fixed");
}
