/**
 * The "another code after sign-in" answer (issue 13, item 9). A `code` fact holds the code a
 * person sees after a step; two answers need words of their own instead of a plan change:
 * - the code of the guide itself (CAA50021 in CAA50021's guide): sign-in still fails with it, so
 *   this is "no other code": the plan reads it as `none` and the session says so and goes on;
 * - a code Fixpath has no guide for: the answer is kept (it goes in the report) and the session
 *   says the code is not known.
 */
import { FACTS, FACT_NAMES, resolveCode, type Facts, type FactName, type FactValue, type KnowledgeBase } from "../model/index.ts";
import { NO_CODE, UNKNOWN } from "./conditions.ts";
import { displayCode } from "./words.ts";

/** Whether `value` of `fact` is the code `code` (the guide's own hub id) written in any form. */
export function isOwnCode(kb: KnowledgeBase, code: string, fact: FactName, value: FactValue | undefined): boolean {
  if (FACTS[fact].type !== "code" || typeof value !== "string") return false;
  const v = value.trim().toLowerCase();
  if (v === NO_CODE || v === UNKNOWN) return false;
  return resolveCode(kb, value) === code;
}

/** The facts that hold a code (only these can name the guide's own code). */
const CODE_FACTS = FACT_NAMES.filter((f) => FACTS[f].type === "code");

/** The facts as the plan reads them: a code fact naming the guide's own code counts as "no other code". */
export function ownCodeAsNone(kb: KnowledgeBase, code: string, facts: Facts): Facts {
  let out: Facts | undefined;
  for (const name of CODE_FACTS) {
    if (!isOwnCode(kb, code, name, facts[name])) continue;
    out ??= { ...facts };
    out[name] = NO_CODE;
  }
  return out ?? facts;
}

/** What the session says about a code answer, or undefined when the answer needs no words. */
export function otherCodeNotice(kb: KnowledgeBase, code: string, fact: FactName, value: FactValue | null): string | undefined {
  if (FACTS[fact].type !== "code" || typeof value !== "string") return undefined;
  const v = value.trim().toLowerCase();
  if (v === NO_CODE || v === UNKNOWN) return undefined;
  if (isOwnCode(kb, code, fact, value)) {
    return `${displayCode(code)} is the code this guide is about, so sign-in does not get past it yet. The guide goes on with the next step.`;
  }
  if (resolveCode(kb, value) === undefined) {
    return `Fixpath does not know the code ${displayCode(value)} yet, so there is no guide for it here. Your answer is kept and goes in the report for IT.`;
  }
  return undefined;
}
