/**
 * The analyzer island (`/analyze/`): paste or drop `dsregcmd /status` output or an error message;
 * see findings (pass / warn / fail) with the lines they rest on and the step that deals with each,
 * and carry the facts it supports into the diagnostic. The paste is analysed here and never sent
 * anywhere (this module makes no request with it) and never rendered as markup (textContent only).
 */
import { analyzePaste, type Analysis } from "../../../src/evidence/analyze.ts";
import type { Finding } from "../../../src/evidence/dsregcmd/findings.ts";
import type { Candidate } from "../../../src/evidence/error-text/recognize.ts";
import type { JoinType, PrtState } from "../../../src/evidence/dsregcmd/derive.ts";
import { FACTS, isFactName, type Facts } from "../../../src/model/index.ts";
import { APP_LABELS } from "../lib/view.ts";
import { diagnoseHref } from "../lib/answers-url.ts";
import type { CodesFile } from "../lib/data.ts";
import { h } from "./dom.ts";
import { getCodesFile, recogniserView } from "./kb-client.ts";

const form = document.querySelector<HTMLFormElement>("[data-analyze-form]")!;
const textarea = form.querySelector("textarea")!;
const out = document.querySelector<HTMLElement>("[data-analyze-out]")!;
let codes: CodesFile | undefined;
// The code table is public data; loading it sends nothing from the paste.
const ready = getCodesFile().then(
  (c) => (codes = c),
  () => undefined,
);

const STATUS_WORDS = { pass: "Pass", warn: "Check", fail: "Fail" } as const;

async function run(input: string | Uint8Array, lineSource?: string): Promise<void> {
  await ready;
  const analysis = analyzePaste(input, codes ? { kb: recogniserView(codes) } : {});
  const text = lineSource ?? (typeof input === "string" ? input : "");
  show(analysis, text.split(/\r?\n/));
}

function linesOf(all: string[], numbers: number[]): HTMLElement | null {
  const picked = numbers.filter((n) => n >= 1 && n <= all.length).slice(0, 6);
  if (picked.length === 0) return null;
  return h("pre", { class: "lines" }, picked.map((n) => `${String(n).padStart(4)}  ${all[n - 1]!.trim()}`).join("\n"));
}

function findingItem(f: Finding, all: string[]): HTMLElement {
  return h(
    "li",
    { class: "card", "data-finding": f.id, "data-status": f.status },
    h("span", { class: `tag t-${f.status}` }, STATUS_WORDS[f.status]),
    " ",
    f.message,
    f.lines.length > 0 ? h("p", { class: "expect" }, `Line${f.lines.length > 1 ? "s" : ""} ${f.lines.join(", ")} of your paste:`) : null,
    f.lines.length > 0 ? linesOf(all, f.lines) : null,
    h("p", {}, "What to do: ", h("a", { href: f.link.href }, f.link.title)),
  );
}

function candidateList(candidates: Candidate[]): HTMLElement | null {
  if (candidates.length === 0) return null;
  return h("ul", {}, ...candidates.slice(0, 6).map((c) => h("li", {}, h("a", { href: c.url }, c.title), ` (${c.reasons.join("; ")})`)));
}

function diagnoseLink(facts: Facts, candidates: Candidate[]): HTMLElement {
  const top = candidates.find((c) => c.kind === "scenario") ?? candidates[0];
  const [code, app] = top ? top.pageId.split("/") : [];
  return h("a", { class: "btn", href: diagnoseHref({ code, app }, facts), "data-use-answers": "" }, "Use these answers in the diagnostic");
}

/** The derived states in words (never the raw values). */
const JOIN_WORDS: Record<JoinType, string> = {
  "entra-joined": "joined to Microsoft Entra ID",
  "hybrid-joined": "Microsoft Entra hybrid joined",
  registered: "registered with Microsoft Entra ID",
  "domain-joined-only": "joined to an on-premises domain only",
  "on-premises-drs-joined": "joined through an on-premises registration service",
  "not-joined": "not joined",
  unknown: "not shown in the paste",
};
const PRT_WORDS: Record<PrtState["value"], string> = { present: "present", missing: "missing", failed: "failed", unknown: "not shown in the paste" };

/** A fact as the fact table words it, without its full stop ("The device is Microsoft Entra hybrid joined"). */
function factWords(fact: string): string {
  return isFactName(fact) ? FACTS[fact].description.replace(/\.$/, "") : fact;
}

/** "hybridJoined stays unknown: …" (the evidence module's note) in people's words. */
function noteWords(note: string): string {
  const m = /^(\w+) stays unknown: (.*)$/.exec(note);
  return m && isFactName(m[1]!) ? `${factWords(m[1]!)}: not known from this capture (${m[2]!.replace(/\.$/, "")}).` : note;
}

/** "…which the managed fact counts as…" (the evidence module's words) without the fact's name. */
function becauseWords(text: string): string {
  return text.replace(/\bthe (\w+) fact\b/g, (whole, fact: string) => (isFactName(fact) ? "Fixpath" : whole));
}

function show(analysis: Analysis, all: string[]): void {
  if (!analysis.ok) {
    out.replaceChildren(h("div", { class: "notice", role: "alert" }, ...analysis.issues.map((i) => `${i.message}${i.hint ? `. ${i.hint}` : ""}`)));
    return;
  }
  const parts: HTMLElement[] = [];
  if (analysis.kind === "dsregcmd") {
    const { findings, facts, state } = analysis.dsregcmd;
    const counts = { pass: 0, warn: 0, fail: 0 };
    for (const f of findings) counts[f.status]++;
    parts.push(
      h("h2", { tabindex: "-1" }, "What your dsregcmd /status shows"),
      h("p", {}, `Join type: ${JOIN_WORDS[state.joinType.value]} · primary refresh token: ${PRT_WORDS[state.prt.value]} · ${counts.fail} to fix, ${counts.warn} to check, ${counts.pass} fine.`),
      h("ol", { class: "findings", style: "list-style:none;padding:0" }, ...findings.map((f) => findingItem(f, all))),
    );
    const support = facts.support;
    parts.push(
      h("h2", {}, "Answers this capture gives the diagnostic"),
      support.length ? h("ul", {}, ...support.map((s) => h("li", { "data-fact": s.fact }, `${factWords(s.fact)}: ${s.value === true ? "yes" : s.value === false ? "no" : String(s.value)} (${becauseWords(s.because)}; line ${s.lines.join(", ")})`))) : h("p", {}, "None: the capture does not settle any question."),
      h("ul", { class: "expect" }, ...facts.notes.map((n) => h("li", {}, noteWords(n)))),
      h("div", { class: "cta" }, diagnoseLink(facts.facts, analysis.recognition.candidates)),
    );
  } else {
    const r = analysis.recognition;
    parts.push(h("h2", { tabindex: "-1" }, analysis.recognised ? "What we recognised in the message" : "We did not recognise this text"));
    if (r.codes.length) parts.push(h("p", {}, "Codes: ", r.codes.map((c) => c.display).join(", ")));
    if (r.apps.length) parts.push(h("p", {}, "Apps: ", r.apps.map((a) => APP_LABELS[a.app]).join(", ")));
    const list = candidateList(r.candidates);
    if (list) parts.push(h("h3", {}, "Pages that fit"), list, h("div", { class: "cta" }, diagnoseLink({}, r.candidates)));
    else parts.push(h("p", {}, "Paste the whole error message or the full output of dsregcmd /status, or search for the code on the home page."));
  }
  parts.push(h("p", { class: "expect" }, "This analysis ran in your browser. Nothing you pasted was sent anywhere."));
  out.replaceChildren(...parts);
  out.querySelector<HTMLElement>("h2")?.focus();
}

form.addEventListener("submit", (e) => {
  e.preventDefault();
  void run(textarea.value);
});
form.querySelector("[data-clear]")?.addEventListener("click", () => {
  textarea.value = "";
  out.replaceChildren();
  textarea.focus();
});
textarea.addEventListener("paste", () => setTimeout(() => void run(textarea.value), 0));
form.addEventListener("dragover", (e) => {
  e.preventDefault();
  form.classList.add("over");
});
form.addEventListener("dragleave", () => form.classList.remove("over"));
form.addEventListener("drop", (e) => {
  e.preventDefault();
  form.classList.remove("over");
  const file = e.dataTransfer?.files[0];
  if (!file) return;
  void file.arrayBuffer().then((buf) => {
    const bytes = new Uint8Array(buf);
    const decoded = analyzePaste(bytes);
    // Show the decoded text in the box so the person sees what was read.
    const text = decoded.ok ? new TextDecoder(bytes[0] === 0xff && bytes[1] === 0xfe ? "utf-16le" : bytes[0] === 0xfe && bytes[1] === 0xff ? "utf-16be" : "utf-8").decode(bytes) : "";
    textarea.value = text;
    void run(bytes, text);
  });
});
