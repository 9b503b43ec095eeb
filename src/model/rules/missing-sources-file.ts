import type { Rule } from "./rule.ts";

export default {
  code: "kb/missing-sources-file",
  description: "The content folder has a sources file (content/sources.yaml).",
  check(ctx, report) {
    if (ctx.broken.sourcesFile || ctx.parsed.length === 0 || ctx.parsed.some((p) => p.kind === "sources")) return;
    report({ file: ctx.parsed[0]!.file.display, path: [], message: "content/sources.yaml is missing: every step cites its sources from it", hint: "create content/sources.yaml with kind: sources" });
  },
} satisfies Rule;
