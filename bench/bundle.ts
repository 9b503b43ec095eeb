/**
 * Evidence bundle analysis: a 1 MB bundle built from the fixtures (tests/fixtures/bundle and
 * tests/fixtures/windows), analysed end to end (decode, split, every part, facts, findings, card).
 * Goal: under 50 ms for 1 MB. Measured on the current command's output (fixture 92, markers with
 * the run token), on the earlier command's (fixture 90), and on a paste of two runs (the first cut
 * inside its events); also per part, and the split of 10,000 sections.
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { analyzePaste, parseBundle, splitBundle } from "../src/evidence/index.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const MB = 1024 * 1024;

function median(run: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    run();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

/** Median CPU time (user + system, ms) of `run`: on a shared, loaded machine wall time overstates the work. */
function medianCpu(run: () => void, runs: number): number {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = process.cpuUsage();
    run();
    const d = process.cpuUsage(start);
    times.push((d.user + d.system) / 1000);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

const CURRENT = "tests/fixtures/bundle/92-derived-current-command-standard-user.txt";
const EARLIER = "tests/fixtures/bundle/90-derived-bundle-from-fixtures.txt";

/** A derived bundle, its event part grown with fixture events until the paste is `bytes` long. */
export function buildBundle(bytes: number, file = CURRENT): string {
  const base = readFileSync(join(ROOT, file), "utf8");
  const events = readdirSync(join(ROOT, "tests/fixtures/windows"))
    .filter((f) => /aad-operational|wevtutil/.test(f) && f.endsWith(".log"))
    .map((f) => readFileSync(join(ROOT, "tests/fixtures/windows", f), "utf8"));
  const at = base.indexOf("\n===== FIXPATH:udr-admin");
  const parts: string[] = [base.slice(0, at)];
  let size = base.length;
  for (let i = 0; size < bytes; i++) {
    const e = `\nEvent[${i}]:\n  Log Name: Microsoft-Windows-AAD/Operational\n  Event ID: ${i % 2 ? 1081 : 1098}\n  Description:\n${events[i % events.length]}`;
    parts.push(e);
    size += e.length;
  }
  return parts.join("") + base.slice(at);
}

/** Runs the benchmark and returns its report lines. */
export async function benchBundle(): Promise<string[]> {
  const lines = [`bundle: analyzePaste on an evidence bundle (load average ${loadavg()[0]!.toFixed(1)}: figures on a loaded machine run slow)`];
  const oneMb = buildBundle(MB);
  const check = analyzePaste(oneMb, { maxBytes: Infinity });
  if (!check.ok || check.kind !== "bundle") throw new Error("the benchmark bundle did not analyse as a bundle");
  median(() => analyzePaste(oneMb, { maxBytes: Infinity }), 5); // warm-up
  const ms = median(() => analyzePaste(oneMb, { maxBytes: Infinity }), 11);
  const cpu = medianCpu(() => analyzePaste(oneMb, { maxBytes: Infinity }), 11);
  lines.push(`  1 MB bundle (${check.bundle.evidence.sections["aad-operational"]!.data.events.length} events): ${ms.toFixed(1)} ms wall, ${cpu.toFixed(1)} ms CPU, medians of 11 (goal < 50 ms) ${ms < 50 ? "OK" : cpu < 50 ? "OK in CPU time, wall time above goal (machine load)" : "ABOVE GOAL"}`);

  const earlier = buildBundle(MB, EARLIER);
  const earlierMs = median(() => analyzePaste(earlier, { maxBytes: Infinity }), 11);
  const earlierCpu = medianCpu(() => analyzePaste(earlier, { maxBytes: Infinity }), 11);
  lines.push(`  1 MB bundle of the earlier command (no run token): ${earlierMs.toFixed(1)} ms wall, ${earlierCpu.toFixed(1)} ms CPU`);
  const half = buildBundle(MB / 2);
  const twoRuns = half.slice(0, half.indexOf("Event[2000]:")) + "\n" + half.replaceAll(/run=(\w+)/.exec(half)![1]!, "0f0e0d0c0b0a");
  const twoMs = median(() => analyzePaste(twoRuns, { maxBytes: Infinity }), 11);
  const twoCpu = medianCpu(() => analyzePaste(twoRuns, { maxBytes: Infinity }), 11);
  lines.push(`  ${(twoRuns.length / MB).toFixed(2)} MB paste of two runs, the first cut inside its events: ${twoMs.toFixed(1)} ms wall, ${twoCpu.toFixed(1)} ms CPU`);

  const small = buildBundle(MB / 10);
  const smallMs = median(() => analyzePaste(small, { maxBytes: Infinity }), 11);
  lines.push(`  100 KB bundle: ${smallMs.toFixed(1)} ms (${(smallMs * 10).toFixed(0)} ms per MB; 1 MB: ${ms.toFixed(0)} ms per MB)`);

  const base = readFileSync(join(ROOT, CURRENT), "utf8");
  const split = splitBundle(base);
  lines.push("  per part of the derived bundle (median of 51, µs):");
  for (const s of split.sections) {
    if (s.id === "end") continue;
    const text = `===== FIXPATH:${s.id} b3nch0 =====\n${s.lines.map((l) => l.text).join("\n")}\n===== FIXPATH:end b3nch0 =====\n`;
    const us = median(() => parseBundle(text), 51) * 1000;
    lines.push(`    ${s.id.padEnd(18)} ${String(s.lines.length).padStart(4)} lines  ${us.toFixed(0).padStart(6)} µs`);
  }
  const many = Array.from({ length: 10_000 }, (_, i) => `\n===== FIXPATH:${i % 2 ? "os" : "ver"} =====\n${i % 2 ? "InstallationType : Client" : "Microsoft Windows [Version 10.0.22631.1]"}\n`).join("");
  const splitMs = median(() => analyzePaste(many, { maxBytes: Infinity }), 7);
  lines.push(`  10,000 sections (${(many.length / 1024).toFixed(0)} KB), whole analysis: ${splitMs.toFixed(1)} ms median of 7`);
  return lines;
}
