/**
 * What the analyzer found on this device, carried to the next diagnostic opened in the same
 * browser for the IT report (the findings describe the PC, whichever guide runs). Kept in this
 * browser's storage only, never sent, and taken once.
 */
import type { FindingGroup } from "../../../src/engine/session.ts";
import type { FactName } from "../../../src/model/index.ts";
import { checkedAnswers, type Settled } from "./settled.ts";

const KEY = "fixpath:analyzer-findings";

/** Keeps `group` for the next diagnostic opened in this browser. */
export function saveHandoff(group: FindingGroup): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(group));
  } catch {
    /* storage full or off: the report then goes without the findings */
  }
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
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    localStorage.removeItem(KEY);
    return JSON.parse(raw) as FindingGroup;
  } catch {
    return undefined;
  }
}

const ANSWERS_KEY = "fixpath:analyzer-answers";

/** The answers the analyzer settled, each with what it read (words and lines), for the next diagnostic. */
export type HandedAnswers = Partial<Record<FactName, Settled>>;

/** Keeps the analyzer's settled answers for the next diagnostic opened in this browser (never sent). */
export function saveAnswers(answers: HandedAnswers): void {
  try {
    localStorage.setItem(ANSWERS_KEY, JSON.stringify(answers));
  } catch {
    /* storage full or off: the link's answers still travel, without what the analyzer read */
  }
}

/** The analyzer's settled answers, removed as they are taken; values that do not fit their fact are dropped. */
export function takeAnswers(): HandedAnswers {
  try {
    const raw = localStorage.getItem(ANSWERS_KEY);
    if (!raw) return {};
    localStorage.removeItem(ANSWERS_KEY);
    return checkedAnswers(JSON.parse(raw) as unknown);
  } catch {
    return {};
  }
}
