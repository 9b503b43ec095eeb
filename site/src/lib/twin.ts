/**
 * The Markdown twin of every knowledge-base page (`/codes/caa50021.md`,
 * `/codes/caa50021/onedrive.md`, `/codes/caa50021/admin.md`) and `/llms.txt`, for assistants and
 * scripts: the page's text with its steps, their commands verbatim in fenced blocks, the safety
 * notes and the sources. Each twin says that its steps are safe only under the page's conditions.
 * Pure: built from the knowledge base.
 */
import type { Caveat, Checklist, CodeHub, Instruction, KnowledgeBase, Scenario, Step } from "../../../src/model/index.ts";
import { checklistUrl, hubUrl, listPages, scenarioUrl } from "../../../src/model/index.ts";
import { absoluteUrl, pageDescription, twinUrl } from "./seo.ts";
import { APP_LABELS, SHELL_LABELS, avoidBadges, displayCode, isCommand, linkView, splitSources, stepBadges } from "./view.ts";

/** The sentence every twin with steps carries, and its place: right under the title. */
export const SAFETY_LINE =
  "These steps are safe only under the conditions this page states: read each step's notes (whether it needs administrator rights, whether it must never be done on a PC your organisation manages, what happens to your data) before you follow it or suggest it to someone. On a work or school PC, your IT team decides.";

const fence = (code: string): string => {
  const ticks = "`".repeat(Math.max(3, ...[...code.matchAll(/`+/g)].map((m) => m[0].length + 1)));
  return `${ticks}\n${code}\n${ticks}`;
};

const LANG: Record<string, string> = { powershell: "powershell", cmd: "bat", run: "" };

function instructions(items: readonly Instruction[]): string[] {
  const out: string[] = [];
  let n = 0;
  for (const item of items) {
    if (isCommand(item)) {
      const head = `${SHELL_LABELS[item.shell]}${item.elevated ? ", run as administrator" : ""}:`;
      const block = fence(item.run).replace(/^(`+)/, `$1${LANG[item.shell] ?? ""}`);
      out.push(`   ${head}\n\n${indent(block, 3)}${item.note ? `\n\n   ${item.note.trim()}` : ""}`);
    } else out.push(`${++n}. ${item.trim()}`);
  }
  return out;
}

const indent = (text: string, n: number): string => text.split("\n").map((l) => " ".repeat(n) + l).join("\n");

function sources(kb: KnowledgeBase, ids: readonly string[]): string[] {
  const { official, community } = splitSources(kb, ids);
  const all = [...official.map((s) => `[${s.title}](${s.url}) (Microsoft)`), ...community.map((s) => `[${s.title}](${s.url}) (community)`)];
  return all.length ? [`Sources: ${all.join("; ")}`] : [];
}

function caveats(kb: KnowledgeBase, list: readonly Caveat[]): string[] {
  return list.map((c) => `Caveat: ${c.text.trim()}${c.sources.length ? ` (${sources(kb, c.sources)[0]?.slice("Sources: ".length) ?? ""})` : ""}`);
}

function references(kb: KnowledgeBase, ids: readonly string[]): string[] {
  const { official, community } = splitSources(kb, ids);
  return [
    "## References",
    "",
    ...official.map((s) => `- [${s.title}](${s.url}) (Microsoft)`),
    ...community.map((s) => `- [${s.title}](${s.url}) (community)${s.note ? `: ${s.note.trim()}` : ""}`),
  ];
}

function header(title: string, url: string, baseUrl: string | undefined, reviewed: string, description: string): string[] {
  return [`# ${title}`, "", `> ${description.trim()}`, "", `Web page: ${absoluteUrl(baseUrl, url)}  `, `Last reviewed: ${reviewed}`, ""];
}

function step(kb: KnowledgeBase, s: Step, n: number): string[] {
  return [
    `### ${n}. ${s.title}`,
    "",
    `Safety: ${stepBadges(s).map((b) => `${b.label} (${b.hint.replace(/\.$/, "")})`).join("; ")}.`,
    "",
    s.summary.trim(),
    "",
    `What happens to your data: ${s.dataSafety.trim()}`,
    "",
    ...instructions(s.instructions).flatMap((l) => [l, ""]),
    ...(s.expect ? [`What you should see: ${s.expect.trim()}`, ""] : []),
    ...caveats(kb, s.caveats).flatMap((l) => [l, ""]),
    ...sources(kb, s.sources).flatMap((l) => [l, ""]),
  ];
}

/** The Markdown twin of a scenario page. */
export function renderScenarioTwin(kb: KnowledgeBase, sc: Scenario, baseUrl?: string): string {
  const code = displayCode(sc.code);
  const first = sc.steps.filter((s) => s.tier === "first-line");
  const advanced = sc.steps.filter((s) => s.tier === "advanced");
  const lines = [
    ...header(sc.title, scenarioUrl(sc.code, sc.app), baseUrl, sc.reviewed, sc.description),
    SAFETY_LINE,
    "",
    "## Quick answer",
    "",
    sc.quickAnswer.trim(),
    "",
    "## Before you start",
    "",
    ...sc.beforeYouStart.map((t) => `- ${t.trim()}`),
    "",
    `## What ${code} in ${APP_LABELS[sc.app]} means`,
    "",
    sc.meaning.trim(),
    "",
    ...sources(kb, sc.meaningSources).flatMap((l) => [l, ""]),
    "## Where it appears",
    "",
    ...sc.whereItAppears.map((w, i) => `${i + 1}. **${w.title}.** ${w.text.trim()}`),
    "",
    "## What triggers it",
    "",
    ...sc.triggers.map((t) => `- ${t.text.trim()}`),
    "",
    "## Common causes",
    "",
    ...sc.causes.map((c, i) => `${i + 1}. **${c.title}.** ${c.text.trim()}${sources(kb, c.sources).map((s) => ` ${s}`).join("")}`),
    "",
    "## Fixes to try first",
    "",
    "Do these in order.",
    "",
    ...first.flatMap((s, i) => step(kb, s, i + 1)),
    ...(advanced.length ? ["## Advanced fixes", "", "Only if the steps above did not fix it.", "", ...advanced.flatMap((s, i) => step(kb, s, first.length + i + 1))] : []),
    "## On a work or school device",
    "",
    "Signs that your organisation manages this PC:",
    "",
    ...sc.managed.signs.map((t) => `- ${t.trim()}`),
    "",
    sc.managed.advice.trim(),
    "",
    ...(sc.avoid.length
      ? [
          "### What not to do",
          "",
          ...sc.avoid.flatMap((a) => [
            `- **Don't: ${a.title}.**${avoidBadges(a).map((b) => ` ${b.label}.`).join("")} ${a.why.trim()}${a.itOnly ? ` For IT: ${a.itOnly.trim()}` : ""}`,
          ]),
          "",
        ]
      : []),
    sc.managed.upstream.trim(),
    "",
    "What to send to IT:",
    "",
    ...sc.managed.sendToIt.map((t) => `- ${t.trim()}`),
    "",
    "## When to stop",
    "",
    "Stop and get help if:",
    "",
    ...sc.stops.map((s) => `- ${s.title.trim()}`),
    "",
    ...related(kb, sc.related),
    ...(sc.caveats.length ? ["## Caveats", "", ...caveats(kb, sc.caveats).map((c) => `- ${c}`), ""] : []),
    ...references(kb, sc.references),
  ];
  return finish(lines);
}

/** The Markdown twin of a code hub. */
export function renderHubTwin(kb: KnowledgeBase, hub: CodeHub, baseUrl?: string): string {
  const apps = [...kb.scenarios.values()].filter((s) => s.code === hub.id);
  const lines = [
    ...header(hub.title, hubUrl(hub.id), baseUrl, hub.reviewed, hub.description),
    `Family: ${hub.family}`,
    "",
    "## Quick answer",
    "",
    hub.quickAnswer.trim(),
    "",
    ...(apps.length ? ["## Pick your app", "", ...apps.map((s) => `- [${s.title}](${absoluteUrl(baseUrl, twinUrl(scenarioUrl(s.code, s.app)))})`), ""] : []),
    "## What it means",
    "",
    hub.meaning.trim(),
    "",
    ...sources(kb, hub.meaningSources).flatMap((l) => [l, ""]),
    ...(hub.messages.length
      ? ["## Messages you may see", "", ...hub.messages.map((m) => `- "${m.text}"${m.apps.length ? ` in ${m.apps.map((a) => APP_LABELS[a]).join(", ")}` : ""} (${m.kind === "official" ? "documented by Microsoft" : "reported by the community"})`), ""]
      : []),
    ...(hub.rootCause ? ["## Root cause", "", hub.rootCause.trim(), ""] : []),
    ...(hub.safety ? ["## What is safe", "", hub.safety.trim(), ""] : []),
    ...(kb.checklists.has(hub.id) ? ["## For IT", "", `- [${kb.checklists.get(hub.id)!.title}](${absoluteUrl(baseUrl, twinUrl(checklistUrl(hub.id)))})`, ""] : []),
    ...related(kb, hub.related),
    ...(hub.caveats.length ? ["## Caveats", "", ...caveats(kb, hub.caveats).map((c) => `- ${c}`), ""] : []),
    ...references(kb, hub.references),
  ];
  return finish(lines);
}

/** The Markdown twin of an admin checklist. */
export function renderChecklistTwin(kb: KnowledgeBase, cl: Checklist, baseUrl?: string): string {
  const OWNER = { device: "On the device", tenant: "In the tenant", network: "On the network" } as const;
  const lines = [
    ...header(cl.title, checklistUrl(cl.code), baseUrl, cl.reviewed, cl.description),
    SAFETY_LINE,
    "",
    "## Who this is for",
    "",
    cl.summary.trim(),
    "",
    ...cl.items.flatMap((item, n) => [
      `## ${n + 1}. ${item.title}`,
      "",
      `Where: ${OWNER[item.owner]}`,
      "",
      item.text.trim(),
      "",
      ...instructions(item.instructions).flatMap((l) => [l, ""]),
      ...caveats(kb, item.caveats).flatMap((l) => [l, ""]),
      ...sources(kb, item.sources).flatMap((l) => [l, ""]),
    ]),
    ...related(kb, cl.related),
    ...(cl.caveats.length ? ["## Caveats", "", ...caveats(kb, cl.caveats).map((c) => `- ${c}`), ""] : []),
    ...references(kb, cl.references),
  ];
  return finish(lines);
}

function related(kb: KnowledgeBase, links: Parameters<typeof linkView>[1][]): string[] {
  if (!links.length) return [];
  return ["## Related", "", ...links.map((l) => linkView(kb, l)).map((v) => (v.href ? `- [${v.title}](${twinUrl(v.href)})` : `- ${v.title} (not written yet)`)), ""];
}

function finish(lines: readonly string[]): string {
  return `${lines.join("\n").replace(/\n{3,}/g, "\n\n").trim()}\n`;
}

/** `/llms.txt` (llmstxt.org): the site in one paragraph, then every page's Markdown twin by code. */
export function renderLlmsTxt(kb: KnowledgeBase, options: { siteName: string; baseUrl?: string }): string {
  const abs = (path: string) => absoluteUrl(options.baseUrl, path);
  const lines = [
    `# ${options.siteName}`,
    "",
    "> Fixes for Microsoft 365 sign-in error codes on Windows (OneDrive, Outlook, Teams, Microsoft 365 Apps activation): for each code, what it means, safe steps in order with their commands, when to stop, and a checklist for IT. Every page below is also plain Markdown at the address given.",
    "",
    SAFETY_LINE,
    "",
    `A code in any form opens its page: ${abs("/?code=")}<code> (for example ${abs("/?code=0xCAA50021")}). The whole knowledge base as JSON: ${abs("/api/codes.json")}.`,
    "",
  ];
  const pages = listPages(kb);
  for (const hub of [...kb.codes.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    lines.push(`## ${displayCode(hub.id)}`, "");
    for (const p of pages.filter((x) => x.code === hub.id)) lines.push(`- [${p.title}](${abs(twinUrl(p.url))}): ${pageDescription(kb, p).trim()}`);
    lines.push("");
  }
  lines.push("## Optional", "", `- [Guided diagnostic](${abs("/diagnose/")}): asks about your situation and builds a fix plan (needs a browser)`, `- [Evidence analyzer](${abs("/analyze/")}): reads pasted dsregcmd /status output in the browser`);
  return `${lines.join("\n")}\n`;
}
