// The built site as search engines, link previews and assistants read it: sitemap.xml, robots.txt,
// canonical links, Open Graph and Twitter tags, JSON-LD, the Markdown twins and llms.txt. Checked
// on the default build (no address known) and on a build for an organisation with `site.baseUrl`.
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listPages, type KnowledgeBase, type PageInfo } from "../../src/model/index.ts";
import { ensureSiteBuiltLocked } from "../../src/server/site-build-fs.ts";
import { SAFETY_LINE } from "../../site/src/lib/twin.ts";
import { loadProjectKb } from "../helpers/kb.ts";
import { builtSite } from "./built-site.ts";

const BASE = "https://help.contoso.com";
let dist = "";
let orgDist = "";
let tmp = "";
let kb: KnowledgeBase;
let pages: PageInfo[] = [];

const read = (root: string, urlPath: string): string => readFileSync(urlPath.endsWith("/") ? join(root, urlPath, "index.html") : join(root, urlPath), "utf8");
const decode = (s: string): string =>
  s.replace(/&#(\d+);/g, (_, n: string) => String.fromCharCode(Number(n))).replace(/&quot;/g, '"').replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
const meta = (html: string, attr: "property" | "name", key: string): string | undefined => {
  const m = new RegExp(`<meta ${attr}="${key}" content="([^"]*)"`).exec(html);
  return m ? decode(m[1]!) : undefined;
};
const canonicalOf = (html: string): string | undefined => /<link rel="canonical" href="([^"]*)"/.exec(html)?.[1];
const jsonLdOf = (html: string): Record<string, unknown>[] => {
  const m = /<script type="application\/ld\+json">([\s\S]*?)<\/script>/.exec(html);
  return m ? (JSON.parse(m[1]!) as Record<string, unknown>[]) : [];
};
const textOf = (html: string): string => decode(html.replace(/<[^>]+>/g, "")).replace(/\s+/g, " ").trim();

beforeAll(async () => {
  dist = await builtSite();
  kb = loadProjectKb();
  pages = listPages(kb);
  // The same site for an organisation that names its address.
  tmp = mkdtempSync(join(tmpdir(), "fixpath-seo-"));
  const config = join(tmp, "fixpath.config.yaml");
  writeFileSync(config, `site:\n  name: Contoso IT help\n  baseUrl: ${BASE}/\n`);
  orgDist = join(tmp, "dist");
  const before = process.env.FIXPATH_CONFIG;
  process.env.FIXPATH_CONFIG = config;
  try {
    await ensureSiteBuiltLocked({ outDir: orgDist });
  } finally {
    if (before === undefined) delete process.env.FIXPATH_CONFIG;
    else process.env.FIXPATH_CONFIG = before;
  }
}, 600_000);

afterAll(() => {
  if (tmp) rmSync(tmp, { recursive: true, force: true });
});

describe("for search engines", () => {
  it("lists every page in sitemap.xml, each knowledge-base page with the date it was last reviewed", () => {
    const xml = readFileSync(join(orgDist, "sitemap.xml"), "utf8");
    expect(xml).toMatch(/^<\?xml version="1.0" encoding="UTF-8"\?>\n<urlset xmlns="http:\/\/www.sitemaps.org\/schemas\/sitemap\/0.9">/);
    const entries = new Map([...xml.matchAll(/<url><loc>([^<]+)<\/loc>(?:<lastmod>([^<]+)<\/lastmod>)?<\/url>/g)].map((m) => [m[1]!, m[2]]));
    for (const p of pages) {
      const reviewed = p.kind === "scenario" ? kb.scenarios.get(p.id)!.reviewed : p.kind === "checklist" ? kb.checklists.get(p.code)!.reviewed : kb.codes.get(p.code)!.reviewed;
      expect(entries.get(`${BASE}${p.url}`), p.url).toBe(reviewed);
    }
    for (const tool of ["/", "/diagnose/", "/analyze/"]) expect(entries.has(`${BASE}${tool}`), tool).toBe(true);
    expect(entries.size).toBe(pages.length + 3);
    // Every address in it is a page of the built site.
    for (const loc of entries.keys()) expect(existsSync(join(orgDist, loc.slice(BASE.length), "index.html")), loc).toBe(true);
  });

  it("names the sitemap in robots.txt and keeps crawlers out of the API", () => {
    const robots = readFileSync(join(orgDist, "robots.txt"), "utf8");
    expect(robots).toContain(`Sitemap: ${BASE}/sitemap.xml`);
    expect(robots).toMatch(/^User-agent: \*$/m);
    expect(robots).toMatch(/^Disallow: \/api\/$/m);
    expect(robots).not.toMatch(/^Disallow: \/$/m);
  });

  it("gives every page a canonical link at the organisation's address, and the 404 page none (it is not to be indexed)", () => {
    for (const path of ["/", "/diagnose/", "/analyze/", ...pages.map((p) => p.url)]) expect(canonicalOf(read(orgDist, path)), path).toBe(`${BASE}${path}`);
    const notFound = readFileSync(join(orgDist, "404.html"), "utf8");
    expect(canonicalOf(notFound)).toBeUndefined();
    expect(notFound).toContain('<meta name="robots" content="noindex">');
  });

  it("writes no relative canonical link when the site does not know its address (search engines refuse them)", () => {
    for (const path of ["/", ...pages.slice(0, 5).map((p) => p.url)]) expect(canonicalOf(read(dist, path)), path).toBeUndefined();
    const robots = readFileSync(join(dist, "robots.txt"), "utf8");
    expect(robots).not.toMatch(/^Sitemap:/m);
    expect(robots).toContain("# The sitemap is /sitemap.xml.");
  });

  it("carries Open Graph and Twitter tags that say what the page says, with the site's icon as the image", () => {
    for (const p of [...pages, { url: "/", kind: "home" }]) {
      const html = read(orgDist, p.url);
      const title = decode(/<title>([^<]*)<\/title>/.exec(html)![1]!);
      const description = decode(/<meta name="description" content="([^"]*)"/.exec(html)![1]!);
      expect(meta(html, "property", "og:title"), p.url).toBe(title);
      expect(meta(html, "property", "og:description"), p.url).toBe(description);
      expect(meta(html, "property", "og:url"), p.url).toBe(`${BASE}${p.url}`);
      expect(meta(html, "property", "og:type"), p.url).toBe(p.kind === "home" ? "website" : "article");
      expect(meta(html, "property", "og:site_name"), p.url).toBe("Contoso IT help");
      expect(meta(html, "property", "og:image"), p.url).toBe(`${BASE}/og-image.png`);
      expect(meta(html, "name", "twitter:card"), p.url).toBe("summary");
      expect(meta(html, "name", "twitter:title"), p.url).toBe(title);
      expect(meta(html, "name", "twitter:description"), p.url).toBe(description);
    }
    const png = readFileSync(join(orgDist, "og-image.png"));
    expect(png.subarray(1, 4).toString()).toBe("PNG");
    expect(png.readUInt32BE(16)).toBe(512);
  });

  it("describes each article in JSON-LD with only what the page shows: its title, description, review date and crumbs", () => {
    for (const p of pages) {
      const html = read(orgDist, p.url);
      const [article, crumbs] = jsonLdOf(html);
      expect(article?.["@type"], p.url).toBe("TechArticle");
      expect(article?.headline, p.url).toBe(textOf(/<h1[^>]*>([\s\S]*?)<\/h1>/.exec(html)![1]!));
      expect(article?.description, p.url).toBe(decode(/<meta name="description" content="([^"]*)"/.exec(html)![1]!));
      expect(article?.dateModified, p.url).toBe(/<time datetime="([^"]+)"/.exec(html)![1]);
      expect(article?.url, p.url).toBe(`${BASE}${p.url}`);
      expect(Object.keys(article!).sort(), p.url).toEqual(["@context", "@type", "dateModified", "description", "headline", "inLanguage", "mainEntityOfPage", "url"]);
      // The trail is the one above the title: the same names, linking where the page's crumbs link.
      const shown = /<p class="crumbs">([\s\S]*?)<\/p>/.exec(html)![1]!;
      const names = textOf(shown).split(" › ");
      const items = (crumbs?.itemListElement as { name: string; item: string; position: number }[]) ?? [];
      expect(crumbs?.["@type"], p.url).toBe("BreadcrumbList");
      expect(items.map((i) => i.name), p.url).toEqual(names);
      const links = [...shown.matchAll(/href="([^"]*)"/g)].map((m) => `${BASE}${m[1]}`);
      expect(items.slice(0, -1).map((i) => i.item), p.url).toEqual(links);
      expect(items.at(-1)?.item, p.url).toBe(`${BASE}${p.url}`);
    }
    // Tools and the home page are not articles.
    expect(jsonLdOf(read(orgDist, "/"))).toEqual([]);
  });
});

describe("for assistants and scripts", () => {
  it("publishes every page as Markdown, linked from the page", () => {
    for (const p of pages) {
      const twin = `${p.url.replace(/\/$/, "")}.md`;
      expect(existsSync(join(dist, twin)), twin).toBe(true);
      expect(read(dist, p.url), p.url).toContain(`<link rel="alternate" type="text/markdown" href="${twin}"`);
      const md = readFileSync(join(dist, twin), "utf8");
      expect(md.startsWith(`# ${p.title}\n`), twin).toBe(true);
      expect(readFileSync(join(orgDist, twin), "utf8"), twin).toContain(`Web page: ${BASE}${p.url}`);
    }
  });

  it("keeps every step's commands verbatim in fenced blocks, with its safety notes and sources, and says the steps are safe only under the page's conditions", () => {
    for (const sc of kb.scenarios.values()) {
      const md = readFileSync(join(dist, `codes/${sc.code}/${sc.app}.md`), "utf8");
      const where = `${sc.code}/${sc.app}`;
      expect(md, where).toContain(SAFETY_LINE);
      for (const step of sc.steps) {
        const at = md.indexOf(`. ${step.title}\n`);
        expect(at, `${where}: ${step.id}`).toBeGreaterThan(0);
        const section = md.slice(at, md.indexOf("\n### ", at + 1) === -1 ? undefined : md.indexOf("\n### ", at + 1));
        expect(section, `${where}: ${step.id}`).toMatch(/\nSafety: .+\./);
        if (step.needsAdmin) expect(section, `${where}: ${step.id}`).toContain("Needs admin rights");
        if (step.neverOnManaged) expect(section, `${where}: ${step.id}`).toContain("Not on managed PCs");
        for (const ins of step.instructions) {
          if (typeof ins !== "object") continue;
          const lines = ins.run.split("\n").map((l) => `   ${l}`).join("\n");
          expect(section, `${where}: ${step.id}: ${ins.run}`).toMatch(new RegExp(`\\n {3}\`{3,}[a-z]*\\n${lines.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}\\n {3}\`{3,}\\n`));
        }
        for (const id of step.sources) expect(section, `${where}: ${step.id}: ${id}`).toContain(`(${kb.sources.get(id)!.url})`);
      }
      for (const stop of sc.stops) expect(md, `${where}: stop ${stop.id}`).toContain(`- ${stop.title.trim()}`);
      for (const ref of sc.references) expect(md, `${where}: reference ${ref}`).toContain(kb.sources.get(ref)!.url);
    }
    for (const cl of kb.checklists.values()) expect(readFileSync(join(dist, `codes/${cl.code}/admin.md`), "utf8")).toContain(SAFETY_LINE);
  });

  it("lists every page's Markdown in /llms.txt, with the deep link", () => {
    const txt = readFileSync(join(orgDist, "llms.txt"), "utf8");
    expect(txt.startsWith("# Contoso IT help\n\n> ")).toBe(true);
    for (const p of pages) expect(txt, p.url).toContain(`](${BASE}${p.url.replace(/\/$/, "")}.md)`);
    expect(txt).toContain(`${BASE}/?code=0xCAA50021`);
    expect(txt).toContain(SAFETY_LINE);
  });
});
