import type { Rule } from "./rule.ts";
import { relatedLinks } from "./walk.ts";

export default {
  code: "kb/planned-without-title",
  description: "A planned link has a title: there is no page to take it from.",
  check(ctx, report) {
    for (const { file, links } of relatedLinks(ctx)) {
      links.forEach((link, i) => {
        if (link.planned && !link.title && !ctx.pageExists(ctx.normalisePage(link.page))) {
          report({ file, path: ["related", i, "title"], message: "a planned link needs a title: there is no page to take it from", hint: 'add "title:"', at: "parent" });
        }
      });
    }
  },
} satisfies Rule;
