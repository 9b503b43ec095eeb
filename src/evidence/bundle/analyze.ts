/**
 * A bundle paste (or one of its parts on its own) in one go: parse → derive (derive.ts: each
 * part's readability, the edition, the watched apps, worked out once) → facts, findings and the
 * device card, which all read the derived state.
 */
import type { FactsFromEvidence } from "../facts.ts";
import type { KbView } from "../error-text/recognize.ts";
import { deviceCard, type CardRow } from "./card.ts";
import { deriveBundleState, type BundleState } from "./derive.ts";
import { deriveBundleFindings, type BundleFinding } from "./findings.ts";
import { parseBundle, type BundleEvidence } from "./parse.ts";
import { bundleToFacts } from "./to-facts.ts";

/** A bundle paste (or one of its sections on its own): one place for its sections and findings. */
export interface BundleAnalysis {
  evidence: BundleEvidence;
  state: BundleState;
  findings: BundleFinding[];
  facts: FactsFromEvidence;
  card: CardRow[];
}

/** Parses, judges and maps a decoded bundle paste; never throws. */
export function analyzeBundle(text: string, kb?: KbView): BundleAnalysis {
  const evidence = parseBundle(text);
  const state = deriveBundleState(evidence);
  const facts = bundleToFacts(evidence, state);
  return { evidence, state, findings: deriveBundleFindings(evidence, state, kb), facts, card: deviceCard(evidence, state, facts) };
}
