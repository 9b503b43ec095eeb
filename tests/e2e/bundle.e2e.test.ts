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
    expect(await page.locator("[data-bundle]").textContent()).toMatch(/Read-only\. It changes no setting/);
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
    // Each answer the analyzer settled says so, with what it read and where, in words.
    const adminAnswer = page.locator('[data-answer="isAdmin"]');
    expect(await adminAnswer.getAttribute("data-source")).toBe("analyzer");
    expect(await adminAnswer.innerText()).toMatch(/Yes[\s\S]*From the analyzer: the evidence bundle: .+ \(line 16 of your paste\)/);
    expect(await page.locator('[data-answer="windowsServer"]').getAttribute("data-source")).toBe("analyzer");
    expect(await page.locator(".answers").innerText()).not.toMatch(/isAdmin|windowsServer|personalAndWorkPaired|true|false/);
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

  it("continuing a started diagnostic takes the analyzer's answers, shows a difference with the person's answer and lets them choose", async () => {
    const page = await ctx.newPage();
    page.on("pageerror", (e) => {
      throw new Error(`page error: ${e.message}`);
    });
    page.setDefaultTimeout(8000);
    const posts: string[] = [];
    page.on("request", (r) => {
      if (r.method() !== "GET") posts.push(r.url());
    });
    // A diagnostic started earlier: a work account, and "Yes" to Windows Server (the plan stops there).
    await page.goto(`${origin}/diagnose/?code=caa50021&app=onedrive`);
    await page.evaluate("localStorage.clear()");
    await page.reload();
    await page.locator('[data-question="accountType"]').waitFor();
    await page.getByRole("button", { name: /work or school/ }).click();
    await page.locator('[data-question="windowsServer"]').waitFor();
    await page.getByRole("button", { name: "Yes", exact: true }).click();
    await page.locator("[data-end]").waitFor();

    // The analyzer reads this PC: not a server, administrator rights, a personal and a work account.
    await page.goto(`${origin}/analyze/`);
    await page.getByLabel("Paste here, or drop a .txt file").fill(BUNDLE);
    await page.getByRole("button", { name: "Analyze" }).click();
    const use = page.locator("[data-use-answers]");
    await use.waitFor();
    expect(await use.innerText()).toBe("Use these answers in the diagnostic");
    await page.waitForLoadState("networkidle");
    const query = new URL((await use.getAttribute("href"))!, origin).searchParams;
    await use.evaluate("(a) => a.addEventListener('click', (e) => e.preventDefault())");
    await use.click();
    // What the analyzer read for each answer waits in this browser's storage for the diagnostic.
    expect(await page.evaluate("localStorage.getItem('fixpath:analyzer-answers')")).toContain("InstallationType Client");
    query.set("code", "caa50021");
    query.set("app", "onedrive");
    await page.goto(`${origin}/diagnose/?${query.toString()}`);

    // Continue: nothing the person said is overridden; the difference is shown, both sides in words.
    await page.locator("[data-resume]").waitFor();
    expect(await page.locator("[data-resume]").innerText()).toContain("2 answers and 0 steps tried so far");
    expect(await page.locator("[data-resume-added]").innerText()).toBe("The answers you brought are added to it; one differs from yours, and you choose which to keep.");
    await page.locator("[data-continue]").click();
    const conflict = page.locator("[data-conflict]");
    await conflict.waitFor();
    expect(await conflict.locator("h2").innerText()).toBe("Your answer and the analyzer's differ");
    expect(await conflict.locator("[data-mine]").innerText()).toBe("You answered: Yes");
    expect(await conflict.locator("[data-theirs]").innerText()).toMatch(/^The analyzer read: No \(the evidence bundle: InstallationType Client \(line 24 of your paste\)\)$/);
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "diagnose-analyzer-difference-desktop.png"), fullPage: true });
    // Meanwhile the settled answers already fill the questions nobody answered.
    expect(await page.locator('[data-answer="isAdmin"]').getAttribute("data-source")).toBe("analyzer");
    expect(await page.locator('[data-answer="personalAndWorkPaired"]').getAttribute("data-source")).toBe("analyzer");
    expect(await page.locator('[data-answer="accountType"]').innerText()).toMatch(/Your answer$/);
    // The plan speaks to the person, not in the engine's terms.
    expect(await page.locator("[data-may-stop] li").count()).toBeGreaterThan(0);
    expect(await page.locator("aside").innerText()).not.toMatch(/the stop does not apply|needs this answer to fire/);
    // A reload keeps the question open (nothing is decided for the person).
    await page.reload();
    await page.locator("[data-resume]").waitFor();
    await page.locator("[data-continue]").click();
    await conflict.waitFor();
    await page.locator("[data-use-settled]").click();
    // The plan goes on: the Windows Server question is not asked again, nor the ones the analyzer answered.
    const asked: string[] = [];
    for (let i = 0; i < 3; i++) {
      await Promise.race([page.locator("[data-question]").waitFor(), page.locator("[data-step]").waitFor(), page.locator("[data-end]").waitFor()]);
      const q = page.locator("[data-question]");
      if (!(await q.count())) break;
      const fact = (await q.getAttribute("data-question"))!;
      asked.push(fact);
      await page.getByRole("button", { name: "No", exact: true }).click();
      await page.locator(`[data-question="${fact}"]`).waitFor({ state: "detached" });
    }
    expect(asked.length).toBeGreaterThan(0);
    for (const fact of ["windowsServer", "isAdmin", "personalAndWorkPaired", "accountType"]) expect(asked).not.toContain(fact);
    expect(await page.locator('[data-answer="windowsServer"]').innerText()).toMatch(/No[\s\S]*Your answer; the analyzer read the same/);
    // Undo takes back the person's choice, and then both answers are shown side by side.
    for (let i = 0; i <= asked.length; i++) await page.getByRole("button", { name: "Undo last answer" }).click();
    await page.locator("[data-end]").waitFor();
    expect(await page.locator('[data-answer="windowsServer"]').innerText()).toMatch(/Yes[\s\S]*Your answer; the analyzer read “No” \(the evidence bundle: InstallationType Client/);
    // Nothing was sent: the paste stayed in the browser, and no step was tried.
    expect(posts).toEqual([]);
    await page.close();
  });

  it("a bundle naming a code with no guide opens that code's page with what to do next, never a dead end", async () => {
    const page = await ctx.newPage();
    page.on("pageerror", (e) => {
      throw new Error(`page error: ${e.message}`);
    });
    const sent: { url: string; method: string }[] = [];
    page.on("request", (r) => sent.push({ url: r.url(), method: r.method() }));
    await page.goto(`${origin}/analyze/`);
    await page.getByLabel("Paste here, or drop a .txt file").fill(BUNDLE);
    await page.getByRole("button", { name: "Analyze" }).click();
    await page.locator("[data-use-answers]").click();
    const card = page.locator("[data-no-guide]");
    await card.waitFor();
    mkdirSync(SHOTS, { recursive: true });
    await page.screenshot({ path: join(SHOTS, "diagnose-no-guide-desktop.png"), fullPage: true });
    expect(await card.locator("h2").innerText()).toBe("AADSTS50034 has no guided diagnostic yet");
    const text = await card.innerText();
    expect(text).toMatch(/What to do next: read the page for AADSTS50034/);
    expect(text).toMatch(/your IT team checks it/);
    expect(await card.locator("[data-hub-link]").getAttribute("href")).toBe("/codes/aadsts50034/");
    await card.locator("[data-hub-link]").click();
    await page.waitForURL(`${origin}/codes/aadsts50034/`);
    expect(await page.locator("h1").innerText()).toMatch(/^AADSTS50034/);
    // Nothing left the browser but page requests: no body, nothing from the paste in an address.
    for (const r of sent) {
      expect(r.method, r.url).toBe("GET");
      for (const secret of ["contoso", "3e47136a", "S-1-5-21"]) expect(r.url, r.url).not.toContain(secret);
    }
    await page.close();
  });

  it("an error message that names no app leaves the app to the person, and the button says what it opens", async () => {
    const page = await ctx.newPage();
    await page.goto(`${origin}/analyze/`);
    await page.getByLabel("Paste here, or drop a .txt file").fill("Something went wrong. Error code: CAA50021");
    await page.getByRole("button", { name: "Analyze" }).click();
    const use = page.locator("[data-use-answers]");
    await use.waitFor();
    expect(await use.innerText()).toBe("Open the diagnostic for CAA50021");
    expect(await use.getAttribute("href")).toBe("/diagnose/?code=caa50021");
    expect(await page.locator("[data-choose-app]").innerText()).toMatch(/asks you/);
    await use.click();
    await page.getByRole("heading", { name: /Where do you see CAA50021/ }).waitFor();
    // With an app named, the link carries it.
    await page.goto(`${origin}/analyze/`);
    await page.getByLabel("Paste here, or drop a .txt file").fill("Teams: Something went wrong. Error code: CAA50021");
    await page.getByRole("button", { name: "Analyze" }).click();
    expect(await page.locator("[data-use-answers]").getAttribute("href")).toBe("/diagnose/?code=caa50021&app=teams");
    await page.close();
  });
});

