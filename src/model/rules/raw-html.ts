import type { Rule } from "./rule.ts";
import { allPages, walkStrings } from "./walk.ts";

const TAG = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i;
/** Angle-bracket placeholders such as <code> in page ids and commands are text, not markup. */
const PLACEHOLDER = /^<(?:code|app|organisation|last5|organization)>$/i;

export default {
  code: "kb/raw-html",
  description: "Content is Markdown: no raw HTML outside backticks (commands are not checked).",
  check(ctx, report) {
    for (const { file, data } of allPages(ctx)) {
      walkStrings(data, [], (text, at) => {
        const html = TAG.exec(text);
        if (html && !PLACEHOLDER.test(html[0]) && !isInsideBackticks(text, html.index)) {
          report({ file, path: at, message: `raw HTML "${html[0]}" in content`, hint: "use Markdown, or put it in backticks if it is literal text" });
        }
      });
    }
  },
} satisfies Rule;

function isInsideBackticks(text: string, index: number): boolean {
  return (text.slice(0, index).match(/`/g)?.length ?? 0) % 2 === 1;
}
