// Every API endpoint and every rejection, against SQLite and PostgreSQL.
import type { FastifyInstance } from "fastify";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { BACKENDS, serverPerTest } from "./helpers/backends.ts";
import { FIXED_NOW, issueCodes, postJson, testServer } from "./helpers/server.ts";

const OK_OUTCOME = { code: "CAA50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed" } as const;

describe.each(BACKENDS)("API on %s", (name) => {
  const live = serverPerTest(name);

  const counts = () => live.db.repo.countRows();

  describe("POST /api/outcomes", () => {
    it("stores exactly code, live.app, step, outcome, reason and the day — nothing else", async () => {
      const res = await postJson(live.app, "/api/outcomes", OK_OUTCOME, { "user-agent": "Mozilla/5.0 test-agent", "x-forwarded-for": "203.0.113.9" });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ ok: true });
      const rows = await live.db.rows("outcomes");
      expect(rows).toHaveLength(1);
      expect(Object.keys(rows[0]!).sort()).toEqual(["app", "code", "day", "id", "outcome", "reason", "step_id", "verified"]);
      expect(rows[0]).toMatchObject({ code: "caa50021", app: "onedrive", step_id: "clean-restart", outcome: "fixed", reason: null, day: "2026-03-14" });
      expect(JSON.stringify(rows)).not.toMatch(/203\.0\.113|Mozilla|127\.0\.0\.1|T23:59/);
    });

    it("accepts the code in any written form and stores the canonical id", async () => {
      for (const code of ["0xCAA50021", "3399811105", "-895156191", " caa50021 "]) {
        expect((await postJson(live.app, "/api/outcomes", { ...OK_OUTCOME, code })).statusCode).toBe(201);
      }
      expect(new Set((await live.db.rows("outcomes")).map((r) => r.code))).toEqual(new Set(["caa50021"]));
    });

    it.each([
      ["no-change", "did-not-match"],
      ["no-change", "unclear"],
      ["could-not", "no-rights"],
      ["could-not", "other"],
    ])("stores %s with reason %s", async (outcome, reason) => {
      const res = await postJson(live.app, "/api/outcomes", { ...OK_OUTCOME, stepId: "repair-onedrive", outcome, reason });
      expect(res.statusCode).toBe(201);
      expect(await live.db.rows("outcomes")).toMatchObject([{ step_id: "repair-onedrive", outcome, reason }]);
    });

    it("stores no-change without a reason (the reason is optional)", async () => {
      expect((await postJson(live.app, "/api/outcomes", { ...OK_OUTCOME, outcome: "no-change" })).statusCode).toBe(201);
      expect(await live.db.rows("outcomes")).toMatchObject([{ outcome: "no-change", reason: null }]);
    });

    const rejections: [string, unknown, string, string][] = [
      ["an unknown code", { ...OK_OUTCOME, code: "CAA50012" }, "api/unknown-code", "body.code"],
      ["a code that is not a code", { ...OK_OUTCOME, code: "hello" }, "api/unknown-code", "body.code"],
      ["an live.app the code has no scenario for", { ...OK_OUTCOME, code: "0x8004de40", app: "teams" }, "api/unknown-app", "body.app"],
      ["an live.app that does not exist", { ...OK_OUTCOME, app: "word" }, "api/invalid-value", "body.app"],
      ["a step of no scenario", { ...OK_OUTCOME, stepId: "clean-reboot" }, "api/unknown-step", "body.stepId"],
      ["an avoided action (not a step)", { ...OK_OUTCOME, stepId: "dsregcmd-leave" }, "api/unknown-step", "body.stepId"],
      ["a step id not in kebab-case", { ...OK_OUTCOME, stepId: "Clean Restart" }, "api/invalid-format", "body.stepId"],
      ["an unknown outcome", { ...OK_OUTCOME, outcome: "worked" }, "api/invalid-value", "body.outcome"],
      ["a reason with fixed", { ...OK_OUTCOME, reason: "unclear" }, "api/reason-not-allowed", "body.reason"],
      ["a reason not in the list", { ...OK_OUTCOME, outcome: "no-change", reason: "too-hard" }, "api/invalid-value", "body.reason"],
      ["a missing field", { code: "CAA50021", app: "onedrive", outcome: "fixed" }, "api/missing-field", "body.stepId"],
      ["a field of the wrong type", { ...OK_OUTCOME, code: 50021 }, "api/wrong-type", "body.code"],
      ["an extra field (nothing else is stored)", { ...OK_OUTCOME, email: "ana@contoso.com" }, "api/unknown-field", "body.email"],
      ["an array instead of an object", [OK_OUTCOME], "api/wrong-type", "body"],
      ["null", null, "api/wrong-type", "body"],
    ];
    it.each(rejections)("rejects %s with 422 and stores nothing", async (_what, body, code, path) => {
      const res = await postJson(live.app, "/api/outcomes", body);
      expect(res.statusCode).toBe(422);
      const json = res.json() as { ok: boolean; issues: { code: string; path: string; message: string; hint?: string }[] };
      expect(json.ok).toBe(false);
      expect(json.issues[0]).toMatchObject({ code, path });
      expect(json.issues[0]!.message.length).toBeGreaterThan(10);
      expect((await counts()).outcomes).toBe(0);
    });

    it("says which step was meant and which apps exist", async () => {
      const step = await postJson(live.app, "/api/outcomes", { ...OK_OUTCOME, stepId: "clean-restrat" });
      expect(step.json().issues[0]).toMatchObject({ message: 'scenario caa50021/onedrive has no step "clean-restrat"', hint: 'did you mean "clean-restart"?' });
      const appRes = await postJson(live.app, "/api/outcomes", { ...OK_OUTCOME, code: "0x8004de40", app: "teams" });
      expect(appRes.json().issues[0]).toMatchObject({ expected: '"onedrive"', hint: "use one of: onedrive" });
      const none = await postJson(live.app, "/api/outcomes", { ...OK_OUTCOME, code: "AADSTS50126" });
      expect(none.json().issues[0].hint).toMatch(/has no scenarios/);
      const code = await postJson(live.app, "/api/outcomes", { ...OK_OUTCOME, code: "caa5002l" });
      expect(code.json().issues[0].hint).toBe('did you mean "caa50021"?');
    });

    it("rejects malformed JSON with 400", async () => {
      const res = await postJson(live.app, "/api/outcomes", '{"code": "CAA50021",');
      expect(res.statusCode).toBe(400);
      expect(issueCodes(res)).toEqual(["api/malformed-json"]);
      expect((await counts()).outcomes).toBe(0);
    });

    it("rejects an empty JSON body with 400", async () => {
      const res = await postJson(live.app, "/api/outcomes", "");
      expect(res.statusCode).toBe(400);
      expect(issueCodes(res)).toEqual(["api/malformed-json"]);
    });

    it("rejects a body over 8 KB with 413, also when it is valid JSON", async () => {
      const big = JSON.stringify({ ...OK_OUTCOME, pad: "x".repeat(8 * 1024) });
      const res = await postJson(live.app, "/api/outcomes", big);
      expect(res.statusCode).toBe(413);
      expect(issueCodes(res)).toEqual(["api/body-too-large"]);
      // Just under the limit is read (and then rejected for its extra field, not its size).
      const under = JSON.stringify({ ...OK_OUTCOME, pad: "x".repeat(8 * 1024 - 120) });
      expect(Buffer.byteLength(under)).toBeLessThanOrEqual(8 * 1024);
      expect((await postJson(live.app, "/api/outcomes", under)).statusCode).toBe(422);
      expect((await counts()).outcomes).toBe(0);
    });

    it("rejects a body that is not JSON with 415", async () => {
      for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
        const res = await live.app.inject({ method: "POST", url: "/api/outcomes", payload: JSON.stringify(OK_OUTCOME), headers: { "content-type": type } });
        expect(res.statusCode, type).toBe(415);
        expect(issueCodes(res)).toEqual(["api/unsupported-media-type"]);
      }
      expect((await counts()).outcomes).toBe(0);
    });

    it("answers GET with 404 (POST only)", async () => {
      const res = await live.app.inject({ method: "GET", url: "/api/outcomes" });
      expect(res.statusCode).toBe(404);
      expect(issueCodes(res)).toEqual(["api/not-found"]);
    });
  });

  describe("POST /api/outcomes/reason (why a step did not fix it, after its outcome was counted)", () => {
    const NO_CHANGE = { ...OK_OUTCOME, stepId: "repair-onedrive", outcome: "no-change" } as const;

    it("adds the reason to the outcome already counted: one row, counted once, nothing else stored", async () => {
      expect((await postJson(live.app, "/api/outcomes", NO_CHANGE)).statusCode).toBe(201);
      const res = await postJson(live.app, "/api/outcomes/reason", { ...NO_CHANGE, reason: "unclear" }, { "user-agent": "Mozilla/5.0 test-agent", "x-forwarded-for": "203.0.113.9" });
      expect(res.statusCode).toBe(201);
      expect(res.json()).toEqual({ ok: true });
      const rows = await live.db.rows("outcomes");
      expect(rows).toMatchObject([{ code: "caa50021", app: "onedrive", step_id: "repair-onedrive", outcome: "no-change", reason: "unclear", day: "2026-03-14" }]);
      expect(Object.keys(rows[0]!).sort()).toEqual(["app", "code", "day", "id", "outcome", "reason", "step_id", "verified"]);
      expect(JSON.stringify(rows)).not.toMatch(/203\.0\.113|Mozilla|127\.0\.0\.1/);
      const stats = (await live.app.inject({ method: "GET", url: "/api/stats/caa50021/onedrive" })).json() as { steps: { stepId: string; noChange: number }[] };
      expect(stats.steps.find((s) => s.stepId === "repair-onedrive")).toMatchObject({ noChange: 1 });
      // The operator's counts show the reason.
      expect((await live.db.repo.operatorCounts()).outcomes).toEqual([{ code: "caa50021", app: "onedrive", stepId: "repair-onedrive", outcome: "no-change", reason: "unclear", n: 1 }]);
    });

    it("gives each reason to its own outcome, and refuses one more than the outcomes waiting (409)", async () => {
      for (let i = 0; i < 2; i++) expect((await postJson(live.app, "/api/outcomes", NO_CHANGE)).statusCode).toBe(201);
      expect((await postJson(live.app, "/api/outcomes/reason", { ...NO_CHANGE, reason: "unclear" })).statusCode).toBe(201);
      expect((await postJson(live.app, "/api/outcomes/reason", { ...NO_CHANGE, reason: "did-not-match" })).statusCode).toBe(201);
      const extra = await postJson(live.app, "/api/outcomes/reason", { ...NO_CHANGE, reason: "other" });
      expect(extra.statusCode).toBe(409);
      expect(issueCodes(extra)).toEqual(["api/no-outcome-for-reason"]);
      expect((await live.db.rows("outcomes")).map((r) => r.reason).sort()).toEqual(["did-not-match", "unclear"]);
      // An outcome of another kind or step is not taken.
      expect((await postJson(live.app, "/api/outcomes/reason", { ...NO_CHANGE, outcome: "could-not", reason: "no-rights" })).statusCode).toBe(409);
      expect((await counts()).outcomes).toBe(2);
    });

    const rejections: [string, unknown, string, string][] = [
      ["a reason for a fixed step", { ...OK_OUTCOME, reason: "unclear" }, "api/invalid-value", "body.outcome"],
      ["a reason not in the list", { ...NO_CHANGE, reason: "too-hard" }, "api/invalid-value", "body.reason"],
      ["no reason (a reason from the list is the whole point)", { ...NO_CHANGE }, "api/invalid-value", "body.reason"],
      ["an extra field (nothing else is stored)", { ...NO_CHANGE, reason: "other", note: "ana@contoso.com" }, "api/unknown-field", "body.note"],
      ["a step of no scenario", { ...NO_CHANGE, stepId: "clean-reboot", reason: "other" }, "api/unknown-step", "body.stepId"],
      ["an unknown code", { ...NO_CHANGE, code: "CAA50012", reason: "other" }, "api/unknown-code", "body.code"],
    ];
    it.each(rejections)("rejects %s with 422 and changes nothing", async (_what, body, code, path) => {
      expect((await postJson(live.app, "/api/outcomes", NO_CHANGE)).statusCode).toBe(201);
      const res = await postJson(live.app, "/api/outcomes/reason", body);
      expect(res.statusCode).toBe(422);
      expect((res.json() as { issues: { code: string; path: string }[] }).issues[0]).toMatchObject({ code, path });
      expect(await live.db.rows("outcomes")).toMatchObject([{ reason: null }]);
    });
  });

  describe("POST /api/feedback", () => {
    it("stores a yes for a page id, a page URL or any code form", async () => {
      for (const page of ["caa50021/onedrive", "/codes/caa50021/onedrive/", "0xCAA50021/admin", "CAA50021"]) {
        expect((await postJson(live.app, "/api/feedback", { page, helpful: true })).statusCode, page).toBe(201);
      }
      const rows = await live.db.rows("feedback");
      expect(rows.map((r) => r.page)).toEqual(["caa50021/onedrive", "caa50021/onedrive", "caa50021/admin", "caa50021"]);
      expect(Object.keys(rows[0]!).sort()).toEqual(["comment", "day", "helpful", "id", "page", "reason"]);
      expect(rows.every((r) => r.day === "2026-03-14" && Boolean(r.helpful))).toBe(true);
    });

    it("stores a no with a reason and the comment as plain text, not echoed back", async () => {
      const comment = '<script>alert("x")</script> step 3 <b>did nothing</b>';
      const res = await postJson(live.app, "/api/feedback", { page: "caa50021/teams", helpful: false, reason: "did-not-work", comment: `  ${comment} ` });
      expect(res.statusCode).toBe(201);
      expect(res.body).not.toContain("script");
      expect(await live.db.rows("feedback")).toMatchObject([{ page: "caa50021/teams", reason: "did-not-work", comment }]);
      expect(Boolean((await live.db.rows("feedback"))[0]!.helpful)).toBe(false);
    });

    it("accepts a comment of exactly 1,000 characters and stores a blank comment as none", async () => {
      expect((await postJson(live.app, "/api/feedback", { page: "caa50021", helpful: false, comment: "é".repeat(1000) })).statusCode).toBe(201);
      expect((await postJson(live.app, "/api/feedback", { page: "caa50021", helpful: false, comment: "   " })).statusCode).toBe(201);
      const rows = await live.db.rows("feedback");
      expect(String(rows[0]!.comment)).toHaveLength(1000);
      expect(rows[1]!.comment).toBeNull();
    });

    it.each<[string, unknown, string, string]>([
      ["a comment over 1,000 characters", { page: "caa50021", helpful: false, comment: "x".repeat(1001) }, "api/too-long", "body.comment"],
      ["a reason on a yes", { page: "caa50021", helpful: true, reason: "unclear" }, "api/reason-not-allowed", "body.reason"],
      ["a reason not in the list", { page: "caa50021", helpful: false, reason: "boring" }, "api/invalid-value", "body.reason"],
      ["an unknown page", { page: "caa50021/word", helpful: true }, "api/unknown-page", "body.page"],
      ["a page of an unknown code", { page: "caa59999", helpful: true }, "api/unknown-page", "body.page"],
      ["a page path that is too deep", { page: "/codes/caa50021/onedrive/extra/", helpful: true }, "api/unknown-page", "body.page"],
      ["helpful as a string", { page: "caa50021", helpful: "yes" }, "api/wrong-type", "body.helpful"],
      ["a missing helpful", { page: "caa50021" }, "api/missing-field", "body.helpful"],
      ["an extra field", { page: "caa50021", helpful: true, userAgent: "x" }, "api/unknown-field", "body.userAgent"],
    ])("rejects %s with 422", async (_what, body, code, path) => {
      const res = await postJson(live.app, "/api/feedback", body);
      expect(res.statusCode).toBe(422);
      expect(res.json().issues[0]).toMatchObject({ code, path });
      expect((await counts()).feedback).toBe(0);
    });

    it("rejects malformed JSON with 400 and an oversized body with 413", async () => {
      expect((await postJson(live.app, "/api/feedback", "{page:")).statusCode).toBe(400);
      expect((await postJson(live.app, "/api/feedback", JSON.stringify({ page: "caa50021", helpful: false, comment: "x".repeat(9000) }))).statusCode).toBe(413);
      expect((await counts()).feedback).toBe(0);
    });
  });

  describe("POST /api/search-misses", () => {
    it("keeps the normalised code and the day only, as a count per code per day", async () => {
      for (const query of ["CAA5FFFF", "0xcaa5ffff", " caa5ffff ", "3399876607", "AADSTS9999999"]) expect((await postJson(live.app, "/api/search-misses", { query })).statusCode, query).toBe(201);
      const days = await live.db.rows("search_miss_days");
      expect(days.map((r) => ({ ...r, n: Number(r.n) }))).toEqual([
        { code: "aadsts9999999", day: "2026-03-14", n: 1 },
        { code: "caa5ffff", day: "2026-03-14", n: 4 },
      ]);
      expect((await counts()).searchMisses).toBe(5);
    });

    it("refuses free text with 422, so no name, address or markup is ever kept", async () => {
      for (const query of ["Ana Pérez, 12 High Street, Leeds", "<img src=x onerror=alert(1)>", "onedrive keeps asking", "ana@contoso.com"]) {
        const res = await postJson(live.app, "/api/search-misses", { query });
        expect(res.statusCode, query).toBe(422);
        expect(res.json().issues[0]).toMatchObject({ code: "api/not-a-code", path: "body.query" });
      }
      expect(issueCodes(await postJson(live.app, "/api/search-misses", { query: "" }))).toEqual(["api/too-short"]);
      expect(issueCodes(await postJson(live.app, "/api/search-misses", { query: "x".repeat(41) }))).toEqual(["api/too-long"]);
      expect(issueCodes(await postJson(live.app, "/api/search-misses", { query: "caa50021", page: "/" }))).toEqual(["api/unknown-field"]);
      expect((await postJson(live.app, "/api/search-misses", "[")).statusCode).toBe(400);
      expect((await counts()).searchMisses).toBe(0);
    });
  });

  describe("GET /api/stats/<code>/<app>", () => {
    it("counts per step, in the scenario's order, with the fixed share and its 95 % Wilson interval", async () => {
      const post = (stepId: string, outcome: string, n: number) => Promise.all(Array.from({ length: n }, () => postJson(live.app, "/api/outcomes", { ...OK_OUTCOME, stepId, outcome })));
      await post("clean-restart", "fixed", 5);
      await post("clean-restart", "no-change", 5);
      await post("clean-restart", "could-not", 3);
      await post("repair-onedrive", "no-change", 2);
      await post("unlink-work-account", "could-not", 1);
      const res = await live.app.inject({ method: "GET", url: "/api/stats/0xCAA50021/onedrive" });
      expect(res.statusCode).toBe(200);
      const body = res.json() as { code: string; app: string; steps: { stepId: string; tried: number; fixed: number; noChange: number; couldNot: number; fixedShare: number | null; fixedShareCi95: { low: number; high: number } | null }[] };
      expect(body.code).toBe("caa50021");
      expect(body.steps.map((s) => s.stepId)).toEqual(["clean-restart", "unlink-work-account", "cleanup-wam-accounts", "check-access-work-or-school", "repair-onedrive", "reset-onedrive", "clear-credential-manager", "update-onedrive", "check-device-registration"]);
      const restart = body.steps[0]!;
      expect(restart).toMatchObject({ tried: 10, fixed: 5, noChange: 5, couldNot: 3, fixedShare: 0.5 });
      expect(restart.fixedShareCi95!.low).toBeCloseTo(0.2366, 4);
      expect(restart.fixedShareCi95!.high).toBeCloseTo(0.7634, 4);
      expect(body.steps[1]).toMatchObject({ tried: 0, couldNot: 1, fixedShare: null, fixedShareCi95: null });
      expect(body.steps[4]).toMatchObject({ tried: 2, fixed: 0, fixedShare: 0 });
      expect(body.steps[4]!.fixedShareCi95!.low).toBe(0);
      expect(body.steps[4]!.fixedShareCi95!.high).toBeCloseTo(0.6576, 4);
      // Another scenario of the same code is counted apart.
      const teams = (await live.app.inject({ method: "GET", url: "/api/stats/caa50021/teams" })).json() as typeof body;
      expect(teams.steps.every((s) => s.tried === 0 && s.couldNot === 0)).toBe(true);
    });

    it.each([
      ["/api/stats/caa59999/onedrive", "api/unknown-code", "params.code"],
      ["/api/stats/0x8004de40/teams", "api/unknown-app", "params.app"],
      ["/api/stats/caa50021/word", "api/unknown-app", "params.app"],
    ])("rejects %s with 422", async (url, code, path) => {
      const res = await live.app.inject({ method: "GET", url });
      expect(res.statusCode).toBe(422);
      expect(res.json().issues[0]).toMatchObject({ code, path });
    });
  });

  describe("GET /api/stats/search-misses (operator only)", () => {
    const TOKEN = "operator-secret-0123456789";
    const auth = { authorization: `Bearer ${TOKEN}` };
    let op: FastifyInstance;
    beforeEach(async () => {
      op = await testServer({ db: live.db.repo, operatorToken: TOKEN });
    });
    afterEach(() => op.close());

    it("lists the codes missed at least twice, most frequent first, with the last day", async () => {
      for (const [query, n] of [["0x8004FFFF", 3], ["CAA5FFFF", 2], ["AADSTS9999999", 1]] as const) {
        for (let i = 0; i < n; i++) expect((await postJson(op, "/api/search-misses", { query })).statusCode).toBe(201);
      }
      const res = await op.inject({ method: "GET", url: "/api/stats/search-misses", headers: auth });
      expect(res.statusCode).toBe(200);
      expect(res.json()).toEqual({
        minCount: 2,
        misses: [
          { code: "0x8004ffff", count: 3, lastDay: "2026-03-14" },
          { code: "caa5ffff", count: 2, lastDay: "2026-03-14" },
        ],
      });
      const one = await op.inject({ method: "GET", url: "/api/stats/search-misses?limit=1", headers: auth });
      expect(one.json().misses).toEqual([{ code: "0x8004ffff", count: 3, lastDay: "2026-03-14" }]);
    });

    it("is off without an operator token, and says how to turn it on", async () => {
      const res = await live.app.inject({ method: "GET", url: "/api/stats/search-misses", headers: auth });
      expect(res.statusCode).toBe(403);
      expect(res.json().issues[0]).toMatchObject({ code: "api/operator-only" });
      expect(res.json().issues[0].hint).toMatch(/set FIXPATH_OPERATOR_TOKEN .* "Authorization: Bearer <token>"/);
    });

    it.each([
      ["no token", {}],
      ["a wrong token", { authorization: "Bearer operator-secret-012345678X" }],
      ["the token without Bearer", { authorization: TOKEN }],
    ])("answers 401 to %s", async (_label, headers) => {
      const res = await op.inject({ method: "GET", url: "/api/stats/search-misses", headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers["www-authenticate"]).toMatch(/^Bearer/);
      expect(issueCodes(res)).toEqual(["api/operator-token"]);
      expect(res.body).not.toContain(TOKEN);
    });

    it("leaves the per-step outcome stats public", async () => {
      expect((await live.app.inject({ method: "GET", url: "/api/stats/caa50021/onedrive" })).statusCode).toBe(200);
    });

    it.each([
      ["?limit=0", "api/too-short"],
      ["?limit=101", "api/too-long"],
      ["?limit=ten", "api/wrong-type"],
      ["?since=2026-01-01", "api/unknown-field"],
    ])("rejects %s with 422", async (qs, code) => {
      const res = await op.inject({ method: "GET", url: `/api/stats/search-misses${qs}`, headers: auth });
      expect(res.statusCode).toBe(422);
      expect(issueCodes(res)).toEqual([code]);
    });

    it("caps the answer to 1,500 unknown query parameters: ten problems and a count of the rest", async () => {
      const qs = Array.from({ length: 1500 }, (_, i) => `p${i}${"x".repeat(150)}=1`).join("&");
      const res = await op.inject({ method: "GET", url: `/api/stats/search-misses?${qs}`, headers: auth });
      expect(res.statusCode).toBe(422);
      const codes = issueCodes(res);
      expect(codes).toHaveLength(11);
      expect(codes.at(-1)).toBe("api/too-many-problems");
      expect(res.json().issues.at(-1).message).toBe("and 1,490 more problems not listed");
      expect(res.body.length).toBeLessThan(8_000);
    });
  });

  it("takes the day from the injected clock, in UTC", async () => {
    const later = await testServer({ db: live.db.repo, now: () => new Date(FIXED_NOW.getTime() + 1000) });
    try {
      expect((await postJson(later, "/api/outcomes", OK_OUTCOME)).statusCode).toBe(201);
      expect((await postJson(later, "/api/feedback", { page: "caa50021", helpful: true })).statusCode).toBe(201);
      expect((await postJson(later, "/api/search-misses", { query: "caa5ffff" })).statusCode).toBe(201);
    } finally {
      await later.close();
    }
    expect((await live.db.rows("outcomes"))[0]!.day).toBe("2026-03-15");
    expect((await live.db.rows("feedback"))[0]!.day).toBe("2026-03-15");
    expect((await live.db.rows("search_miss_days"))[0]!.day).toBe("2026-03-15");
  });
});
