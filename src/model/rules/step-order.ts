import type { Rule } from "./rule.ts";

export default {
  code: "kb/step-order",
  description: "A scenario's first-line steps come before its advanced steps.",
  check(ctx, report) {
    for (const { file, data: sc } of ctx.scenarios) {
      let seenAdvanced = false;
      sc.steps.forEach((step, i) => {
        if (step.tier === "advanced") seenAdvanced = true;
        else if (seenAdvanced) report({ file, path: ["steps", i, "tier"], message: `first-line step "${step.id}" comes after an advanced step`, hint: "move it above the advanced steps" });
      });
    }
  },
} satisfies Rule;
