import { loadSiteKb } from "../lib/kb-fs.ts";
import { siteAddress } from "../lib/org-fs.ts";
import { renderSitemap } from "../lib/seo.ts";

/** `/sitemap.xml`: every page, `lastmod` from the date it was last reviewed. */
export function GET(): Response {
  return new Response(renderSitemap(loadSiteKb(), siteAddress()), { headers: { "content-type": "application/xml" } });
}
