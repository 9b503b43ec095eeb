/**
 * A bundle paste (or one of its parts on its own) in one go: parse → facts, findings and the
 * device card.
 */
import type { FactsFromEvidence } from "../dsregcmd/to-facts.ts";
import type { KbView } from "../error-text/recognize.ts";
import { deviceCard, type CardRow } from "./card.ts";
import { deriveBundleFindings, type BundleFinding } from "./findings.ts";
import { parseBundle, type BundleEvidence } from "./parse.ts";
import { bundleToFacts } from "./to-facts.ts";

/** A bundle paste (or one of its sections on its own): one place for its sections and findings. */
export interface BundleAnalysis {
  evidence: BundleEvidence;
  findings: BundleFinding[];
  facts: FactsFromEvidence;
  card: CardRow[];
}

/** Parses, judges and maps a decoded bundle paste; never throws. */
export function analyzeBundle(text: string, kb?: KbView): BundleAnalysis {
  const evidence = parseBundle(text);
  const facts = bundleToFacts(evidence);
  return { evidence, findings: deriveBundleFindings(evidence, kb), facts, card: deviceCard(evidence, facts) };
}
