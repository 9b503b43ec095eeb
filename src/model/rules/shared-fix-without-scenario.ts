import type { Rule } from "./rule.ts";

export default {
  code: "kb/shared-fix-without-scenario",
  description: "Every app of a shared fix has a scenario for the code (written or planned).",
  check(ctx, report) {
    for (const { id, file, data: hub } of ctx.hubs) {
      hub.sharedFixes.forEach((fix, i) => {
        fix.apps.forEach((app, j) => {
          if (ctx.pageExists(`${id}/${app}`) || hub.scenarios.some((s) => s.app === app && s.planned)) return;
          report({ file, path: ["sharedFixes", i, "apps", j], message: `no ${app} scenario for this code`, hint: "remove the app, or write its scenario" });
        });
      });
    }
  },
} satisfies Rule;
