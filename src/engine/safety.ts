/**
 * The safety rules of `shared/design.md`, in one place. Every rule reads only what content
 * declares (`tier`, `needsAdmin`, `changesState`, `neverOnManaged`, `actsOnOwnProfile`,
 * `changesRegistration`, an avoid item vs a step, a stop's `at` and `outcome`); none compares a
 * specific step or stop id, so a new action needs content only.
 *
 * Reasons are worded from what the plan knows (the answers), never from where the plan is cut:
 * a plan is made before any step is tried, so no reason says a step was tried or failed.
 */
import type { Avoid, FactName, Facts, Step, Stop } from "../model/index.ts";
import { evaluate, missingFacts } from "./conditions.ts";
import type { PlanOutcome, StepStatus } from "./types.ts";

/** Where a stop cuts the plan, earliest first. `not-this-error` always cuts at `start`. */
export const CUT_POINTS = ["start", "before-state-change", "after-first-line"] as const;
export type CutPoint = (typeof CUT_POINTS)[number];

/** The point a fired stop cuts at: a not-this-error stop proposes no step wherever it is declared. */
export function cutPointOf(stop: Stop): CutPoint {
  return stop.outcome === "not-this-error" ? "start" : stop.at;
}

/** The outcome a fired stop gives the plan: stops after the first-line steps keep the plan. */
export function outcomeOf(stop: Stop): PlanOutcome {
  return cutPointOf(stop) === "after-first-line" ? "plan" : stop.outcome;
}

/** The managed-device rule: on a managed device the plan ends after the first-line steps. */
export const MANAGED_REASON =
  "This computer is managed by your organisation: after the first-line steps, what remains (policies, compliance, the device record) is for IT.";

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

/** The status a cut forces on a step, with its reason; undefined when no cut reaches the step. */
export function cutStatus(step: Step, index: number, cuts: Cuts): { status: StepStatus; reason: string } | undefined {
  if (cuts.start) return { status: "skip", reason: `Not proposed: the plan stops before any step. ${stopWords(cuts.start)}` };
  if (cuts.beforeStateChange && index >= cuts.firstStateChange) {
    return { status: "skip", reason: `Not proposed: the plan stops before the first step that changes anything. ${stopWords(cuts.beforeStateChange)}` };
  }
  if (step.tier === "advanced") {
    if (cuts.afterFirstLine) return { status: "skip", reason: `Not proposed: the plan ends after the first-line steps. ${cuts.afterFirstLine.reason}` };
    if (cuts.managed) return { status: "skip", reason: `Not proposed: ${MANAGED_REASON}` };
  }
  return undefined;
}

/**
 * A stop in words. A stop that cuts before a step fires on the answers, so its title (the page's
 * "when to stop" line) is true now. A stop after the first-line steps is about the future: its
 * title may read "you did the first-line steps …", which a plan made before any step must not say,
 * so it is worded as what happens if those steps don't help.
 */
export function stopWords(stop: Stop): string {
  if (cutPointOf(stop) === "after-first-line") return `${AFTER_FIRST_LINE} ${stop.reason}`;
  return `${stop.title} ${stop.reason}`;
}

/** How a stop after the first-line steps is introduced: a condition on what is still to come. */
export const AFTER_FIRST_LINE = "If the error is still there after the first-line steps, stop there.";

/** A step that must never be offered here: it is `neverOnManaged` and the device is managed or may be. */
export function neverStatus(step: Step, facts: Facts): { status: "never"; reason: string } | undefined {
  if (!step.neverOnManaged || facts.managed === false) return undefined;
  return {
    status: "never",
    reason:
      facts.managed === true
        ? "Never on a computer your organisation manages: this is for IT."
        : "Never offered unless you know this computer is not managed by an organisation; on a managed computer it is for IT.",
  };
}

/**
 * Why an elevation cannot be borrowed for a step that acts on the running account's profile: when
 * a standard user elevates, Windows asks for an administrator's credentials and the process runs
 * as that administrator, on that administrator's profile (facts §7.2, §9.6).
 */
export const BORROWED_ELEVATION =
  "It acts on the Windows profile of the account that runs it. If an administrator types their password into your prompt, it runs as that administrator and changes their profile, not yours, so that does not help.";

/**
 * A step that needs admin rights the person does not have is IT's. For a step that acts on the
 * running account's profile, IT cannot just elevate the person's prompt: it has to run as the
 * person, so the reason says so and never proposes someone else's elevation.
 */
export function adminStatus(step: Step, facts: Facts): { status: "ask-admin"; reason: string } | undefined {
  if (!step.needsAdmin || facts.isAdmin !== false) return undefined;
  if (step.actsOnOwnProfile) {
    return {
      status: "ask-admin",
      reason: `For IT: it needs administrator rights, which you don't have. ${BORROWED_ELEVATION} IT has to run it as you, in your own Windows session.`,
    };
  }
  return { status: "ask-admin", reason: "For IT: it needs administrator rights, which you don't have. Ask IT to do it." };
}

/** What the plan says when it assumes admin rights for a step (isAdmin unknown). */
export function assumedAdminWords(step: Step): string {
  if (!step.actsOnOwnProfile) return "it needs administrator rights: assumed you have them (if not, ask IT)";
  return "it needs administrator rights: assumed you have them. It acts on your own Windows profile, so if Windows asks for someone else's password instead of a Yes, stop and ask IT: their password would make it run as them";
}

/**
 * A step that removes, adds or re-registers a work account or the device's registration is not
 * something the person does alone on a managed or hybrid-joined PC: it can take the PC out of
 * management, sign every app out, or register the device a second time next to its join (dual
 * state). Undefined when the rule does not hold it back (unknown answers are assumptions).
 */
export function registrationStatus(step: Step, facts: Facts): { status: "ask-admin"; reason: string } | undefined {
  if (!step.changesRegistration) return undefined;
  if (facts.managed === true) {
    return {
      status: "ask-admin",
      reason:
        "For IT: this computer is managed by your organisation, and this step removes or adds a work account or the device's registration, which can take the computer out of management and sign you out of every app. Don't do it alone; note what you see and give it to IT.",
    };
  }
  if (facts.hybridJoined === true) {
    return {
      status: "ask-admin",
      reason:
        "For IT: this computer is joined to your organisation's domain, and adding or removing a work account here can register it a second time next to its join, which confuses your organisation's access checks. Don't do it alone; give IT what you see.",
    };
  }
  return undefined;
}

/** What the plan says when a registration step proceeds on unknown answers. */
export const ASSUMED_NOT_MANAGED_REGISTRATION =
  "it removes or adds a work account or the device's registration: assumed this computer is not managed or joined to a domain (if it is, leave this step to IT)";

/**
 * An avoided action is never `do`, on any PC: `never`, with why. On a managed device it is IT's
 * alone; elsewhere it is still not a step to take (an unmanaged PC is no reason to run
 * `dsregcmd /leave` or delete certificates).
 */
export function avoidStatus(item: Avoid, facts: Facts): { status: "never"; reason: string } {
  const itOnly = item.itOnly ? ` IT only: ${item.itOnly}` : "";
  if (item.neverOnManaged && facts.managed === true) return { status: "never", reason: `Never on a computer your organisation manages. ${item.why}${itOnly}` };
  if (item.neverOnManaged) return { status: "never", reason: `Don't do this, on any computer. ${item.why}${itOnly}` };
  return { status: "never", reason: `Not a step to take: ${item.why}` };
}

/** One reason a step waits for an answer: the unknown fact, and what its cautious answer would do to the step. */
export interface Hold {
  fact: FactName;
  why: string;
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

/** The words of a hold on the managed-device rule for advanced steps. */
export const HOLD_MANAGED_ADVANCED = "On a computer your organisation manages, the advanced steps are for IT.";
/** The words of a hold on a step that removes or adds a work account or the device's registration. */
export const HOLD_REGISTRATION = "This step removes or adds a work account or the device's registration, which is IT's on a managed computer or one joined to your organisation's domain.";
/** The words of a hold on administrator rights. */
export const HOLD_ADMIN = "This step needs administrator rights; without them it is IT's.";

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
  const add = (fact: FactName, why: string) => {
    if (!ctx.asked.has(fact) || ctx.facts[fact] !== undefined) return;
    if (!holds.some((h) => h.fact === fact && h.why === why)) holds.push({ fact, why });
  };
  if (step.changesState) {
    for (const stop of ctx.stops) {
      if (stop.outcome !== "escalate" && stop.outcome !== "not-this-error") continue;
      if (evaluate(stop.when, ctx.facts) !== "unknown") continue;
      const point = cutPointOf(stop);
      const covers = point === "start" || (point === "before-state-change" && index >= ctx.firstStateChange) || (point === "after-first-line" && step.tier === "advanced");
      if (!covers) continue;
      const why = point === "after-first-line" ? `Depending on the answer, the plan ends after the first-line steps: ${stop.reason}` : `The plan stops before this step in this case: ${stop.title}`;
      for (const fact of missingFacts(stop.when, ctx.facts)) add(fact, why);
    }
    if (step.tier === "advanced" && !holds.some((h) => h.fact === "managed")) add("managed", HOLD_MANAGED_ADVANCED);
  }
  if (step.changesRegistration) {
    add("managed", HOLD_REGISTRATION);
    add("hybridJoined", HOLD_REGISTRATION);
    if (step.when) for (const fact of missingFacts(step.when, ctx.facts)) add(fact, "Whether this work-account step fits depends on the answer.");
  }
  if (step.needsAdmin) add("isAdmin", HOLD_ADMIN);
  return holds;
}

/** A held step in words: each question to answer first, with what its answer decides. */
export function holdWords(holds: readonly Hold[], prompt: (fact: FactName) => string): string {
  const byFact = new Map<FactName, string[]>();
  for (const h of holds) byFact.set(h.fact, [...(byFact.get(h.fact) ?? []), h.why]);
  const parts = [...byFact].map(([fact, whys]) => `${prompt(fact)} — ${whys.join(" ")}`);
  return `Find out first, then do it or leave it to IT. ${parts.join(" ")}`;
}
