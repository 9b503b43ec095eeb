/**
 * Why a session goes to IT, worded from what happened (issue 13 item 2, issue 11's last point).
 * The plan's escalation lists every stop that fired, wherever it cuts; a session knows more: which
 * steps were tried and where the plan was really cut. So:
 * - a stop that ends the plan after the first-line steps (and the managed-device rule) is said
 *   only when the person tried a first-line step: it speaks of fixes done;
 * - when the plan ran out of steps, the first reason says what was tried, or that no step was one
 *   the person could do alone; nothing says "none of the steps fixed it" when none was tried;
 * - a switch to a code Fixpath has no guide for goes to IT instead of a dead end.
 * Reasons are compared as the plan words them (`stopWords`, `MANAGED_REASON` from safety.ts), so
 * this file never re-words a stop.
 */
import type { Scenario } from "../model/index.ts";
import { cutPointOf, MANAGED_REASON, stopWords } from "./safety.ts";
import type { Plan } from "./types.ts";
import { displayCode } from "./words.ts";

interface OutcomeLike {
  stepId: string;
  outcome: string;
}

/** A step left to IT because the answer it waited for could not be found out. */
interface HeldLike {
  title: string;
  facts: readonly string[];
}

/** The reasons to hand over, worded from what happened; in the plan's order, each once. */
export function handOverReasons(scenario: Scenario, plan: Plan, outcomes: readonly OutcomeLike[], held: readonly HeldLike[] = []): string[] {
  const firstLine = new Set(scenario.steps.filter((s) => s.tier === "first-line").map((s) => s.id));
  const triedFirstLine = outcomes.some((o) => firstLine.has(o.stepId));
  const afterFirstLine = afterFirstLineWords(scenario);
  const planReasons = (plan.escalation?.reasons ?? []).filter((r) => !afterFirstLine.has(r) || (plan.outcome === "plan" && triedFirstLine));
  const lead = plan.outcome === "plan" ? [outOfSteps(outcomes)] : [];
  const heldWords = held.length > 0 ? [heldReason(scenario, held)] : [];
  return [...new Set([...lead, ...heldWords, ...planReasons])];
}

/** Why held steps go to IT: the questions nobody could answer here, and the steps that waited for them. */
export function heldReason(scenario: Scenario, held: readonly HeldLike[]): string {
  const facts = [...new Set(held.flatMap((h) => h.facts))];
  const prompts = facts.map((f) => scenario.questions.find((q) => q.fact === f)?.prompt).filter((p): p is string => p !== undefined);
  const asked = prompts.length > 0 ? ` (${prompts.map((p) => `“${p}”`).join(", ")})` : "";
  const steps = held.map((h) => h.title).join("; ");
  return `Some steps wait for answers that could not be found out here${asked}, so they were left to IT, who can tell whether they are safe on this computer: ${steps}.`;
}

/** The words of every reason that ends the plan after the first-line steps (they speak of fixes done). */
export function afterFirstLineWords(scenario: Scenario): Set<string> {
  return new Set([MANAGED_REASON, ...scenario.stops.filter((s) => cutPointOf(s) === "after-first-line").map(stopWords)]);
}

/** Whether a step's reason rests on a cut after the first-line steps while no first-line step was tried: it would speak of fixes not done. */
export function speaksOfFixesNotDone(scenario: Scenario, reason: string, outcomes: readonly OutcomeLike[]): boolean {
  const firstLine = new Set(scenario.steps.filter((s) => s.tier === "first-line").map((s) => s.id));
  if (outcomes.some((o) => firstLine.has(o.stepId))) return false;
  return [...afterFirstLineWords(scenario)].some((w) => reason.includes(w));
}

/** What the report says instead for a step held back until the first-line steps are done. */
export const AFTER_FIRST_LINE_PENDING = "Held back: here the plan ends after the first-line steps, and what remains after them is for IT.";

/** The first reason when the plan ran out of steps: what was tried, in words. */
export function outOfSteps(outcomes: readonly OutcomeLike[]): string {
  const steps = new Map<string, string>();
  for (const o of outcomes) steps.set(o.stepId, o.outcome);
  const tried = steps.size;
  const couldNot = [...steps.values()].filter((o) => o === "could-not").length;
  if (tried === 0) return "No step of this guide is one you can do on your own here: hand over to IT with this report.";
  const did = tried === 1 ? "You tried one step of this guide" : `You tried ${tried} steps of this guide`;
  if (couldNot === tried) return `${did}, but could not do ${tried === 1 ? "it" : "any of them"}: hand over to IT with this report.`;
  const none = tried === 1 ? "it did not fix the error" : "none of them fixed the error";
  const some = couldNot ? `, and ${couldNot} of them you could not do` : "";
  return `${did}: ${none}${some}. Hand over to IT with this report.`;
}

/** Why a switch to a code without a guide goes to IT. */
export function unknownGuideReason(code: string): string {
  return `Sign-in gets past the first error now, but ${displayCode(code)} follows, and Fixpath has no guide for that code yet: hand over to IT with this report.`;
}
