// The operator page: only with the operator token, bars for what is stored, words not ids, no script.
import Fastify, { type FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { registerOperator, OPERATOR_CSP } from "../../src/server/operator.ts";
import { renderBars, renderOperatorPage } from "../../src/server/operator-page.ts";
import type { OutcomeRecord } from "../../src/server/storage/repository.ts";
import { BACKENDS, backend, type FreshDb } from "./helpers/backends.ts";
import { projectKb, testServer } from "./helpers/server.ts";

const TOKEN = "operator-token-for-tests-0123456789";
const WORDS = {
  outcome: { "did-not-match": "It did not match what I saw", "no-rights": "I could not do it: no rights", unclear: "The instructions were unclear", other: "Other" },
  feedback: { "did-not-match": "It did not match what I see", unclear: "The instructions were unclear", "did-not-work": "The steps did not fix it", "missing-step": "Something is missing", other: "Something else" },
};
const basic = (password: string) => `Basic ${Buffer.from(`anyone:${password}`).toString("base64")}`;

function outcomes(stepId: string, fixed: number, noChange: number, couldNot = 0): OutcomeRecord[] {
  const row = (outcome: OutcomeRecord["outcome"], reason: OutcomeRecord["reason"]): OutcomeRecord => ({ code: "caa50021", app: "onedrive", stepId, outcome, reason, day: "2026-03-14" });
  return [
    ...Array.from({ length: fixed }, () => row("fixed", null)),
    ...Array.from({ length: noChange }, () => row("no-change", "did-not-match")),
    ...Array.from({ length: couldNot }, () => row("could-not", "no-rights")),
  ];
}

describe.each(BACKENDS)("the operator page on %s", (name) => {
  const be = backend(name);
  let db: FreshDb;
  let app: FastifyInstance;
  const kb = projectKb();
  const build = async (token: string | undefined) => {
    const a = Fastify();
    registerOperator(a, {
      kb,
      db: db.repo,
      token,
      day: () => "2026-03-15",
      siteName: "Contoso IT help",
      words: WORDS,
      displayCode: (c) => c.toUpperCase(),
      missingCodes: async () => [{ code: "0x8004010f", count: 7, lastDay: "2026-03-14" }],
    });
    await a.ready();
    return a;
  };
  beforeAll(() => be.start(), 90_000);
  afterAll(() => be.stop());
  beforeEach(async () => {
    db = await be.fresh();
    await db.repo.addOutcomes([...outcomes("clean-restart", 12, 28, 3), ...outcomes("repair-onedrive", 1, 1)]);
    await db.repo.addFeedback([
      { page: "caa50021/onedrive", helpful: false, reason: "missing-step", comment: "[email-1] wrote this", day: "2026-03-14" },
      { page: "caa50021/onedrive", helpful: true, reason: null, comment: null, day: "2026-03-14" },
    ]);
    app = await build(TOKEN);
  });
  afterEach(async () => {
    await app.close();
    await db.dispose();
  });

  it("asks for the token (401 with a sign-in prompt) without it or with a wrong one", async () => {
    for (const headers of [{}, { authorization: basic("wrong") }, { authorization: "Bearer wrong" }, { authorization: basic(TOKEN.slice(0, -1)) }]) {
      const res = await app.inject({ url: "/operator/", headers });
      expect(res.statusCode).toBe(401);
      expect(res.headers["www-authenticate"]).toMatch(/^Basic realm="Fixpath operator"/);
      expect(res.body).not.toMatch(/Clean restart|<svg/i);
    }
  });

  it("is off, and says how to turn it on, when no token is configured", async () => {
    const off = await build(undefined);
    const res = await off.inject({ url: "/operator/", headers: { authorization: basic(TOKEN) } });
    expect(res.statusCode).toBe(404);
    expect(res.body).toMatch(/Set FIXPATH_OPERATOR_TOKEN/);
    await off.close();
  });

  it("draws each step's fixed share and its 95 % interval as bars, with the token (Basic or Bearer)", async () => {
    for (const authorization of [basic(TOKEN), `Bearer ${TOKEN}`]) {
      const res = await app.inject({ url: "/operator/", headers: { authorization } });
      expect(res.statusCode).toBe(200);
      expect(res.headers["cache-control"]).toBe("no-store");
      expect(res.headers["content-security-policy"]).toBe(OPERATOR_CSP);
      const html = res.body;
      // 12 fixed of 40 tried = 30 %; Wilson 95 %: centre (0.3 + z²/80)/(1 + z²/40) = 0.3175, half-width 0.1368 → 18 %–45 %.
      expect(html).toMatch(/<svg role="img"/);
      expect(html).toContain("12 of 40 (30 %)");
      expect(html).toContain("95 % interval 18 % to 45 %");
      const bar = /<rect class="fixed" x="260" y="\d+" width="([\d.]+)"/.exec(html);
      expect(Number(bar![1])).toBeCloseTo(0.3 * 360, 0);
      const restart = kb.scenarios.get("caa50021/onedrive")!.steps.find((s) => s.id === "clean-restart")!.title;
      expect(html).toContain(`When people could not do a step, they said</h3><ul><li>${restart} — I could not do it: no rights (3)`);
      expect(html).toContain("Something is missing (1)");
      expect(html).toContain("0X8004010F</strong>: 7 searches");
    }
  });

  it("shows words, never ids, no script and no comment", async () => {
    const html = (await app.inject({ url: "/operator/", headers: { authorization: basic(TOKEN) } })).body;
    const text = html.replace(/<[^>]+>/g, " ");
    for (const id of ["clean-restart", "repair-onedrive", "caa50021/onedrive", "no-change", "could-not", "did-not-match", "missing-step"]) expect(text).not.toContain(id);
    expect(html).not.toMatch(/<script/i);
    expect(html).not.toContain("[email-1]");
  });
});

describe("the operator page in the real server", () => {
  const be = backend("sqlite");
  let db: FreshDb;
  beforeAll(() => be.start());
  afterAll(() => be.stop());

  it("is served by createServer behind the same token as the search-miss statistics, with the site's name", async () => {
    db = await be.fresh();
    await db.repo.addSearchMisses([{ code: "0x8004010f", day: "2026-03-14" }, { code: "caa50021", day: "2026-03-14" }]);
    const app = await testServer({ db: db.repo, operatorToken: TOKEN, siteName: "Contoso IT help" });
    expect((await app.inject({ url: "/operator/" })).statusCode).toBe(401);
    const page = await app.inject({ url: "/operator/", headers: { authorization: basic(TOKEN) } });
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain("<title>What fixes what — Contoso IT help</title>");
    // Only codes without a page are listed (CAA50021 has one).
    expect(page.body).toContain("0x8004010F</strong>: 1 search");
    expect(page.body).not.toContain("CAA50021</strong>");
    // The same token opens the JSON statistics; the page's sign-in (Basic) works there too.
    expect((await app.inject({ url: "/api/stats/search-misses", headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(200);
    expect((await app.inject({ url: "/api/stats/search-misses", headers: { authorization: basic(TOKEN) } })).statusCode).toBe(200);
    await app.close();
    await db.dispose();
  });
});

describe("the operator page's bars", () => {
  it("says a step that people only could not do was not tried to the end, and how many could not do it", () => {
    const svg = renderBars("CAA50021 in OneDrive", [
      { title: "Clean restart", fixed: 3, noChange: 1, couldNot: 0 },
      { title: "Unlink the work account", fixed: 0, noChange: 0, couldNot: 2 },
    ]);
    expect(svg).toContain("<title>Unlink the work account: 2 could not do it</title>");
    expect(svg).not.toContain("not tried yet");
    expect(svg).toContain("Clean restart: fixed it for 3 of 4 (75");
  });

  it("draws no share for a step another step completes, and says where its fixes are counted", async () => {
    const steps = [
      { title: "Unlink the work account", fixed: 0, noChange: 4, couldNot: 1, finishedBy: "Repair OneDrive" },
      { title: "Repair OneDrive", fixed: 3, noChange: 1, couldNot: 0 },
    ];
    const svg = renderBars("CAA50021 in OneDrive", steps);
    expect(svg).toContain('<title>Unlink the work account: a fix is counted on &#34;Repair OneDrive&#34;, the step that completes it</title>');
    expect(svg.match(/<rect class="fixed"/g)).toHaveLength(1);
    expect(svg.match(/<line class="ci"/g)).toHaveLength(3);
    const page = renderOperatorPage({ day: "2026-03-15", siteName: "Fixpath", scenarios: [{ title: "CAA50021 in OneDrive", href: "/codes/caa50021/onedrive/", steps, reasons: [] }], feedback: [], missingCodes: [] });
    expect(page).toContain('<tr><td>Unlink the work account<br><span class="muted">a fix is counted on &#34;Repair OneDrive&#34;, the step that completes it</span></td><td class="n">4</td><td class="n">—</td><td class="n">—</td><td class="n">—</td><td class="n">1</td>');
  });
});
