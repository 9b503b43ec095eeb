import type { Rule } from "./rule.ts";

export default {
  code: "kb/unknown-switch-target",
  description: "A switch-guide stop switches to a code that has a hub.",
  check(ctx, report) {
    for (const { file, data: sc } of ctx.scenarios) {
      sc.stops.forEach((stop, i) => {
        if (stop.switchTo === undefined || ctx.codeExists(stop.switchTo)) return;
        report({ file, path: ["stops", i, "switchTo"], message: `no hub for code "${stop.switchTo}"`, hint: "write the hub first, or point at an existing code" });
      });
    }
  },
} satisfies Rule;
