// End-to-end tests in real headless Chromium (playwright-core; the Chromium tests/helpers/chromium.ts
// picks) against the built site served by the real server (its CSP, compression and cache rules). Screenshots go to test-results/screenshots/ (git-ignored).
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchBrowser, openPage } from "../helpers/chromium.ts";
import { builtSite, scriptGraph, serveSite, type SiteServer } from "../site/built-site.ts";
import { QUERY_CASES } from "../lookup/queries.ts";
import { PAGE_TYPES } from "./page-types.ts";

const SHOTS = join(process.cwd(), "test-results", "screenshots");
const FIXTURE = join(process.cwd(), "tests/fixtures/dsregcmd/90-derived-entra-prt-failed-full-output.txt");
const axeSource = readFileSync(createRequire(import.meta.url).resolve("axe-core/axe.min.js"), "utf8");

let site: SiteServer | undefined;
let dist = "";
let origin = "";
let ctx: BrowserContext;
let profile = "";

beforeAll(async () => {
  dist = await builtSite();
  site = await serveSite(dist);
  origin = site.origin;
  profile = mkdtempSync(join(tmpdir(), "fixpath-e2e-"));
  ctx = await launchBrowser(profile);
  await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
  mkdirSync(SHOTS, { recursive: true });
}, 300_000);

afterAll(async () => {
  await ctx?.close();
  await site?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

function open(path: string, width = 1280): Promise<Page> {
  return openPage(ctx, origin + path, path, { width, height: width < 600 ? 780 : 900 });
}

/** axe-core violations (evaluated through the devtools protocol, which the page's CSP does not govern). */
async function axe(page: Page): Promise<string[]> {
  await page.evaluate(axeSource);
  const violations = (await page.evaluate(`axe.run(document, { resultTypes: ["violations"] }).then(r => r.violations.map(v => v.id + ": " + v.help + " (" + v.nodes.map(n => n.target.join(" ")).slice(0, 3).join(", ") + ")"))`)) as string[];
  return violations;
}

async function shoot(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: false });
}

describe("search", () => {
  it.each([
    ["CAA50021", "Enter", "/codes/caa50021/"],
    ["0xcaa50021 onedrive", "ArrowDown Enter", "/codes/caa50021/onedrive/"],
    ["3399811105", "click", "/codes/caa50021/"],
    ["caa5002l", "Enter", "/codes/caa50021/"],
  ])("finds %s and lands on the right page (%s)", async (query, how, url) => {
    const page = await open("/");
    const box = page.getByRole("combobox", { name: "Search error codes and messages" });
    await box.click();
    await box.fill(query);
    const first = page.locator("#q-home-list [role=option]").first();
    await first.waitFor();
    await expect.poll(() => box.getAttribute("aria-expanded")).toBe("true");
    if (how === "click") await first.click();
    else for (const key of how.split(" ")) await box.press(key);
    await page.waitForURL(`${origin}${url}`);
    await page.close();
  });

  it("loads no script file before the search box is used, then only the search island and its index", async () => {
    const page = await ctx.newPage();
    const requests: string[] = [];
    page.on("request", (r) => requests.push(new URL(r.url()).pathname));
    await page.goto(`${origin}/codes/caa50021/onedrive/`);
    await page.waitForLoadState("networkidle");
    expect(requests.filter((p) => p.endsWith(".js") || p.endsWith(".json"))).toEqual([]);
    await page.getByRole("combobox").focus();
    await page.keyboard.type("0x8004de40");
    await page.locator("#q-top-list [role=option]").first().waitFor();
    expect(requests.filter((p) => p.endsWith(".js")).every((p) => p.startsWith("/js/search."))).toBe(true);
    expect(requests).toContain("/api/lookup.json");
    // The split index: a code search loads its shard, never the word index; words load it.
    const parts = requests.filter((p) => p.startsWith("/api/lookup/"));
    expect(parts.length).toBeGreaterThan(0);
    expect(parts.filter((p) => p.endsWith("/words.json"))).toEqual([]);
    await page.keyboard.press("Escape");
    await page.getByRole("combobox").fill("");
    await page.keyboard.type("grey cloud");
    await page.locator("#q-top-list [role=option]").first().waitFor();
    expect(requests.filter((p) => p.endsWith("/words.json"))).toHaveLength(1);
    await page.keyboard.press("Escape");
    await expect.poll(() => page.getByRole("combobox").getAttribute("aria-expanded")).toBe("false");
    await page.close();
  });

  it("resolves other code forms in the address: a static redirect, or the 404 page's lookup", async () => {
    const page = await open("/codes/0xCAA50021/");
    await page.waitForURL(`${origin}/codes/caa50021/`);
    await page.goto(`${origin}/codes/caa-50021/teams/`);
    await page.waitForURL(`${origin}/codes/caa50021/teams/`);
    // A code we have no page for: the 404 page says so, with the family and the analyzer, and
    // sends no one to another code's page.
    await page.goto(`${origin}/codes/0x8004de99/`);
    const status = page.locator("[data-notfound-status]");
    await expect.poll(() => status.textContent()).toContain("We have no page for 0x8004DE99 yet. It is a OneDrive sign-in or account code.");
    expect(await status.getByRole("link", { name: "open the analyzer" }).getAttribute("href")).toBe("/analyze/");
    expect(new URL(page.url()).pathname).toBe("/codes/0x8004de99/");
    await page.close();
  });
});

describe("the search box gives the lookup's answers (a sample of tests/lookup/queries.ts)", () => {
  // Every kind of answer: exact, a multi-code paste, near, a code with no page (with and without a
  // family), text, and nonsense.
  const SAMPLE = ["0xCAA50021 in OneDrive", "CAA50021 and 80090030", "-2147023584", "CAA5OO21", "caa50012", "0x8004de99", "0x8004010F", "AADSTS99999", "onedrive grey cloud red x", "The specified logon session doesn't exist", "asdf qwer zxcv", "Der Vorgang ist fehlgeschlagen"];
  const cases = QUERY_CASES.filter((c) => SAMPLE.includes(c.query));

  it("covers the sample", () => {
    expect(cases.map((c) => c.query).sort()).toEqual([...SAMPLE].sort());
  });

  it.each(cases.map((c) => [c.query, c] as const))("%s", async (_q, c) => {
    const page = await open("/");
    const box = page.getByRole("combobox", { name: "Search error codes and messages" });
    await box.click();
    await box.fill(c.query);
    const status = page.locator("#q-home").locator("xpath=..").locator("[data-search-status]");
    await expect.poll(() => status.textContent()).toMatch(/result|No page|No matching/);
    const options = page.locator("#q-home-list [role=option]");
    if (c.first === "none") expect(await options.count()).toBe(0);
    else {
      expect(await options.first().getAttribute("data-match")).toBe(c.first);
      if (c.id) expect(await options.first().getAttribute("data-url")).toBe(`/codes/${c.id}/`);
    }
    const notice = page.locator("[data-search-nopage]");
    if (c.missing && c.answer === "no-page") {
      await notice.waitFor();
      for (const [code, family] of c.missing) {
        expect(await notice.textContent()).toContain(`We have no page for ${code} yet.`);
        if (family) expect(await notice.textContent()).toMatch(/ It is an? /);
      }
      expect(await notice.getByRole("link", { name: "open the analyzer" }).getAttribute("href")).toBe("/analyze/");
      expect(await axe(page), "the open notice and list").toEqual([]);
    } else expect(await notice.isVisible()).toBe(false);
    // Enter opens a page only when the lookup's answer is a page.
    const opens = c.answer === "page";
    await box.press("Enter");
    if (opens) await page.waitForURL(`${origin}/codes/${c.id}/`);
    else {
      await page.waitForURL((u) => u.pathname === "/search/");
      expect(new URL(page.url()).searchParams.get("q")).toBe(c.query);
      await expect.poll(() => page.locator("[data-results-summary]").textContent()).not.toBe("Looking up your search…");
      const first = page.locator("[data-results-list] a.tile").first();
      if (c.first === "none") expect(await first.count()).toBe(0);
      else expect(await first.getAttribute("data-match")).toBe(c.first);
      if (c.missing && c.first !== "exact") for (const [code] of c.missing) expect(await page.locator("[data-results-list]").textContent()).toContain(`We have no page for ${code} yet.`);
    }
    await page.close();
  });

  it("focuses search with / and counts results grammatically", async () => {
    const page = await open("/codes/caa50021/onedrive/");
    await page.locator("h1").click();
    await page.keyboard.press("/");
    const box = page.getByRole("combobox");
    await expect.poll(() => page.evaluate(`document.activeElement?.getAttribute("data-search")`)).toBe("");
    await page.keyboard.type("50126");
    const status = page.locator("[data-search-status]");
    await expect.poll(() => status.textContent()).toBe("1 result. Use the arrow keys to choose, Enter to open.");
    expect(await box.inputValue()).toBe("50126");
    await page.close();
  });
});

describe("the OneDrive diagnostic for a managed-device user without admin rights", () => {
  const ANSWERS: Record<string, string> = {
    accountType: "A work or school account (an address such as you@yourcompany.com)",
    windowsServer: "No",
    multipleUsersAffected: "No",
    filesNotSyncedZeroFiles: "No",
    managed: "Yes",
    isAdmin: "No",
    where: "On a work account that was already set up (grey cloud, red X)",
    personalAndWorkPaired: "No",
  };

  async function step(page: Page): Promise<"question" | "step" | "end"> {
    const which = await Promise.race([
      page.locator("[data-question]").waitFor().then(() => "question" as const),
      page.locator("[data-step]").waitFor().then(() => "step" as const),
      page.locator("[data-end]").waitFor().then(() => "end" as const),
    ]);
    return which;
  }

  async function answerOne(page: Page): Promise<string | undefined> {
    const kind = await step(page);
    if (kind === "end") return undefined;
    if (kind === "question") {
      const fact = (await page.locator("[data-question]").getAttribute("data-question"))!;
      if (fact === "otherErrorAfterSignIn") await page.getByRole("button", { name: "No other code" }).click();
      else await page.getByRole("button", { name: ANSWERS[fact] ?? "I don't know", exact: true }).click();
      await page.locator(`[data-question="${fact}"]`).waitFor({ state: "detached" });
      return `question:${fact}`;
    }
    const id = (await page.locator("[data-step]").getAttribute("data-step"))!;
    await page.getByRole("button", { name: "No change" }).click();
    // The server takes outcomes, so the diagnostic may ask why (optional): skip it.
    const gone = page.locator(`[data-step="${id}"]`).waitFor({ state: "detached" });
    if ((await Promise.race([gone.then(() => "gone"), page.locator("[data-reason]").first().waitFor().then(() => "asked")])) === "asked") {
      await page.getByRole("button", { name: "Skip this question" }).click();
    }
    await gone;
    return `step:${id}`;
  }

  it("asks one question at a time, survives a reload mid-way and ends escalated with a report", async () => {
    const page = await open("/diagnose/?code=CAA50021&app=onedrive");
    const done: string[] = [];
    for (let i = 0; i < 3; i++) done.push((await answerOne(page))!);
    expect(done.every((d) => d.startsWith("question:"))).toBe(true);
    // The plan beside the question gives a reason for every step.
    expect(await page.locator("[data-plan-step] .why").count()).toBeGreaterThan(5);

    // A restart: the same URL offers to continue where the person left off.
    const before = await page.locator("[data-question]").getAttribute("data-question");
    await page.reload();
    await page.locator("[data-resume]").waitFor();
    await shoot(page, "diagnose-resume-desktop");
    await page.getByRole("button", { name: "Continue" }).click();
    expect(await page.locator("[data-question]").getAttribute("data-question")).toBe(before);

    for (let i = 0; i < 30; i++) {
      const next = await answerOne(page);
      if (!next) break;
      done.push(next);
      if (next === "step:clean-restart") await shoot(page, "diagnose-step-desktop");
    }
    await page.locator('[data-end="escalated"]').waitFor();
    const steps = done.filter((d) => d.startsWith("step:"));
    expect(steps).toContain("step:clean-restart");
    expect(steps).not.toContain("step:cleanup-wam-accounts");
    expect(await page.locator('[data-plan-step="cleanup-wam-accounts"]').getAttribute("data-status")).toBe("ask-admin");
    expect(await page.locator('[data-plan-step="dsregcmd-leave"]').getAttribute("data-status")).toBe("never");
    const report = (await page.locator("[data-report-preview]").textContent()) ?? "";
    // The report speaks in words: the code and app as people see them, step titles, no ids.
    expect(report).toContain("CAA50021 in OneDrive");
    expect(report).toContain("Restart Windows");
    expect(report).not.toMatch(/clean-restart|cleanup-wam-accounts|ask-admin/);
    await shoot(page, "diagnose-escalated-desktop");
    await page.setViewportSize({ width: 360, height: 780 });
    await shoot(page, "diagnose-escalated-phone");
    expect(await axe(page)).toEqual([]);

    // The share link carries answers only.
    await page.getByRole("button", { name: "Copy a link with my answers" }).click();
    const link = (await page.evaluate("navigator.clipboard.readText()")) as string;
    expect(link).toContain("managed=yes");
    await page.close();
  });

  it("shows the first question from a first load of 25 KB gzip or less, fetches its parts after, and goes on offline once they are in", async () => {
    // bench/site.ts's budget for the diagnostic: its entry and the files it imports statically
    // (what the page loads at once); the parts it imports later are files of their own.
    const html = readFileSync(join(dist, "diagnose", "index.html"), "utf8");
    const entry = /<script type="module" src="(\/js\/diagnose\.[0-9a-f]+\.js)"/.exec(html)?.[1];
    expect(entry, "the diagnose page's island").toBeDefined();
    const graph = scriptGraph(dist, entry!);
    const first = graph.initial.reduce((n, f) => n + gzipSync(readFileSync(join(dist, f)), { level: 9 }).length, 0);
    expect(first, `first load: ${graph.initial.join(", ")}`).toBeLessThanOrEqual(25 * 1024);
    for (const f of graph.initial.slice(1)) expect(html, "each static import preloaded").toContain(`<link rel="modulepreload" href="${f}">`);
    for (const f of graph.lazy) expect(existsSync(join(dist, f)), `${f} exists`).toBe(true);
    const parts = graph.lazy.map((f) => f.replace(/^\/js\//, "").replace(/\.[0-9a-f]+\.js$/, ""));
    for (const part of ["step", "find-out", "ends", "conflict", "pick", "reader", "diagnose-end"]) expect(parts, `the ${part} part`).toContain(part);

    // In Chromium, a first visit (nothing saved): before the first question, only those files.
    const page = await open("/");
    await page.evaluate("localStorage.clear()");
    await page.addInitScript({ content: `new MutationObserver((_, o) => { if (document.querySelector("[data-question]")) { window.__firstQuestion = performance.now(); o.disconnect(); } }).observe(document, { childList: true, subtree: true });` });
    await page.goto(`${origin}/diagnose/?code=caa50021&app=onedrive`);
    await page.locator("[data-question]").waitFor();
    const scriptsBy = async (time: string): Promise<string[]> =>
      (await page.evaluate(`performance.getEntriesByType("resource").filter((r) => r.startTime <= ${time}).map((r) => new URL(r.name).pathname).filter((p) => p.startsWith("/js/"))`)) as string[];
    expect(new Set(await scriptsBy("window.__firstQuestion"))).toEqual(new Set(graph.initial));
    // Then, while the browser is idle, the parts every diagnostic goes on to; with them in, the
    // connection can go: the questions, a step and the end still come (the report needs it back).
    const warmed = graph.lazy.filter((f) => /^\/js\/(step|find-out|ends)\./.test(f));
    expect(warmed).toHaveLength(3);
    await expect
      .poll(async () => {
        const got = await scriptsBy("Infinity");
        return warmed.every((f) => got.includes(f));
      })
      .toBe(true);
    await ctx.setOffline(true);
    try {
      const done: string[] = [];
      for (let i = 0; i < 30; i++) {
        const next = await answerOne(page);
        if (!next) break;
        done.push(next);
      }
      expect(done.some((d) => d.startsWith("step:"))).toBe(true);
      await page.locator('[data-end="escalated"]').waitFor();
    } finally {
      await ctx.setOffline(false);
    }
    await page.close();
  });
});

describe("the analyzer", () => {
  it("shows findings for a pasted dsregcmd capture and never sends the paste anywhere", async () => {
    const text = readFileSync(FIXTURE, "utf8");
    const page = await open("/analyze/");
    const sent: { url: string; method: string; body: string | null }[] = [];
    page.on("request", (r) => sent.push({ url: r.url(), method: r.method(), body: r.postData() }));
    await page.getByLabel("Paste here, or drop a .txt file").fill(text);
    await page.getByRole("button", { name: "Analyze" }).click();
    await page.locator("[data-finding]").first().waitFor();
    expect(await page.locator('[data-finding="device-auth"]').getAttribute("data-status")).toBe("fail");
    expect(await page.locator('[data-finding][data-status="fail"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-finding="device-auth"] .lines').textContent()).toContain("DeviceAuthStatus");
    const use = page.locator("[data-use-answers]");
    const href = (await use.getAttribute("href"))!;
    expect(href).toContain("hybridJoined=no");
    expect(href).not.toContain("0000-0000");
    await shoot(page, "analyze-findings-desktop");
    await page.setViewportSize({ width: 360, height: 780 });
    await shoot(page, "analyze-findings-phone");
    expect(await axe(page)).toEqual([]);
    await page.waitForLoadState("networkidle");
    for (const r of sent) {
      expect(r.method, r.url).toBe("GET");
      expect(r.body, r.url).toBeNull();
      for (const secret of ["DESKTOP-TEST01", "00000000-0000-0000-0000-000000000001", "Example"]) expect(r.url).not.toContain(secret);
    }
    // Markup in a paste stays text.
    await page.getByLabel("Paste here, or drop a .txt file").fill('<img src=x onerror="window.__x=1"> CAA50021 in OneDrive');
    await page.getByRole("button", { name: "Analyze" }).click();
    await page.getByText("Pages that fit").waitFor();
    expect(await page.evaluate("window.__x")).toBeUndefined();
    await use.first().waitFor();
    await page.close();
  });
});

describe("commands", () => {
  it("copies a command to the clipboard", async () => {
    const page = await open("/codes/caa50021/onedrive/");
    const block = page.locator("#fix-cleanup-wam-accounts .cmd").first();
    await block.getByRole("button", { name: /^Copy/ }).click();
    await expect.poll(() => block.getByRole("button", { name: /^Copy/ }).textContent()).toBe("Copied");
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe("dsregcmd /cleanupaccounts");
    await page.close();
  });
});

describe("every page type", () => {
  it.each(PAGE_TYPES)("%s has no axe-core violations and is screenshotted at phone and desktop widths", async (name, path) => {
    const page = await open(path);
    if (name === "diagnose") {
      // An earlier test left a session on this device: start over from the offer to continue.
      const offer = page.getByRole("button", { name: "Start over" }).first();
      await Promise.race([page.locator("[data-question]").waitFor(), page.locator("[data-resume]").waitFor()]);
      if (await page.locator("[data-resume]").count()) await offer.click();
      await page.locator("[data-question]").waitFor();
    }
    if (name === "not-found") await page.locator("[data-notfound-results] a").first().waitFor();
    expect(await axe(page)).toEqual([]);
    await shoot(page, `${name}-desktop`);
    await page.setViewportSize({ width: 360, height: 780 });
    await shoot(page, `${name}-phone`);
    const overflow = (await page.evaluate("document.documentElement.scrollWidth")) as number;
    expect(overflow, "no horizontal scrolling at 360 px").toBeLessThanOrEqual(360);
    await page.close();
  });
});

/** The pages issue 23 added (scenarios, hubs, checklists): each is checked like a page type. */
const WAVE_PAGES = [
  "/codes/caa70007/teams/", "/codes/caa70007/office/", "/codes/caa80000/office/", "/codes/caa70004/teams/",
  "/codes/caa82ee2/teams/", "/codes/caa82ee7/teams/", "/codes/caa20003/teams/", "/codes/caa20004/teams/",
  "/codes/caa2000b/outlook/", "/codes/80070520/office/", "/codes/80070520/outlook/", "/codes/caa5001c/outlook/",
  "/codes/aadsts50020/onedrive/", "/codes/80090016/office/",
  "/codes/aadsts9002313/", "/codes/0x800704cf/", "/codes/aadsts50058/", "/codes/aadsts50055/", "/codes/aadsts50057/",
  "/codes/aadsts700082/", "/codes/0x80180014/", "/codes/1001/",
  "/codes/caa70007/admin/", "/codes/aadsts50020/admin/",
];

describe("the pages of the codes people hit (issue 23)", () => {
  it.each(WAVE_PAGES)("%s has no axe-core violations, no sideways scrolling at 360 px, and keeps the scenario budgets", async (path) => {
    const page = await open(path);
    expect(await axe(page)).toEqual([]);
    await page.setViewportSize({ width: 360, height: 780 });
    expect((await page.evaluate("document.documentElement.scrollWidth")) as number, "no horizontal scrolling at 360 px").toBeLessThanOrEqual(360);
    await page.close();
    if (/^\/codes\/[^/]+\/(onedrive|outlook|teams|office)\/$/.test(path)) {
      // bench/site.ts's budgets for a scenario page: 14 KB gzip up to the end of its first fix, 30 KB in all, no script file.
      const html = readFileSync(join(dist, path, "index.html"), "utf8");
      const start = html.indexOf('id="fix-');
      const firstFix = html.slice(0, html.indexOf("</section>", start) + "</section>".length);
      expect(gzipSync(firstFix, { level: 9 }).length, "up to the first fix").toBeLessThanOrEqual(14 * 1024);
      expect(gzipSync(html, { level: 9 }).length, "in all").toBeLessThanOrEqual(30 * 1024);
      expect(html).not.toMatch(/<script[^>]*\ssrc=/);
    }
  });
});

describe("a static copy of the site, with no API behind it", () => {
  /**
   * A page that records console errors/warnings other than the network layer's own lines, page
   * errors and /api/ requests. It sees the site as a static host serves it: an /api/ path that is
   * not a file of the built site (the outcomes API) gets the 404 page, as a static host answers.
   */
  async function watched(path: string): Promise<{ page: Page; problems: string[]; api: string[] }> {
    const page = await ctx.newPage();
    await page.route(
      (url) => url.pathname.startsWith("/api/"),
      async (route) => {
        const file = join(dist, decodeURIComponent(new URL(route.request().url()).pathname));
        if (route.request().method() === "GET" && statSync(file, { throwIfNoEntry: false })?.isFile()) return route.continue();
        return route.fulfill({ status: 404, contentType: "text/html; charset=utf-8", body: readFileSync(join(dist, "404.html")) });
      },
    );
    const problems: string[] = [];
    const api: string[] = [];
    page.on("console", (m) => {
      if ((m.type() === "error" || m.type() === "warning") && !m.text().startsWith("Failed to load resource:")) problems.push(`console ${m.type()}: ${m.text()}`);
    });
    page.on("pageerror", (e) => problems.push(`page error: ${e.message}`));
    page.on("request", (r) => {
      const url = new URL(r.url());
      if (url.pathname.startsWith("/api/stats") || url.pathname.startsWith("/api/outcomes") || url.pathname.startsWith("/api/feedback") || url.pathname.startsWith("/api/search-misses")) api.push(`${r.method()} ${url.pathname}`);
    });
    await page.goto(origin + path);
    return { page, problems, api };
  }

  const CHOICES: Record<string, string> = { accountType: "A work or school account (an address such as you@yourcompany.com)", where: "On a work account that was already set up (grey cloud, red X)" };

  it("runs the diagnostic with no counts, no reason question and nothing sent, and no console error", async () => {
    const { page, problems, api } = await watched("/diagnose/?code=CAA50021&app=onedrive");
    await Promise.race([page.locator("[data-question]").waitFor(), page.locator("[data-resume]").waitFor()]);
    await page.waitForLoadState("networkidle");
    expect(api, "nothing is requested from the API until the diagnostic is used").toEqual([]);
    if (await page.locator("[data-resume]").count()) await page.getByRole("button", { name: "Start over" }).first().click();
    for (let i = 0; i < 20 && !(await page.locator("[data-step]").count()); i++) {
      const fact = await page.locator("[data-question]").getAttribute("data-question");
      if (fact === "otherErrorAfterSignIn") await page.getByRole("button", { name: "No other code" }).click();
      else await page.getByRole("button", { name: CHOICES[fact ?? ""] ?? "No", exact: true }).click();
      await Promise.race([page.locator(`[data-question]:not([data-question="${fact}"])`).waitFor(), page.locator("[data-step]").waitFor()]);
    }
    const id = (await page.locator("[data-step]").getAttribute("data-step"))!;
    await page.getByRole("button", { name: "No change" }).click();
    // Straight on to what comes next: no "why" question when nothing can be sent.
    await page.locator(`[data-step="${id}"]`).waitFor({ state: "detached" });
    await page.waitForLoadState("networkidle");
    expect(await page.locator(".stat").count()).toBe(0);
    expect(await page.locator("[role=alert]").count()).toBe(0);
    expect(api).toEqual(["GET /api/stats/caa50021/onedrive"]);
    expect(problems).toEqual([]);
    await page.close();
  });

  it("shows no counts on a scenario page, and the feedback widget goes away quietly when it cannot send", async () => {
    const { page, problems, api } = await watched("/codes/caa50021/onedrive/");
    const probe = page.waitForResponse((r) => r.url().includes("/api/stats/"));
    await page.locator("#fix-clean-restart").scrollIntoViewIfNeeded();
    expect((await probe).status()).toBe(404);
    const box = page.locator("[data-feedback]");
    await box.scrollIntoViewIfNeeded();
    await box.getByRole("button", { name: "Yes" }).click();
    await box.waitFor({ state: "hidden" });
    await page.waitForLoadState("networkidle");
    expect(await page.locator(".stat").count()).toBe(0);
    expect(api).toEqual(["GET /api/stats/caa50021/onedrive", "POST /api/feedback"]);
    expect(problems).toEqual([]);
    await page.close();
  });
});

describe("reading comfort, by keyboard", () => {
  const SCENARIO = "/codes/caa50021/onedrive/";

  it("marks the section being read in the contents list, which follows the reader and folds away on a phone", async () => {
    const page = await open(SCENARIO);
    const link = page.locator(".toc a[href='#triggers']");
    await link.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}${SCENARIO}#triggers`);
    await expect.poll(() => link.getAttribute("aria-current")).toBe("location");
    expect(await page.locator(".toc a[aria-current]").count()).toBe(1);
    // The list stays in view while the page scrolls.
    await page.evaluate("window.scrollTo(0, document.body.scrollHeight / 2)");
    await expect.poll(() => page.evaluate(`(() => { const r = document.querySelector(".toc").getBoundingClientRect(); return r.top >= 0 && r.top < innerHeight; })()`)).toBe(true);
    // On a phone it is a folded bar at the top, naming the section being read.
    await page.setViewportSize({ width: 360, height: 780 });
    await page.reload();
    expect(await page.evaluate(`document.querySelector("[data-toc]").open`)).toBe(false);
    await page.evaluate(`document.getElementById("causes").scrollIntoView()`);
    await expect.poll(() => page.locator("[data-toc-now]").textContent()).toBe(": Common causes");
    expect(await page.evaluate(`document.querySelector(".toc").getBoundingClientRect().top`)).toBeLessThanOrEqual(1);
    const summary = page.locator(".toc summary");
    await summary.focus();
    await page.keyboard.press("Enter");
    expect(await page.evaluate(`document.querySelector("[data-toc]").open`)).toBe(true);
    expect(await axe(page), "the open contents list at 360 px").toEqual([]);
    await page.close();
  });

  it("links every section heading and step to itself; the link copies the address", async () => {
    const page = await open(SCENARIO);
    const stepId = (await page.locator(".card.step[id]").first().getAttribute("id"))!;
    const anchor = page.locator(`#${stepId} .anchor`);
    expect(await anchor.getAttribute("href")).toBe(`#${stepId}`);
    await anchor.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}${SCENARIO}#${stepId}`);
    expect(await page.evaluate("navigator.clipboard.readText()")).toBe(`${origin}${SCENARIO}#${stepId}`);
    expect(await anchor.getAttribute("data-done")).toBe("Link copied");
    // Every section of the contents list has its own anchor link.
    const tocTargets = await page.locator(".toc a").evaluateAll((as) => as.map((a) => new URL((a as unknown as { href: string }).href).hash));
    for (const hash of tocTargets) expect(await page.locator(`${hash} .anchor, ${hash} > h2 .anchor, h2${hash} .anchor`).count(), hash).toBeGreaterThan(0);
    await page.close();
  });

  it("switches between the PowerShell and Command Prompt forms of the evidence command with the arrow keys", async () => {
    const page = await open(SCENARIO);
    await page.locator(".bundle-check summary").focus();
    await page.keyboard.press("Enter");
    const ps = page.getByRole("tab", { name: "PowerShell" });
    const cmd = page.getByRole("tab", { name: "Command Prompt" });
    expect(await ps.getAttribute("aria-selected")).toBe("true");
    expect(await page.locator("#bundle-cmd").isHidden()).toBe(true);
    await ps.focus();
    await page.keyboard.press("ArrowRight");
    expect(await cmd.getAttribute("aria-selected")).toBe("true");
    expect(await page.evaluate("document.activeElement?.textContent")).toBe("Command Prompt");
    expect(await page.locator("#bundle-ps").isHidden()).toBe(true);
    expect(await page.locator("[data-bundle-command=cmd] code").textContent()).toBe(readFileSync(join(process.cwd(), "content", "evidence-bundle.cmd"), "utf8").trim());
    await page.keyboard.press("Home");
    expect(await ps.getAttribute("aria-selected")).toBe("true");
    await page.close();
  });

  it("remembers the theme chosen with the toggle, and every page type has no axe-core violations in light and dark at 360 px", async () => {
    const page = await open(SCENARIO, 360);
    const toggle = page.getByRole("button", { name: "Dark theme" });
    const before = await toggle.getAttribute("aria-pressed");
    await toggle.focus();
    await page.keyboard.press("Enter");
    expect(await toggle.getAttribute("aria-pressed")).toBe(before === "true" ? "false" : "true");
    await page.reload();
    expect(await page.evaluate("document.documentElement.dataset.theme")).toBe(before === "true" ? "light" : "dark");
    try {
      for (const theme of ["dark", "light"]) {
        await page.evaluate(`localStorage.setItem("fixpath-theme", "${theme}")`);
        for (const path of ["/", "/codes/caa50021/", SCENARIO, "/codes/caa50021/admin/", "/search/?q=grey%20cloud", "/?code=0x8004de99", "/no-such-page/"]) {
          await page.goto(origin + path);
          if (path.startsWith("/search/")) await page.locator("[data-results-list] a").first().waitFor();
          if (path.startsWith("/?code")) await page.locator("[data-deeplink] .nopage, [data-deeplink] p").first().waitFor();
          expect(await page.evaluate("document.documentElement.dataset.theme"), path).toBe(theme);
          expect(await axe(page), `${path} (${theme})`).toEqual([]);
          expect((await page.evaluate("document.documentElement.scrollWidth")) as number, `${path} (${theme})`).toBeLessThanOrEqual(360);
          await shoot(page, `reading-${theme}-${path.replace(/[^a-z0-9]+/gi, "-")}`);
        }
      }
    } finally {
      await page.evaluate(`localStorage.removeItem("fixpath-theme")`);
    }
    await page.close();
  });

  it("opens a results page on Enter for words, grouped by how they matched, and a result from it by keyboard", async () => {
    const page = await open("/");
    const box = page.getByRole("combobox", { name: "Search error codes and messages" });
    await box.focus();
    await page.keyboard.type("grey cloud red x");
    await page.keyboard.press("Enter");
    await page.waitForURL((u) => u.pathname === "/search/");
    const first = page.locator("[data-results-list] a.tile").first();
    await first.waitFor();
    expect(await page.getByRole("heading", { name: "Pages that mention your words" }).count()).toBe(1);
    expect(await page.getByRole("combobox").inputValue()).toBe("grey cloud red x");
    const href = (await first.getAttribute("href"))!;
    await first.focus();
    await page.keyboard.press("Enter");
    await page.waitForURL(`${origin}${href}`);
    await page.close();
  });

  it("opens a code's page from /?code= in any form, and says so when there is no page yet", async () => {
    const page = await open("/?code=0xCAA50021");
    await page.waitForURL(`${origin}/codes/caa50021/`);
    await page.goto(`${origin}/?code=3399811105&app=teams`);
    await page.waitForURL(`${origin}/codes/caa50021/teams/`);
    await page.goto(`${origin}/?code=${encodeURIComponent("caa 50021")}`);
    await page.waitForURL(`${origin}/codes/caa50021/`);
    await page.goto(`${origin}/?code=0x8004de99`);
    const out = page.locator("[data-deeplink]");
    await expect.poll(() => out.textContent()).toContain("We have no page for 0x8004DE99 yet. It is a OneDrive sign-in or account code.");
    expect(new URL(page.url()).pathname).toBe("/");
    await page.close();
  });

  it("offers only real matches on the 404 page: nothing for a mistyped address, the code's page for a code", async () => {
    const page = await open("/no-such-page/");
    await expect.poll(() => page.locator("[data-notfound-status]").textContent()).toContain("No page matches this address");
    expect(await page.locator("[data-notfound-results] a").count()).toBe(0);
    await page.goto(`${origin}/codes/caa5002l/`);
    await expect.poll(() => page.locator("[data-notfound-results] a").count()).toBeGreaterThan(0);
    expect(await page.locator("[data-notfound-results] a").evaluateAll((as) => as.map((a) => a.getAttribute("data-match")))).not.toContain("text");
    await page.close();
  });
});
