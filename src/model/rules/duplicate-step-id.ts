import type { Rule } from "./rule.ts";

export default {
  code: "kb/duplicate-step-id",
  description: "Steps and avoided actions of a scenario have distinct ids (they share the plan and the anchors).",
  check(ctx, report) {
    for (const { file, data: sc } of ctx.scenarios) {
      const ids = new Set<string>();
      const items = [...sc.steps.map((s, i) => ["step", s.id, "steps", i] as const), ...sc.avoid.map((a, i) => ["action", a.id, "avoid", i] as const)];
      for (const [what, id, list, i] of items) {
        if (ids.has(id)) report({ file, path: [list, i, "id"], message: `${what} id "${id}" is used twice in this scenario`, hint: "give it its own id" });
        ids.add(id);
      }
    }
  },
} satisfies Rule;
