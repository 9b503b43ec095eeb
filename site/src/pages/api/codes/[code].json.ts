import { loadSiteKb } from "../../../lib/kb-fs.ts";
import { buildCodeFile } from "../../../lib/data.ts";

export function getStaticPaths() {
  return [...loadSiteKb().codes.keys()].map((code) => ({ params: { code } }));
}

/** `/api/codes/<code>.json`: one hub with its scenarios, checklist and sources. */
export function GET({ params }: { params: { code: string } }): Response {
  return new Response(JSON.stringify(buildCodeFile(loadSiteKb(), params.code)), { headers: { "content-type": "application/json" } });
}
