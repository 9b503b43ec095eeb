import { factsRead } from "../conditions.ts";
import type { Rule } from "./rule.ts";

export default {
  code: "kb/missing-stop",
  description: "A scenario only work accounts produce has a not-this-error stop that reads accountType.",
  check(ctx, report) {
    for (const { file, data: sc } of ctx.scenarios) {
      if (sc.accountTypes.includes("personal")) continue;
      if (sc.stops.some((st) => st.outcome === "not-this-error" && factsRead(st.when).has("accountType"))) continue;
      report({ file, path: ["accountTypes"], message: "only work accounts produce this code here, but no not-this-error stop reads accountType", hint: "add a stop: when { fact: accountType, is: personal }, outcome: not-this-error" });
    }
  },
} satisfies Rule;
