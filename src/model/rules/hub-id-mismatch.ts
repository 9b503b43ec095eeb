import type { Rule } from "./rule.ts";

export default {
  code: "kb/hub-id-mismatch",
  description: "A hub's id is the name of its folder.",
  check(ctx, report) {
    for (const p of ctx.parsed) {
      if (p.kind !== "code" || p.data.id === p.folder) continue;
      const id = p.data.id;
      report({ file: p.file.display, path: ["id"], message: "the hub id must match its folder", expected: p.folder, received: id, hint: `rename the folder to content/${id}/ or set id: ${p.folder}` });
    }
  },
} satisfies Rule;
