import type { APIContext } from "astro";
import { loadSiteKb } from "../../../lib/kb-fs.ts";
import { siteAddress } from "../../../lib/org-fs.ts";
import { renderChecklistTwin, renderScenarioTwin } from "../../../lib/twin.ts";

/** `/codes/<code>/<app>.md` and `/codes/<code>/admin.md`: a scenario or checklist as Markdown. */
export function getStaticPaths() {
  const kb = loadSiteKb();
  return [...[...kb.scenarios.values()].map((s) => ({ params: { code: s.code, page: s.app } })), ...[...kb.checklists.keys()].map((code) => ({ params: { code, page: "admin" } }))];
}

export function GET({ params }: APIContext): Response {
  const kb = loadSiteKb();
  const baseUrl = siteAddress();
  const text = params.page === "admin" ? renderChecklistTwin(kb, kb.checklists.get(params.code!)!, baseUrl) : renderScenarioTwin(kb, kb.scenarios.get(`${params.code}/${params.page}`)!, baseUrl);
  return new Response(text, { headers: { "content-type": "text/markdown; charset=utf-8" } });
}
