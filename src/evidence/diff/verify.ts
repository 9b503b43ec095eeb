/**
 * Whether a comparison bears out what a person reported after a step: "fixed" or "no change".
 *
 * Only problem rows (rows.ts `problem`) that both captures show are read: a state only the second
 * capture shows may have nothing to do with the step.
 * - fixed: contradicted while any of them is still bad in the second capture (e.g. the PRT is
 *   still missing); verified when none of them is bad.
 * - no change: contradicted when a problem row got better and none is bad in the second capture
 *   (the device looks repaired); verified when no problem row got better.
 * - Otherwise (no problem row in both captures, or some better and some bad after "no change")
 *   the comparison cannot tell: unsettled.
 *
 * The verdict maps to the outcome's stored flag: verified → true, contradicted → false,
 * unsettled → no flag.
 */
import type { CaptureDiff, DiffRow } from "./diff.ts";

export type Verdict = "verified" | "contradicted" | "unsettled";

export interface Verification {
  verdict: Verdict;
  /** Why, in words (one sentence per row it rests on). */
  reasons: string[];
  /** The rows it rests on. */
  rows: DiffRow["key"][];
}

/** Checks a reported outcome against a comparison; pure. */
export function verifyOutcome(diff: Extract<CaptureDiff, { ok: true }>, reported: "fixed" | "no-change"): Verification {
  const problems = diff.rows.filter((r) => r.problem && r.before.known && r.after.known);
  if (problems.length === 0) return { verdict: "unsettled", reasons: ["The two captures do not both show any of the states a repair is meant to change."], rows: [] };
  const bad = problems.filter((r) => r.after.tone === "bad");
  const better = problems.filter((r) => r.change === "better");
  const say = (r: DiffRow) => `${r.label}: ${r.after.words}.`;
  if (reported === "fixed") {
    if (bad.length > 0) return { verdict: "contradicted", reasons: bad.map(say), rows: bad.map((r) => r.key) };
    return { verdict: "verified", reasons: (better.length ? better : problems).map(say), rows: (better.length ? better : problems).map((r) => r.key) };
  }
  if (better.length > 0 && bad.length === 0) return { verdict: "contradicted", reasons: better.map((r) => `${r.label}: ${r.before.words} before, ${r.after.words} after.`), rows: better.map((r) => r.key) };
  if (better.length === 0) return { verdict: "verified", reasons: (bad.length ? bad : problems).map(say), rows: (bad.length ? bad : problems).map((r) => r.key) };
  return { verdict: "unsettled", reasons: [...better, ...bad].map(say), rows: [...better, ...bad].map((r) => r.key) };
}

/** The verdict as the outcome's stored flag. */
export function verifiedFlag(v: Verification): boolean | undefined {
  return v.verdict === "verified" ? true : v.verdict === "contradicted" ? false : undefined;
}
