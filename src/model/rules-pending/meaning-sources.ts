/**
 * A meaning's sources exist. Every hub and scenario gives its `meaning` the sources that back it
 * (`meaningSources`, required by the schema); this rule checks each id against the source
 * registry, as the loader does for a step's sources. Self-contained (one rule module): it takes
 * the pages and the file each came from, and returns drafts in the loader's shape.
 */
import type { Draft } from "../cross-check.ts";
import { suggest } from "../issue.ts";

/** A page with a meaning: a hub or a scenario. */
interface WithMeaning {
  meaningSources: readonly string[];
}

/** Every `meaningSources` id that is not in the registry, at its place in its file. */
export function meaningSourceRefs(
  pages: ReadonlyMap<string, WithMeaning>,
  files: ReadonlyMap<string, string>,
  sources: ReadonlyMap<string, unknown>,
): Draft[] {
  const drafts: Draft[] = [];
  for (const [id, page] of pages) {
    page.meaningSources.forEach((ref, i) => {
      if (sources.has(ref)) return;
      drafts.push({
        code: "kb/unknown-source",
        file: files.get(id) ?? id,
        path: ["meaningSources", i],
        message: `unknown source "${ref}"`,
        hint: `${suggest(ref, [...sources.keys()], "a source id from content/sources.yaml")}; or add it to content/sources.yaml`,
      });
    });
  }
  return drafts;
}
