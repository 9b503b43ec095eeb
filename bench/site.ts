// Site benchmark: page weight (gzip) against the budgets, island sizes, and Lighthouse 12 (mobile) scores.
/**
 * Budgets (reported, never asserted): a scenario page ≤ 14 KB gzip of HTML + CSS up to the end of
 * its first fix and ≤ 30 KB in all, with no script file until search or the diagnostic is used; the
 * diagnostic island's first load (its entry and static imports; the parts it fetches later are
 * listed apart) ≤ 25 KB gzip; Lighthouse 100 in all four categories for the home, hub,
 * scenario, diagnose and analyze pages. Lighthouse takes about 20 s a page; set BENCH_LIGHTHOUSE=0
 * to skip it. Lighthouse loads the pages from the real server (src/server: its CSP, compression
 * and cache rules) in the Chromium tests/helpers/chromium.ts picks (CHROME_PATH, else
 * /usr/bin/chromium, else the @sparticuz/chromium package). `npm run bench:site`; also part of
 * `npm run bench`.
 */
import { spawn } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { defaultDistDir, ensureSiteBuilt } from "../src/server/site-build-fs.ts";
import { resolveChromium } from "../tests/helpers/chromium.ts";
import { scriptGraph, serveSite } from "../tests/site/built-site.ts";

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const gz = (text: string | Buffer) => gzipSync(text, { level: 9 }).length;

/** Gzip sizes of a scenario page: up to the end of its first fix, and in all. */
export function scenarioWeight(html: string): { firstFix: number; total: number; scripts: number } {
  const start = html.indexOf('id="fix-');
  const end = start === -1 ? html.length : html.indexOf("</section>", start) + "</section>".length;
  return { firstFix: gz(html.slice(0, end)), total: gz(html), scripts: (html.match(/<script[^>]*\ssrc=/g) ?? []).length };
}

function lighthouse(root: string, url: string, chrome: { executablePath: string; args: string[] }): Promise<Record<string, number>> {
  const cli = join(root, "node_modules", "lighthouse", "cli", "index.js");
  const flags = ["--headless=new", ...chrome.args].join(" ");
  return new Promise((ok, fail) => {
    const child = spawn(process.execPath, [cli, url, `--chrome-flags=${flags}`, "--only-categories=performance,accessibility,best-practices,seo", "--output=json", "--output-path=stdout", "--quiet"], {
      env: { ...process.env, CHROME_PATH: chrome.executablePath },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let out = "";
    child.stdout.on("data", (d: Buffer) => (out += d.toString()));
    child.on("error", fail);
    child.on("close", (code) => {
      try {
        const report = JSON.parse(out) as { categories: Record<string, { score: number | null }> };
        ok(Object.fromEntries(Object.entries(report.categories).map(([k, v]) => [k, Math.round((v.score ?? 0) * 100)])));
      } catch {
        fail(new Error(`lighthouse exited ${code} without a report`));
      }
    });
  });
}

/** Report lines for `npm run bench`. */
export async function benchSite(root: string): Promise<string[]> {
  const lines: string[] = [];
  const built = await ensureSiteBuilt({ root });
  if (built) lines.push(`built the site first: ${(built.ms / 1000).toFixed(1)} s`);
  const dist = defaultDistDir(root);
  const page = (url: string) => readFileSync(join(dist, url, "index.html"), "utf8");

  const scenarios = readdirSync(join(dist, "codes"), { recursive: true, encoding: "utf8" })
    .filter((f) => /^[^/]+\/(onedrive|outlook|teams|office)\/index\.html$/.test(f))
    .map((f) => ({ url: `/codes/${f.replace(/index\.html$/, "")}`, ...scenarioWeight(readFileSync(join(dist, "codes", f), "utf8")) }));
  const seed = scenarios.find((s) => s.url === "/codes/caa50021/onedrive/");
  if (seed) lines.push(`scenario /codes/caa50021/onedrive/: ${kb(seed.firstFix)} gzip up to the first fix (budget 14 KB), ${kb(seed.total)} in all (budget 30 KB), ${seed.scripts} script files`);
  const worst = [...scenarios].sort((a, b) => b.total - a.total)[0];
  const worstFirst = [...scenarios].sort((a, b) => b.firstFix - a.firstFix)[0];
  if (worst && worstFirst) lines.push(`all ${scenarios.length} scenarios: largest ${kb(worst.total)} (${worst.url}); largest up to the first fix ${kb(worstFirst.firstFix)} (${worstFirst.url}); script files on any: ${scenarios.reduce((n, s) => n + s.scripts, 0)}`);
  for (const url of ["/", "/codes/caa50021/", "/codes/caa50021/admin/"]) lines.push(`page ${url}: ${kb(gz(page(url)))} gzip`);

  const js = readdirSync(join(dist, "js"));
  const jsGz = (path: string) => gz(readFileSync(join(dist, path)));
  const part = (path: string) => path.replace(/^\/js\//, "").replace(/\.[0-9a-f]+\.js$/, "");
  for (const name of ["search", "analyze", "diagnose-check"]) {
    const file = js.find((f) => f.startsWith(`${name}.`));
    if (file) lines.push(`island ${name}: ${kb(jsGz(`/js/${file}`))} gzip`);
  }
  // The diagnostic: what its page loads at once (the entry and its static imports) against the
  // budget, and apart the parts it fetches later (site/src/islands/diagnose/parts.ts says when).
  const entry = /<script type="module" src="(\/js\/diagnose\.[0-9a-f]+\.js)"/.exec(page("/diagnose/"))?.[1];
  if (entry) {
    const graph = scriptGraph(dist, entry);
    const first = graph.initial.map((f) => [part(f), jsGz(f)] as const);
    const later = graph.lazy.map((f) => [part(f), jsGz(f)] as const);
    const sum = (list: readonly (readonly [string, number])[]) => list.reduce((n, [, b]) => n + b, 0);
    lines.push(`island diagnose: first load ${kb(sum(first))} gzip (budget 25 KB) in ${first.length} files: ${first.map(([n, b]) => `${n} ${kb(b)}`).join(", ")}`);
    lines.push(`island diagnose, parts fetched later: ${kb(sum(later))} gzip in ${later.length} files: ${later.map(([n, b]) => `${n} ${kb(b)}`).join(", ")} (step, find-out, ends: once the first view is on screen; reader: a saved session or the analyzer's findings to read; conflict, pick: at start when needed; diagnose-end: when a diagnostic ends)`);
  }
  // The split search index (src/lookup/split.ts): the manifest on the first search, then a code's shard or the word index.
  const manifest = readFileSync(join(dist, "api", "lookup.json"), "utf8");
  const { version } = JSON.parse(manifest) as { version: string };
  const parts = readdirSync(join(dist, "api", "lookup", version)).map((f) => [f, gz(readFileSync(join(dist, "api", "lookup", version, f)))] as const);
  const shards = parts.filter(([f]) => f !== "words.json").map(([, n]) => n).sort((a, b) => a - b);
  const words = parts.find(([f]) => f === "words.json")?.[1] ?? 0;
  lines.push(`search index: /api/lookup.json ${kb(gz(manifest))} gzip (loaded on the first search); ${shards.length} shards of ${kb(shards[0] ?? 0)}–${kb(shards.at(-1) ?? 0)} gzip (a code in its usual form loads one, a code without a page up to ten); word index ${kb(words)} gzip (loaded on the first word search); bench/lookup.ts has the figures at 10,000 pages`);
  lines.push(`data: /api/codes/caa50021/onedrive.json ${kb(gz(readFileSync(join(dist, "api", "codes", "caa50021", "onedrive.json"))))} gzip (the one scenario the diagnostic loads; see bench/diagnose.ts)`);

  if (process.env.BENCH_LIGHTHOUSE === "0") {
    lines.push("lighthouse: skipped (BENCH_LIGHTHOUSE=0)");
    return lines;
  }
  const chrome = await resolveChromium();
  const from = { CHROME_PATH: "CHROME_PATH", system: "the system", "npm package": "the @sparticuz/chromium package" }[chrome.source];
  lines.push(`lighthouse: Chromium from ${from} (${chrome.executablePath}), pages served by the real server (src/server)`);
  const site = await serveSite(dist);
  const origin = site.origin.replace("127.0.0.1", "localhost");
  try {
    for (const [name, url] of [
      ["home", "/"],
      ["hub", "/codes/caa50021/"],
      ["scenario", "/codes/caa50021/onedrive/"],
      ["diagnose", "/diagnose/?code=caa50021&app=onedrive"],
      ["analyze", "/analyze/"],
    ] as const) {
      try {
        const s = await lighthouse(root, origin + url, chrome);
        lines.push(`lighthouse ${name} (mobile): performance ${s.performance}, accessibility ${s.accessibility}, best practices ${s["best-practices"]}, SEO ${s.seo}`);
      } catch (e) {
        lines.push(`lighthouse ${name}: failed (${e instanceof Error ? e.message : String(e)})`);
      }
    }
  } finally {
    await site.close();
  }
  return lines;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  for (const line of await benchSite(resolve(fileURLToPath(import.meta.url), "../.."))) console.log(line);
}
