// CLI start-up: `fixpath lookup caa50021` through the bin (the compiled bundle with its content
// snapshot, scripts/cli-bundle.mjs) against a bare `node -e 0`, run side by side (alternating, so
// both see the same load), median of 5 each. Goal: within 4× the bare start. `npm run bench -- cli`.
import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { ensureCliBundle } from "../scripts/cli-bundle.mjs";
import { median } from "./stats.ts";

const RUNS = 5;

/** Wall time of one process run, ms; throws when it fails. */
function timeRun(args: readonly string[], cwd: string, env: NodeJS.ProcessEnv = process.env): number {
  const started = performance.now();
  const r = spawnSync(process.execPath, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"], encoding: "utf8" });
  const ms = performance.now() - started;
  if (r.status !== 0) throw new Error(`node ${args.join(" ")} exited ${r.status}: ${r.stderr}`);
  return ms;
}

export async function benchCli(root: string): Promise<string[]> {
  const built = await ensureCliBundle({ root });
  const bin = join(root, "bin", "fixpath.mjs");
  const cases = {
    bare: ["-e", "0"],
    lookup: [bin, "lookup", "caa50021"],
    list: [bin, "list"],
  } as const;
  // One untimed run each (disk cache), then alternating runs.
  for (const args of Object.values(cases)) timeRun(args, root);
  const times: Record<keyof typeof cases, number[]> = { bare: [], lookup: [], list: [] };
  for (let i = 0; i < RUNS; i++) for (const [name, args] of Object.entries(cases)) times[name as keyof typeof cases].push(timeRun(args, root));
  // The same lookup from source through tsx (as the bin ran before it was compiled), for scale.
  const fromSource = [0, 1, 2].map(() => timeRun([bin, "lookup", "caa50021"], root, { ...process.env, FIXPATH_FROM_SOURCE: "1" }));
  const bare = median(times.bare);
  const line = (label: string, ms: number) => `${label.padEnd(44)} ${ms.toFixed(0).padStart(5)} ms  ×${(ms / bare).toFixed(1)}`;
  return [
    `compiled CLI ${built.built ? `built now in ${(built.ms / 1000).toFixed(1)} s` : "up to date"} (${built.dir})`,
    `median of ${RUNS}, run side by side:`,
    line("node -e 0", bare),
    line("fixpath lookup caa50021 (goal: ×4 or less)", median(times.lookup)),
    line("fixpath list", median(times.list)),
    line("fixpath lookup caa50021 from source (tsx, median of 3)", median(fromSource)),
  ];
}
