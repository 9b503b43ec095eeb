/**
 * The analyzer island (`/analyze/`): paste or drop the evidence bundle's output (or one of its
 * parts), `dsregcmd /status` output or an error message. A bundle shows a device card (join type,
 * management, admin rights, edition, apps, accounts), then its findings with their lines, and the
 * points nobody has confirmed yet for the parts it holds. For every kind:
 * see findings (pass / warn / fail) with the lines they rest on and the step that deals with each,
 * and carry the facts it supports into the diagnostic. The paste is analysed here and never sent
 * anywhere (this module makes no request with it) and never rendered as markup (textContent only).
 */
import { bundleFindings } from "../../../src/report/bundle-findings.ts";
import type { FindingGroup } from "../../../src/engine/session.ts";
import { saveAnswers, saveHandoff, type HandedAnswers } from "../lib/handoff.ts";
import { analyzePaste, type Analysis, type BundleAnalysis } from "../../../src/evidence/analyze.ts";
import type { BundleFinding } from "../../../src/evidence/bundle/findings.ts";
import { sectionWords } from "../../../src/evidence/bundle/to-facts.ts";
import type { Finding } from "../../../src/evidence/dsregcmd/findings.ts";
import type { Candidate, Recognition } from "../../../src/evidence/error-text/recognize.ts";
import type { FactSupport } from "../../../src/evidence/facts.ts";
import { JOIN_WORDS, PRT_WORDS } from "../../../src/evidence/dsregcmd/words.ts";
import { FACTS, displayCode, isFactName, type Facts } from "../../../src/model/index.ts";
import { APP_LABELS } from "../lib/view.ts";
import { diagnoseHref } from "../lib/answers-url.ts";
import { diagnoseTarget } from "../lib/diagnose-target.ts";
import type { CodesFile } from "../lib/data.ts";
import { diffAnalyses } from "../../../src/evidence/diff/diff.ts";
import { diffProblem, diffTable } from "./diff-table.ts";
import { h } from "./dom.ts";
import { getCodesFile, recogniserView } from "./kb-client.ts";

const form = document.querySelector<HTMLFormElement>("[data-analyze-form]")!;
const textarea = form.querySelector<HTMLTextAreaElement>("#paste")!;
const beforeArea = form.querySelector<HTMLTextAreaElement>("[data-before]");
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
  const before = beforeArea?.value ?? "";
  if (before.trim() && analysis.ok) {
    out.prepend(...compared(analyzePaste(before), analysis));
    out.querySelector<HTMLElement>("[data-compare-result]")?.focus();
  }
}

/** "Compare with an earlier capture": the earlier paste against this one, as a before/after table. */
function compared(before: Analysis, after: Analysis): HTMLElement[] {
  const diff = diffAnalyses(before, after);
  return [h("h2", { tabindex: "-1", "data-compare-result": "" }, "What changed since the earlier capture"), diff.ok ? diffTable(diff) : diffProblem(diff)];
}

function linesOf(all: string[], numbers: number[]): HTMLElement | null {
  const picked = numbers.filter((n) => n >= 1 && n <= all.length).slice(0, 6);
  if (picked.length === 0) return null;
  return h("pre", { class: "lines" }, picked.map((n) => `${String(n).padStart(4)}  ${all[n - 1]!.trim()}`).join("\n"));
}

/** The bundle's UNCONFIRMED points, from the page (content/evidence-bundle.yaml). */
interface Unconfirmed {
  points: { id: string; text: string }[];
  sections: { id: string; unconfirmed: string[] }[];
}
const unconfirmed: Unconfirmed | undefined = (() => {
  const raw = document.querySelector<HTMLElement>("[data-unconfirmed-json]")?.dataset.unconfirmedJson;
  try {
    return raw ? (JSON.parse(raw) as Unconfirmed) : undefined;
  } catch {
    return undefined;
  }
})();

const TONE_WORDS = { good: "Fine", warn: "Note", bad: "Problem", unknown: "Not known", info: "" } as const;

function deviceCard(b: BundleAnalysis, all: string[]): HTMLElement {
  return h(
    "div",
    { class: "device-card", "data-device-card": "" },
    ...b.card.map((r) =>
      h(
        "div",
        { class: `tile tone-${r.tone}`, "data-card-row": r.key },
        h("span", { class: "tile-label" }, r.label),
        h("strong", { class: "tile-value" }, r.value),
        TONE_WORDS[r.tone] && r.value !== TONE_WORDS[r.tone] ? h("span", { class: "tile-tone" }, TONE_WORDS[r.tone]) : null,
        r.detail ? h("span", { class: "tile-detail" }, r.detail) : null,
        r.lines.length ? h("details", {}, h("summary", {}, `Line${r.lines.length > 1 ? "s" : ""} ${r.lines.slice(0, 6).join(", ")}`), linesOf(all, r.lines)) : null,
      ),
    ),
  );
}

function showBundle(b: BundleAnalysis, all: string[], recognition: Recognition): HTMLElement[] {
  const parts: HTMLElement[] = [];
  const ev = b.evidence;
  const ids = Object.keys(ev.sections) as (keyof typeof ev.sections)[];
  parts.push(h("h2", { tabindex: "-1" }, ev.marked ? "Your PC at a glance" : `What this part shows: ${sectionWords(ids[0]!)}`));
  if (ev.marked && !ev.complete) parts.push(h("p", { class: "notice" }, "The paste stops before the end of the output: the last part may be incomplete."));
  parts.push(deviceCard(b, all));
  const counts = { pass: 0, warn: 0, fail: 0 };
  for (const f of b.findings) counts[f.status]++;
  parts.push(
    h("h2", {}, "What needs a look"),
    h("p", {}, `${counts.fail} to fix, ${counts.warn} to check, ${counts.pass} fine.`),
    h("ol", { class: "findings", style: "list-style:none;padding:0" }, ...b.findings.map((f) => findingItem(f, all))),
  );
  const denied = ids.filter((id) => ev.sections[id]!.state === "denied" || ev.sections[id]!.state === "error");
  if (denied.length) parts.push(h("p", { class: "expect" }, `Not readable here: ${denied.map((id) => sectionWords(id)).join(", ")}. Those answers stay "I don't know".`));
  parts.push(...answers(b.facts, recognition, b.findings, bundleFindings(b)));
  const points = unconfirmedFor(ids);
  if (points.length) parts.push(h("h3", {}, "Not confirmed yet"), h("ul", { class: "expect", "data-unconfirmed-result": "" }, ...points.map((p) => h("li", {}, p))));
  return parts;
}

function unconfirmedFor(ids: readonly string[]): string[] {
  if (!unconfirmed) return [];
  const wanted = new Set(["untested"]);
  for (const s of unconfirmed.sections) if (ids.includes(s.id)) for (const u of s.unconfirmed) wanted.add(u);
  if (ids.includes("listaccounts")) wanted.add("listaccounts");
  if (ids.includes("ver")) wanted.add("ver-language");
  if (ids.includes("os")) wanted.add("multi-session");
  return unconfirmed.points.filter((p) => wanted.has(p.id)).map((p) => p.text);
}

function question(fact: keyof typeof FACTS): string {
  return FACTS[fact].description.replace(/\.$/, "").replace(/ \(.*\)$/, "");
}

function answers(facts: BundleAnalysis["facts"], recognition: Recognition, findings: BundleFinding[] = [], group?: FindingGroup): HTMLElement[] {
  const support = facts.support;
  const sw = findings.find((f) => f.switchTo);
  const out: HTMLElement[] = [
    h("h2", {}, "Answers this paste gives the diagnostic"),
    support.length
      ? h("ul", {}, ...support.map((s) => h("li", { "data-fact": s.fact }, `${question(s.fact)}: ${s.value === true ? "yes" : s.value === false ? "no" : String(s.value)} (${s.because}; line${s.lines.length > 1 ? "s" : ""} ${s.lines.join(", ")})`)))
      : h("p", {}, "None: the paste does not settle any question."),
    h("ul", { class: "expect" }, ...facts.notes.map((n) => h("li", {}, n))),
  ];
  const cta = h("div", { class: "cta" }, ...diagnoseLink(support, facts.facts, recognition, "the evidence bundle", sw?.switchTo?.code, group));
  if (sw?.switchTo) cta.append(h("p", { class: "expect" }, `The events name ${sw.switchTo.display}: the diagnostic opens its guide.`));
  out.push(cta);
  return out;
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

/**
 * "Use these answers in the diagnostic": the link carries the code and app the paste names and the
 * settled answers; pressing it keeps what the analyzer read for each answer (and its findings, for
 * the IT report) in this browser's storage only. Without answers it says what it opens instead.
 */
function diagnoseLink(support: readonly FactSupport[], facts: Facts, recognition: Recognition, source: string, switchTo?: string, findings?: FindingGroup): HTMLElement[] {
  // Opened from a diagnostic ("Find out first"), the answers go back to that diagnostic.
  const from = new URLSearchParams(location.search);
  const back = from.get("code") && from.get("app") && !switchTo ? { code: from.get("code")!, app: from.get("app")! } : undefined;
  const target = back ?? diagnoseTarget(recognition, facts, switchTo);
  const settled = support.filter((s) => s.fact !== "app");
  const name = target.code ? displayCode(target.code) : undefined;
  const label = settled.length > 0 ? "Use these answers in the diagnostic" : name ? `Open the diagnostic for ${name}` : "Open the diagnostic";
  const link = h("a", { class: "btn", href: diagnoseHref(target, facts), "data-use-answers": "" }, label);
  const answers: HandedAnswers = {};
  for (const s of settled) answers[s.fact] = { value: s.value, read: `${source}: ${s.because} (${lineWords(s.lines)})`, found: { source, because: s.because, lines: [...s.lines] } };
  link.addEventListener("click", () => {
    saveAnswers(answers);
    // The findings go along for the IT report, in this browser's storage only.
    if (findings) saveHandoff(findings);
  });
  const out: HTMLElement[] = [link];
  if (target.code && !target.app) out.push(h("p", { class: "expect", "data-choose-app": "" }, "The paste does not say which app shows the error: the diagnostic asks you."));
  if (!target.code) out.push(h("p", { class: "expect" }, "The paste does not name an error code: the diagnostic asks you which one you see."));
  return out;
}

function lineWords(lines: readonly number[]): string {
  return `line${lines.length > 1 ? "s" : ""} ${lines.join(", ")} of your paste`;
}


/** A fact as the fact table words it, without its full stop ("The device is Microsoft Entra hybrid joined"). */
function factWords(fact: string): string {
  return isFactName(fact) ? FACTS[fact].description.replace(/\.$/, "") : fact;
}

function show(analysis: Analysis, all: string[]): void {
  if (!analysis.ok) {
    out.replaceChildren(h("div", { class: "notice", role: "alert" }, ...analysis.issues.map((i) => `${i.message}${i.hint ? `. ${i.hint}` : ""}`)));
    return;
  }
  const parts: HTMLElement[] = [];
  if (analysis.kind === "bundle") {
    parts.push(...showBundle(analysis.bundle, all, analysis.recognition));
  } else if (analysis.kind === "dsregcmd") {
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
      support.length ? h("ul", {}, ...support.map((s) => h("li", { "data-fact": s.fact }, `${factWords(s.fact)}: ${s.value === true ? "yes" : s.value === false ? "no" : String(s.value)} (${s.because}; line ${s.lines.join(", ")})`))) : h("p", {}, "None: the capture does not settle any question."),
      h("ul", { class: "expect" }, ...facts.notes.map((n) => h("li", {}, n))),
      h("div", { class: "cta" }, ...diagnoseLink(support, facts.facts, analysis.recognition, "dsregcmd /status")),
    );
  } else {
    const r = analysis.recognition;
    parts.push(h("h2", { tabindex: "-1" }, analysis.recognised ? "What we recognised in the message" : "We did not recognise this text"));
    if (r.codes.length) parts.push(h("p", {}, r.codes.length === 1 ? "Error code in it: " : "Error codes in it: ", r.codes.map((c) => displayCode(c.display)).join(", ")));
    if (r.apps.length) parts.push(h("p", {}, "Apps: ", r.apps.map((a) => APP_LABELS[a.app]).join(", ")));
    const list = candidateList(r.candidates);
    if (list) parts.push(h("h3", {}, "Pages that fit"), list, h("div", { class: "cta" }, ...diagnoseLink([], {}, r, "the error message")));
    else parts.push(h("p", {}, "Paste the whole output of the command above, the full output of dsregcmd /status or the whole error message, or search for the code on the home page."));
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
  if (beforeArea) beforeArea.value = "";
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
