/**
 * The safety rules of `shared/design.md`, in one place. Every rule reads only what content
 * declares (`tier`, `needsAdmin`, `changesState`, `neverOnManaged`, an avoid item vs a step, a
 * stop's `at` and `outcome`); none compares a specific step or stop id, so a new action needs
 * content only.
 */
import type { Avoid, Facts, Step, Stop } from "../model/index.ts";
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
    if (cuts.afterFirstLine) return { status: "skip", reason: `Not proposed: the plan ends after the first-line steps. ${stopWords(cuts.afterFirstLine)}` };
    if (cuts.managed) return { status: "skip", reason: `Not proposed: ${MANAGED_REASON}` };
  }
  return undefined;
}

/** A stop in words: its title and its reason. */
export function stopWords(stop: Stop): string {
  return `${stop.title} ${stop.reason}`;
}

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

/** A step that needs admin rights the person does not have is asked of IT, in the person's own session. */
export function adminStatus(step: Step, facts: Facts): { status: "ask-admin"; reason: string } | undefined {
  if (!step.needsAdmin || facts.isAdmin !== false) return undefined;
  return {
    status: "ask-admin",
    reason:
      "Needs administrator rights, which you don't have: ask IT to do it with you. A step that acts on your Windows profile must run in your own session, so IT should approve the prompt in your session rather than sign in as themselves.",
  };
}

/** An avoided action is never `do`: `never` where the device is or may be managed, otherwise `skip`; both say why. */
export function avoidStatus(item: Avoid, facts: Facts): { status: "skip" | "never"; reason: string } {
  const itOnly = item.itOnly ? ` IT only: ${item.itOnly}` : "";
  if (item.neverOnManaged && facts.managed === true) return { status: "never", reason: `Never on a computer your organisation manages. ${item.why}${itOnly}` };
  if (item.neverOnManaged && facts.managed === undefined) {
    return { status: "never", reason: `Never offered unless you know this computer is not managed by an organisation. ${item.why}${itOnly}` };
  }
  return { status: "skip", reason: `Not a step to take: ${item.why}` };
}
