// Verified outcomes (issue 30) in real headless Chromium against the REAL server: a step marked
// fixed with a capture pasted before and after it; the comparison is shown and goes into the IT
// report, the outcome is posted with its verified flag and nothing else, the operator page counts
// it as verified; and the analyzer's "compare with an earlier capture" mode marks what changed.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { siteCsp } from "../../src/server/inline-hashes.ts";
import { openRepository, startServer, type Repository, type RunningServer } from "../../src/server/index.ts";
import { launchBrowser } from "../helpers/chromium.ts";
import { ROOT } from "../helpers/io.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import { builtSite } from "../site/built-site.ts";

const TOKEN = "operator-token-for-e2e-0123456789";
const fixture = (p: string) => readFileSync(join(ROOT, "tests/fixtures", p), "utf8");
const BEFORE = fixture("dsregcmd/03-aadinternals-entra-joined-no-prt.txt");
const AFTER = fixture("diff/01-prt-back.after.txt");

let server: RunningServer;
let db: Repository;
let tmp = "";
let ctx: BrowserContext;

beforeAll(async () => {
  const dist = await builtSite();
  tmp = mkdtempSync(join(tmpdir(), "fixpath-verified-e2e-"));
  db = await openRepository({ db: join(tmp, "outcomes.sqlite"), cwd: tmp });
  server = await startServer({ kb: loadProjectKb(), db, distDir: dist, csp: siteCsp(dist), port: 0, rateLimit: false, operatorToken: TOKEN });
  ctx = await launchBrowser(join(tmp, "profile"));
}, 300_000);

afterAll(async () => {
  await ctx?.close();
  await server?.close();
  await db?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

interface Watched {
  page: Page;
  problems: string[];
  /** Every request body the page sent, with its path. */
  sent: { path: string; body: string }[];
}

async function open(path: string): Promise<Watched> {
  const page = await ctx.newPage();
  const w: Watched = { page, problems: [], sent: [] };
  page.on("console", (m) => {
    if (m.type() === "error" || m.type() === "warning") w.problems.push(`console ${m.type()}: ${m.text()}`);
  });
  page.on("pageerror", (e) => w.problems.push(`page error: ${e.message}`));
  page.on("request", (r) => {
    if (r.method() !== "GET") w.sent.push({ path: new URL(r.url()).pathname, body: r.postData() ?? "" });
  });
  await page.goto(server.url + path);
  return w;
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

describe("a step checked with captures", () => {
  it("compares the captures, puts the comparison in the IT report, posts the outcome with verified: true and nothing else, and the operator page counts it", async () => {
    const w = await open("/diagnose/?code=CAA50021&app=onedrive");
    const { page } = w;
    const step = await untilStep(page);
    await page.getByText("Check it with a capture (optional)").click();
    await page.getByLabel("The capture taken before this step").fill(BEFORE);
    await page.getByLabel("The capture taken now, after this step").fill(AFTER);
    await page.getByRole("button", { name: "Yes, it's fixed" }).click();

    await page.locator('[data-verify-verdict="verified"]').waitFor();
    expect(await page.locator("[data-verify-verdict]").textContent()).toBe("The captures bear your answer out.");
    const prt = page.locator('[data-diff-row="prt"]');
    expect(await prt.getAttribute("data-change")).toBe("better");
    expect(await prt.getAttribute("class")).toBe("changed");
    expect(await prt.locator("td").allTextContents()).toEqual(["missing (line 60)", "present (line 61)", "The primary refresh token came back: Windows can sign the user in to Microsoft 365 apps again without asking."]);
    expect(await page.locator('[data-diff-row="device-auth"]').getAttribute("data-change")).toBe("same");
    // Nothing was sent before the person went on.
    expect(w.sent.filter((s) => s.path === "/api/outcomes")).toEqual([]);
    await page.getByRole("button", { name: "Continue" }).click();

    await page.locator('[data-end="resolved"]').waitFor();
    await page.getByText("Report for IT").click();
    const report = (await page.locator("[data-report-preview]").textContent()) ?? "";
    expect(report).toContain(`two captures, before and after`);
    expect(report).toContain("Primary refresh token (AzureAdPrt): missing before, present after.");
    expect(report).not.toMatch(/ea77c7d5|AADJoin02|c5ff949d/i);

    await expect.poll(async () => (await db.operatorCounts()).verified, { timeout: 10_000 }).toEqual([{ code: "caa50021", app: "onedrive", stepId: step, outcome: "fixed", verified: true, n: 1 }]);
    // Only the outcome and its flag left the browser: no capture, no other request with a body.
    expect(w.sent).toEqual([{ path: "/api/outcomes", body: JSON.stringify({ code: "caa50021", app: "onedrive", stepId: step, outcome: "fixed", verified: true }) }]);
    expect(w.problems).toEqual([]);
    await page.close();

    const op = await ctx.newPage();
    await op.setExtraHTTPHeaders({ authorization: `Bearer ${TOKEN}` });
    await op.goto(`${server.url}/operator/`);
    const title = loadProjectKb().scenarios.get("caa50021/onedrive")!.steps.find((s) => s.id === step)!.title;
    const cells = await op.locator("tr", { has: op.locator("td", { hasText: title }) }).locator("td.n").allTextContents();
    // Tried, fixed, share, interval, could not | verified tries, verified fixed, interval, contradicted.
    expect(cells.slice(0, 2)).toEqual(["1", "1"]);
    expect(cells.slice(5, 7)).toEqual(["1", "1 (100 %)"]);
    expect(cells[8]).toBe("0");
    await op.close();
  });
});

describe("the analyzer's compare mode", () => {
  it("shows a before/after table with the changed rows marked, and refuses two devices with a reason", async () => {
    const w = await open("/analyze/");
    const { page } = w;
    await page.getByText("Compare with an earlier capture").click();
    await page.getByLabel("The earlier capture (before)").fill(BEFORE);
    await page.locator("#paste").fill(AFTER);
    await page.getByRole("button", { name: "Analyze" }).click();
    await page.locator("[data-compare-result]").waitFor();
    expect(await page.locator("[data-diff] tr.changed").evaluateAll((rows) => rows.map((r) => r.getAttribute("data-diff-row")))).toEqual(["prt", "wam-default"]);
    expect(await page.locator('[data-diff-row="join"]').getAttribute("data-change")).toBe("same");

    await page.getByLabel("The earlier capture (before)").fill(fixture("dsregcmd/90-derived-entra-prt-failed-full-output.txt"));
    await page.getByRole("button", { name: "Analyze" }).click();
    await page.locator('[data-diff-problem="diff/different-device"]').waitFor();
    expect(await page.locator("[data-diff-problem]").textContent()).toContain("These captures come from two different devices");
    expect(w.sent).toEqual([]);
    expect(w.problems).toEqual([]);
    await page.close();
  });
});
