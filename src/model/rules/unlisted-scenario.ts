import { APPS } from "../facts.ts";
import type { Rule } from "./rule.ts";

export default {
  code: "kb/unlisted-scenario",
  description: "A hub lists every scenario written for its code.",
  check(ctx, report) {
    for (const { id, file, data: hub } of ctx.hubs) {
      for (const app of APPS) {
        if (!ctx.kb.scenarios.has(`${id}/${app}`) || hub.scenarios.some((s) => s.app === app)) continue;
        report({ file, path: ["scenarios"], message: `content/${id}/${app}.yaml exists but the hub does not list it`, hint: `add "- app: ${app}" under scenarios` });
      }
    }
  },
} satisfies Rule;
