// Build-time only: the split lookup index of the site's knowledge base, made once per build.
import { buildLookupIndex, splitLookupIndex, type SplitIndex } from "../../../src/lookup/index.ts";
import { loadSiteKb } from "./kb-fs.ts";

let cached: { kb: object; split: SplitIndex } | undefined;

/** The manifest (`/api/lookup.json`) and the files under `/api/lookup/<version>/`. */
export function siteLookupSplit(): SplitIndex {
  const kb = loadSiteKb();
  if (cached?.kb !== kb) cached = { kb, split: splitLookupIndex(buildLookupIndex(kb)) };
  return cached.split;
}
