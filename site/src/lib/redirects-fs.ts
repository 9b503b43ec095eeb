// Node-only: writes the static redirect pages for every other form of every code after the build.
/**
 * `/codes/CAA50021/`, `/codes/0xcaa50021/`, `/codes/3399811105/` … each get a tiny page that
 * redirects to the hub (meta refresh + canonical link + a plain link). They are written straight
 * to the output folder from `/api/codes.json` once Astro has built it: thousands of identical tiny
 * pages rendered one by one through Astro would cost more than the whole content of the site.
 * Forms that cannot be a path segment are left to the 404 page's lookup.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { CodesFile } from "./data.ts";
import { hubUrl } from "../../../src/model/index.ts";
import { escapeAttr, escapeHtml } from "./md.ts";
import { codeRedirects } from "./code-links.ts";

/** Every form (as written and lower-cased) that is not itself a hub id → the hub id, through the one code table (code-links.ts). */
export function redirectTargets(codes: Pick<CodesFile, "codes" | "codeIndex">): { form: string; code: string }[] {
  return codeRedirects(new Map(codes.codeIndex), codes.codes.flatMap((c) => c.forms));
}

/** The HTML of a redirect page. */
export function renderRedirect(to: string, title: string): string {
  const href = escapeAttr(to);
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title><meta name="robots" content="noindex"><link rel="canonical" href="${href}"><link rel="icon" href="/favicon.svg" type="image/svg+xml"><meta http-equiv="refresh" content="0; url=${href}"></head><body><main><p>This code's page is at <a href="${href}">${escapeHtml(to)}</a>.</p></main></body></html>\n`;
}

/** Writes the redirect pages into a built site; returns how many it wrote. */
export function writeRedirectPages(distDir: string): number {
  const codes = JSON.parse(readFileSync(join(distDir, "api", "codes.json"), "utf8")) as CodesFile;
  const titles = new Map(codes.codes.map((c) => [c.id, c.title]));
  let n = 0;
  for (const { form, code } of redirectTargets(codes)) {
    const dir = join(distDir, "codes", form);
    if (existsSync(join(dir, "index.html"))) continue;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "index.html"), renderRedirect(hubUrl(code), titles.get(code) ?? code));
    n++;
  }
  return n;
}
