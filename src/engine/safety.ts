/**
 * The safety rules of `shared/design.md`, in one place. Every rule reads only what content
 * declares (`tier`, `needsAdmin`, `changesState`, `neverOnManaged`, `actsOnOwnProfile`,
 * `changesRegistration`, an avoid item vs a step, a stop's `at` and `outcome`); none compares a
 * specific step or stop id, so a new action needs content only.
 *
 * Every rule returns a status and a typed cause; the words are rendered from the cause in one
 * place (`reasons.ts`).
 */
import type { Avoid, FactName, Facts, Step, Stop } from "../model/index.ts";
import { evaluate, missingFacts } from "./conditions.ts";
import type { CutPoint, Hold, HoldCause, PlanOutcome, StepCause, StepStatus } from "./types.ts";

/** The point a fired stop cuts at: a not-this-error stop proposes no step wherever it is declared. */
export function cutPointOf(stop: Stop): CutPoint {
  return stop.outcome === "not-this-error" ? "start" : stop.at;
}

/** The outcome a fired stop gives the plan: stops after the first-line steps keep the plan. */
export function outcomeOf(stop: Stop): PlanOutcome {
  return cutPointOf(stop) === "after-first-line" ? "plan" : stop.outcome;
}

/** Where the plan is cut: the first fired stop of each point (content order), and the managed rule. */
export interface Cuts {
  start?: Stop;
  beforeStateChange?: Stop;
  afterFirstLine?: Stop;
  /** The device is known to be managed: the plan ends after the first-line steps whatever content says. */
  managed: boolean;
  /** Index of the first step that changes state (steps.length when none does). */
  firstStateChange: number;
}

/** Builds the cuts from the fired stops, in content order. */
export function cutsFor(fired: readonly Stop[], steps: readonly Step[], facts: Facts): Cuts {
  const cuts: Cuts = { managed: facts.managed === true, firstStateChange: firstStateChange(steps) };
  for (const stop of fired) {
    const point = cutPointOf(stop);
    if (point === "start") cuts.start ??= stop;
    else if (point === "before-state-change") cuts.beforeStateChange ??= stop;
    else cuts.afterFirstLine ??= stop;
  }
  return cuts;
}

/** The index of the first step that declares `changesState`. */
export function firstStateChange(steps: readonly Step[]): number {
  const i = steps.findIndex((s) => s.changesState);
  return i === -1 ? steps.length : i;
}

/** A step's status and why, as data (the words come from `reasons.ts`). */
export interface Decided {
  status: StepStatus;
  cause: StepCause;
}

/** The status a cut forces on a step; undefined when no cut reaches the step. */
export function cutStatus(step: Step, index: number, cuts: Cuts): Decided | undefined {
  if (cuts.start) return { status: "skip", cause: { kind: "stopped", stop: cuts.start.id, at: "start" } };
  if (cuts.beforeStateChange && index >= cuts.firstStateChange) return { status: "skip", cause: { kind: "stopped", stop: cuts.beforeStateChange.id, at: "before-state-change" } };
  if (step.tier === "advanced") {
    if (cuts.afterFirstLine) return { status: "skip", cause: { kind: "stopped", stop: cuts.afterFirstLine.id, at: "after-first-line" } };
    if (cuts.managed) return { status: "skip", cause: { kind: "managed" } };
  }
  return undefined;
}

/** A step that must never be offered here: it is `neverOnManaged` and the device is managed or may be. */
export function neverStatus(step: Step, facts: Facts): Decided | undefined {
  if (!step.neverOnManaged || facts.managed === false) return undefined;
  return { status: "never", cause: { kind: "never-on-managed", managed: facts.managed === true ? "yes" : "unknown" } };
}

/**
 * A step that needs admin rights the person does not have is IT's. For a step that acts on the
 * running account's profile, IT cannot just elevate the person's prompt: it has to run as the
 * person, so its words say so and never propose someone else's elevation.
 */
export function adminStatus(step: Step, facts: Facts): Decided | undefined {
  if (!step.needsAdmin || facts.isAdmin !== false) return undefined;
  return { status: "ask-admin", cause: { kind: "admin", ownProfile: step.actsOnOwnProfile === true } };
}

/**
 * A step that removes, adds or re-registers a work account or the device's registration is not
 * something the person does alone on a managed or hybrid-joined PC: it can take the PC out of
 * management, sign every app out, or register the device a second time next to its join (dual
 * state). Undefined when the rule does not hold it back (unknown answers hold it in `holdsFor`).
 */
export function registrationStatus(step: Step, facts: Facts): Decided | undefined {
  if (!step.changesRegistration) return undefined;
  if (facts.managed === true) return { status: "ask-admin", cause: { kind: "registration", on: "managed" } };
  if (facts.hybridJoined === true) return { status: "ask-admin", cause: { kind: "registration", on: "hybrid-joined" } };
  return undefined;
}

/**
 * An avoided action is never `do`, on any PC: `never`, with why. On a managed device it is IT's
 * alone; elsewhere it is still not a step to take (an unmanaged PC is no reason to run
 * `dsregcmd /leave` or delete certificates).
 */
export function avoidStatus(item: Avoid, facts: Facts): Decided {
  if (item.neverOnManaged && facts.managed === true) return { status: "never", cause: { kind: "avoid", scope: "managed" } };
  return { status: "never", cause: { kind: "avoid", scope: item.neverOnManaged ? "any-computer" : "not-a-step" } };
}

/** What the facts that gate a step say about it, for `holdsFor`. */
export interface HoldContext {
  facts: Facts;
  /** The facts the scenario asks about: only these can be found out (a fact no question asks cannot be answered). */
  asked: ReadonlySet<FactName>;
  /** The scenario's stops that escalate or turn the guide away, in content order. */
  stops: readonly Stop[];
  /** Index of the first step that changes state. */
  firstStateChange: number;
}

/**
 * "An unknown answer never unlocks" (design, safety rules): the unknown facts whose cautious
 * answer would hold this step back, each with why. Read from the content's flags only:
 * - a state-changing step waits for the facts of every stop that escalates or turns the guide away
 *   and would cut before it (at the start, before the first state change, or after the first-line
 *   steps for an advanced step);
 * - a state-changing advanced step waits for `managed` (on a managed device the plan ends after
 *   the first-line steps);
 * - a step that `changesRegistration` waits for `managed`, `hybridJoined` and the facts of its own
 *   condition (a work-account step must not run for a personal account);
 * - a step that `needsAdmin` waits for `isAdmin`.
 * A step that changes nothing (a restart, reading a status) is never held. Empty: nothing holds it.
 */
export function holdsFor(step: Step, index: number, ctx: HoldContext): Hold[] {
  const holds: Hold[] = [];
  const add = (fact: FactName, cause: HoldCause) => {
    if (!ctx.asked.has(fact) || ctx.facts[fact] !== undefined) return;
    if (!holds.some((h) => h.fact === fact && sameCause(h.cause, cause))) holds.push({ fact, cause });
  };
  if (step.changesState) {
    for (const stop of ctx.stops) {
      if (stop.outcome !== "escalate" && stop.outcome !== "not-this-error") continue;
      if (evaluate(stop.when, ctx.facts) !== "unknown") continue;
      const point = cutPointOf(stop);
      const covers = point === "start" || (point === "before-state-change" && index >= ctx.firstStateChange) || (point === "after-first-line" && step.tier === "advanced");
      if (!covers) continue;
      for (const fact of missingFacts(stop.when, ctx.facts)) add(fact, { kind: "stop", stop: stop.id, at: point });
    }
    if (step.tier === "advanced" && !holds.some((h) => h.fact === "managed")) add("managed", { kind: "managed-advanced" });
  }
  if (step.changesRegistration) {
    add("managed", { kind: "registration" });
    add("hybridJoined", { kind: "registration" });
    if (step.when) for (const fact of missingFacts(step.when, ctx.facts)) add(fact, { kind: "work-account-fit" });
  }
  if (step.needsAdmin) add("isAdmin", { kind: "admin" });
  return holds;
}

function sameCause(a: HoldCause, b: HoldCause): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
