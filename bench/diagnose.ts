// Diagnose-page benchmark: what a first visit to the diagnostic downloads (gzip) and how long the
// first question takes to appear, in this machine's Chromium against the real server.
/**
 * Budgets (issue 13 item 14; reported, never asserted): `/diagnose/?code=caa50021&app=onedrive`
 * ≤ 40 KB gzip on a first visit (HTML, CSS, island, data: every file the page requests before the
 * first question shows; what it fetches after, the diagnostic's parts, is listed apart) and the first question on screen ≤ 300 ms after navigation starts (median
 * of RUNS cold visits, each in a fresh browser context: no cache, no saved session).
 *
 * Sizes are each requested file of the built site gzipped at level 9 (what a gzip-serving host
 * sends), so the figure does not depend on which encoding Chromium negotiates. The time is
 * measured in the page (a MutationObserver notes `performance.now()` when `[data-question]`
 * appears). `npm run bench -- diagnose`; `BENCH_DIST=<folder>` measures another built site (for
 * before/after figures).
 */
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { chromium } from "playwright-core";
import { defaultDistDir, ensureSiteBuilt } from "../src/server/site-build-fs.ts";
import { inlineScriptHashes } from "../src/server/inline-hashes.ts";
import { buildCsp, openRepository, startServer } from "../src/server/index.ts";
import { loadSiteKb } from "../site/src/lib/kb-fs.ts";
import { median } from "./stats.ts";

const RUNS = 7;
const PAGE = "/diagnose/?code=caa50021&app=onedrive";
const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

/** The file of the built site a request path is served from. */
function fileFor(dist: string, path: string): string | undefined {
  const clean = decodeURIComponent(path.split("?")[0]!);
  for (const candidate of [join(dist, clean), join(dist, clean, "index.html")]) if (existsSync(candidate) && statSync(candidate).isFile()) return candidate;
  return undefined;
}

/** Report lines for `npm run bench`. */
export async function benchDiagnose(root: string): Promise<string[]> {
  const lines: string[] = [];
  const dist = process.env.BENCH_DIST ?? defaultDistDir(root);
  if (!process.env.BENCH_DIST) {
    const built = await ensureSiteBuilt({ root });
    if (built) lines.push(`built the site first: ${(built.ms / 1000).toFixed(1)} s`);
  }
  const tmp = mkdtempSync(join(tmpdir(), "fixpath-bench-diagnose-"));
  const db = await openRepository({ db: join(tmp, "outcomes.sqlite"), cwd: tmp });
  const server = await startServer({ kb: loadSiteKb(), db, distDir: dist, csp: buildCsp({ scriptHashes: inlineScriptHashes(dist), inlineStyles: true }), port: 0, rateLimit: false });
  const browser = await chromium.launch({
    executablePath: process.env.CHROME_PATH ?? "/usr/bin/chromium",
    headless: true,
    args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
  });
  try {
    const times: number[] = [];
    let files: { path: string; gzip: number }[] = [];
    let after: { path: string; gzip: number }[] = [];
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      await context.addInitScript({
        content: `new MutationObserver((_, o) => { if (document.querySelector("[data-question]")) { window.__firstQuestion = performance.now(); o.disconnect(); } }).observe(document, { childList: true, subtree: true });`,
      });
      const page = await context.newPage();
      const paths: string[] = [];
      page.on("request", (r) => {
        const url = new URL(r.url());
        if (url.origin === server.url) paths.push(url.pathname + url.search);
      });
      await page.goto(server.url + PAGE);
      await page.waitForFunction(() => (globalThis as unknown as { __firstQuestion?: number }).__firstQuestion !== undefined);
      times.push(await page.evaluate(() => (globalThis as unknown as { __firstQuestion: number }).__firstQuestion));
      if (i === 0) {
        // What was requested before the first question showed (the island's parts follow once it has).
        const before = new Set(
          await page.evaluate(() => {
            const t = (globalThis as unknown as { __firstQuestion: number }).__firstQuestion;
            return performance.getEntriesByType("resource").filter((r) => r.startTime <= t).map((r) => { const u = new URL(r.name); return u.pathname + u.search; });
          }),
        );
        await page.waitForLoadState("networkidle");
        const sized = (path: string) => {
          const file = fileFor(dist, path);
          return { path, gzip: file ? gzipSync(readFileSync(file), { level: 9 }).length : 0 };
        };
        files = paths.filter((path, n) => n === 0 || before.has(path)).map(sized);
        after = paths.filter((path, n) => n > 0 && !before.has(path)).map(sized);
      }
      await context.close();
    }
    const total = files.reduce((n, f) => n + f.gzip, 0);
    lines.push(`first visit to ${PAGE}: ${kb(total)} gzip in ${files.length} files (budget 40 KB)`);
    for (const f of files) lines.push(`  ${f.path.split("?")[0]}: ${kb(f.gzip)}`);
    if (after.length > 0) lines.push(`then, once the first question is on screen: ${after.map((f) => `${f.path.split("?")[0]} ${kb(f.gzip)}`).join(", ")} (${kb(after.reduce((n, f) => n + f.gzip, 0))} in all)`);
    lines.push(`first question shown: median ${median(times).toFixed(0)} ms after navigation start, min ${Math.min(...times).toFixed(0)}, max ${Math.max(...times).toFixed(0)} (${RUNS} cold visits; budget 300 ms)`);
  } finally {
    await browser.close();
    await server.close();
    await db.close();
    rmSync(tmp, { recursive: true, force: true });
  }
  return lines;
}

if (import.meta.url === `file://${process.argv[1]}`) for (const line of await benchDiagnose(join(import.meta.dirname, ".."))) console.log(line);
