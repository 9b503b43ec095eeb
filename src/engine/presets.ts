/**
 * An organisation's preset facts (`fixpath.config.yaml` → `facts`) over a person's answers.
 *
 * A preset can only make a plan more cautious, never less:
 * - a fact with a cautious value (`managed: true`, `isAdmin: false`, … in the fact table) takes
 *   the preset whatever the person answered: nobody can answer a managed PC away;
 * - a preset of the other value of such a fact is ignored (the config refuses it; this is the
 *   engine's own guard);
 * - a fact without a cautious value (`accountType`, `recentChange`) fills an unanswered question
 *   only: the person's own answer wins.
 * The exhaustive test in tests/engine/presets.test.ts checks the first rule over every fact
 * combination of every scenario.
 */
import { FACT_NAMES, cautiousValue, type FactName, type Facts, type FactValue } from "../model/index.ts";

/** A preset the plan relied on. */
export interface PresetUsed {
  fact: FactName;
  value: FactValue;
  /** The person's own answer, when the preset took its place. */
  overrode?: FactValue;
}

/** The facts to plan with, and which presets they hold. */
export function applyPresets(answers: Facts, presets: Facts): { facts: Facts; used: PresetUsed[] } {
  const facts: Facts = { ...answers };
  const used: PresetUsed[] = [];
  for (const fact of FACT_NAMES) {
    const value = presets[fact];
    if (value === undefined) continue;
    const cautious = cautiousValue(fact);
    const answer = answers[fact];
    if (cautious !== undefined) {
      if (value !== cautious) continue;
      facts[fact] = value;
      used.push(answer !== undefined && answer !== value ? { fact, value, overrode: answer } : { fact, value });
    } else if (answer === undefined) {
      facts[fact] = value;
      used.push({ fact, value });
    }
  }
  return { facts, used };
}

