import type { Rule } from "./rule.ts";
import { relatedLinks } from "./walk.ts";

export default {
  code: "kb/planned-exists",
  description: "Nothing is marked planned once its page exists (related links, a hub's scenarios).",
  check(ctx, report) {
    for (const { file, links } of relatedLinks(ctx)) {
      links.forEach((link, i) => {
        if (link.planned && ctx.pageExists(ctx.normalisePage(link.page))) {
          report({ file, path: ["related", i, "planned"], message: `"${link.page}" is marked planned but the page exists`, hint: "remove `planned: true`" });
        }
      });
    }
    for (const { id, file, data: hub } of ctx.hubs) {
      hub.scenarios.forEach((s, i) => {
        if (s.planned && ctx.kb.scenarios.has(`${id}/${s.app}`)) report({ file, path: ["scenarios", i, "planned"], message: `the ${s.app} scenario exists`, hint: "remove `planned: true`" });
      });
    }
  },
} satisfies Rule;
