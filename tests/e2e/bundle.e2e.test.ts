// The analyzer with an evidence bundle, in real headless Chromium against the built site: the
// command and its copy button, the device card, the answers carried into the diagnostic, and
// nothing sent anywhere.
import { launchBrowser } from "../helpers/chromium.ts";
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { BrowserContext } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { builtSite, serveSite, type SiteServer } from "../site/built-site.ts";

const SHOTS = join(process.cwd(), "test-results", "screenshots");
const BUNDLE = readFileSync(join(process.cwd(), "tests/fixtures/bundle/90-derived-bundle-from-fixtures.txt"), "utf8");
const PS = readFileSync(join(process.cwd(), "content/evidence-bundle.ps1"), "utf8").replace(/\n$/, "");

let site: SiteServer | undefined;
let origin = "";
let ctx: BrowserContext;
let profile = "";

beforeAll(async () => {
  const dist = await builtSite();
  site = await serveSite(dist);
  origin = site.origin;
  profile = mkdtempSync(join(tmpdir(), "fixpath-e2e-bundle-"));
  ctx = await launchBrowser(profile);
  await ctx.grantPermissions(["clipboard-read", "clipboard-write"], { origin });
}, 300_000);

afterAll(async () => {
  await ctx?.close();
  await site?.close();
  if (profile) rmSync(profile, { recursive: true, force: true });
});

describe("the analyzer with an evidence bundle", () => {
  it("shows and copies the command, reads a pasted bundle, carries its answers, and sends nothing", async () => {
    const page = await ctx.newPage();
    page.on("pageerror", (e) => {
      throw new Error(`page error: ${e.message}`);
    });
    const sent: { url: string; method: string; body: string | null }[] = [];
    page.on("request", (r) => sent.push({ url: r.url(), method: r.method(), body: r.postData() }));
    await page.goto(`${origin}/analyze/`);

    // The command, what it reads and never touches, and the unconfirmed points.
    const block = page.locator('[data-bundle-command="powershell"]');
    expect(await block.locator("code").textContent()).toBe(PS);
    await block.getByRole("button", { name: /Copy/ }).click();
    await expect.poll(() => page.evaluate("navigator.clipboard.readText()")).toBe(PS);
    expect(await page.locator("[data-bundle]").textContent()).toMatch(/It never changes anything/);
    expect(await page.locator("[data-unconfirmed] li").count()).toBeGreaterThan(0);

    // The paste: a device card a person takes in at a glance.
    await page.getByLabel("Paste here, or drop a .txt file").fill(BUNDLE);
    await page.getByRole("button", { name: "Analyze" }).click();
    await page.locator("[data-device-card]").waitFor();
    mkdirSync(SHOTS, { recursive: true });
    await page.locator("[data-device-card]").screenshot({ path: join(SHOTS, "analyze-bundle-card-desktop.png") });
    expect(await page.locator('[data-card-row="admin"] .tile-value').textContent()).toMatch(/^Yes/);
    expect(await page.locator('[data-card-row="edition"] .tile-value').textContent()).toContain("Windows 10");
    expect(await page.locator('[data-card-row="management"] .tile-value').textContent()).toBe("Not known");
    expect(await page.locator('[data-finding="event-aadsts50034"]').getAttribute("data-status")).toBe("fail");
    expect(await page.locator('[data-finding="event-aadsts50034"] .lines').textContent()).toContain("AADSTS50034");
    expect(await page.locator("[data-unconfirmed-result] li").count()).toBeGreaterThan(2);
    // No ids or fact names on screen.
    const shown = (await page.locator("[data-analyze-out]").textContent())!;
    expect(shown).not.toMatch(/isAdmin|personalAndWorkPaired|windowsServer|denied-mdm/);

    // The answers travel in the link (and only the answers), and the diagnostic takes them.
    const href = (await page.locator("[data-use-answers]").getAttribute("href"))!;
    expect(href).toMatch(/isAdmin=yes/);
    expect(href).toMatch(/windowsServer=no/);
    expect(href).toMatch(/personalAndWorkPaired=yes/);
    expect(href).toMatch(/code=aadsts50034/);
    expect(href).not.toMatch(/contoso|S-1-5-21/);
    await page.waitForLoadState("networkidle");
    for (const r of sent) {
      expect(r.method, r.url).toBe("GET");
      expect(r.body, r.url).toBeNull();
      for (const secret of ["contoso", "ana", "3e47136a"]) expect(new URL(r.url).search, r.url).not.toContain(secret);
    }

    // Pressing it keeps what the analyzer found in this browser for the IT report (nothing is sent).
    const use = page.locator("[data-use-answers]");
    await use.evaluate("(a) => a.addEventListener('click', (e) => e.preventDefault())");
    await use.click();
    const kept = JSON.parse((await page.evaluate("localStorage.getItem('fixpath:analyzer-findings')")) as string) as { source: string; summary: { label: string }[]; findings: { id: string }[] };
    expect(kept.source).toBe("the evidence bundle");
    expect(kept.findings.map((f) => f.id)).toContain("event-aadsts50034");

    // In the diagnostic for the OneDrive guide, the admin question is answered, not asked.
    const query = new URL(href, origin).searchParams;
    query.set("code", "caa50021");
    query.set("app", "onedrive");
    await page.goto(`${origin}/diagnose/?${query.toString()}`);
    await Promise.race([page.locator("[data-question]").first().waitFor(), page.locator("[data-resume]").waitFor()]);
    if (await page.locator("[data-resume]").count()) await page.getByRole("button", { name: "Start over" }).first().click();
    await page.locator("[data-question]").first().waitFor();
    for (let i = 0; i < 8 && (await page.locator("[data-question]").count()); i++) {
      const fact = await page.locator("[data-question]").first().getAttribute("data-question");
      expect(["isAdmin", "windowsServer", "personalAndWorkPaired"]).not.toContain(fact);
      const choice = page.locator("[data-question] button, [data-question] input[type=radio]").first();
      if (!(await choice.count())) break;
      await choice.click();
      const next = page.getByRole("button", { name: /^(Next|Continue|Answer)/ });
      if (await next.count()) await next.first().click();
    }
    // The diagnostic took the analyzer's findings into its session, for the report to IT, once.
    const saved = JSON.parse((await page.evaluate("localStorage.getItem('fixpath:session:caa50021:onedrive')")) as string) as { findings?: { source: string; findings: { id: string }[] }[] };
    expect(saved.findings?.map((g) => g.source)).toEqual(["the evidence bundle"]);
    expect(saved.findings![0]!.findings.map((f) => f.id)).toContain("event-aadsts50034");
    expect(await page.evaluate("localStorage.getItem('fixpath:analyzer-findings')")).toBeNull();
    await page.close();
  });
});
