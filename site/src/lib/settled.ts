/**
 * Answers that arrive from outside the diagnostic (the analyzer's "Use these answers", a link
 * with answers) and where each answer on screen came from. Pure: the diagnostic island keeps the
 * result in this browser's storage (diagnose/storage.ts).
 *
 * - A settled answer fills a question the person has not answered, or answered "I don't know".
 * - It never replaces an answer the person gave: when they differ, both are kept for the person
 *   to choose (`conflicts`), and nothing changes until they do.
 * - Only settled values travel: "not known" is never an answer, so it cannot unlock a step.
 */
import { answer, effectiveFacts, type Session } from "../../../src/engine/session.ts";
import { checkFactValue } from "../../../src/engine/answers.ts";
import { UNKNOWN } from "../../../src/engine/conditions.ts";
import { answerWords as answerWordsFor } from "../../../src/engine/words.ts";
import { FACTS, FACT_NAMES, isFactName, type FactName, type Facts, type FactValue, type Scenario } from "../../../src/model/index.ts";

/** A settled answer and, when the analyzer gave it, what it read (in words, with its lines). */
export interface Settled {
  value: FactValue;
  /** "the evidence bundle: “IsAdmin : True” (line 12)"; absent for an answer that came in a link. */
  read?: string;
  /** The same, in parts, for the IT report ("found by the analyzer in <source>: <because>, lines …"). */
  found?: { source: string; because: string; lines: number[] };
}

/** What came from outside, per fact, and the differences still waiting for the person. */
export interface SettledStore {
  facts: Partial<Record<FactName, Settled>>;
  /** Facts where the person's answer and the settled one differ, until the person chooses. */
  conflicts: FactName[];
}

export const EMPTY_STORE: SettledStore = { facts: {}, conflicts: [] };

/** The person's own last answer to a fact, if they gave one in this session (undone ones do not count). */
export function personsAnswer(session: Session, fact: FactName): FactValue | undefined {
  if (session.facts[fact] === undefined) return undefined;
  const last = [...session.history].reverse().find((e) => e.type === "answer" && e.fact === fact);
  return last && last.type === "answer" && last.value === session.facts[fact] ? last.value : undefined;
}

/**
 * Takes settled answers into a session: each fills an unanswered (or "I don't know") question;
 * one that differs from the person's answer waits in `conflicts`; one that differs from an earlier
 * settled answer (a new paste) replaces it. The app is the session's own and is never changed.
 */
export function mergeSettled(session: Session, store: SettledStore, incoming: Partial<Record<FactName, Settled>>): { session: Session; store: SettledStore } {
  const facts: Facts = { ...session.facts };
  let dontKnow = [...session.dontKnow];
  const kept: Partial<Record<FactName, Settled>> = { ...store.facts };
  const conflicts = new Set(store.conflicts);
  for (const name of FACT_NAMES) {
    const s = incoming[name];
    if (!s || name === "app") continue;
    kept[name] = s;
    const current = facts[name];
    if (current === s.value) {
      conflicts.delete(name);
      continue;
    }
    if (current !== undefined && personsAnswer(session, name) !== undefined) {
      conflicts.add(name);
      continue;
    }
    facts[name] = s.value;
    dontKnow = dontKnow.filter((f) => f !== name);
    conflicts.delete(name);
  }
  return { session: { ...session, facts, dontKnow }, store: { facts: kept, conflicts: FACT_NAMES.filter((f) => conflicts.has(f)) } };
}

/** The person chose between their answer and the settled one: `"settled"` records the settled value as their answer (undo takes it back). */
export function resolveConflict(session: Session, store: SettledStore, fact: FactName, choice: "mine" | "settled"): { session: Session; store: SettledStore } {
  const rest = { ...store, conflicts: store.conflicts.filter((f) => f !== fact) };
  const s = store.facts[fact];
  if (choice === "mine" || !s) return { session, store: rest };
  const r = answer(session, fact, s.value);
  return { session: r.ok ? r.session : session, store: rest };
}

/** Where an answer on screen came from. */
export type Source =
  | { from: "organisation" }
  | { from: "analyzer"; read: string; alsoPerson: boolean }
  | { from: "link" }
  | { from: "person"; settledOther?: Settled };

/** Where the answer to `fact` in use came from: the organisation's presets win, then the person's own answer, then the analyzer or a link. */
export function sourceOf(session: Session, store: SettledStore, fact: FactName): Source | undefined {
  const eff = effectiveFacts(session);
  if (eff.fromOrganisation.has(fact)) return { from: "organisation" };
  const value = session.facts[fact];
  if (value === undefined) return undefined;
  const s = store.facts[fact];
  const mine = personsAnswer(session, fact);
  if (s && s.value === value && s.read) return { from: "analyzer", read: s.read, alsoPerson: mine !== undefined };
  if (mine !== undefined) return s && s.value !== value ? { from: "person", settledOther: s } : { from: "person" };
  return { from: "link" };
}

/** The question for a fact as the scenario asks it, or as the fact table says it. */
export function questionWords(scenario: Pick<Scenario, "questions">, fact: FactName): string {
  return scenario.questions.find((q) => q.fact === fact)?.prompt ?? FACTS[fact].description.replace(/\.$/, "");
}

/** An answer in words, as the scenario's questions label it (the engine's one rule). */
export function answerWords(scenario: Pick<Scenario, "questions">, fact: FactName, value: FactValue): string {
  return answerWordsFor(scenario.questions, fact, value);
}

/** Only settled, well-formed answers travel from the analyzer ("I don't know" never does). */
export function checkedAnswers(data: unknown): Partial<Record<FactName, Settled>> {
  const out: Partial<Record<FactName, Settled>> = {};
  if (!data || typeof data !== "object") return out;
  for (const [fact, entry] of Object.entries(data as Record<string, unknown>)) {
    if (!isFactName(fact) || fact === "app" || !entry || typeof entry !== "object") continue;
    const { value, read, found } = entry as { value?: unknown; read?: unknown; found?: unknown };
    const checked = checkFactValue(fact, value);
    if (!checked.ok || checked.value === UNKNOWN) continue;
    out[fact] = typeof read === "string" && read ? { value: checked.value, read, ...checkedFound(found) } : { value: checked.value };
  }
  return out;
}

/** The parts of what the analyzer read, when well-formed (they come from this browser's storage). */
function checkedFound(found: unknown): Pick<Settled, "found"> {
  if (!found || typeof found !== "object") return {};
  const { source, because, lines } = found as { source?: unknown; because?: unknown; lines?: unknown };
  if (typeof source !== "string" || typeof because !== "string" || !Array.isArray(lines) || !lines.every((l) => Number.isInteger(l) && l > 0)) return {};
  return { found: { source, because, lines: lines as number[] } };
}

/** What the analyzer found, for the IT report: the answers the session still holds as the analyzer read them. */
export function foundAnswers(session: Session, store: SettledStore): { fact: FactName; value: FactValue; source: string; because: string; lines: number[] }[] {
  const out: { fact: FactName; value: FactValue; source: string; because: string; lines: number[] }[] = [];
  for (const [fact, s] of Object.entries(store.facts) as [FactName, Settled][]) {
    if (s.found && session.facts[fact] === s.value) out.push({ fact, value: s.value, ...s.found });
  }
  return out;
}
