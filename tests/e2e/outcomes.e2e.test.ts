// Outcomes, counts, page feedback and search misses in real headless Chromium against the REAL
// server (Fastify, SQLite in a temp folder, the CSP `fixpath start` sends). Screenshots go to
// test-results/screenshots/ (git-ignored).
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import Database from "better-sqlite3";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { siteCsp } from "../../src/server/inline-hashes.ts";
import { openRepository, startServer, type OutcomeRecord, type Repository, type RunningServer } from "../../src/server/index.ts";
import type { StepStats } from "../../src/server/api.ts";
import { launchBrowser } from "../helpers/chromium.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import { builtSite } from "../site/built-site.ts";
import { PAGE_TYPES } from "./page-types.ts";

const SHOTS = join(process.cwd(), "test-results", "screenshots");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");
const SEED = loadProjectKb().scenarios.get("caa50021/onedrive")!;
const STEP_IDS = SEED.steps.map((s) => s.id);
/** Steps another step completes (an unlink): their fixes are counted on that step. */
const COMPLETED_LATER = new Set(SEED.steps.filter((s) => s.completedBy).map((s) => s.id));

let server: RunningServer;
let db: Repository;
let dbFile = "";
let tmp = "";
let origin = "";
let ctx: BrowserContext;

beforeAll(async () => {
  const dist = await builtSite();
  tmp = mkdtempSync(join(tmpdir(), "fixpath-outcomes-e2e-"));
  dbFile = join(tmp, "outcomes.sqlite");
  db = await openRepository({ db: dbFile, cwd: tmp });
  server = await startServer({ kb: loadProjectKb(), db, distDir: dist, csp: siteCsp(dist), port: 0, rateLimit: false });
  origin = server.url;
  ctx = await launchBrowser(join(tmp, "profile"));
  // Collects CSP violations in every page (init scripts are not subject to the page's CSP).
  await ctx.addInitScript({ content: `window.__csp = []; document.addEventListener("securitypolicyviolation", (e) => window.__csp.push(e.violatedDirective + " " + e.blockedURI));` });
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await ctx?.close();
  await server?.close();
  await db?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  /** Console errors and warnings, and uncaught page errors. */
  problems: string[];
  /** Bodies the page POSTed to /api/. */
  posts: { path: string; body: unknown }[];
}

async function open(path: string): Promise<Watched> {
  const page = await ctx.newPage();
  const w: Watched = { page, problems: [], posts: [] };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") w.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => w.problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    const url = new URL(r.url());
    if (r.method() === "POST" && url.pathname.startsWith("/api/")) w.posts.push({ path: url.pathname, body: JSON.parse(r.postData() ?? "null") as unknown });
  });
  await page.goto(origin + path);
  return w;
}

/** axe-core violations (evaluated through the devtools protocol, which the page's CSP does not govern). */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  return (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then(r => r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", ") + ")"))`)) as string[];
}

async function cspViolations(page: Page): Promise<string[]> {
  return (await page.evaluate("window.__csp")) as string[];
}

/** The sqlite file, read beside the running server (WAL allows it). */
function rows<T>(sql: string): T[] {
  const conn = new Database(dbFile, { readonly: true, fileMustExist: true });
  try {
    return conn.prepare(sql).all() as T[];
  } finally {
    conn.close();
  }
}

async function stats(): Promise<Map<string, StepStats>> {
  const res = await fetch(`${origin}/api/stats/caa50021/onedrive`);
  expect(res.status).toBe(200);
  return new Map(((await res.json()) as { steps: StepStats[] }).steps.map((s) => [s.stepId, s]));
}

const ANSWERS: Record<string, string> = {
  accountType: "A work or school account (an address such as you@yourcompany.com)",
  windowsServer: "No",
  multipleUsersAffected: "No",
  filesNotSyncedZeroFiles: "No",
  managed: "No",
  isAdmin: "Yes",
  where: "On a work account that was already set up (grey cloud, red X)",
  personalAndWorkPaired: "No",
};

/** Answers questions until a step is shown; returns its id. */
async function untilStep(page: Page): Promise<string> {
  for (let i = 0; i < 20; i++) {
    const kind = await Promise.race([page.locator("[data-question]").waitFor().then(() => "question" as const), page.locator("[data-step]").waitFor().then(() => "step" as const)]);
    if (kind === "step") return (await page.locator("[data-step]").getAttribute("data-step"))!;
    const fact = (await page.locator("[data-question]").getAttribute("data-question"))!;
    if (fact === "otherErrorAfterSignIn") await page.getByRole("button", { name: "No other code" }).click();
    else await page.getByRole("button", { name: ANSWERS[fact] ?? "I don't know", exact: true }).click();
    await page.locator(`[data-question="${fact}"]`).waitFor({ state: "detached" });
  }
  throw new Error("no step after 20 questions");
}

/** Opens the diagnostic fresh (starting over when an earlier test left a session). */
async function freshDiagnostic(): Promise<Watched> {
  const w = await open("/diagnose/?code=CAA50021&app=onedrive");
  await Promise.race([w.page.locator("[data-question]").waitFor(), w.page.locator("[data-resume]").waitFor()]);
  if (await w.page.locator("[data-resume]").count()) await w.page.getByRole("button", { name: "Start over" }).first().click();
  return w;
}

describe("step outcomes and the counts beside the steps", () => {
  it("sends each answered step (with the reason picked) to the server, which stores it", async () => {
    const { page, problems, posts } = await freshDiagnostic();
    const first = await untilStep(page);
    await page.getByRole("button", { name: "No change" }).click();
    // Asked why, from a fixed list (optional).
    await page.getByRole("heading", { name: "No change. What got in the way? (optional)" }).waitFor();
    expect(await page.locator("[data-reason]").allTextContents()).toEqual(["It did not match what I saw", "I could not do it: no rights", "The instructions were unclear", "Other"]);
    await shoot(page, "diagnose-reason-desktop");
    expect(await axe(page)).toEqual([]);
    await page.getByRole("button", { name: "The instructions were unclear" }).click();
    await page.locator(`[data-step="${first}"]`).waitFor({ state: "detached" });
    const second = await untilStep(page);
    await page.getByRole("button", { name: "I couldn't do it" }).click();
    await page.getByRole("button", { name: "I could not do it: no rights" }).click();
    await page.locator(`[data-step="${second}"]`).waitFor({ state: "detached" });

    await expect.poll(() => rows("select code, app, step_id, outcome, reason from outcomes order by id"), { timeout: 10_000 }).toEqual([
      { code: "caa50021", app: "onedrive", step_id: first, outcome: "no-change", reason: "unclear" },
      { code: "caa50021", app: "onedrive", step_id: second, outcome: "could-not", reason: "no-rights" },
    ]);
    const s = await stats();
    expect(s.get(first)).toMatchObject({ tried: 1, fixed: 0, noChange: 1 });
    expect(s.get(second)).toMatchObject({ tried: 0, couldNot: 1 });
    // Only the allowed fields left the browser: each outcome the moment it was chosen, then its
    // reason as an addition to it (counted once: the stats above).
    expect(posts.map((p) => p.path)).toEqual(["/api/outcomes", "/api/outcomes/reason", "/api/outcomes", "/api/outcomes/reason"]);
    expect(posts.map((p) => Object.keys(p.body as object).sort())).toEqual([
      ["app", "code", "outcome", "stepId"],
      ["app", "code", "outcome", "reason", "stepId"],
      ["app", "code", "outcome", "stepId"],
      ["app", "code", "outcome", "reason", "stepId"],
    ]);
    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });

  it("counts an outcome the moment it is chosen: leaving at 'What got in the way?' loses nothing, and the step says what is counted", async () => {
    const { page, problems, posts } = await freshDiagnostic();
    const step = await untilStep(page);
    // One line beside "Did this fix it?" says what is counted, and that it is anonymous.
    expect(await page.locator("[data-counted]").innerText()).toBe("Your answer is counted anonymously: only the error code, the app, this step and the answer are sent, never your name, your address or anything you pasted.");
    const before = rows<{ n: number }>(`select count(*) as n from outcomes where step_id = '${step}' and outcome = 'could-not' and reason is null`)[0]!.n;
    await page.getByRole("button", { name: "I couldn't do it" }).click();
    await page.getByRole("heading", { name: "What stopped you? (optional)" }).waitFor();
    expect(await page.locator("[data-saved]").innerText()).toBe("Saved: you could not do this step.");
    // Sent already, before the optional question is answered; then the browser is closed.
    await expect.poll(() => posts.filter((p) => p.path === "/api/outcomes").length).toBe(1);
    expect(posts[0]!.body).toEqual({ code: "caa50021", app: "onedrive", stepId: step, outcome: "could-not" });
    await page.close();
    await expect.poll(() => rows<{ n: number }>(`select count(*) as n from outcomes where step_id = '${step}' and outcome = 'could-not' and reason is null`)[0]!.n, { timeout: 10_000 }).toBe(before + 1);
    expect(posts.map((p) => p.path)).toEqual(["/api/outcomes"]);
    expect(problems).toEqual([]);
  });

  it("shows 'fixed it for N of M' beside a step once M reaches 20, on the scenario page and in the diagnostic, and nothing below", async () => {
    // Stands alone: the steps are read from a fresh diagnostic (the first one it offers, and the
    // next one to do in its plan), and the counts are topped up from what earlier tests may have stored.
    const probe = await freshDiagnostic();
    const first = await untilStep(probe.page);
    const planned = await probe.page.locator('[data-plan-step][data-status="do"]').evaluateAll((els) => els.map((e) => e.getAttribute("data-plan-step")!));
    // (A step another step completes shows no count of its own: the next one that can.)
    const second = planned.slice(planned.indexOf(first) + 1).find((id) => !COMPLETED_LATER.has(id))!;
    expect(second, `a step after ${first} in the plan ${planned.join(", ")}`).toBeTruthy();
    await probe.page.close();
    const before = await stats();
    const stored = (stepId: string) => before.get(stepId) ?? { fixed: 0, noChange: 0 };
    const seed = (stepId: string, outcome: OutcomeRecord["outcome"], n: number): OutcomeRecord[] => {
      expect(n, `${stepId} ${outcome}: more stored than the test tops up to`).toBeGreaterThanOrEqual(0);
      return Array.from({ length: n }, () => ({ code: "caa50021", app: "onedrive", stepId, outcome, reason: null, day: "2026-03-14" }));
    };
    // first: 14 fixed + 6 no change = 20 tried; second: 18 + 1 = 19 tried (could-not does not count).
    await db.addOutcomes([
      ...seed(first, "fixed", 14 - stored(first).fixed),
      ...seed(first, "no-change", 6 - stored(first).noChange),
      ...seed(second, "fixed", 18 - stored(second).fixed),
      ...seed(second, "no-change", 1 - stored(second).noChange),
      ...seed(second, "could-not", 4),
    ]);
    expect((await stats()).get(first)).toMatchObject({ tried: 20, fixed: 14 });
    expect((await stats()).get(second)).toMatchObject({ tried: 19 });

    // The scenario page: fetched when the steps come near, beside the step, order unchanged.
    const { page, problems } = await open("/codes/caa50021/onedrive/");
    const loaded = page.waitForResponse((r) => r.url().endsWith("/api/stats/caa50021/onedrive"));
    await page.locator(`#fix-${first}`).scrollIntoViewIfNeeded();
    expect((await loaded).status()).toBe(200);
    await expect.poll(() => page.locator(`#fix-${first} .stat`).textContent()).toBe("Fixed it for 14 of 20 who tried it");
    expect(await page.locator(".step .stat").count()).toBe(1);
    expect(await page.locator(`#fix-${second} .stat`).count()).toBe(0);
    expect(await page.locator(".step[id^='fix-']").evaluateAll((els) => els.map((e) => e.id.slice(4)))).toEqual(STEP_IDS);
    await page.locator(`#fix-${first}`).screenshot({ path: join(SHOTS, "scenario-step-count.png") });
    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.close();

    // The diagnostic: beside the step in the plan, and on the step's card.
    const dx = await freshDiagnostic();
    expect(await untilStep(dx.page)).toBe(first);
    await expect.poll(() => dx.page.locator(`[data-step="${first}"] .stat`).textContent()).toBe("Fixed it for 14 of 20 who tried it");
    expect(await dx.page.locator(`[data-plan-step="${first}"] .stat`).textContent()).toBe("Fixed it for 14 of 20 who tried it");
    expect(await dx.page.locator(`[data-plan-step="${second}"]`).count()).toBe(1);
    expect(await dx.page.locator(`[data-plan-step="${second}"] .stat`).count()).toBe(0);
    await shoot(dx.page, "diagnose-step-count-desktop");
    expect(await axe(dx.page)).toEqual([]);
    // Fixed: sent with no reason and no question asked.
    await dx.page.getByRole("button", { name: "Yes, it's fixed" }).click();
    await dx.page.locator('[data-end="resolved"]').waitFor();
    await expect.poll(async () => (await stats()).get(first)?.fixed, { timeout: 10_000 }).toBe(15);
    expect(dx.posts.at(-1)?.body).toEqual({ code: "caa50021", app: "onedrive", stepId: first, outcome: "fixed" });
    expect(dx.problems).toEqual([]);
    await dx.page.close();
  });
});

describe("a step another step completes (the unlink, completed by pairing again: issue 26)", () => {
  it("sends no 'fixed' for the unlink; the pairing step comes next, and its fix is the one counted", async () => {
    const unlink = SEED.steps.find((s) => s.completedBy)!;
    const pair = unlink.completedBy!.step;
    const before = await stats();
    const { page, problems, posts } = await freshDiagnostic();
    for (let i = 0; i < 10; i++) {
      const step = await untilStep(page);
      if (step === unlink.id) break;
      expect(STEP_IDS.indexOf(step), `${step} comes before the unlink`).toBeLessThan(STEP_IDS.indexOf(unlink.id));
      await page.getByRole("button", { name: "No change" }).click();
      await page.getByRole("button", { name: "Skip this question" }).click();
      await page.locator(`[data-step="${step}"]`).waitFor({ state: "detached" });
    }
    expect(await page.locator("[data-step]").getAttribute("data-step")).toBe(unlink.id);
    const sentBefore = posts.length;
    await page.getByRole("button", { name: "Yes, it's fixed" }).click();
    // Not the end: the step that completes it (after any question it needs), and nothing sent.
    await page.locator(`[data-step="${unlink.id}"]`).waitFor({ state: "detached" });
    expect(await untilStep(page)).toBe(pair);
    expect(await page.locator("[data-end]").count()).toBe(0);
    expect(posts.slice(sentBefore)).toEqual([]);
    await page.getByRole("button", { name: "Yes, it's fixed" }).click();
    await page.locator('[data-end="resolved"]').waitFor();
    await expect.poll(() => posts.slice(sentBefore).map((p) => p.body)).toEqual([{ code: "caa50021", app: "onedrive", stepId: pair, outcome: "fixed" }]);
    expect(posts.some((p) => (p.body as { stepId?: string }).stepId === unlink.id)).toBe(false);
    // One fix more in the counts, the pairing step's; none for the unlink, which names its completer.
    await expect.poll(async () => (await stats()).get(pair)?.fixed, { timeout: 10_000 }).toBe((before.get(pair)?.fixed ?? 0) + 1);
    const after = await stats();
    const fixes = (m: Map<string, StepStats>) => [...m.values()].reduce((n, t) => n + t.fixed, 0);
    expect(fixes(after) - fixes(before)).toBe(1);
    expect(after.get(unlink.id)).toMatchObject({ fixed: 0, fixedShare: null, completedBy: pair });
    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.close();
  });
});

describe("page feedback", () => {
  it("posts yes/no with a fixed reason and a comment, thanks the person, and never renders the comment as markup", async () => {
    const { page, problems, posts } = await open("/codes/caa50021/onedrive/");
    const box = page.locator("[data-feedback]");
    await box.scrollIntoViewIfNeeded();
    await box.getByRole("heading", { name: "Was this page helpful?" }).waitFor();
    await box.getByRole("button", { name: "No" }).click();
    await box.getByLabel("The instructions were unclear").check();
    const comment = `<img src=x onerror="window.__x=1"><script>window.__y=1</script> step 3 <b>bold</b> & "quotes"`;
    await box.getByLabel(/Anything else\?/).fill(comment);
    await shoot(page, "feedback-form-desktop");
    expect(await axe(page)).toEqual([]);
    await box.getByRole("button", { name: "Send" }).click();
    await box.getByText("Thank you for your feedback.").waitFor();
    await expect.poll(() => rows("select page, helpful, reason, comment from feedback order by id"), { timeout: 10_000 }).toEqual([{ page: "caa50021/onedrive", helpful: 0, reason: "unclear", comment }]);
    expect(posts).toEqual([{ path: "/api/feedback", body: { page: "caa50021/onedrive", helpful: false, reason: "unclear", comment } }]);
    // Stored as text; nothing on the page turned it into elements or ran it.
    expect(await page.evaluate(`[typeof window.__x, typeof window.__y, document.querySelectorAll('img[src="x"]').length, [...document.querySelectorAll("b")].some((b) => b.textContent === "bold")]`)).toEqual(["undefined", "undefined", 0, false]);
    expect(problems).toEqual([]);
    expect(await cspViolations(page)).toEqual([]);
    await page.close();

    for (const [path, id] of [["/codes/caa50021/", "caa50021"], ["/codes/caa50021/admin/", "caa50021/admin"]] as const) {
      const w = await open(path);
      await w.page.locator("[data-feedback]").getByRole("button", { name: "Yes" }).click();
      await w.page.getByText("Thank you for your feedback.").waitFor();
      expect(w.posts).toEqual([{ path: "/api/feedback", body: { page: id, helpful: true } }]);
      expect(w.problems).toEqual([]);
      await w.page.close();
    }
    expect(rows<{ page: string; helpful: number }>("select page, helpful from feedback where helpful = 1 order by id")).toEqual([
      { page: "caa50021", helpful: 1 },
      { page: "caa50021/admin", helpful: 1 },
    ]);
  });
});

describe("search misses", () => {
  it("reports only a code we have no page for, as the code alone, once; never words", async () => {
    const { page, problems, posts } = await open("/");
    const box = page.getByRole("combobox", { name: "Search error codes and messages" });
    await box.click();
    // Words that find nothing are not sent: they may hold anything the person typed.
    await box.pressSequentially("qqzzyx wibble", { delay: 40 });
    await page.getByText("No matching pages.").waitFor({ state: "attached" });
    await page.waitForTimeout(2000);
    expect(posts).toEqual([]);
    // A code with no page is sent in Fixpath's form, without the words around it.
    await box.fill("");
    await box.pressSequentially("we got 0x8004010f at work", { delay: 20 });
    await page.getByText("No page for 0x8004010F.").waitFor({ state: "attached" });
    // (The server keeps only a count per normalised code and day.)
    await expect.poll(() => rows("select code, n from search_miss_days"), { timeout: 10_000 }).toEqual([{ code: "0x8004010f", n: 1 }]);
    // Leaving the box does not send it again.
    await page.keyboard.press("Tab");
    await page.waitForTimeout(300);
    expect(posts).toEqual([{ path: "/api/search-misses", body: { query: "0x8004010F" } }]);
    // A lookup that finds the code's page is not reported.
    await box.fill("");
    await box.pressSequentially("CAA50021", { delay: 20 });
    await page.locator("#q-home-list [role=option]").first().waitFor();
    await page.waitForTimeout(2000);
    expect(posts).toHaveLength(1);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("every page type under the server's CSP", () => {
  it.each(PAGE_TYPES)("%s loads with no CSP violation and no console error", async (name, path) => {
    const w = await open(path);
    const res = await fetch(origin + path);
    expect(res.headers.get("content-security-policy")).toMatch(/script-src 'self' 'sha256-/);
    const { page } = w;
    if (name === "diagnose") await Promise.race([page.locator("[data-question]").waitFor(), page.locator("[data-resume]").waitFor(), page.locator("[data-step]").waitFor()]);
    if (name === "not-found") await page.locator("[data-notfound-results] a").first().waitFor();
    if (["hub", "scenario", "checklist"].includes(name)) {
      // The inline script ran (it shows the widget) and, on a scenario, fetched the counts.
      const feedback = page.locator("[data-feedback]");
      await feedback.scrollIntoViewIfNeeded();
      await feedback.getByRole("heading", { name: "Was this page helpful?" }).waitFor();
    }
    // Use the search box too: the island loads under the CSP.
    if (name !== "home") await page.getByRole("combobox").first().focus();
    await page.waitForLoadState("networkidle");
    expect(await cspViolations(page)).toEqual([]);
    // The 404 page's own status is the only network line allowed.
    expect(w.problems.filter((p) => !(name === "not-found" && p.includes("status of 404")))).toEqual([]);
    await page.close();
  });
});

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}
