/**
 * Parser throughput: a paste built from the dsregcmd fixtures, parsed at 100 KB, 1 MB and 10 MB.
 * Reports MB/s for 1 MB (goal: 20 MB/s or more) and time per MB at each size, which stays flat
 * when parsing grows linearly. The size limit is lifted here: the CLI refuses pastes over 2 MB.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseDsregcmdStatus } from "../src/evidence/index.ts";

const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../tests/fixtures/dsregcmd");
const MB = 1024 * 1024;

/** Fixture text repeated to `bytes` characters (every fixture in turn, so all code paths run). */
function buildPaste(bytes: number): string {
  const texts = readdirSync(FIXTURES)
    .filter((f) => f.endsWith(".txt"))
    .sort()
    .map((f) => readFileSync(join(FIXTURES, f), "utf8"));
  const parts: string[] = [];
  let size = 0;
  for (let i = 0; size < bytes; i++) {
    const t = texts[i % texts.length]!;
    parts.push(t);
    size += t.length;
  }
  return parts.join("").slice(0, bytes);
}

function medianMs(text: string, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const r = parseDsregcmdStatus(text, { maxBytes: Infinity });
    times.push(performance.now() - start);
    if (!r.ok) throw new Error("the benchmark paste did not parse");
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Runs the benchmark and returns its report lines. */
export async function benchEvidence(): Promise<string[]> {
  const lines = ["evidence: parseDsregcmdStatus"];
  medianMs(buildPaste(MB), 5); // warm-up: let the JIT settle
  const oneMb = medianMs(buildPaste(MB), 11);
  const mbps = 1 / (oneMb / 1000);
  lines.push(`  1 MB paste: ${oneMb.toFixed(1)} ms median of 11 → ${mbps.toFixed(1)} MB/s (goal ≥ 20 MB/s) ${mbps >= 20 ? "OK" : "BELOW GOAL"}`);
  const sizes = [0.1, 1, 10];
  const perMb: number[] = [];
  for (const s of sizes) {
    const ms = medianMs(buildPaste(s * MB), s >= 10 ? 3 : 7);
    perMb.push(ms / s);
    lines.push(`  ${String(s).padStart(4)} MB: ${ms.toFixed(1).padStart(8)} ms  (${(ms / s).toFixed(1)} ms per MB)`);
  }
  const ratio = perMb[2]! / perMb[0]!;
  lines.push(`  time per MB, 10 MB vs 100 KB: ×${ratio.toFixed(2)} (1.0 = linear) ${ratio < 2 ? "linear" : "NOT LINEAR"}`);
  return lines;
}
