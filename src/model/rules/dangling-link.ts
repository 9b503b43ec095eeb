import { suggest } from "../issue.ts";
import type { Rule } from "./rule.ts";
import { allPages, relatedLinks, walkStrings } from "./walk.ts";

/** A Markdown link to a page: `](/codes/caa50021/onedrive/#fix-x)`. */
const PAGE_LINK = /\]\((\/codes\/[^)#\s]*)(#[^)\s]*)?\)/g;

export default {
  code: "kb/dangling-link",
  description: "Related links and Markdown links point at pages that exist (or say `planned: true`).",
  check(ctx, report) {
    for (const { file, links } of relatedLinks(ctx)) {
      links.forEach((link, i) => {
        const id = ctx.normalisePage(link.page);
        if (link.planned || ctx.pageExists(id)) return;
        report({ file, path: ["related", i, "page"], message: `no page "${link.page}"`, hint: `${suggest(id, ctx.allPageIds(), "an existing page")}; or mark the link \`planned: true\` with a title` });
      });
    }
    for (const { file, data } of allPages(ctx)) {
      walkStrings(data, [], (text, at) => {
        for (const m of text.matchAll(PAGE_LINK)) {
          const target = m[1]!.replace(/^\/codes\//, "").replace(/\/$/, "");
          if (!ctx.pageExists(ctx.normalisePage(target))) {
            report({ file, path: at, message: `link to "${m[1]}", which is not a page`, hint: suggest(target, ctx.allPageIds(), "an existing page") });
          }
        }
      });
    }
  },
} satisfies Rule;
