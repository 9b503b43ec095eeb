import { placeOf } from "./context.ts";
import type { Rule } from "./rule.ts";

export default {
  code: "kb/app-mismatch",
  description: "A scenario's app is its file name.",
  check(ctx, report) {
    for (const p of ctx.parsed) {
      if (p.kind !== "scenario") continue;
      const place = placeOf(p, ctx.resolve, ctx.broken);
      if (place.ok || place.problem !== "app-mismatch") continue;
      report({ file: p.file.display, path: ["app"], message: "the app must match the file name", expected: place.stem, received: p.data.app, hint: `rename the file to ${p.data.app}.yaml or set app: ${place.stem}` });
    }
  },
} satisfies Rule;
