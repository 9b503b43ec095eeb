/**
 * Names people read instead of ids: apps, error codes and answers as the pages write them. Shared
 * by the session's notices, the diagnostic's screens and the report, so they never disagree.
 */
import { FACTS, displayCode, isFactName, plainText, type FactName, type FactValue } from "../model/index.ts";

/** An app's name (one definition, in the model). */
export { appName } from "../model/index.ts";

/** A code id as people see it on screen (one definition, in the model). */
export { displayCode } from "../model/index.ts";

/**
 * The question for a fact, as plain words: the first of `questions` that asks it, else what the
 * fact means, as a heading ("Whether the computer is managed:"); "Another answer:" for a name that
 * is no fact. Shared by the report, the IT words and the CLI's text.
 */
export function questionText(questions: readonly { fact: string; prompt: string }[], fact: string): string {
  const q = questions.find((x) => x.fact === fact);
  if (q) return plainText(q.prompt, { links: "text-and-url" });
  return isFactName(fact) ? `${FACTS[fact].description.replace(/\.$/, "").replace(/ \(.*\)$/, "")}:` : "Another answer:";
}

/**
 * An answer in words, as the questions label it: the choice's label without its example address
 * ("A work or school account", not "… (you@yourcompany.com)"), Yes/No, a code as it is displayed,
 * "No other code"; a value no choice labels reads as its words. No trailing full stop.
 */
export function answerWords(questions: readonly { fact: string; choices?: readonly { value: FactValue; label: string }[] }[], fact: FactName, value: FactValue): string {
  if (typeof value === "boolean") return value ? "Yes" : "No";
  const label = questions.filter((q) => q.fact === fact).flatMap((q) => q.choices ?? []).find((c) => c.value === value)?.label;
  // The choice's example address ("(you@yourcompany.com)") is not part of the answer.
  if (label) return label.replace(/\s*\([^()]*@[^()]*\)\s*$/, "");
  if (FACTS[fact].type === "code") return value.trim().toLowerCase() === "none" ? "No other code" : displayCode(value);
  const words = value.replace(/-/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}
