/**
 * The plan contract of `shared/design.md` ("The diagnostic contract"), plus what the plan
 * assumed and the question that would change it. Plain data: it round-trips through JSON.
 */
import type { App, FactName, FactValue, Question } from "../model/index.ts";

/** Where a stop cuts the plan, earliest first. `not-this-error` always cuts at `start`. */
export const CUT_POINTS = ["start", "before-state-change", "after-first-line"] as const;
export type CutPoint = (typeof CUT_POINTS)[number];

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

/**
 * Why a step waits for an unknown answer: a stop that would cut before it (`stop` is its id), the
 * managed-device rule for advanced steps, a work-account or registration change, whether a
 * work-account step fits at all, or administrator rights.
 */
export type HoldCause =
  | { kind: "stop"; stop: string; at: CutPoint }
  | { kind: "managed-advanced" }
  | { kind: "registration" }
  | { kind: "work-account-fit" }
  | { kind: "admin" };

/** One reason a step waits for an answer: the unknown fact, and what its cautious answer would do to the step. */
export interface Hold {
  fact: FactName;
  cause: HoldCause;
}

/**
 * Why a plan step has its status, as data: shells decide on this, never on the words. The words
 * (`PlanStep.reason`) are rendered from it in one place (`reasons.ts`).
 * - `stopped`: a stop cuts the plan before this step (`stop` is its id, `at` where it cuts);
 * - `managed`: an advanced step on a managed computer (the plan ends after the first-line steps);
 * - `never-on-managed`: a step never offered on a managed computer, or one that may be (`managed: "unknown"`);
 * - `does-not-apply`: its condition is false for these answers;
 * - `registration`: IT's, because it adds or removes a work account on a managed or domain-joined computer;
 * - `admin`: IT's, because it needs administrator rights (`ownProfile`: it acts on the running account's profile);
 * - `find-out`: waits for answers (`holds`);
 * - `offered`: the person's to do (`applies`: its condition holds, is assumed, or it has none;
 *   `assumedNotManaged`: an advanced step offered while management is unknown);
 * - `avoid`: an avoided action (`scope`: never on a managed computer, never on any, or not a step).
 */
export type StepCause =
  | { kind: "stopped"; stop: string; at: CutPoint }
  | { kind: "managed" }
  | { kind: "never-on-managed"; managed: "yes" | "unknown" }
  | { kind: "does-not-apply" }
  | { kind: "registration"; on: "managed" | "hybrid-joined" }
  | { kind: "admin"; ownProfile: boolean }
  | { kind: "find-out"; holds: Hold[] }
  | { kind: "offered"; tier: "first-line" | "advanced"; applies: "yes" | "assumed" | "always"; assumedNotManaged: boolean }
  | { kind: "avoid"; scope: "managed" | "any-computer" | "not-a-step" };

/**
 * Why a case goes to IT, as data (the words are rendered for the person in `reasons.ts` and for
 * IT in the report): a stop (`stop` is its id), the managed-device rule, the plan ran out of steps
 * (`tried` steps, `couldNot` of them not doable), steps left to IT because their answers could not
 * be found out, or a code that follows with no guide.
 */
export type HandOverCause =
  | { kind: "stop"; stop: string; at: CutPoint }
  | { kind: "managed" }
  | { kind: "out-of-steps"; tried: number; couldNot: number }
  | { kind: "held"; facts: FactName[]; steps: string[] }
  | { kind: "unknown-guide"; code: string };

/** One step or avoided action in a plan, in content order (steps first, then what not to do). */
export interface PlanStep {
  id: string;
  status: StepStatus;
  /** Why it has this status, as data. */
  cause: StepCause;
  /** Why it has this status, in words (rendered from `cause`); names the facts it rests on and what was assumed. */
  reason: string;
  /** For `find-out`: the unknown facts whose answers decide whether the step is the person's or IT's. */
  findOut?: FactName[];
}

/** What goes to IT, and where their checklist is. */
export interface Escalation {
  /** Why, as data, in order, each once. */
  causes: HandOverCause[];
  /** Why, in words for the person (rendered from `causes`). */
  reasons: string[];
  /** `/codes/<code>/admin/`, present only when the code has an admin checklist. */
  checklist?: string;
}

/**
 * What a plan assumes while a fact is not answered: a stop does not fire yet (`stop-may-fire`), a
 * step's condition holds (`step-applies`), the computer may be managed so never-on-managed actions
 * are not offered (`maybe-managed`), or it is not managed for an advanced step that changes nothing
 * (`not-managed`).
 */
export type AssumptionKind = "stop-may-fire" | "step-applies" | "maybe-managed" | "not-managed";

/** An unanswered fact the plan relied on: what it assumed (as data and in words), and which step or stop ids that affects. */
export interface Assumption {
  fact: FactName;
  kind: AssumptionKind;
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
