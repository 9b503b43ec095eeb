import type { Rule } from "./rule.ts";

export default {
  code: "kb/duplicate-stop-id",
  description: "A scenario's stops have distinct ids.",
  check(ctx, report) {
    for (const { file, data: sc } of ctx.scenarios) {
      const ids = new Set<string>();
      sc.stops.forEach((stop, i) => {
        if (ids.has(stop.id)) report({ file, path: ["stops", i, "id"], message: `stop id "${stop.id}" is used twice` });
        ids.add(stop.id);
      });
    }
  },
} satisfies Rule;
