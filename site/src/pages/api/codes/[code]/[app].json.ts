import { loadSiteKb } from "../../../../lib/kb-fs.ts";
import { buildScenarioFile } from "../../../../lib/data.ts";
import type { App } from "../../../../../../src/model/index.ts";

export function getStaticPaths() {
  return [...loadSiteKb().scenarios.values()].map((s) => ({ params: { code: s.code, app: s.app } }));
}

/** `/api/codes/<code>/<app>.json`: what the diagnostic needs for one scenario. */
export function GET({ params }: { params: { code: string; app: App } }): Response {
  return new Response(JSON.stringify(buildScenarioFile(loadSiteKb(), params.code, params.app)), { headers: { "content-type": "application/json" } });
}
