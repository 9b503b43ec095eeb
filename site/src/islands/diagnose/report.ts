/**
 * The report panel at the end of a diagnostic: exactly what will be shared (redacted by default),
 * in Markdown, plain text or JSON, to copy, download or print. Built by the core's report module.
 */
import { buildReport, renderReport, type ReportData, type ReportFormat } from "../../../../src/report/report.ts";
import { foundAnswers } from "../../lib/settled.ts";
import { h } from "../dom.ts";
import { button, type Ctx } from "./ui.ts";

const EXT: Record<ReportFormat, string> = { md: "md", txt: "txt", json: "json" };
const MIME: Record<ReportFormat, string> = { md: "text/markdown", txt: "text/plain", json: "application/json" };

/** The report's data as it will be shared (redacted unless the person unticked the box). */
function reportData(ctx: Ctx): ReportData | undefined {
  // The links are absolute (IT opens them from an e-mail): the organisation's public address when
  // it set one, else the address this page was opened at.
  // Answers the analyzer read are labelled as its findings in the report, not as the person's words.
  const found = foundAnswers(ctx.session, ctx.settled);
  return buildReport({ kb: ctx.kb, session: ctx.session, startedAt: ctx.report.startedAt, generatedAt: new Date().toISOString(), ...(found.length ? { found } : {}) }, { redact: ctx.report.redact, baseUrl: ctx.org.baseUrl ?? location.origin });
}

/** The report as it will be shared, in one format. */
export function reportText(ctx: Ctx, format: ReportFormat = ctx.report.format): string {
  const data = reportData(ctx);
  return data ? renderReport(data, format) : "";
}

/** The file name a report is saved under. */
export function reportFileName(ctx: Ctx, format: ReportFormat): string {
  return `fixpath-${ctx.code}-${ctx.app}.${EXT[format]}`;
}

/** Saves `text` as a file in the person's downloads. */
export function downloadText(text: string, fileName: string, format: ReportFormat): void {
  const url = URL.createObjectURL(new Blob([text], { type: MIME[format] }));
  const a = h("a", { href: url, download: fileName });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/**
 * The report as a document for print: headings, lists and links from the Markdown the core renders
 * (its grammar is the report renderer's own: `#`/`##` headings, `**group**` lines, `- ` items,
 * `[title](url)` links). Built as DOM nodes with text, so nothing in the report is read as markup.
 */
export function printable(md: string): HTMLElement {
  const out = h("div", { class: "report-print", "data-report-print": "" });
  let list: HTMLUListElement | undefined;
  const inline = (text: string): (string | HTMLElement)[] => {
    const parts: (string | HTMLElement)[] = [];
    let last = 0;
    for (const m of text.matchAll(/\[([^\]]+)\]\(([^)\s]+)\)/g)) {
      parts.push(text.slice(last, m.index), h("a", { href: m[2]! }, m[1]!));
      last = m.index + m[0].length;
    }
    parts.push(text.slice(last));
    return parts.filter((p) => p !== "");
  };
  for (const line of md.split("\n")) {
    if (line.startsWith("- ")) {
      if (!list) out.append((list = h("ul", {})));
      list.append(h("li", {}, ...inline(line.slice(2))));
      continue;
    }
    list = undefined;
    if (line.startsWith("# ")) out.append(h("h2", {}, line.slice(2)));
    else if (line.startsWith("## ")) out.append(h("h3", {}, line.slice(3)));
    else if (/^\*\*.+\*\*$/.test(line)) out.append(h("h4", {}, line.slice(2, -2)));
    else if (line.trim()) out.append(h("p", {}, ...inline(line)));
  }
  return out;
}

export function reportSection(ctx: Ctx, open: boolean): HTMLElement {
  const pre = h("pre", { "data-report-preview": "", tabindex: "0", "aria-label": "Report preview" });
  const text = (format: ReportFormat = ctx.report.format): string => reportText(ctx, format);
  const print = h("div", { class: "report-print" });
  // One report built per change, rendered for the preview and for print.
  const refresh = () => {
    const data = reportData(ctx);
    pre.textContent = data ? renderReport(data, ctx.report.format) : "";
    print.replaceChildren(...printable(data ? renderReport(data, "md") : "").childNodes);
  };
  const started = h("input", { id: "dx-started", type: "text", value: ctx.report.startedAt, placeholder: "e.g. Monday morning, after a password change" });
  started.addEventListener("input", () => {
    ctx.report.startedAt = started.value;
    refresh();
  });
  const redact = h("input", { id: "dx-redact", type: "checkbox", checked: ctx.report.redact });
  redact.addEventListener("change", () => {
    ctx.report.redact = redact.checked;
    refresh();
  });
  const format = h("select", { id: "dx-format" }, ...(["md", "txt", "json"] as const).map((f) => h("option", { value: f, selected: f === ctx.report.format }, f === "md" ? "Markdown" : f === "txt" ? "Plain text" : "JSON")));
  format.addEventListener("change", () => {
    ctx.report.format = format.value as ReportFormat;
    refresh();
  });
  const download = (f: ReportFormat) => downloadText(text(f), reportFileName(ctx, f), f);
  const copy = button(
    "Copy report",
    () => {
      void navigator.clipboard.writeText(text()).then(
        () => (copy.textContent = "Copied"),
        () => (copy.textContent = "Select the preview and copy"),
      );
    },
    "btn",
    { "data-copy-report": "" },
  );
  const section = h(
    "details",
    { class: "report", open },
    h("summary", {}, h("strong", {}, "Report for IT")),
    h("p", {}, "Exactly what you will share is shown below. Identifiers such as e-mail addresses and device ids are hidden unless you untick the box."),
    h("label", { class: "field", for: "dx-started" }, "When did the problem start? (optional)"),
    started,
    h("label", { class: "check", for: "dx-redact" }, redact, "Hide personal identifiers (recommended)"),
    h("label", { class: "field", for: "dx-format" }, "Format of the preview and copy "),
    format,
    pre,
    print,
    h(
      "div",
      { class: "cta noprint" },
      copy,
      button("Download .md", () => download("md"), "btn alt small"),
      button("Download .txt", () => download("txt"), "btn alt small"),
      button("Download .json", () => download("json"), "btn alt small"),
      button(
        "Print",
        () => {
          document.documentElement.dataset.print = "report";
          window.print();
          delete document.documentElement.dataset.print;
        },
        "btn alt small",
      ),
    ),
  );
  refresh();
  // Printing (the button or the browser's menu) prints the report as a document, without the plan beside it.
  window.addEventListener("beforeprint", () => {
    section.open = true;
    document.documentElement.dataset.print = "report";
  });
  window.addEventListener("afterprint", () => delete document.documentElement.dataset.print);
  return section;
}
