import { FACT_NAMES, isCodeFact, isFactName } from "../facts.ts";
import type { Rule } from "./rule.ts";

export default {
  code: "kb/switch-fact-not-code",
  description: "A stop's `switchToFact` names a fact that holds a code.",
  check(ctx, report) {
    const codeFacts = FACT_NAMES.filter(isCodeFact);
    for (const { file, data: sc } of ctx.scenarios) {
      sc.stops.forEach((stop, i) => {
        const fact = stop.switchToFact;
        if (fact === undefined || !isFactName(fact) || isCodeFact(fact)) return;
        report({ file, path: ["stops", i, "switchToFact"], message: `"${fact}" does not hold a code`, expected: codeFacts.join(" | "), hint: `use a code fact: ${codeFacts.join(", ")}` });
      });
    }
  },
} satisfies Rule;
