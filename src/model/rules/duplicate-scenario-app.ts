import type { Rule } from "./rule.ts";

export default {
  code: "kb/duplicate-scenario-app",
  description: "A hub lists each app once under `scenarios`.",
  check(ctx, report) {
    for (const { file, data: hub } of ctx.hubs) {
      const listed = new Set<string>();
      hub.scenarios.forEach((s, i) => {
        if (listed.has(s.app)) report({ file, path: ["scenarios", i, "app"], message: `app "${s.app}" is listed twice` });
        listed.add(s.app);
      });
    }
  },
} satisfies Rule;
