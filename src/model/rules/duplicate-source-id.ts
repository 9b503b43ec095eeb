import type { Rule } from "./rule.ts";

export default {
  code: "kb/duplicate-source-id",
  description: "Every source id is unique across all sources files.",
  check(ctx, report) {
    const seen = new Set<string>();
    for (const p of ctx.parsed) {
      if (p.kind !== "sources") continue;
      p.data.sources.forEach((s, i) => {
        if (seen.has(s.id)) report({ file: p.file.display, path: ["sources", i, "id"], message: `source id "${s.id}" is used twice`, hint: "give each source its own id" });
        seen.add(s.id);
      });
    }
  },
} satisfies Rule;
