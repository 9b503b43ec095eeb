/**
 * What the analyzer found on this device, carried to the next diagnostic opened in the same
 * browser for the IT report (the findings describe the PC, whichever guide runs). Kept in this
 * browser's storage only, never sent, and taken once.
 */
import type { FindingGroup } from "../../../src/engine/session.ts";
import type { FactName } from "../../../src/model/index.ts";
import { checkedAnswers, type Settled } from "./settled.ts";

const KEY = "fixpath:analyzer-findings";
const ANSWERS_KEY = "fixpath:analyzer-answers";

/** Keeps `value` under `key` in this browser's storage; storage full or off keeps nothing. */
function keep(key: string, value: unknown): void {
  try {
    localStorage.setItem(key, JSON.stringify(value));
  } catch {
    /* storage full or off: the diagnostic goes on without it */
  }
}

/** What is kept under `key`, parsed and removed as it is taken; undefined when nothing (readable) is there. */
function take(key: string): unknown {
  try {
    const raw = localStorage.getItem(key);
    if (!raw) return undefined;
    localStorage.removeItem(key);
    return JSON.parse(raw) as unknown;
  } catch {
    return undefined;
  }
}

/** Keeps `group` for the next diagnostic opened in this browser (without it, the report goes without the findings). */
export function saveHandoff(group: FindingGroup): void {
  keep(KEY, group);
}

/** Whether the analyzer kept findings for this diagnostic (without taking them). */
export function hasHandoff(): boolean {
  try {
    return Boolean(localStorage.getItem(KEY));
  } catch {
    return false;
  }
}

/** The findings kept by the analyzer, removed as they are taken. */
export function takeHandoff(): FindingGroup | undefined {
  return take(KEY) as FindingGroup | undefined;
}

/** The answers the analyzer settled, each with what it read (words and lines), for the next diagnostic. */
export type HandedAnswers = Partial<Record<FactName, Settled>>;

/** Keeps the analyzer's settled answers for the next diagnostic opened in this browser, never sent (without them, the link's answers still travel). */
export function saveAnswers(answers: HandedAnswers): void {
  keep(ANSWERS_KEY, answers);
}

/** The analyzer's settled answers, removed as they are taken; values that do not fit their fact are dropped. */
export function takeAnswers(): HandedAnswers {
  const data = take(ANSWERS_KEY);
  return data === undefined ? {} : checkedAnswers(data);
}
