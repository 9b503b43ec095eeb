import type { Rule } from "./rule.ts";

export default {
  code: "kb/missing-checklist",
  description: "A hub that says `checklist: yes` has content/<code>/admin.yaml.",
  check(ctx, report) {
    for (const { id, file, data: hub } of ctx.hubs) {
      if (hub.checklist !== "yes" || ctx.pageExists(`${id}/admin`)) continue;
      report({ file, path: ["checklist"], message: `no checklist file content/${id}/admin.yaml`, hint: "write it, or set `checklist: planned`" });
    }
  },
} satisfies Rule;
