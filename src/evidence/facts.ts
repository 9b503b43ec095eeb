/**
 * What a paste says about the diagnostic's facts, in one shape for `dsregcmd /status` and the
 * evidence bundle: the facts it settles, each with the lines it rests on, and the facts people
 * expect that it leaves unknown, each with its cause. Unknown facts are data keyed by fact: the
 * device card and every surface read `unknown` (`unknown.find((u) => u.fact === "managed")`),
 * never the sentences; `notes` is the same list in sentences, for the surfaces that print one.
 */
import type { FactName, FactValue, Facts } from "../model/facts.ts";

export interface FactSupport {
  fact: FactName;
  value: FactValue;
  lines: number[];
  because: string;
}

/** The start of the sentence that says a fact stays unknown ("<lead>: <cause>."), per fact. */
export const UNKNOWN_LEADS = {
  isAdmin: "Administrator rights stay unknown",
  windowsServer: "Windows Server or not stays unknown",
  hybridJoined: "Hybrid join stays unknown",
  managed: "Whether the device is managed stays unknown",
  personalAndWorkPaired: "A personal and a work OneDrive stays unknown",
  innerErrorCode: "The other code in event 1098 stays unknown",
} as const satisfies Partial<Record<FactName, string>>;

/** The facts a paste can leave unknown with a cause. */
export type UnknownFactName = keyof typeof UNKNOWN_LEADS;

/** A fact people expect that the paste leaves unknown. */
export interface UnknownFact {
  fact: UnknownFactName;
  /** Why, in words: a clause without its full stop ("the management enrollment part says access was denied (line 51)"). */
  cause: string;
  /** How to settle it, a whole sentence, when the paste shows how ("Run the command again in a normal window."). */
  fix?: string;
  /** The lines the cause rests on, when it rests on lines of the paste. */
  lines?: number[];
}

export interface FactsFromEvidence {
  facts: Facts;
  support: FactSupport[];
  /** The facts people expect that stay unknown, each with why (unknown is never absent). */
  unknown: UnknownFact[];
  /** `unknown` in sentences (unknownSentence), for the surfaces that print them as a list. */
  notes: string[];
}

/** "Administrator rights stay unknown: <cause>. <fix>" */
export function unknownSentence(u: UnknownFact): string {
  return `${UNKNOWN_LEADS[u.fact]}: ${u.cause}.${u.fix ? ` ${u.fix}` : ""}`;
}

/** The cause and the fix without the lead, where the fact is named already (a device card row). */
export function unknownWhy(u: UnknownFact): string {
  return u.fix ? `${u.cause}. ${u.fix}` : u.cause;
}

/** The result of a toFacts: the sentences are made from `unknown` here, so their words live once. */
export function factsFromEvidence(facts: Facts, support: FactSupport[], unknown: UnknownFact[]): FactsFromEvidence {
  return { facts, support, unknown, notes: unknown.map(unknownSentence) };
}
