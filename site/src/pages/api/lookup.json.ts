import { siteLookupSplit } from "../../lib/lookup-split.ts";

/**
 * `/api/lookup.json`: the split search index's manifest (src/lookup/split.ts), loaded by the search
 * island on first use; it names the build's folder `/api/lookup/<version>/`, whose shards and word
 * index the island loads as queries need them.
 */
export function GET(): Response {
  return new Response(JSON.stringify(siteLookupSplit().manifest), { headers: { "content-type": "application/json" } });
}
