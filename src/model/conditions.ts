/**
 * Conditions over the design's facts, and the one walker over them that the content rules share.
 * (The engine evaluates conditions three-valued in src/engine/conditions.ts.)
 */
import type { PathSegment } from "./issue.ts";

/** A test of one fact: `{ fact, is }` or `{ fact, in }`. Unknown is a value of its own: `is: unknown`. */
export type FactTest = { fact: string; is: string | boolean } | { fact: string; in: (string | boolean)[] };

/** A condition over the design's facts. */
export type Condition = FactTest | { all: Condition[] } | { any: Condition[] } | { not: Condition };

/** Calls `visit` for every fact test of `cond`, in written order, with the path of the test. */
export function walkCondition(
  cond: Condition,
  path: readonly PathSegment[],
  visit: (test: FactTest, path: PathSegment[]) => void,
): void {
  if ("all" in cond) cond.all.forEach((c, i) => walkCondition(c, [...path, "all", i], visit));
  else if ("any" in cond) cond.any.forEach((c, i) => walkCondition(c, [...path, "any", i], visit));
  else if ("not" in cond) walkCondition(cond.not, [...path, "not"], visit);
  else visit(cond, [...path]);
}

/** The values a fact test compares with, each with its path (`…is` or `…in[2]`). */
export function testedValues(test: FactTest, path: readonly PathSegment[]): [string | boolean, PathSegment[]][] {
  if ("is" in test) return [[test.is, [...path, "is"]]];
  return test.in.map((v, i): [string | boolean, PathSegment[]] => [v, [...path, "in", i]]);
}

/** Every fact a condition reads, with the path of its first `fact:` key; adds to `out` if given. */
export function factsRead(
  cond: Condition,
  path: readonly PathSegment[] = [],
  out: Map<string, PathSegment[]> = new Map(),
): Map<string, PathSegment[]> {
  walkCondition(cond, path, (test, at) => {
    if (!out.has(test.fact)) out.set(test.fact, [...at, "fact"]);
  });
  return out;
}
