/**
 * Engine benchmark: the median time of `plan` per scenario (goal: under 1 ms), and the time of the
 * full exhaustive check (every combination of every scenario's facts, as tests/engine plans them).
 */
import { performance } from "node:perf_hooks";
import { resolve } from "node:path";
import { renderIssue, type Facts } from "../src/model/index.ts";
import { loadKnowledgeBase } from "../src/model/load/index.ts";
import { readContentFiles } from "../src/model/content-fs.ts";
import { enumerateFacts, planScenario, scenarioFacts } from "../src/engine/index.ts";

const RUNS = 400;
const GOAL_MS = 1;

/** Runs the benchmark on `<cwd>/content` and returns the report, one line per figure. */
export async function benchEngine(cwd: string = process.cwd()): Promise<string[]> {
  const loaded = loadKnowledgeBase(readContentFiles(resolve(cwd, "content"), cwd));
  if (!loaded.kb) return ["engine: content does not validate; no figures", ...loaded.issues.slice(0, 5).map(renderIssue)];
  const kb = loaded.kb;
  const lines: string[] = [`engine: plan() median over ${RUNS} runs per scenario (goal < ${GOAL_MS} ms)`];

  for (const [id, sc] of kb.scenarios) {
    // Nothing answered is the slowest case: every unknown fact is tried for the next question.
    const cases: Facts[] = [{}, { managed: true, isAdmin: false }];
    for (const facts of cases) {
      planScenario(kb, sc, facts); // warm-up
      const times: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        const t0 = performance.now();
        planScenario(kb, sc, facts);
        times.push(performance.now() - t0);
      }
      const median = percentile(times, 0.5);
      const p95 = percentile(times, 0.95);
      const label = Object.keys(facts).length === 0 ? "nothing answered" : JSON.stringify(facts);
      lines.push(`  ${id.padEnd(22)} ${label.padEnd(34)} median ${median.toFixed(3)} ms  p95 ${p95.toFixed(3)} ms  ${median < GOAL_MS ? "ok" : "SLOW"}`);
    }
  }

  let combinations = 0;
  const t0 = performance.now();
  for (const sc of kb.scenarios.values()) {
    const { read, askedOnly } = scenarioFacts(sc);
    for (const facts of enumerateFacts(sc, [...read, ...askedOnly])) {
      planScenario(kb, sc, facts);
      combinations++;
    }
  }
  const total = performance.now() - t0;
  lines.push(`engine: exhaustive check planned ${combinations} combinations in ${(total / 1000).toFixed(2)} s (${((total * 1000) / Math.max(combinations, 1)).toFixed(1)} µs each)`);
  return lines;
}

function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] ?? 0;
}
