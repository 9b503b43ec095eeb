import type { Rule } from "./rule.ts";

export default {
  code: "kb/duplicate-item-id",
  description: "A checklist's items have distinct ids.",
  check(ctx, report) {
    for (const { file, data: cl } of ctx.checklists) {
      const ids = new Set<string>();
      cl.items.forEach((item, i) => {
        if (ids.has(item.id)) report({ file, path: ["items", i, "id"], message: `item id "${item.id}" is used twice` });
        ids.add(item.id);
      });
    }
  },
} satisfies Rule;
