import type { PathSegment } from "../issue.ts";
import { formKey } from "./context.ts";
import type { Rule } from "./rule.ts";

export default {
  code: "kb/duplicate-code",
  description: "Each written form of a code (a hub's id or alias) leads to one hub.",
  check(ctx, report) {
    for (const { id, file, data: hub } of ctx.hubs) {
      const forms: [string, PathSegment[]][] = [[hub.id, ["id"]], ...hub.aliases.map((a, i): [string, PathSegment[]] => [a, ["aliases", i]])];
      for (const [form, path] of forms) {
        const owner = ctx.kb.codeIndex.get(formKey(form));
        if (owner !== undefined && owner !== id) report({ file, path, message: `"${form}" already leads to the hub "${owner}"`, hint: `remove it here or from content/${owner}/code.yaml` });
      }
    }
  },
} satisfies Rule;
