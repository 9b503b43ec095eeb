import type { Rule } from "./rule.ts";

export default {
  code: "kb/no-first-line",
  description: "A scenario has at least one first-line step.",
  check(ctx, report) {
    for (const { file, data: sc } of ctx.scenarios) {
      if (sc.steps.some((s) => s.tier === "first-line")) continue;
      report({ file, path: ["steps"], message: "a scenario needs at least one first-line step", hint: "mark the first safe steps `tier: first-line`" });
    }
  },
} satisfies Rule;
