/**
 * The plan contract of `shared/design.md` ("The diagnostic contract"), plus what the plan
 * assumed and the question that would change it. Plain data: it round-trips through JSON.
 */
import type { App, FactName, FactValue, Question } from "../model/index.ts";

/**
 * What the person does with a step: do it, skip it, ask IT to do it, never do it, or find out
 * first: an answer the step's safety rests on is unknown ("I don't know"), and the cautious answer
 * would hold the step back, so it waits until the answer is known (`findOut` names the facts).
 */
export type StepStatus = "do" | "skip" | "ask-admin" | "never" | "find-out";
/** Every step status, in the order the contract lists them. */
export const STEP_STATUSES = ["do", "skip", "ask-admin", "never", "find-out"] as const satisfies readonly StepStatus[];

/** Each status in words, for every surface (a new status without words does not compile). */
export const STEP_STATUS_WORDS: Readonly<Record<StepStatus, string>> = {
  do: "Do",
  skip: "Skipped",
  "ask-admin": "Ask IT",
  never: "Never",
  "find-out": "Find out first",
};

/** `plan`: steps to take; `escalate`: stop and hand over to IT; `switch-guide`: another code's guide; `not-this-error`. */
export type PlanOutcome = "plan" | "escalate" | "switch-guide" | "not-this-error";

/** One step or avoided action in a plan, in content order (steps first, then what not to do). */
export interface PlanStep {
  id: string;
  status: StepStatus;
  /** Why it has this status, in words; names the facts it rests on and what was assumed. */
  reason: string;
  /** For `find-out`: the unknown facts whose answers decide whether the step is the person's or IT's. */
  findOut?: FactName[];
}

/** What goes to IT, and where their checklist is. */
export interface Escalation {
  reasons: string[];
  /** `/codes/<code>/admin/`, present only when the code has an admin checklist. */
  checklist?: string;
}

/** An unanswered fact the plan relied on: what it assumed, and which step or stop ids that affects. */
export interface Assumption {
  fact: FactName;
  assumed: string;
  affects: string[];
}

/** The plan for one scenario and one set of facts. */
export interface Plan {
  /** The hub's canonical code id. */
  code: string;
  app: App;
  outcome: PlanOutcome;
  steps: PlanStep[];
  /** For `switch-guide`: the code whose guide applies (a hub id, or the code written canonically). */
  switchTo?: string;
  escalation?: Escalation;
  assumptions: Assumption[];
  /** The scenario's question for the unknown fact whose answer would change the plan most. */
  nextQuestion?: Question;
  /** The organisation's preset facts the plan relied on, each with its words (`fixpath.config.yaml`). */
  organisation?: { fact: FactName; value: FactValue; overrode?: FactValue; says: string }[];
}
