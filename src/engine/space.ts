/**
 * The fact space of a scenario: which facts it reads and which values each can take. The engine
 * tries these values to find the next question; the exhaustive tests and the bench enumerate them.
 */
import { FACTS, factValues, type FactName, type Facts, type FactValue, type Scenario } from "../model/index.ts";
import { NO_CODE, factsRead, valuesTested } from "./conditions.ts";

/** Facts the engine itself reads whatever the content says (the managed-device and admin rules). */
export const ENGINE_FACTS: readonly FactName[] = ["managed", "isAdmin"];

/** A code that stands for "some other code" when trying a code fact's values. */
export const OTHER_CODE = "0x0badc0de";

/** Facts read by the scenario's step and stop conditions, and by the engine's own rules. */
export function factsReadBy(scenario: Scenario): Set<FactName> {
  const read = new Set<FactName>();
  for (const step of scenario.steps) if (step.when) factsRead(step.when, read);
  for (const stop of scenario.stops) factsRead(stop.when, read);
  for (const fact of ENGINE_FACTS) read.add(fact);
  read.delete("app");
  return read;
}

/**
 * The answers a fact can take in this scenario (without "unknown"): true/false, each choice, or
 * for a code fact `none`, each code its conditions name, and one other code.
 */
export function candidateValues(scenario: Scenario, fact: FactName): FactValue[] {
  const listed = factValues(fact);
  if (listed !== undefined) return [...listed];
  if (FACTS[fact].type !== "code") return [];
  const values: FactValue[] = [NO_CODE];
  const conds = [...scenario.steps.flatMap((s) => (s.when ? [s.when] : [])), ...scenario.stops.map((s) => s.when)];
  for (const cond of conds) for (const v of valuesTested(cond, fact)) if (v !== NO_CODE && !values.includes(v)) values.push(v);
  values.push(OTHER_CODE);
  return values;
}

/** The facts to enumerate for a scenario: those it reads, then those it only asks, in question order. */
export function scenarioFacts(scenario: Scenario): { read: FactName[]; askedOnly: FactName[] } {
  const read = factsReadBy(scenario);
  const askedOnly = scenario.questions.map((q) => q.fact as FactName).filter((f) => !read.has(f) && f !== "app");
  return { read: [...read], askedOnly: [...new Set(askedOnly)] };
}

/**
 * Every combination of the given facts, each unknown (absent) or one of its candidate values.
 * Yields fresh objects; the count is the product of (values + 1).
 */
export function* enumerateFacts(scenario: Scenario, facts: readonly FactName[], base: Facts = {}): Generator<Facts> {
  const domains = facts.map((f) => [undefined, ...candidateValues(scenario, f)]);
  const index = domains.map(() => 0);
  for (;;) {
    const combo: Facts = { ...base };
    facts.forEach((f, i) => {
      const v = domains[i]![index[i]!];
      if (v !== undefined) combo[f] = v;
    });
    yield combo;
    let i = 0;
    while (i < index.length) {
      index[i]!++;
      if (index[i]! < domains[i]!.length) break;
      index[i] = 0;
      i++;
    }
    if (i === index.length) return;
  }
}

/** How many combinations `enumerateFacts` yields. */
export function spaceSize(scenario: Scenario, facts: readonly FactName[]): number {
  return facts.reduce((n, f) => n * (candidateValues(scenario, f).length + 1), 1);
}
