/**
 * Checks across content files, after each file passed its schema: ids, references between pages,
 * sources, facts and values in conditions, and content rules (quick-answer length, no raw HTML).
 * Returns drafts (issues without line numbers); the loader places them in their files.
 */
import { parseCode, type CodeKey } from "./codes.ts";
import { APPS, FACTS, isFactName, factValues, type FactName } from "./facts.ts";
import { suggest, type PathSegment, type Severity } from "./issue.ts";
import type { KnowledgeBase } from "./kb.ts";
import type { Parsed } from "./load.ts";
import type { Checklist, CodeHub, Condition, PageLink, Scenario, Source } from "./schema.ts";

export interface Draft {
  code: string;
  severity?: Severity;
  file: string;
  path: PathSegment[];
  message: string;
  expected?: string;
  received?: string;
  hint?: string;
  /** Point at the key of the last path segment, or at its parent (for missing fields). */
  at?: "key" | "parent";
}

export const QUICK_ANSWER_MAX_WORDS = 60;

/** Facts every scenario knows without asking: the page itself says which app. */
const GIVEN_FACTS: ReadonlySet<FactName> = new Set(["app"]);

/** Cross-checks parsed files and assembles the knowledge base. */
export function checkKnowledgeBase(
  parsed: readonly Parsed[],
  brokenHubs: ReadonlySet<string> = new Set(),
): { kb: KnowledgeBase; drafts: Draft[] } {
  const drafts: Draft[] = [];
  const add = (d: Draft) => drafts.push(d);

  // ---- sources
  const sources = new Map<string, Source>();
  const sourceFiles = parsed.filter((p) => p.kind === "sources");
  for (const p of sourceFiles) {
    p.data.sources.forEach((s, i) => {
      if (sources.has(s.id)) {
        add({ code: "kb/duplicate-id", file: p.file.display, path: ["sources", i, "id"], message: `source id "${s.id}" is used twice`, hint: "give each source its own id" });
      } else sources.set(s.id, s);
    });
  }
  if (sourceFiles.length === 0 && parsed.length > 0) {
    add({ code: "kb/missing-file", file: parsed[0]!.file.display, path: [], message: "content/sources.yaml is missing: every step cites its sources from it", hint: "create content/sources.yaml with kind: sources" });
  }

  // ---- hubs and the code index
  const codes = new Map<string, CodeHub>();
  const hubFile = new Map<string, string>();
  const codeIndex = new Map<CodeKey, string>();
  for (const p of parsed) {
    if (p.kind !== "code") continue;
    const hub = p.data;
    const file = p.file.display;
    if (hub.id !== p.folder) {
      add({ code: "kb/id-mismatch", file, path: ["id"], message: `the hub id must match its folder`, expected: p.folder, received: hub.id, hint: `rename the folder to content/${hub.id}/ or set id: ${p.folder}` });
    }
    if (codes.has(hub.id)) {
      add({ code: "kb/duplicate-id", file, path: ["id"], message: `code "${hub.id}" has two hubs`, hint: "merge them" });
      continue;
    }
    codes.set(hub.id, hub);
    hubFile.set(hub.id, file);
    const forms: [string, PathSegment[]][] = [[hub.id, ["id"]], ...hub.aliases.map((a, i): [string, PathSegment[]] => [a, ["aliases", i]])];
    for (const [form, path] of forms) {
      const key = parseCode(form) ?? `text:${form.toLowerCase()}`;
      const owner = codeIndex.get(key);
      if (owner !== undefined && owner !== hub.id) {
        add({ code: "kb/duplicate-code", file, path, message: `"${form}" already leads to the hub "${owner}"`, hint: `remove it here or from content/${owner}/code.yaml` });
      } else codeIndex.set(key, hub.id);
    }
  }

  const resolve = (input: string): string | undefined => {
    const lower = input.toLowerCase();
    if (codes.has(lower)) return lower;
    const key = parseCode(input) ?? `text:${lower}`;
    return codeIndex.get(key);
  };

  // ---- scenarios and checklists
  const scenarios = new Map<string, Scenario>();
  const scenarioFile = new Map<string, string>();
  const checklists = new Map<string, Checklist>();
  const checklistFile = new Map<string, string>();
  for (const p of parsed) {
    if (p.kind !== "scenario" && p.kind !== "checklist") continue;
    const file = p.file.display;
    // A hub that failed its schema is reported already: check its pages without cascading errors.
    const code = resolve(p.data.code) ?? (brokenHubs.has(p.folder) ? p.folder : undefined);
    if (code === undefined) {
      add({ code: "kb/unknown-code", file, path: ["code"], message: `no hub for code "${p.data.code}"`, hint: `create content/${p.folder}/code.yaml, or ${suggest(p.data.code, [...codes.keys()])}` });
      continue;
    }
    if (code !== p.folder) {
      add({ code: "kb/id-mismatch", file, path: ["code"], message: "the code must match the folder", expected: p.folder, received: p.data.code, hint: `move the file to content/${code}/` });
      continue;
    }
    if (p.kind === "scenario") {
      const stem = p.file.name.split("/")[1]!.replace(/\.ya?ml$/, "");
      if (p.data.app !== stem) {
        add({ code: "kb/id-mismatch", file, path: ["app"], message: "the app must match the file name", expected: stem, received: p.data.app, hint: `rename the file to ${p.data.app}.yaml or set app: ${stem}` });
        continue;
      }
      scenarios.set(`${code}/${p.data.app}`, p.data);
      scenarioFile.set(`${code}/${p.data.app}`, file);
    } else {
      checklists.set(code, p.data);
      checklistFile.set(code, file);
    }
  }

  const pageExists = (pageId: string): boolean => {
    const [code, part] = pageId.split("/");
    if (part === undefined) return codes.has(code!);
    if (part === "admin") return checklists.has(code!);
    return scenarios.has(pageId);
  };
  const allPageIds = (): string[] => [
    ...codes.keys(),
    ...scenarios.keys(),
    ...[...checklists.keys()].map((c) => `${c}/admin`),
  ];
  const normalisePage = (pageId: string): string => {
    const [code = "", part] = pageId.split("/");
    const resolved = resolve(code) ?? code.toLowerCase();
    return part === undefined ? resolved : `${resolved}/${part.toLowerCase()}`;
  };

  // ---- per-file checks
  const checkSources = (file: string, refs: readonly string[], path: PathSegment[]) => {
    refs.forEach((ref, i) => {
      if (!sources.has(ref)) {
        add({ code: "kb/unknown-source", file, path: [...path, i], message: `unknown source "${ref}"`, hint: `${suggest(ref, [...sources.keys()], "a source id from content/sources.yaml")}; or add it to content/sources.yaml` });
      }
    });
  };
  const checkLinks = (file: string, links: readonly PageLink[], path: PathSegment[]) => {
    links.forEach((link, i) => {
      const id = normalisePage(link.page);
      if (link.planned) {
        if (pageExists(id)) {
          add({ code: "kb/planned-exists", file, path: [...path, i, "planned"], message: `"${link.page}" is marked planned but the page exists`, hint: "remove `planned: true`" });
        } else if (!link.title) {
          add({ code: "kb/missing-field", file, path: [...path, i, "title"], message: "a planned link needs a title: there is no page to take it from", hint: 'add "title:"', at: "parent" });
        }
      } else if (!pageExists(id)) {
        add({ code: "kb/dangling-link", file, path: [...path, i, "page"], message: `no page "${link.page}"`, hint: `${suggest(id, allPageIds(), "an existing page")}; or mark the link \`planned: true\` with a title` });
      }
    });
  };
  const checkMarkdown = (file: string, value: unknown, path: PathSegment[]) => {
    walkStrings(value, path, (text, at) => {
      const html = /<\/?[a-z][a-z0-9-]*(?:\s[^<>]*)?\/?>/i.exec(text);
      if (html && !/^<(?:code|app|organisation|last5|organization)>$/i.test(html[0])) {
        // Angle-bracket placeholders such as <code> in page ids and commands are text, not markup.
        if (!isInsideBackticks(text, html.index)) {
          add({ code: "kb/raw-html", file, path: at, message: `raw HTML "${html[0]}" in content`, hint: "use Markdown, or put it in backticks if it is literal text" });
        }
      }
      for (const m of text.matchAll(/\]\((\/codes\/[^)#\s]*)(#[^)\s]*)?\)/g)) {
        const target = m[1]!.replace(/^\/codes\//, "").replace(/\/$/, "");
        if (!pageExists(normalisePage(target))) {
          add({ code: "kb/dangling-link", file, path: at, message: `link to "${m[1]}", which is not a page`, hint: suggest(target, allPageIds(), "an existing page") });
        }
      }
    });
  };

  for (const [id, hub] of codes) {
    const file = hubFile.get(id)!;
    checkSources(file, hub.references, ["references"]);
    hub.messages.forEach((m, i) => checkSources(file, m.sources, ["messages", i, "sources"]));
    hub.caveats.forEach((c, i) => checkSources(file, c.sources, ["caveats", i, "sources"]));
    checkLinks(file, hub.related, ["related"]);
    checkMarkdown(file, hub, []);
    checkQuickAnswer(file, hub.quickAnswer, add);
    const listed = new Set<string>();
    hub.scenarios.forEach((s, i) => {
      if (listed.has(s.app)) add({ code: "kb/duplicate-id", file, path: ["scenarios", i, "app"], message: `app "${s.app}" is listed twice` });
      listed.add(s.app);
      const exists = scenarios.has(`${id}/${s.app}`);
      if (s.planned && exists) add({ code: "kb/planned-exists", file, path: ["scenarios", i, "planned"], message: `the ${s.app} scenario exists`, hint: "remove `planned: true`" });
      if (!s.planned && !exists) add({ code: "kb/dangling-link", file, path: ["scenarios", i, "app"], message: `no scenario file content/${id}/${s.app}.yaml`, hint: "write it, or mark this entry `planned: true`" });
    });
    for (const app of APPS) {
      if (scenarios.has(`${id}/${app}`) && !listed.has(app)) {
        add({ code: "kb/unlisted-scenario", file, path: ["scenarios"], message: `content/${id}/${app}.yaml exists but the hub does not list it`, hint: `add "- app: ${app}" under scenarios` });
      }
    }
    hub.sharedFixes.forEach((fix, i) => {
      fix.apps.forEach((app, j) => {
        const sc = scenarios.get(`${id}/${app}`);
        if (!sc) {
          const planned = hub.scenarios.some((s) => s.app === app && s.planned);
          if (!planned) add({ code: "kb/dangling-link", file, path: ["sharedFixes", i, "apps", j], message: `no ${app} scenario for this code`, hint: "remove the app, or write its scenario" });
          return;
        }
        const stepIds = sc.steps.map((s) => s.id);
        if (!stepIds.includes(fix.step)) {
          add({ code: "kb/unknown-step", file, path: ["sharedFixes", i, "step"], message: `the ${app} scenario has no step "${fix.step}"`, expected: `a step of content/${id}/${app}.yaml`, received: fix.step, hint: suggest(fix.step, stepIds, "a step id") });
        }
      });
    });
    const hasChecklist = checklists.has(id);
    if (hub.checklist === "yes" && !hasChecklist) add({ code: "kb/dangling-link", file, path: ["checklist"], message: `no checklist file content/${id}/admin.yaml`, hint: "write it, or set `checklist: planned`" });
    if (hub.checklist !== "yes" && hasChecklist) add({ code: "kb/unlisted-checklist", file, path: ["checklist"], message: `content/${id}/admin.yaml exists but the hub says "${hub.checklist}"`, hint: "set `checklist: yes`" });
  }

  const stepProps = new Map<string, { file: string; props: string }>();
  for (const [pageId, sc] of scenarios) {
    const file = scenarioFile.get(pageId)!;
    checkScenario(file, sc, { add, checkSources, checkLinks, checkMarkdown, resolve, stepProps });
  }

  for (const [code, cl] of checklists) {
    const file = checklistFile.get(code)!;
    checkSources(file, cl.references, ["references"]);
    checkLinks(file, cl.related, ["related"]);
    checkMarkdown(file, cl, []);
    const seen = new Set<string>();
    cl.items.forEach((item, i) => {
      if (seen.has(item.id)) add({ code: "kb/duplicate-id", file, path: ["items", i, "id"], message: `item id "${item.id}" is used twice` });
      seen.add(item.id);
      checkSources(file, item.sources, ["items", i, "sources"]);
      item.caveats.forEach((c, j) => checkSources(file, c.sources, ["items", i, "caveats", j, "sources"]));
    });
  }

  const kb: KnowledgeBase = { sources, codes, scenarios, checklists, codeIndex };
  return { kb, drafts };
}

interface ScenarioContext {
  add: (d: Draft) => void;
  checkSources: (file: string, refs: readonly string[], path: PathSegment[]) => void;
  checkLinks: (file: string, links: readonly PageLink[], path: PathSegment[]) => void;
  checkMarkdown: (file: string, value: unknown, path: PathSegment[]) => void;
  resolve: (code: string) => string | undefined;
  /** Safety properties of each step id seen so far, across scenarios. */
  stepProps: Map<string, { file: string; props: string }>;
}

function checkScenario(file: string, sc: Scenario, ctx: ScenarioContext): void {
  const { add, checkSources } = ctx;
  checkSources(file, sc.references, ["references"]);
  ctx.checkLinks(file, sc.related, ["related"]);
  ctx.checkMarkdown(file, sc, []);
  checkQuickAnswer(file, sc.quickAnswer, add);
  sc.caveats.forEach((c, i) => checkSources(file, c.sources, ["caveats", i, "sources"]));
  sc.causes.forEach((c, i) => checkSources(file, c.sources, ["causes", i, "sources"]));
  sc.triggers.forEach((t, i) => t.sources && checkSources(file, t.sources, ["triggers", i, "sources"]));

  // ids: steps and avoided actions share one namespace (they share the plan and the anchors)
  const ids = new Set<string>();
  const unique = (id: string, path: PathSegment[], what: string) => {
    if (ids.has(id)) add({ code: "kb/duplicate-id", file, path, message: `${what} id "${id}" is used twice in this scenario`, hint: "give it its own id" });
    ids.add(id);
  };
  let seenAdvanced = false;
  sc.steps.forEach((step, i) => {
    unique(step.id, ["steps", i, "id"], "step");
    checkSources(file, step.sources, ["steps", i, "sources"]);
    step.caveats.forEach((c, j) => checkSources(file, c.sources, ["steps", i, "caveats", j, "sources"]));
    if (step.tier === "advanced") seenAdvanced = true;
    else if (seenAdvanced) add({ code: "kb/step-order", file, path: ["steps", i, "tier"], message: `first-line step "${step.id}" comes after an advanced step`, hint: "move it above the advanced steps" });
    if (step.when) checkCondition(file, step.when, ["steps", i, "when"], ctx);
    sharedStep(file, step.id, ["steps", i, "id"], { tier: step.tier, needsAdmin: step.needsAdmin, needsRestart: step.needsRestart, changesState: step.changesState, neverOnManaged: step.neverOnManaged }, ctx);
  });
  sc.avoid.forEach((a, i) => {
    unique(a.id, ["avoid", i, "id"], "action");
    checkSources(file, a.sources, ["avoid", i, "sources"]);
    sharedStep(file, a.id, ["avoid", i, "id"], { avoid: true, neverOnManaged: a.neverOnManaged }, ctx);
  });
  checkCompletions(file, sc, add);
  if (!sc.steps.some((s) => s.tier === "first-line")) {
    add({ code: "kb/no-first-line", file, path: ["steps"], message: "a scenario needs at least one first-line step", hint: "mark the first safe steps `tier: first-line`" });
  }

  // questions
  const asked = new Set<string>();
  sc.questions.forEach((q, i) => {
    if (asked.has(q.fact)) add({ code: "kb/duplicate-id", file, path: ["questions", i, "fact"], message: `fact "${q.fact}" is asked twice` });
    asked.add(q.fact);
    q.choices?.forEach((c, j) => checkValue(file, q.fact as FactName, c.value, ["questions", i, "choices", j, "value"], ctx, false));
  });

  // stops
  const stopIds = new Set<string>();
  sc.stops.forEach((stop, i) => {
    if (stopIds.has(stop.id)) add({ code: "kb/duplicate-id", file, path: ["stops", i, "id"], message: `stop id "${stop.id}" is used twice` });
    stopIds.add(stop.id);
    checkSources(file, stop.sources, ["stops", i, "sources"]);
    checkCondition(file, stop.when, ["stops", i, "when"], ctx);
    if (stop.switchTo !== undefined && ctx.resolve(stop.switchTo) === undefined) {
      add({ code: "kb/unknown-code", file, path: ["stops", i, "switchTo"], message: `no hub for code "${stop.switchTo}"`, hint: "write the hub first, or point at an existing code" });
    }
    if (stop.switchToFact !== undefined && FACTS[stop.switchToFact as FactName].type !== "code") {
      add({ code: "kb/invalid-value", file, path: ["stops", i, "switchToFact"], message: `"${stop.switchToFact}" does not hold a code`, hint: "use a code fact such as otherErrorAfterSignIn" });
    }
  });

  // a code only work accounts produce needs the stop that tells a personal account so
  if (!sc.accountTypes.includes("personal")) {
    const hasStop = sc.stops.some((st) => st.outcome === "not-this-error" && conditionReads(st.when, "accountType"));
    if (!hasStop) add({ code: "kb/missing-stop", file, path: ["accountTypes"], message: "only work accounts produce this code here, but no not-this-error stop reads accountType", hint: "add a stop: when { fact: accountType, is: personal }, outcome: not-this-error" });
  }

  // every fact a condition reads must be asked (or given by the page)
  const read = new Map<string, PathSegment[]>();
  sc.steps.forEach((s, i) => s.when && collectFacts(s.when, ["steps", i, "when"], read));
  sc.stops.forEach((s, i) => collectFacts(s.when, ["stops", i, "when"], read));
  for (const [fact, path] of read) {
    if (isFactName(fact) && !asked.has(fact) && !GIVEN_FACTS.has(fact)) {
      add({ code: "kb/unasked-fact", file, path, message: `a condition reads "${fact}" but no question asks it`, hint: `add a question with "fact: ${fact}"` });
    }
  }
  sc.questions.forEach((q, i) => {
    if (!read.has(q.fact) && q.fact !== "managed" && q.fact !== "isAdmin") {
      add({ code: "kb/unused-question", severity: "warning", file, path: ["questions", i, "fact"], message: `nothing in this scenario reads "${q.fact}"`, hint: "remove the question, or use the fact in a condition" });
    }
  });
}

/** A step's `completedBy` names a later step of the same scenario (issue 13: unlink, then pair again). */
function checkCompletions(file: string, sc: Scenario, add: (d: Draft) => void): void {
  const index = new Map(sc.steps.map((s, i) => [s.id, i]));
  sc.steps.forEach((step, i) => {
    if (!step.completedBy) return;
    const target = index.get(step.completedBy.step);
    const later = sc.steps.slice(i + 1).map((s) => s.id);
    if (target === undefined || target <= i) {
      add({
        code: "kb/unknown-step-ref",
        file,
        path: ["steps", i, "completedBy", "step"],
        message: target === undefined ? `no step "${step.completedBy.step}" in this scenario` : `"${step.completedBy.step}" comes before "${step.id}"; the step that completes it must come later`,
        expected: later.join(" | ") || "(no later step)",
        received: JSON.stringify(step.completedBy.step),
        hint: later.length ? suggest(step.completedBy.step, later) : "move the step that completes it below this one",
      });
    }
  });
}

/** Same step id in two scenarios ⇒ the same safety properties. */
function sharedStep(file: string, id: string, path: PathSegment[], props: object, ctx: ScenarioContext): void {
  const text = JSON.stringify(props);
  const prev = ctx.stepProps.get(id);
  if (prev === undefined) ctx.stepProps.set(id, { file, props: text });
  else if (prev.props !== text) {
    ctx.add({ code: "kb/step-conflict", file, path, message: `step "${id}" is declared with other safety properties in ${prev.file}`, expected: prev.props, received: text, hint: "a step id means one action everywhere: align the properties or rename the step" });
  }
}

function checkCondition(file: string, cond: Condition, path: PathSegment[], ctx: ScenarioContext): void {
  if ("all" in cond) cond.all.forEach((c, i) => checkCondition(file, c, [...path, "all", i], ctx));
  else if ("any" in cond) cond.any.forEach((c, i) => checkCondition(file, c, [...path, "any", i], ctx));
  else if ("not" in cond) checkCondition(file, cond.not, [...path, "not"], ctx);
  else {
    const fact = cond.fact as FactName;
    if ("is" in cond) checkValue(file, fact, cond.is, [...path, "is"], ctx, true);
    else cond.in.forEach((v, i) => checkValue(file, fact, v, [...path, "in", i], ctx, true));
  }
}

function checkValue(file: string, fact: FactName, value: string | boolean, path: PathSegment[], ctx: ScenarioContext, allowUnknown: boolean): void {
  if (allowUnknown && value === "unknown") return;
  const spec = FACTS[fact];
  if (spec.type === "boolean") {
    if (typeof value !== "boolean") ctx.add({ code: "kb/unknown-fact-value", file, path, message: `"${fact}" is true or false`, expected: allowUnknown ? "true | false | unknown" : "true | false", received: JSON.stringify(value), hint: value === "yes" ? "write true" : value === "no" ? "write false" : "use true, false or unknown" });
    return;
  }
  if (spec.type === "choice") {
    const values = factValues(fact) as readonly string[];
    if (typeof value !== "string" || !values.includes(value)) {
      ctx.add({ code: "kb/unknown-fact-value", file, path, message: `"${String(value)}" is not a value of "${fact}"`, expected: values.join(" | "), received: JSON.stringify(value), hint: suggest(String(value), values) });
    }
    return;
  }
  if (typeof value !== "string" || (value !== "none" && parseCode(value) === undefined)) {
    ctx.add({ code: "kb/unknown-fact-value", file, path, message: `"${fact}" holds an error code or "none"`, received: JSON.stringify(value), hint: "write a code such as 0x8004de40, or none" });
  }
}

function collectFacts(cond: Condition, path: PathSegment[], out: Map<string, PathSegment[]>): void {
  if ("all" in cond) cond.all.forEach((c, i) => collectFacts(c, [...path, "all", i], out));
  else if ("any" in cond) cond.any.forEach((c, i) => collectFacts(c, [...path, "any", i], out));
  else if ("not" in cond) collectFacts(cond.not, [...path, "not"], out);
  else if (!out.has(cond.fact)) out.set(cond.fact, [...path, "fact"]);
}

function conditionReads(cond: Condition, fact: string): boolean {
  const read = new Map<string, PathSegment[]>();
  collectFacts(cond, [], read);
  return read.has(fact);
}

function checkQuickAnswer(file: string, text: string, add: (d: Draft) => void): void {
  const words = text.split(/\s+/).filter(Boolean).length;
  if (words > QUICK_ANSWER_MAX_WORDS) {
    add({ code: "kb/quick-answer-too-long", file, path: ["quickAnswer"], message: "the quick answer is too long", expected: `at most ${QUICK_ANSWER_MAX_WORDS} words`, received: `${words} words`, hint: "keep the answer; move the detail to the meaning or the steps" });
  }
}

function walkStrings(value: unknown, path: PathSegment[], visit: (text: string, path: PathSegment[]) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (k !== "run" && k !== "$schema") walkStrings(v, [...path, k], visit);
  }
}

function isInsideBackticks(text: string, index: number): boolean {
  return (text.slice(0, index).match(/`/g)?.length ?? 0) % 2 === 1;
}

