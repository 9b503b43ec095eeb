/**
 * What the analyzer found on this device, carried to the next diagnostic opened in the same
 * browser for the IT report (the findings describe the PC, whichever guide runs). Kept in this
 * browser's storage only, never sent, and taken once.
 */
import type { FindingGroup } from "../../../src/engine/session.ts";
import { checkFactValue } from "../../../src/engine/answers.ts";
import { UNKNOWN } from "../../../src/engine/conditions.ts";
import { isFactName, type FactName } from "../../../src/model/index.ts";
import type { Settled } from "./settled.ts";

const KEY = "fixpath:analyzer-findings";

/** Keeps `group` for the next diagnostic opened in this browser. */
export function saveHandoff(group: FindingGroup): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(group));
  } catch {
    /* storage full or off: the report then goes without the findings */
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

/** Only settled, well-formed answers: "I don't know" is never an answer that travels. */
export function checkedAnswers(data: unknown): HandedAnswers {
  const out: HandedAnswers = {};
  if (!data || typeof data !== "object") return out;
  for (const [fact, entry] of Object.entries(data as Record<string, unknown>)) {
    if (!isFactName(fact) || fact === "app" || !entry || typeof entry !== "object") continue;
    const { value, read } = entry as { value?: unknown; read?: unknown };
    const checked = checkFactValue(fact, value);
    if (!checked.ok || checked.value === UNKNOWN) continue;
    out[fact] = typeof read === "string" && read ? { value: checked.value, read } : { value: checked.value };
  }
  return out;
}
