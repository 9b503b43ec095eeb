/**
 * Parser throughput on real captures. A `dsregcmd /status` output is a few KB, and the parser
 * types the lines of one capture (everything after its closing lines is kept as extras), so
 * joining fixtures end to end into one "1 MB paste" would time line splitting, not parsing.
 * Instead every fixture is parsed on its own, as a person would paste it:
 *   - per capture: the median time of each fixture, then the median and the slowest of those;
 *   - per MB: every fixture in turn, N rounds, until at least 1 MB (and 10 MB) has been parsed
 *     capture by capture; MB/s over the bytes actually parsed (goal: 20 MB/s or more).
 * Only fixtures that parse are timed (the others test refusals), and every run checks the result.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDsregcmdStatus } from "../src/evidence/index.ts";
import { median } from "./stats.ts";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../tests/fixtures/dsregcmd");
const MB = 1024 * 1024;

interface Capture {
  name: string;
  text: string;
  bytes: number;
}

/** The fixtures that parse as `dsregcmd /status` output (the others test refusals). */
function captures(): Capture[] {
  return readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => {
      const text = readFileSync(join(FIXTURES, f), "utf8");
      return { name: f, text, bytes: Buffer.byteLength(text, "utf8") };
    })
    .filter((c) => parseDsregcmdStatus(c.text).ok);
}

function parseOnce(c: Capture): void {
  const r = parseDsregcmdStatus(c.text, { maxBytes: Infinity });
  if (!r.ok) throw new Error(`${c.name} did not parse`);
}

/** Median ms of parsing one capture `runs` times. */
function perCapture(c: Capture, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    parseOnce(c);
    times.push(performance.now() - start);
  }
  return median(times);
}

/** Median ms of parsing every capture in turn, `rounds` times: `bytes` parsed in all. */
function perVolume(all: readonly Capture[], rounds: number, runs: number): { ms: number; bytes: number } {
  const bytes = rounds * all.reduce((n, c) => n + c.bytes, 0);
  const times: number[] = [];
  for (let r = 0; r < runs; r++) {
    const start = performance.now();
    for (let i = 0; i < rounds; i++) for (const c of all) parseOnce(c);
    times.push(performance.now() - start);
  }
  return { ms: median(times), bytes };
}

/** Runs the benchmark and returns its report lines. */
export async function benchEvidence(): Promise<string[]> {
  const all = captures();
  if (all.length === 0) throw new Error(`no fixture in ${FIXTURES} parses`);
  const total = all.reduce((n, c) => n + c.bytes, 0);
  const lines = [`evidence: parseDsregcmdStatus on ${all.length} real captures (${(total / 1024).toFixed(0)} KB together, each parsed on its own)`];

  for (let i = 0; i < 3; i++) perVolume(all, Math.ceil(MB / total), 1); // warm-up: let the JIT settle
  const each = all.map((c) => ({ c, ms: perCapture(c, 21) }));
  const slowest = each.reduce((a, b) => (b.ms > a.ms ? b : a));
  lines.push(
    `  per capture: ${median(each.map((e) => e.ms)).toFixed(3)} ms median (median of 21 runs each); slowest ${slowest.ms.toFixed(3)} ms (${slowest.c.name}, ${(slowest.c.bytes / 1024).toFixed(1)} KB)`,
  );

  const perMb: number[] = [];
  for (const target of [1, 10]) {
    const rounds = Math.ceil((target * MB) / total);
    const { ms, bytes } = perVolume(all, rounds, target >= 10 ? 3 : 11);
    const mb = bytes / MB;
    const mbps = mb / (ms / 1000);
    perMb.push(ms / mb);
    lines.push(
      `  ${mb.toFixed(2)} MB as ${rounds * all.length} captures: ${ms.toFixed(1)} ms median → ${(ms / mb).toFixed(1)} ms per MB, ${mbps.toFixed(1)} MB/s${target === 1 ? ` (goal ≥ 20 MB/s) ${mbps >= 20 ? "OK" : "BELOW GOAL"}` : ""}`,
    );
  }
  const ratio = perMb[1]! / perMb[0]!;
  lines.push(`  time per MB, 10 MB vs 1 MB: ×${ratio.toFixed(2)} (1.0 = steady)`);
  return lines;
}
