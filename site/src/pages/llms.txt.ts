import { loadSiteKb } from "../lib/kb-fs.ts";
import { loadSiteOrg, siteAddress } from "../lib/org-fs.ts";
import { renderLlmsTxt } from "../lib/twin.ts";

/** `/llms.txt`: the site for assistants, listing every page's Markdown twin. */
export function GET(): Response {
  const org = loadSiteOrg();
  return new Response(renderLlmsTxt(loadSiteKb(), { siteName: org.site.name ?? "Fixpath", baseUrl: siteAddress() }), { headers: { "content-type": "text/plain" } });
}
