/**
 * One entry point for a paste of unknown kind: decode it, tell an evidence bundle (or one of
 * its sections on its own) from `dsregcmd /status` output and from error text, and run the
 * matching analysis. The CLI and the site's analyzer island both call it.
 */
import type { Issue } from "../model/issue.ts";
import { decodePaste, type Encoding } from "./decode.ts";
import { deriveDsregcmdState, type DsregcmdState } from "./dsregcmd/derive.ts";
import { deriveFindings, type Finding } from "./dsregcmd/findings.ts";
import { isKnownKey, sectionOfTitle } from "./dsregcmd/fields.ts";
import { parseDsregcmdStatus, type DsregcmdEvidence } from "./dsregcmd/parse.ts";
import { parseDsregcmdRaw } from "./dsregcmd/raw.ts";
import { toFacts, type FactsFromEvidence } from "./dsregcmd/to-facts.ts";
import { recognizeErrorText, type KbView, type Recognition } from "./error-text/recognize.ts";
import { deviceCard, type CardRow } from "./bundle/card.ts";
import { deriveBundleFindings, type BundleFinding } from "./bundle/findings.ts";
import { detectBundle, parseBundle, type BundleEvidence } from "./bundle/parse.ts";
import { bundleToFacts } from "./bundle/to-facts.ts";

/** A bundle paste (or one of its sections on its own): one place for its sections and findings. */
export interface BundleAnalysis {
  evidence: BundleEvidence;
  findings: BundleFinding[];
  facts: FactsFromEvidence;
  card: CardRow[];
}

export interface DsregcmdAnalysis {
  evidence: DsregcmdEvidence;
  warnings: Issue[];
  state: DsregcmdState;
  findings: Finding[];
  facts: FactsFromEvidence;
}

export type Analysis =
  | { ok: false; issues: Issue[] }
  | { ok: true; kind: "dsregcmd"; encoding: Encoding; dsregcmd: DsregcmdAnalysis; recognition: Recognition }
  | { ok: true; kind: "bundle"; encoding: Encoding; bundle: BundleAnalysis; recognition: Recognition }
  | { ok: true; kind: "error-text"; encoding: Encoding; recognition: Recognition; recognised: boolean };

export interface AnalyzeOptions {
  kb?: KbView;
  /** Default MAX_PASTE_BYTES. */
  maxBytes?: number;
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

/**
 * Codes, apps and pages for a bundle: the recognizer reads the event text and the dsregcmd part
 * (its diagnostics hold codes such as AADSTS50126 and 0xc000006d) of the run used, each distinct
 * line once (logs repeat the same events), and its line numbers are mapped back to the paste.
 */
function bundleRecognition(ev: BundleEvidence, text: string, kb?: KbView): Recognition {
  const distinct: string[] = [];
  const at: number[] = [];
  const seen = new Set<string>();
  const take = (line: string, n: number) => {
    // A marker quoted in event text names a part, not an app the person uses.
    if (seen.has(line) || line.includes("FIXPATH:")) return;
    seen.add(line);
    distinct.push(line);
    at.push(n);
  };
  for (const id of ["aad-operational", "udr-admin"] as const) {
    for (const e of ev.sections[id]?.data.events ?? []) for (const l of e.text) take(l.text, l.n);
  }
  const ds = ev.sections.dsregcmd;
  if (ds && ds.from > 0) {
    const all = text.split("\n");
    for (let n = ds.from; n <= ds.to; n++) take((all[n - 1] ?? "").trim(), n);
  }
  const r = recognizeErrorText(distinct.join("\n"), kb);
  const map = (line: number) => at[line - 1] ?? line;
  return {
    ...r,
    codes: r.codes.map((c) => ({ ...c, line: map(c.line) })),
    apps: r.apps.map((a) => ({ ...a, line: map(a.line) })),
    phrases: r.phrases.map((p) => ({ ...p, line: map(p.line) })),
  };
}

/** Parses, judges and maps a decoded bundle paste; never throws. */
export function analyzeBundle(text: string, kb?: KbView): BundleAnalysis {
  const evidence = parseBundle(text);
  const facts = bundleToFacts(evidence);
  return { evidence, findings: deriveBundleFindings(evidence, kb), facts, card: deviceCard(evidence, facts) };
}

/** Analyses any paste: a bundle (or one of its sections), `dsregcmd /status` output or error text. Never throws. */
export function analyzePaste(input: string | Uint8Array, options: AnalyzeOptions = {}): Analysis {
  const decoded = decodePaste(input, options);
  if (!decoded.ok) return { ok: false, issues: [decoded.issue] };
  const { text, encoding } = decoded;
  if (detectBundle(text)) {
    const bundle = analyzeBundle(text, options.kb);
    return { ok: true, kind: "bundle", encoding, bundle, recognition: bundleRecognition(bundle.evidence, text, options.kb) };
  }
  const recognition = recognizeErrorText(text, options.kb);
  if (detectInputKind(text) === "dsregcmd") {
    const result = analyzeDsregcmd(text, { maxBytes: Infinity });
    if (result.ok) return { ok: true, kind: "dsregcmd", encoding, dsregcmd: result.analysis, recognition };
  }
  const recognised = recognition.codes.length > 0 || recognition.phrases.length > 0 || recognition.apps.length > 0;
  return { ok: true, kind: "error-text", encoding, recognition, recognised };
}
