import { loadSiteKb } from "../../lib/kb-fs.ts";
import { buildCodesFile } from "../../lib/data.ts";

/** `/api/codes.json`: every code hub. */
export function GET(): Response {
  return new Response(JSON.stringify(buildCodesFile(loadSiteKb())), { headers: { "content-type": "application/json" } });
}
