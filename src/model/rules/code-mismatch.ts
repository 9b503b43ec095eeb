import { placeOf } from "./context.ts";
import type { Rule } from "./rule.ts";

export default {
  code: "kb/code-mismatch",
  description: "A scenario's or checklist's code is the code of its folder.",
  check(ctx, report) {
    for (const p of ctx.parsed) {
      if (p.kind !== "scenario" && p.kind !== "checklist") continue;
      const place = placeOf(p, ctx.resolve, ctx.broken);
      if (place.ok || place.problem !== "code-mismatch") continue;
      report({ file: p.file.display, path: ["code"], message: "the code must match the folder", expected: p.folder, received: p.data.code, hint: `move the file to content/${place.code}/` });
    }
  },
} satisfies Rule;
