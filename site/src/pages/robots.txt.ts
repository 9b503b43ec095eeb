import { siteAddress } from "../lib/org-fs.ts";
import { renderRobots } from "../lib/seo.ts";

/** `/robots.txt`, naming the sitemap. */
export function GET(): Response {
  return new Response(renderRobots(siteAddress()), { headers: { "content-type": "text/plain" } });
}
