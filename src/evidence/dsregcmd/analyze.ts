/**
 * A `dsregcmd /status` paste in one go: parse → derive → findings and facts (analyzeDsregcmd),
 * and whether a text is such output at all (detectInputKind). Below both entry points that read
 * it: src/evidence/analyze.ts (any paste) and bundle/parse.ts (the bundle's dsregcmd part).
 */
import type { Issue } from "../../model/issue.ts";
import { deriveDsregcmdState, type DsregcmdState } from "./derive.ts";
import { isKnownKey, sectionOfTitle } from "./fields.ts";
import { deriveFindings, type Finding } from "./findings.ts";
import { parseDsregcmdStatus, type DsregcmdEvidence } from "./parse.ts";
import { parseDsregcmdRaw } from "./raw.ts";
import { toFacts } from "./to-facts.ts";
import type { FactsFromEvidence } from "../facts.ts";

export interface DsregcmdAnalysis {
  evidence: DsregcmdEvidence;
  warnings: Issue[];
  state: DsregcmdState;
  findings: Finding[];
  facts: FactsFromEvidence;
}

/** `dsregcmd` when the text holds a known section header or two known fields; otherwise `error-text`. */
export function detectInputKind(text: string): "dsregcmd" | "error-text" {
  let fields = 0;
  for (const l of parseDsregcmdRaw(text).lines) {
    if (l.kind === "header" && sectionOfTitle(l.title)) return "dsregcmd";
    if (l.kind === "record" && isKnownKey(l.key) && ++fields >= 2) return "dsregcmd";
  }
  return "error-text";
}

/** Parses, derives, judges and maps a `dsregcmd /status` paste in one go; never throws. */
export function analyzeDsregcmd(
  input: string | Uint8Array,
  options: { maxBytes?: number } = {},
): { ok: true; analysis: DsregcmdAnalysis } | { ok: false; issues: Issue[] } {
  const parsed = parseDsregcmdStatus(input, options);
  if (!parsed.ok) return parsed;
  const state = deriveDsregcmdState(parsed.evidence);
  return {
    ok: true,
    analysis: {
      evidence: parsed.evidence,
      warnings: parsed.warnings,
      state,
      findings: deriveFindings(parsed.evidence, state),
      facts: toFacts(parsed.evidence, state),
    },
  };
}
