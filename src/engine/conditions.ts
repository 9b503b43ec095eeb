/**
 * Conditions over facts, evaluated with three values (Kleene logic): a fact that is not answered
 * makes a test `unknown`, never `false`. `is: unknown` and `in: [..., unknown]` ask whether a fact
 * is unanswered, so they are always definite.
 */
import { FACTS, isFactName, sameCode, type Condition, type FactName, type Facts, type FactValue } from "../model/index.ts";

/** A three-valued truth: `true`, `false` or `"unknown"`. */
export type Truth = boolean | "unknown";

/** The written value that stands for "not answered" in conditions. */
export const UNKNOWN = "unknown";

/** The value of a `code` fact that means "no other code". */
export const NO_CODE = "none";

/** Whether a fact holds `wanted`; `code` facts compare every written form of a code (`sameCode`). */
export function factEquals(fact: FactName, actual: FactValue, wanted: FactValue): boolean {
  if (FACTS[fact].type !== "code") return actual === wanted;
  if (typeof actual !== "string" || typeof wanted !== "string") return false;
  const a = actual.trim().toLowerCase();
  const w = wanted.trim().toLowerCase();
  if (a === NO_CODE || w === NO_CODE) return a === w;
  return sameCode(actual, wanted);
}

/** Evaluates `cond` over `facts` with Kleene's three-valued logic. */
export function evaluate(cond: Condition, facts: Facts): Truth {
  if ("all" in cond) {
    let result: Truth = true;
    for (const c of cond.all) {
      const t = evaluate(c, facts);
      if (t === false) return false;
      if (t === "unknown") result = "unknown";
    }
    return result;
  }
  if ("any" in cond) {
    let result: Truth = false;
    for (const c of cond.any) {
      const t = evaluate(c, facts);
      if (t === true) return true;
      if (t === "unknown") result = "unknown";
    }
    return result;
  }
  if ("not" in cond) {
    const t = evaluate(cond.not, facts);
    return t === "unknown" ? "unknown" : !t;
  }
  const fact = cond.fact;
  const values: readonly FactValue[] = "is" in cond ? [cond.is] : cond.in;
  const actual = isFactName(fact) ? facts[fact] : undefined;
  if (actual === undefined) return values.includes(UNKNOWN) ? true : values.length === 0 ? false : "unknown";
  if (!isFactName(fact)) return false;
  return values.some((v) => v !== UNKNOWN && factEquals(fact, actual, v));
}

/** Every fact a condition reads, in the order it first reads them. */
export function factsRead(cond: Condition, out: Set<FactName> = new Set()): Set<FactName> {
  if ("all" in cond) cond.all.forEach((c) => factsRead(c, out));
  else if ("any" in cond) cond.any.forEach((c) => factsRead(c, out));
  else if ("not" in cond) factsRead(cond.not, out);
  else if (isFactName(cond.fact)) out.add(cond.fact);
  return out;
}

/** The values a condition compares `fact` with (without `unknown`), for enumerating fact spaces. */
export function valuesTested(cond: Condition, fact: FactName, out: FactValue[] = []): FactValue[] {
  if ("all" in cond) cond.all.forEach((c) => valuesTested(c, fact, out));
  else if ("any" in cond) cond.any.forEach((c) => valuesTested(c, fact, out));
  else if ("not" in cond) valuesTested(cond.not, fact, out);
  else if (cond.fact === fact) {
    for (const v of "is" in cond ? [cond.is] : cond.in) if (v !== UNKNOWN && !out.includes(v)) out.push(v);
  }
  return out;
}

/**
 * The tests a condition's definite value rests on, in words (`where is banner`), so a reason can
 * say why a step is or is not in the plan. Empty when the value is unknown.
 */
export function because(cond: Condition, facts: Facts, label: FactLabeller = defaultLabel): string[] {
  const value = evaluate(cond, facts);
  return value === "unknown" ? [] : support(cond, facts, value, label);
}

/**
 * Words for one fact: answered, e.g. `you answered "On a work account that was already set up"`;
 * `undefined` for one not answered yet, e.g. `"Where do you see the error?" is not answered`.
 */
export type FactLabeller = (fact: FactName, value: FactValue | undefined) => string;

/** A fact no question of the scenario asks, in words: its description, quoted. */
function describedFact(fact: FactName): string {
  return `"${FACTS[fact].description.replace(/\.$/, "")}"`;
}

/** A value in words: yes/no, a choice's value with spaces (`windows update`), a code as written. */
function valueWords(fact: FactName, value: FactValue): string {
  if (typeof value === "boolean") return value ? "yes" : "no";
  return FACTS[fact].type === "choice" ? String(value).replace(/-/g, " ") : String(value);
}

const defaultLabel: FactLabeller = (fact, value) => (value === undefined ? `${describedFact(fact)} is not known` : `${describedFact(fact)}: ${valueWords(fact, value)}`);

/** Who gave an answer, in the words of whoever reads it: the person reads "you answered", IT reads "the person answered". */
export interface AnswerVoices {
  person: string;
  organisation: string;
}

/** The voices of a plan's reasons, which the person reads. */
export const TO_THE_PERSON: AnswerVoices = { person: "you answered", organisation: "your organisation says" };

/**
 * Labels facts with the scenario's own answer labels, so reasons read as the person answered;
 * facts in `fromOrganisation` read as the organisation's answer ("your organisation says …").
 */
export function answerLabeller(
  questions: readonly { fact: string; prompt: string; choices?: { value: FactValue; label: string }[] }[],
  fromOrganisation: ReadonlySet<string> = new Set(),
  voices: AnswerVoices = TO_THE_PERSON,
): FactLabeller {
  return (fact, value) => {
    const who = fromOrganisation.has(fact) ? voices.organisation : voices.person;
    const q = questions.find((x) => x.fact === fact);
    if (value === undefined) return q ? `"${q.prompt}" is not answered` : defaultLabel(fact, value);
    const choice = q?.choices?.find((c) => c.value === value);
    if (choice) return `${who} "${choice.label}"`;
    if (q && typeof value === "boolean") return `${who} ${value ? "Yes" : "No"} to "${q.prompt}"`;
    if (fromOrganisation.has(fact)) return `${who} ${describedFact(fact)}: ${valueWords(fact, value)}`;
    return defaultLabel(fact, value);
  };
}

/** The question a person answers to settle `fact`, in words: the scenario's prompt, quoted, else what the fact means. */
export function questionWords(questions: readonly { fact: string; prompt: string }[]): (fact: FactName) => string {
  return (fact) => {
    const q = questions.find((x) => x.fact === fact);
    return q ? `"${q.prompt}"` : `whether ${describedFact(fact)} holds`;
  };
}

function support(cond: Condition, facts: Facts, want: boolean, label: FactLabeller): string[] {
  if ("not" in cond) return support(cond.not, facts, !want, label);
  if ("all" in cond || "any" in cond) {
    const parts = "all" in cond ? cond.all : cond.any;
    // all→true and any→false need every part; all→false and any→true need one.
    const everyPart = ("all" in cond) === want;
    if (everyPart) return parts.flatMap((c) => support(c, facts, want, label));
    const one = parts.find((c) => evaluate(c, facts) === want);
    return one ? support(one, facts, want, label) : [];
  }
  const actual = isFactName(cond.fact) ? facts[cond.fact] : undefined;
  // The loader refuses conditions on unknown facts; a hand-built one still reads, never throws.
  if (actual === undefined) return [isFactName(cond.fact) ? label(cond.fact, undefined) : `"${cond.fact}" is not answered`];
  return [label(cond.fact as FactName, actual)];
}

/** The facts a condition reads that are not answered. */
export function missingFacts(cond: Condition, facts: Facts): FactName[] {
  return [...factsRead(cond)].filter((f) => facts[f] === undefined);
}
