/**
 * Two captures compared (src/evidence/diff), drawn as a before/after table with the changed rows
 * marked, for the analyzer's "compare with an earlier capture" mode and the diagnostic's check
 * after a step. Words only: no ids, and everything goes in as text.
 */
import type { CaptureDiff, DiffRow, DiffSide } from "../../../src/evidence/diff/diff.ts";
import { h } from "./dom.ts";

type Compared = Extract<CaptureDiff, { ok: true }>;

const CHANGE: Record<DiffRow["change"], { tag: string; words: string }> = {
  better: { tag: "t-pass", words: "Better" },
  worse: { tag: "t-fail", words: "Worse" },
  changed: { tag: "t-warn", words: "Changed" },
  same: { tag: "", words: "Same" },
  "only-before": { tag: "", words: "Only before" },
  "only-after": { tag: "", words: "Only after" },
};

const cell = (s: DiffSide) => h("td", { "data-tone": s.tone }, s.words, s.lines.length ? h("span", { class: "expect" }, ` (line${s.lines.length > 1 ? "s" : ""} ${s.lines.slice(0, 6).join(", ")})`) : null);

/** Changed rows first (marked), then the unchanged ones, then those only one capture shows. */
export function diffTable(diff: Compared): HTMLElement {
  const order = (r: DiffRow) => (r.change === "better" || r.change === "worse" || r.change === "changed" ? 0 : r.change === "same" ? 1 : 2);
  const rows = [...diff.rows].sort((a, b) => order(a) - order(b));
  const changed = rows.filter((r) => order(r) === 0).length;
  return h(
    "div",
    { class: "diff", "data-diff": "" },
    h("p", {}, changed ? `${changed} thing${changed === 1 ? "" : "s"} changed between the two captures.` : "Nothing that both captures show changed."),
    diff.order.order === "reversed" ? h("p", { class: "notice", "data-diff-order": "reversed" }, `Check the order: ${diff.order.reason}.`) : null,
    // The order is the notice above.
    ...diff.notes.filter((n) => n.about !== "order").map((n) => h("p", { class: "expect" }, n.words)),
    h(
      "table",
      {},
      h("caption", { class: "expect" }, "Before and after, with the lines of each capture it rests on"),
      h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "What"), h("th", { scope: "col" }, "Before"), h("th", { scope: "col" }, "After"), h("th", { scope: "col" }, "What it means"))),
      h(
        "tbody",
        {},
        ...rows.map((r) =>
          h(
            "tr",
            { "data-diff-row": r.key, "data-change": r.change, class: order(r) === 0 ? "changed" : undefined },
            h("th", { scope: "row" }, CHANGE[r.change].tag ? h("span", { class: `tag ${CHANGE[r.change].tag}` }, CHANGE[r.change].words) : null, CHANGE[r.change].tag ? " " : null, r.label),
            cell(r.before),
            cell(r.after),
            h("td", {}, r.meaning),
          ),
        ),
      ),
    ),
  );
}

/** Why two captures were not compared, with what to do. */
export function diffProblem(diff: Extract<CaptureDiff, { ok: false }>): HTMLElement {
  const side = (file: string | undefined) => (file === "<before>" ? "The earlier capture: " : file === "<after>" ? "The later capture: " : "");
  return h("div", { class: "notice", role: "alert", "data-diff-problem": diff.issues[0]?.code ?? "" }, ...diff.issues.map((i) => h("p", {}, `${side(i.file)}${i.message.replace(/\.?$/, ".")}${i.hint ? ` ${i.hint}` : ""}`)));
}
