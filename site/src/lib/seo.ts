/**
 * What search engines, link previews and assistants read of the site: absolute addresses, the
 * sitemap, robots.txt, the JSON-LD of a page and the list of pages. Pure: built from the knowledge
 * base and the organisation's `site.baseUrl`.
 *
 * Without a base URL the site does not know its own address: canonical links are then
 * root-relative (browsers and search engines resolve them against the page) and the sitemap's
 * addresses too. A public deployment sets `site.baseUrl` (the build says so).
 */
import { listPages, type KnowledgeBase, type PageInfo } from "../../../src/model/index.ts";

/** `https://help.example.com` + `/codes/caa50021/`; the path alone without a base. */
export function absoluteUrl(baseUrl: string | undefined, path: string): string {
  const base = baseUrl?.trim().replace(/\/+$/, "");
  return base ? `${base}${path.startsWith("/") ? path : `/${path}`}` : path;
}

/** A crumb of a page's trail, as the page shows it. */
export interface Crumb {
  name: string;
  path: string;
}

/** The date a page says it was last reviewed. */
export function pageReviewed(kb: KnowledgeBase, page: PageInfo): string {
  if (page.kind === "scenario") return kb.scenarios.get(page.id)!.reviewed;
  if (page.kind === "checklist") return kb.checklists.get(page.code)!.reviewed;
  return kb.codes.get(page.code)!.reviewed;
}

/** The description a page carries in its meta tags. */
export function pageDescription(kb: KnowledgeBase, page: PageInfo): string {
  if (page.kind === "scenario") return kb.scenarios.get(page.id)!.description;
  if (page.kind === "checklist") return kb.checklists.get(page.code)!.description;
  return kb.codes.get(page.code)!.description;
}

/** The address of a page's Markdown twin: `/codes/caa50021/` → `/codes/caa50021.md`. */
export function twinUrl(pageUrl: string): string {
  return `${pageUrl.replace(/\/+$/, "")}.md`;
}

/**
 * The structured data of an article page: what the page shows (its title, description, review date
 * and crumbs), nothing more. Without the site's address, addresses are root-relative and the
 * article names no `url`.
 */
export function articleJsonLd(options: { baseUrl?: string; path: string; headline: string; description: string; dateModified: string; crumbs: readonly Crumb[] }): object[] {
  const url = options.baseUrl ? absoluteUrl(options.baseUrl, options.path) : undefined;
  return [
    {
      "@context": "https://schema.org",
      "@type": "TechArticle",
      headline: options.headline,
      description: options.description,
      dateModified: options.dateModified,
      ...(url ? { url, mainEntityOfPage: url } : {}),
      inLanguage: "en",
    },
    {
      "@context": "https://schema.org",
      "@type": "BreadcrumbList",
      itemListElement: options.crumbs.map((c, i) => ({ "@type": "ListItem", position: i + 1, name: c.name, item: absoluteUrl(options.baseUrl, c.path) })),
    },
  ];
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no text can close the element. */
export function jsonLdText(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}

/** The site's indexable pages: home, tools and every knowledge-base page, each with its last review where it has one. */
export function sitemapEntries(kb: KnowledgeBase): { path: string; lastmod?: string }[] {
  const pages = listPages(kb).map((p) => ({ path: p.url, lastmod: pageReviewed(kb, p) }));
  const newest = pages.reduce((a, p) => (p.lastmod > a ? p.lastmod : a), "");
  return [{ path: "/", ...(newest ? { lastmod: newest } : {}) }, ...pages, { path: "/diagnose/" }, { path: "/analyze/" }];
}

const xmlEscape = (text: string): string => text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** `sitemap.xml` (sitemaps.org 0.9). */
export function renderSitemap(kb: KnowledgeBase, baseUrl: string | undefined): string {
  const urls = sitemapEntries(kb).map((e) => `<url><loc>${xmlEscape(absoluteUrl(baseUrl, e.path))}</loc>${e.lastmod ? `<lastmod>${e.lastmod}</lastmod>` : ""}</url>`);
  return `<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls.join("\n")}\n</urlset>\n`;
}

/**
 * `robots.txt`: everything may be crawled except the API and the operator page; names the sitemap
 * by its full address. Without the site's address a relative one would make the file invalid (as
 * with canonical links), so it then says in a comment where the sitemap is and how to name it.
 */
export function renderRobots(baseUrl: string | undefined): string {
  const sitemap = baseUrl ? `Sitemap: ${absoluteUrl(baseUrl, "/sitemap.xml")}` : "# The sitemap is /sitemap.xml. Search engines take it only as a full address: set site.baseUrl in fixpath.config.yaml to name it here.";
  return `User-agent: *\nAllow: /\nDisallow: /api/\nDisallow: /operator/\n\n${sitemap}\n`;
}
