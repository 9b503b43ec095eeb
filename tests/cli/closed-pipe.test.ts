/**
 * A reader that stops early closes the pipe (`fixpath list | head -1`). Before the fix about 3 in
 * 5 runs died with an EPIPE stack trace; the race depends on timing, so each case runs 20 times
 * through a real shell pipeline, with `pipefail` so fixpath's own exit code is the one seen.
 */
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { ROOT } from "../helpers/io.ts";

const run = promisify(execFile);
const BIN = join(ROOT, "bin", "fixpath.mjs");
const RUNS = 20;

/** Runs `fixpath <args> | head -1` once: fixpath's exit code, its stderr, and what head printed. */
async function pipedToHead(args: string): Promise<{ code: number; stderr: string; first: string }> {
  const script = `set -o pipefail; node ${JSON.stringify(BIN)} ${args} 2>"$ERR" | head -1; code=$?; cat "$ERR" >&2; exit $code`;
  try {
    const r = await run("bash", ["-c", `ERR=$(mktemp); ${script}`], { cwd: ROOT, encoding: "utf8" });
    return { code: 0, stderr: r.stderr, first: r.stdout };
  } catch (e) {
    const err = e as { code: number; stderr: string; stdout: string };
    return { code: err.code, stderr: err.stderr, first: err.stdout };
  }
}

/** Runs `fixpath <args> | head -1` RUNS times, two at a time (the machine has two cores). */
async function manyTimes(args: string) {
  const results: Awaited<ReturnType<typeof pipedToHead>>[] = [];
  for (let i = 0; i < RUNS; i += 2) results.push(...(await Promise.all([pipedToHead(args), pipedToHead(args)])));
  return results;
}

describe("a closed pipe", () => {
  it.each([
    ["list", /^\S+\s+\/codes\//],
    ["--help", /^Usage: fixpath/],
  ])(`fixpath %s | head -1 ends quietly with exit 0, ${RUNS} times out of ${RUNS}`, async (args, first) => {
    const results = await manyTimes(args);
    const bad = results.filter((r) => r.code !== 0 || r.stderr !== "");
    expect(bad, bad[0]?.stderr).toEqual([]);
    for (const r of results) expect(r.first).toMatch(first);
  }, 600_000);
});
