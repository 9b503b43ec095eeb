// Verified outcomes (issue 30): the flag is stored, counted apart with its interval, refused where
// it cannot apply, and shown on the operator page — on SQLite and PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { BACKENDS, backend, serverPerTest } from "./helpers/backends.ts";
import { issueCodes, postJson } from "./helpers/server.ts";

const TOKEN = "operator-token-for-tests-0123456789";
const OUTCOME = { code: "CAA50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed" } as const;

interface VerifiedStats {
  tried: number;
  fixed: number;
  noChange: number;
  fixedShare: number | null;
  fixedShareCi95: { low: number; high: number } | null;
  contradicted: { fixed: number; noChange: number };
}

describe.each(BACKENDS)("verified outcomes on %s", (name) => {
  const live = serverPerTest(name, { operatorToken: TOKEN });

  const post = (body: Record<string, unknown>, n = 1) => Promise.all(Array.from({ length: n }, () => postJson(live.app, "/api/outcomes", { ...OUTCOME, ...body })));
  const stats = async () => (await live.app.inject({ url: "/api/stats/caa50021/onedrive" })).json() as { steps: { stepId: string; tried: number; fixed: number; verified: VerifiedStats }[] };

  it("stores verified true, false or nothing with the outcome", async () => {
    for (const [verified, code] of [[true, 201], [false, 201], [undefined, 201]] as const) {
      expect((await post(verified === undefined ? {} : { verified }))[0]!.statusCode).toBe(code);
    }
    const stored = (await live.db.rows("outcomes")).map((r) => (r.verified === null ? null : Boolean(r.verified)));
    expect(stored).toEqual([true, false, null]);
  });

  it("refuses a verified flag on could-not, and a flag that is not true or false", async () => {
    const [couldNot] = await post({ outcome: "could-not", reason: "no-rights", verified: true });
    expect(couldNot!.statusCode).toBe(422);
    expect(issueCodes(couldNot!)).toEqual(["api/verified-not-allowed"]);
    const [text] = await post({ verified: "yes" });
    expect(text!.statusCode).toBe(422);
    expect(issueCodes(text!)).toEqual(["api/wrong-type"]);
    expect((await live.db.repo.countRows()).outcomes).toBe(0);
  });

  it("counts verified outcomes apart from reported ones, with their own 95 % interval and the contradicted ones", async () => {
    await post({ verified: true }, 4);
    await post({ outcome: "no-change", verified: true }, 4);
    await post({ verified: false }, 3);
    await post({ outcome: "no-change", verified: false }, 1);
    await post({}, 5);
    const restart = (await stats()).steps.find((s) => s.stepId === "clean-restart")!;
    // Reported counts include every answer; verified ones are those two captures bore out.
    expect(restart).toMatchObject({ tried: 17, fixed: 12 });
    expect(restart.verified).toMatchObject({ tried: 8, fixed: 4, noChange: 4, fixedShare: 0.5, contradicted: { fixed: 3, noChange: 1 } });
    expect(restart.verified.fixedShareCi95!.low).toBeCloseTo(0.2152, 4);
    expect(restart.verified.fixedShareCi95!.high).toBeCloseTo(0.7848, 4);
    const untouched = (await stats()).steps.find((s) => s.stepId === "repair-onedrive")!;
    expect(untouched.verified).toEqual({ tried: 0, fixed: 0, noChange: 0, fixedShare: null, fixedShareCi95: null, contradicted: { fixed: 0, noChange: 0 } });
  });

  it("shows verified and contradicted counts on the operator page", async () => {
    await post({ verified: true }, 3);
    await post({ outcome: "no-change", verified: true }, 1);
    await post({ verified: false }, 2);
    await post({}, 1);
    const res = await live.app.inject({ url: "/operator/", headers: { authorization: `Bearer ${TOKEN}` } });
    expect(res.statusCode).toBe(200);
    const row = /<tr><td>Restart Windows \(Restart, not Shut down\)<\/td>(.*?)<\/tr>/.exec(res.body)?.[1];
    const cells = [...(row ?? "").matchAll(/<td class="n">(.*?)<\/td>/g)].map((m) => m[1]);
    // Tried, fixed, share, interval, could not | verified tries, verified fixed, interval, contradicted.
    expect(cells.slice(0, 2)).toEqual(["7", "6"]);
    expect(cells.slice(5, 7)).toEqual(["4", "3 (75 %)"]);
    expect(cells[8]).toBe("2");
    expect(res.body).toContain("Verified counts only the answers that a capture taken before and one taken after the step bore out");
  });
});

describe.each(BACKENDS)("migration 4 on %s", (name) => {
  const be = backend(name);
  beforeAll(() => be.start(), 90_000);
  afterAll(() => be.stop());

  it("adds the verified flag to a database at version 3 and keeps its outcomes, unchecked", async () => {
    const db = await be.fresh();
    try {
      await db.repo.addOutcomes([{ code: "caa50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed", reason: null, day: "2026-03-14" }]);
      await db.exec("drop table outcome_verified_counts; alter table outcomes drop column verified; delete from schema_migrations where version >= 4;");
      const again = await db.reopen();
      expect(await again.schemaVersion()).toBe(4);
      expect((await db.rows("outcomes")).map((r) => r.verified)).toEqual([null]);
      await again.addOutcomes([{ code: "caa50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed", reason: null, day: "2026-03-15", verified: true }]);
      expect(await again.tallyVerified("caa50021", "onedrive")).toEqual([{ stepId: "clean-restart", verifiedFixed: 1, verifiedNoChange: 0, contradictedFixed: 0, contradictedNoChange: 0 }]);
      expect(await again.tallyOutcomes("caa50021", "onedrive")).toEqual([{ stepId: "clean-restart", fixed: 2, noChange: 0, couldNot: 0 }]);
    } finally {
      await db.dispose();
    }
  });
});
