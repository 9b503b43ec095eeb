import type { Rule } from "./rule.ts";

export default {
  code: "kb/unlisted-checklist",
  description: "A hub with a checklist file says `checklist: yes`.",
  check(ctx, report) {
    for (const { id, file, data: hub } of ctx.hubs) {
      if (hub.checklist === "yes" || !ctx.kb.checklists.has(id)) continue;
      report({ file, path: ["checklist"], message: `content/${id}/admin.yaml exists but the hub says "${hub.checklist}"`, hint: "set `checklist: yes`" });
    }
  },
} satisfies Rule;
