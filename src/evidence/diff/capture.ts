/**
 * One side of a comparison: what a capture (a bare `dsregcmd /status` paste, or an evidence
 * bundle or one of its parts) holds, read from the existing parse/derive outputs
 * (`analyzePaste`), never parsed again here. A bundle's parts keep their paste line numbers, so
 * every line this module names is a line of that capture.
 *
 * Times: the bundle's run time (its `meta` part, ISO 8601 with an offset) or `Client Time` of
 * `dsregcmd` (printed only in pre-join diagnostics). Both are the person's clock as printed:
 * they order two captures of one device, they are never compared with ours.
 */
import type { Analysis, BundleAnalysis, DsregcmdAnalysis } from "../analyze.ts";
import { epochSeconds } from "../dsregcmd/fields.ts";
import type { PartGap } from "../bundle/derive.ts";
import type { SectionResult, ReadSectionId } from "../bundle/parse.ts";

/** A capture that analysed as `dsregcmd /status` output or as a bundle. */
export interface Capture {
  kind: "dsregcmd" | "bundle";
  /** The `dsregcmd /status` part: the whole paste, or the bundle's section when it parsed. */
  dsregcmd?: DsregcmdAnalysis;
  bundle?: BundleAnalysis;
  /** When it was taken, by its own clock: seconds since 1970 (UTC when the text names a zone). */
  time?: { seconds: number; text: string; line: number; from: "bundle" | "client-time" };
}

/** A value read from a capture: when unknown, `why` says so in words, and `gap` which way a bundle part fell short. */
export type Read<T> = { known: true; value: T } | { known: false; why: string; gap?: PartGap };

/**
 * Seconds since 1970 from `2024-05-02 12:30:00.000 UTC`, `2024-01-25T18:02:54.022Z` or
 * `2026-11-30T09:12:44.1234567+01:00`; undefined for anything else. No zone counts as UTC.
 */
export function parseCaptureTime(text: string): number | undefined {
  const m = /^\s*(\d{4}-\d\d-\d\d)[T ](\d\d:\d\d:\d\d)(?:[.,]\d+)?\s*(Z|UTC|GMT|[+-]\d\d:?\d\d)?\s*$/i.exec(text);
  if (!m) return undefined;
  const base = epochSeconds(`${m[1]} ${m[2]}`);
  if (!Number.isFinite(base)) return undefined;
  const zone = m[3]?.toUpperCase();
  if (!zone || zone === "Z" || zone === "UTC" || zone === "GMT") return base;
  const sign = zone.startsWith("-") ? -1 : 1;
  const digits = zone.slice(1).replace(":", "");
  return base - sign * (Number(digits.slice(0, 2)) * 3600 + Number(digits.slice(2, 4)) * 60);
}

/** The capture an analysis holds, or undefined for error text (nothing to compare). */
export function captureOf(analysis: Extract<Analysis, { ok: true }>): Capture | undefined {
  if (analysis.kind === "dsregcmd") {
    const out: Capture = { kind: "dsregcmd", dsregcmd: analysis.dsregcmd };
    const ct = analysis.dsregcmd.evidence.diagnosticData.clientTime;
    const seconds = ct ? parseCaptureTime(ct.raw) ?? parseCaptureTime(ct.value) : undefined;
    if (ct && seconds !== undefined) out.time = { seconds, text: ct.raw, line: ct.line, from: "client-time" };
    return out;
  }
  if (analysis.kind === "bundle") {
    const b = analysis.bundle;
    const out: Capture = { kind: "bundle", bundle: b };
    const ds = b.evidence.sections.dsregcmd?.data;
    if (ds) out.dsregcmd = ds;
    const t = b.evidence.sections.meta?.data.time;
    const seconds = t ? parseCaptureTime(t.value) : undefined;
    if (t && seconds !== undefined) out.time = { seconds, text: t.value, line: t.line, from: "bundle" };
    else {
      const ct = ds?.evidence.diagnosticData.clientTime;
      const s = ct ? parseCaptureTime(ct.raw) : undefined;
      if (ct && s !== undefined) out.time = { seconds: s, text: ct.raw, line: ct.line, from: "client-time" };
    }
    return out;
  }
  return undefined;
}

/** A bundle part with data, or why there is none (in words). */
export function readablePart<K extends ReadSectionId>(c: Capture, id: K): Read<SectionResult<K>> {
  if (!c.bundle) return { known: false, why: "a bare dsregcmd /status paste does not hold it" };
  const s = c.bundle.evidence.sections[id] as SectionResult<K> | undefined;
  const gap = c.bundle.state.parts[id].unreadable;
  if (gap) return { known: false, why: gap.words, gap: gap.kind };
  if (!s) return { known: false, why: "not in the paste" };
  return { known: true, value: s };
}

/** Words for the capture's kind, for messages. */
export function captureWords(c: Capture): string {
  return c.kind === "bundle" ? (c.bundle!.evidence.marked ? "an evidence bundle" : "one part of the evidence bundle") : "a dsregcmd /status paste";
}
