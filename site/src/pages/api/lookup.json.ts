import { loadSiteKb } from "../../lib/kb-fs.ts";
import { buildLookupIndex, serializeLookupIndex } from "../../../../src/lookup/lookup.ts";

/** `/api/lookup.json`: the search index, loaded by the search island on first use. */
export function GET(): Response {
  return new Response(serializeLookupIndex(buildLookupIndex(loadSiteKb())), { headers: { "content-type": "application/json" } });
}
