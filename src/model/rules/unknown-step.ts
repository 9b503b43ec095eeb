import { suggest } from "../issue.ts";
import type { Rule } from "./rule.ts";

export default {
  code: "kb/unknown-step",
  description: "A shared fix names a step that each of its apps' scenarios has.",
  check(ctx, report) {
    for (const { id, file, data: hub } of ctx.hubs) {
      hub.sharedFixes.forEach((fix, i) => {
        for (const app of fix.apps) {
          const scenario = ctx.kb.scenarios.get(`${id}/${app}`);
          if (!scenario) continue;
          const stepIds = scenario.steps.map((s) => s.id);
          if (stepIds.includes(fix.step)) continue;
          report({ file, path: ["sharedFixes", i, "step"], message: `the ${app} scenario has no step "${fix.step}"`, expected: `a step of content/${id}/${app}.yaml`, received: fix.step, hint: suggest(fix.step, stepIds, "a step id") });
        }
      });
    }
  },
} satisfies Rule;
