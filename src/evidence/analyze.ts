/**
 * One entry point for a paste of unknown kind: decode it, tell an evidence bundle (or one of
 * its sections on its own) from `dsregcmd /status` output and from error text, and run the
 * matching analysis. The CLI and the site's analyzer island both call it.
 */
import type { Issue } from "../model/issue.ts";
import { decodePaste, type Encoding } from "./decode.ts";
import { analyzeDsregcmd, detectInputKind, type DsregcmdAnalysis } from "./dsregcmd/analyze.ts";
import { recognizeErrorText, type KbView, type Recognition } from "./error-text/recognize.ts";
import { analyzeBundle, type BundleAnalysis } from "./bundle/analyze.ts";
import { detectBundle, type BundleEvidence } from "./bundle/parse.ts";

export { analyzeDsregcmd, detectInputKind, type DsregcmdAnalysis } from "./dsregcmd/analyze.ts";
export type { BundleAnalysis } from "./bundle/analyze.ts";

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
