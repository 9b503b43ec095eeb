import type { APIContext } from "astro";
import { loadSiteKb } from "../../lib/kb-fs.ts";
import { siteAddress } from "../../lib/org-fs.ts";
import { renderHubTwin } from "../../lib/twin.ts";

/** `/codes/<code>.md`: the hub as Markdown. */
export function getStaticPaths() {
  return [...loadSiteKb().codes.keys()].map((code) => ({ params: { code } }));
}

export function GET({ params }: APIContext): Response {
  const kb = loadSiteKb();
  return new Response(renderHubTwin(kb, kb.codes.get(params.code!)!, siteAddress()), { headers: { "content-type": "text/markdown; charset=utf-8" } });
}
