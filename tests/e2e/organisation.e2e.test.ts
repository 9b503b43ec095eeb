// Fixpath for an organisation, in Chromium against the real server: a site built with a
// fixpath.config.yaml (managed PCs, an IT e-mail address, two apps in use). The managed question
// is not asked and the plan says why; the app chooser offers the two apps; the hand-over names
// the team and "Send to IT" is a mailto: with the redacted report; the operator page shows bars
// for the seeded outcomes only with the token. Nothing is sent anywhere but this server.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openRepository, startServer, type Repository, type RunningServer } from "../../src/server/index.ts";
import { siteCsp } from "../../src/server/inline-hashes.ts";
import { ensureSiteBuiltLocked } from "../../src/server/site-build-fs.ts";
import { launchBrowser, openPage } from "../helpers/chromium.ts";
import { loadProjectKb } from "../helpers/kb.ts";

const TOKEN = "contoso-operator-token-0123456789";
const BASE_URL = "https://help.contoso.example";
const CONFIG = `site:
  name: Contoso IT help
  baseUrl: ${BASE_URL}
it:
  name: Contoso Service Desk
  email: servicedesk@contoso.example
  hours: Mon–Fri 8:00–18:00
facts:
  managed: true
apps: [onedrive, teams]
`;

let tmp = "";
let db: Repository;
let server: RunningServer;
let ctx: BrowserContext;
const requests: string[] = [];

beforeAll(async () => {
  tmp = mkdtempSync(join(tmpdir(), "fixpath-org-e2e-"));
  const config = join(tmp, "fixpath.config.yaml");
  writeFileSync(config, CONFIG);
  const dist = join(tmp, "dist");
  const before = process.env.FIXPATH_CONFIG;
  process.env.FIXPATH_CONFIG = config;
  try {
    await ensureSiteBuiltLocked({ outDir: dist });
  } finally {
    if (before === undefined) delete process.env.FIXPATH_CONFIG;
    else process.env.FIXPATH_CONFIG = before;
  }
  db = await openRepository({ db: join(tmp, "outcomes.sqlite"), cwd: tmp });
  const row = (stepId: string, outcome: "fixed" | "no-change") => ({ code: "caa50021", app: "onedrive" as const, stepId, outcome, reason: null, day: "2026-03-14" });
  await db.addOutcomes([...Array.from({ length: 6 }, () => row("clean-restart", "fixed")), ...Array.from({ length: 14 }, () => row("clean-restart", "no-change")), row("repair-onedrive", "fixed")]);
  server = await startServer({ kb: loadProjectKb(), db, distDir: dist, csp: siteCsp(dist), port: 0, rateLimit: false, operatorToken: TOKEN, siteName: "Contoso IT help" });
  ctx = await launchBrowser(join(tmp, "profile"));
  ctx.on("request", (r) => requests.push(r.url()));
}, 600_000);

afterAll(async () => {
  await ctx?.close();
  await server?.close();
  await db?.close();
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

function open(path: string): Promise<Page> {
  return openPage(ctx, server.url + path, path);
}

describe("a site run by an organisation", () => {
  it("names the organisation in the header and offers only its apps in the chooser", async () => {
    const page = await open("/diagnose/?code=caa50021");
    expect(await page.locator("header .brand").innerText()).toContain("Contoso IT help");
    await page.getByRole("heading", { name: /Where do you see CAA50021/ }).waitFor();
    expect(await page.locator(".choices a").allInnerTexts()).toEqual(["OneDrive", "Teams"]);
    await page.close();
  });

  it("offers only its apps on the code's page ('Pick your app') and on the home page; other apps' pages stay reachable", async () => {
    const hub = await open("/codes/caa50021/");
    expect(await hub.locator("#apps + ul.grid a.tile strong").allInnerTexts()).toEqual(["CAA50021 in OneDrive", "CAA50021 in Teams"]);
    expect(await hub.locator(".cta a.btn", { hasText: "Start the diagnostic" }).getAttribute("href")).toBe("/diagnose/?code=caa50021");
    await hub.close();
    // The home page lists the guides of the apps in use only.
    const home = await open("/");
    const byApp = (await home.evaluate(`(() => { const out = []; for (let el = document.getElementById("guides").nextElementSibling; el && el.id !== "codes"; el = el.nextElementSibling) if (el.tagName === "H3") out.push(el.textContent.trim()); return out; })()`)) as string[];
    expect(byApp).toEqual(["OneDrive", "Teams"]);
    await home.close();
    const outlook = await open("/codes/caa50021/outlook/");
    expect(await outlook.locator("h1").innerText()).toMatch(/Outlook/);
    await outlook.close();
  });

  it("never asks whether the PC is managed, says the organisation answered it, and hands over to the named team with a mailto: report", async () => {
    const page = await open("/diagnose/?code=caa50021&app=onedrive");
    await page.evaluate("localStorage.clear()");
    await page.reload();
    const asked: string[] = [];
    for (let i = 0; i < 40; i++) {
      const end = page.locator("[data-end]");
      const question = page.locator("[data-question]");
      const step = page.locator("[data-step]");
      await Promise.race([end.waitFor(), question.waitFor(), step.waitFor()]);
      if (await end.count()) break;
      if (await question.count()) {
        const fact = (await question.getAttribute("data-question"))!;
        asked.push(fact);
        if (fact === "accountType") await page.getByRole("button", { name: /work or school/ }).click();
        else if (fact === "otherErrorAfterSignIn") await page.getByRole("button", { name: "No other code" }).click();
        else if (fact === "where") await page.getByRole("button", { name: /already set up/ }).click();
        else await page.getByRole("button", { name: "No", exact: true }).click();
        await page.locator(`[data-question="${fact}"]`).waitFor({ state: "detached" });
        continue;
      }
      const id = (await step.getAttribute("data-step"))!;
      await page.getByRole("button", { name: "No change", exact: true }).click();
      await page.getByRole("button", { name: "Skip this question" }).click();
      await page.locator(`[data-step="${id}"]`).waitFor({ state: "detached" });
    }
    expect(asked).not.toContain("managed");
    expect(await page.locator("[data-end]").getAttribute("data-end")).toBe("escalated");
    // The plan says which answer came from the organisation.
    expect(await page.locator("[data-org-says]").innerText()).toMatch(/^Your organisation says Yes to "[^"]+"\.$/);
    // The account-changing steps stay IT's on a managed PC, whatever the person would have said.
    expect(await page.locator('[data-plan-step="cleanup-wam-accounts"]').getAttribute("data-status")).toBe("ask-admin");
    const handover = page.locator("[data-handover]");
    expect(await handover.innerText()).toContain("Your IT team: Contoso Service Desk");
    expect(await handover.innerText()).toContain("Hours: Mon–Fri 8:00–18:00");
    // Nothing has gone anywhere yet; pressing "Send to IT" makes a mailto: for the person's own mail client.
    const before = requests.length;
    const send = page.locator("[data-send-it]");
    // (The test keeps the page where it is; a person's browser hands the link to their mail client.)
    await send.evaluate("(a) => a.addEventListener('click', (e) => e.preventDefault())");
    await send.click();
    const mailto = new URL((await send.getAttribute("href"))!);
    expect(mailto.protocol).toBe("mailto:");
    expect(mailto.pathname).toBe("servicedesk@contoso.example");
    expect(mailto.searchParams.get("subject")).toBe("CAA50021 in OneDrive: not fixed by the self-help steps");
    const body = mailto.searchParams.get("body")!;
    expect(body).toContain("# Fixpath report: CAA50021 in OneDrive");
    // Links that leave the browser use the organisation's public address, not the one this browser used.
    expect(body).toContain(`${BASE_URL}/codes/caa50021/onedrive/`);
    expect(body).not.toContain(server.url);
    expect(body).not.toMatch(/clean-restart|ask-admin/);
    // The only thing besides this server is the mailto: hand-off to the mail client (no network).
    expect(requests.slice(before).filter((u) => !u.startsWith(server.url) && !u.startsWith("mailto:") && !u.startsWith("blob:"))).toEqual([]);
    await page.close();
  });

  it("shows the operator page's bars only with the token", async () => {
    const res = await fetch(`${server.url}/operator/`);
    expect(res.status).toBe(401);
    const page = await ctx.newPage();
    await page.setExtraHTTPHeaders({ authorization: `Basic ${Buffer.from(`ops:${TOKEN}`).toString("base64")}` });
    await page.goto(`${server.url}/operator/`);
    await page.getByRole("heading", { name: "What fixes what" }).waitFor();
    expect(await page.title()).toBe("What fixes what — Contoso IT help");
    // One bar per step with outcomes (the seeded ones, and the no-change answers of the walk above);
    // none for a step another step completes (the unlink), whose fixes are counted on that step.
    const counts = await db.operatorCounts();
    const tried = new Set(counts.outcomes.filter((o) => o.code === "caa50021" && o.app === "onedrive").map((o) => o.stepId));
    const completedLater = new Set(loadProjectKb().scenarios.get("caa50021/onedrive")!.steps.filter((s) => s.completedBy).map((s) => s.id));
    expect(await page.locator("svg rect.fixed").count()).toBe([...tried].filter((id) => !completedLater.has(id)).length);
    expect((await page.locator("svg").first().innerHTML()).split("fixes counted later").length - 1).toBe([...tried].filter((id) => completedLater.has(id)).length);
    const restart = counts.outcomes.filter((o) => o.stepId === "clean-restart").reduce((n, o) => n + o.n, 0);
    expect(await page.locator("svg").first().innerHTML()).toContain(`6 of ${restart} (${Math.round((600 / restart))} %)`);
    // It fits a phone's width: no sideways scrolling of the page at 360 px (wide tables scroll in their own region).
    await page.setViewportSize({ width: 360, height: 780 });
    expect((await page.evaluate("document.documentElement.scrollWidth")) as number).toBeLessThanOrEqual(360);
    expect(await page.locator(".wide table").count()).toBeGreaterThan(0);
    await page.close();
    expect(requests.filter((u) => !u.startsWith(server.url) && !u.startsWith("data:") && !u.startsWith("blob:") && !u.startsWith("mailto:"))).toEqual([]);
  });
});
