import { factsWithRole } from "../facts.ts";
import type { Rule } from "./rule.ts";
import { conditionsRead } from "./walk.ts";

export default {
  code: "kb/unused-question",
  description: "Every question asks a fact that the scenario's conditions (or the engine's safety rules) read.",
  severity: "warning",
  check(ctx, report) {
    const readByEngine = new Set<string>(factsWithRole("engine"));
    for (const { file, data: sc } of ctx.scenarios) {
      const read = conditionsRead(sc);
      sc.questions.forEach((q, i) => {
        if (read.has(q.fact) || readByEngine.has(q.fact)) return;
        report({ file, path: ["questions", i, "fact"], message: `nothing in this scenario reads "${q.fact}"`, hint: "remove the question, or use the fact in a condition" });
      });
    }
  },
} satisfies Rule;
