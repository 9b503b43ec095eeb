import { isFactName, factsWithRole } from "../facts.ts";
import type { Rule } from "./rule.ts";
import { conditionsRead } from "./walk.ts";

export default {
  code: "kb/unasked-fact",
  description: "Every fact a scenario's conditions read is asked by one of its questions (or given by the page).",
  check(ctx, report) {
    const given = new Set<string>(factsWithRole("page"));
    for (const { file, data: sc } of ctx.scenarios) {
      const asked = new Set(sc.questions.map((q) => q.fact));
      for (const [fact, path] of conditionsRead(sc)) {
        if (!isFactName(fact) || asked.has(fact) || given.has(fact)) continue;
        report({ file, path, message: `a condition reads "${fact}" but no question asks it`, hint: `add a question with "fact: ${fact}"` });
      }
    }
  },
} satisfies Rule;
