import { suggest } from "../issue.ts";
import type { Rule } from "./rule.ts";
import { sourceLists } from "./walk.ts";

export default {
  code: "kb/unknown-source",
  description: "Every source a page cites is in a sources file.",
  check(ctx, report) {
    const { sources } = ctx.kb;
    // A sources file that did not load is reported already; its ids are not reported again.
    if (ctx.broken.sourcesFile && ctx.broken.sources.size === 0) return;
    for (const { file, refs, path } of sourceLists(ctx)) {
      refs.forEach((ref, i) => {
        if (sources.has(ref) || ctx.broken.sources.has(ref)) return;
        report({ file, path: [...path, i], message: `unknown source "${ref}"`, hint: `${suggest(ref, [...sources.keys()], "a source id from content/sources.yaml")}; or add it to content/sources.yaml` });
      });
    }
  },
} satisfies Rule;
