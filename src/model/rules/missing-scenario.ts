import type { Rule } from "./rule.ts";

export default {
  code: "kb/missing-scenario",
  description: "Every scenario a hub lists is written, or marked `planned: true`.",
  check(ctx, report) {
    for (const { id, file, data: hub } of ctx.hubs) {
      hub.scenarios.forEach((s, i) => {
        if (s.planned || ctx.pageExists(`${id}/${s.app}`)) return;
        report({ file, path: ["scenarios", i, "app"], message: `no scenario file content/${id}/${s.app}.yaml`, hint: "write it, or mark this entry `planned: true`" });
      });
    }
  },
} satisfies Rule;
