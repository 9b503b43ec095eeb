import type { Rule } from "./rule.ts";

export default {
  code: "kb/duplicate-question",
  description: "A scenario asks each fact once.",
  check(ctx, report) {
    for (const { file, data: sc } of ctx.scenarios) {
      const asked = new Set<string>();
      sc.questions.forEach((q, i) => {
        if (asked.has(q.fact)) report({ file, path: ["questions", i, "fact"], message: `fact "${q.fact}" is asked twice` });
        asked.add(q.fact);
      });
    }
  },
} satisfies Rule;
