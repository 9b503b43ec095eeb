import { suggest } from "../issue.ts";
import { placeOf } from "./context.ts";
import type { Rule } from "./rule.ts";

export default {
  code: "kb/unknown-code",
  description: "A scenario's or checklist's code has a hub.",
  check(ctx, report) {
    for (const p of ctx.parsed) {
      if (p.kind !== "scenario" && p.kind !== "checklist") continue;
      const place = placeOf(p, ctx.resolve, ctx.broken);
      if (place.ok || place.problem !== "unknown-code") continue;
      report({ file: p.file.display, path: ["code"], message: `no hub for code "${p.data.code}"`, hint: `create content/${p.folder}/code.yaml, or ${suggest(p.data.code, [...ctx.kb.codes.keys()])}` });
    }
  },
} satisfies Rule;
