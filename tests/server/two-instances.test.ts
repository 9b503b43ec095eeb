// Fixpath for an organisation: N stateless API instances behind a load balancer on one
// PostgreSQL. Two real server processes on one database take writes at the same time, and both
// then answer the same statistics.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServerProcess, stopServerProcess } from "../../scripts/server-process.ts";
import { ROOT } from "../helpers/io.ts";
import { backend, type FreshDb } from "./helpers/backends.ts";

const PER_INSTANCE = 150;
// Steps whose every outcome counts (a "fixed" of the unlink, which pairing again completes, is
// counted on that step instead: tests/server/completed-by.test.ts).
const STEPS = ["clean-restart", "cleanup-wam-accounts", "repair-onedrive"] as const;

describe("two server instances on one PostgreSQL", () => {
  const be = backend("postgres");
  let db: FreshDb;
  const children: Awaited<ReturnType<typeof startServerProcess>>[] = [];
  beforeAll(async () => {
    await be.start();
    db = await be.fresh();
    // Both start at once on the same database: the migrations' advisory lock lets one apply them.
    children.push(...(await Promise.all([startServerProcess(ROOT, db.url!), startServerProcess(ROOT, db.url!)])));
  }, 120_000);
  afterAll(async () => {
    for (const c of children) await stopServerProcess(c.child);
    await db?.dispose();
    await be.stop();
  });

  it("take writes concurrently, store every acknowledged one once, and report the same stats", async () => {
    const post = async (url: string, i: number) => {
      const body = { code: "CAA50021", app: "onedrive", stepId: STEPS[i % STEPS.length], outcome: i % 4 === 0 ? "fixed" : "no-change" };
      const res = await fetch(`${url}/api/outcomes`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
      return res.status;
    };
    // Interleaved, 20 in flight per instance.
    const statuses: number[] = [];
    for (let batch = 0; batch < PER_INSTANCE; batch += 20) {
      const round = children.flatMap((c) => Array.from({ length: Math.min(20, PER_INSTANCE - batch) }, (_, k) => post(c.url, batch + k)));
      statuses.push(...(await Promise.all(round)));
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(2 * PER_INSTANCE);

    const stats = await Promise.all(children.map(async (c) => (await fetch(`${c.url}/api/stats/caa50021/onedrive`)).json() as Promise<{ steps: { stepId: string; fixed: number; noChange: number }[] }>));
    expect(stats[0]).toEqual(stats[1]);
    const total = stats[0]!.steps.reduce((n, s) => n + s.fixed + s.noChange, 0);
    expect(total).toBe(2 * PER_INSTANCE);
    expect((await db.repo.countRows()).outcomes).toBe(2 * PER_INSTANCE);
    // Each step got its share from both instances: 300 writes over 3 steps, a quarter of them "fixed".
    const fixed = stats[0]!.steps.filter((s) => (STEPS as readonly string[]).includes(s.stepId)).reduce((n, s) => n + s.fixed, 0);
    expect(fixed).toBe(2 * Math.ceil(PER_INSTANCE / 4));
  }, 120_000);
});
