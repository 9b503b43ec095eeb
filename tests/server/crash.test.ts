// Durability: an outcome answered with 2xx is stored, even when the server is killed with SIGKILL
// in the middle of a load run (SQLite in WAL mode with synchronous=FULL and group commit).
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { ChildProcess } from "node:child_process";
import { afterAll, expect, it } from "vitest";
import { startServerProcess } from "../../scripts/server-process.ts";
import { openSqliteRepository } from "../../src/server/storage/sqlite.ts";
import { ROOT } from "../helpers/io.ts";

const dir = mkdtempSync(join(tmpdir(), "fixpath-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// Steps whose every outcome is counted (a "fixed" of the unlink, which pairing again completes, is
// counted on that step instead: tests/server/completed-by.test.ts), so the counts add up to the rows.
const STEPS = ["clean-restart", "cleanup-wam-accounts", "repair-onedrive", "reset-onedrive"];
const OUTCOMES = ["fixed", "no-change", "could-not"];

/** Posts outcomes on `connections` keep-alive connections and SIGKILLs the server once `killAfter` were acknowledged. */
async function loadAndKill(url: string, child: ChildProcess, killAfter: number, connections = 16): Promise<{ acked: number; unanswered: number }> {
  const agent = new Agent({ keepAlive: true, maxSockets: connections });
  let acked = 0;
  let unanswered = 0;
  let killed = false;
  let i = 0;
  const post = (body: string) =>
    new Promise<"ok" | "error" | "rejected">((resolve) => {
      const req = request(`${url}/api/outcomes`, { method: "POST", agent, headers: { "content-type": "application/json", "content-length": Buffer.byteLength(body) } }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode === 201 ? "ok" : "rejected"));
        res.on("error", () => resolve("error"));
      });
      req.on("error", () => resolve("error"));
      req.end(body);
    });
  const worker = async () => {
    for (;;) {
      const n = i++;
      const body = JSON.stringify({ code: "CAA50021", app: "onedrive", stepId: STEPS[n % STEPS.length], outcome: OUTCOMES[n % OUTCOMES.length] });
      const result = await post(body);
      if (result === "ok") acked++;
      else if (result === "rejected") throw new Error("the server rejected a valid outcome");
      else {
        unanswered++;
        if (killed) return;
      }
      if (!killed && acked >= killAfter) {
        killed = true;
        child.kill("SIGKILL");
      }
      if (n > killAfter * 20) throw new Error("the server was not killed in time");
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  agent.destroy();
  return { acked, unanswered };
}

it("keeps every acknowledged outcome through two SIGKILLs mid-load", async () => {
  const file = join(dir, "crash.sqlite");
  let acked = 0;
  let unanswered = 0;
  for (const killAfter of [1500, 900]) {
    const { url, child } = await startServerProcess(ROOT, file);
    const exited = new Promise<NodeJS.Signals | null>((r) => child.once("exit", (_code, signal) => r(signal)));
    const round = await loadAndKill(url, child, killAfter);
    expect(await exited).toBe("SIGKILL");
    // Killed, not closed: the WAL was not checkpointed away, so the restart has to recover from it.
    expect(existsSync(`${file}-wal`)).toBe(true);
    expect(round.acked).toBeGreaterThanOrEqual(killAfter);
    acked += round.acked;
    unanswered += round.unanswered;
  }
  // Restart: the server recovers the database and still answers.
  const { url, child } = await startServerProcess(ROOT, file);
  try {
    const stats = (await (await fetch(`${url}/api/stats/caa50021/onedrive`)).json()) as { steps: { tried: number; couldNot: number }[] };
    const counted = stats.steps.reduce((sum, s) => sum + s.tried + s.couldNot, 0);
    const repo = await openSqliteRepository({ file });
    const stored = (await repo.countRows()).outcomes;
    await repo.close();
    // Acknowledged ⇒ stored. Requests cut off by the kill may or may not have committed.
    expect(stored).toBeGreaterThanOrEqual(acked);
    expect(stored).toBeLessThanOrEqual(acked + unanswered);
    expect(counted).toBe(stored);
  } finally {
    child.kill("SIGKILL");
  }
}, 120_000);
