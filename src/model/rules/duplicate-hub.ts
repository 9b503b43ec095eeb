import type { Rule } from "./rule.ts";

export default {
  code: "kb/duplicate-hub",
  description: "A code has one hub.",
  check(ctx, report) {
    const seen = new Set<string>();
    for (const p of ctx.parsed) {
      if (p.kind !== "code") continue;
      if (seen.has(p.data.id)) report({ file: p.file.display, path: ["id"], message: `code "${p.data.id}" has two hubs`, hint: "merge them" });
      seen.add(p.data.id);
    }
  },
} satisfies Rule;
