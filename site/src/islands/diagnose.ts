/**
 * The diagnostic island (`/diagnose/?code=…&app=…`): one question at a time with why it is asked,
 * the plan beside it with the reason for every step, then one step at a time with "did this fix
 * it?". Runs the engine's pure functions on the scenario data published at /api/codes/<code>.json.
 * The session is saved in localStorage after every answer; the same URL offers to continue.
 * Times of step outcomes come from the browser clock here (the engine reads no clock).
 *
 * Outcomes: one `GET /api/stats/<code>/<app>` per view tells whether the outcomes API is there and
 * gives "fixed it for N of M" for the steps enough people tried (shown beside the step, never
 * changing the order). Only when it answered is each step's outcome (with an optional reason from
 * a fixed list) sent to `POST /api/outcomes`; a static copy of the site sends nothing and asks no reason.
 */
import { FACTS, type App, type FactName, type FactValue, type KnowledgeBase, type Command, type Instruction, type Question, type Step } from "../../../src/model/index.ts";
import { answer, parseSession, recordOutcome, sessionState, startSession, undo, type Session, type SessionResult, type SessionState, type StepOutcome } from "../../../src/engine/session.ts";
import type { PlanStep } from "../../../src/engine/types.ts";
import { buildReport, renderReport, type ReportFormat } from "../../../src/report/report.ts";
import { diagnoseHref, factsFromParams, sessionKey } from "../lib/answers-url.ts";
import type { CodesFile } from "../lib/data.ts";
import { OUTCOME_REASON_LABELS, outcomeBody, type OutcomeReason } from "../lib/outcomes.ts";
import { fetchStats, postJson } from "./api.ts";
import { h, md, type Child } from "./dom.ts";
import { getCodeFile, getCodesFile, knowledgeBaseFor, resolveWith } from "./kb-client.ts";

const APP_LABELS: Record<App, string> = { onedrive: "OneDrive", outlook: "Outlook", teams: "Teams", office: "Microsoft 365 Apps (activation)" };
const SHELLS: Record<Command["shell"], string> = { cmd: "Command Prompt", powershell: "PowerShell", run: "Run dialog (Win+R)" };
const STATUS_WORDS: Record<PlanStep["status"], string> = { do: "Do", skip: "Skipped", "ask-admin": "Ask IT", never: "Never" };
const OUTCOME_WORDS: Record<StepOutcome, string> = { fixed: "fixed it", "no-change": "no change", "could-not": "couldn't do it" };

const root = document.getElementById("diagnose")!;

interface Ctx {
  kb: KnowledgeBase;
  codes: CodesFile;
  code: string;
  app: App;
  session: Session;
  report: { redact: boolean; format: ReportFormat; startedAt: string };
  api: Api;
}

/** The outcomes API as this page view found it. */
interface Api {
  /** Resolves to whether the stats request answered (then outcomes are sent). */
  ready: Promise<boolean>;
  /** Whether it has answered yet. */
  ok: boolean;
  /** Step id → "Fixed it for N of M who tried it" (steps tried at least MIN_TRIED times). */
  texts: Map<string, string>;
}

/**
 * The one stats request of this page view, made on the person's first click or key press in the
 * diagnostic (like search, nothing is requested until it is used, so a static copy logs no failed
 * request for a page that is only looked at).
 */
function connectApi(code: string, app: App): Api {
  let done: (ok: boolean) => void = () => undefined;
  const api: Api = { ok: false, texts: new Map(), ready: new Promise<boolean>((r) => (done = r)) };
  let started = false;
  const start = (): void => {
    if (started) return;
    started = true;
    void fetchStats(code, app).then((texts) => {
      if (texts) {
        api.ok = true;
        api.texts = texts;
        decorate(api);
      }
      done(Boolean(texts));
    });
  };
  root.addEventListener("pointerdown", start, { once: true, capture: true });
  root.addEventListener("keydown", start, { once: true, capture: true });
  return api;
}

/** Whether the API answered, waiting at most `ms` for the stats request. */
function apiReady(api: Api, ms: number): Promise<boolean> {
  return Promise.race([api.ready, new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}

/** Puts "fixed it for N of M" beside the steps on screen (the plan and the current step) that have one. */
function decorate(api: Api): void {
  if (api.texts.size === 0) return;
  for (const el of root.querySelectorAll<HTMLElement>("[data-plan-step], [data-step]")) {
    const text = api.texts.get(el.dataset.planStep ?? el.dataset.step ?? "");
    if (!text || el.querySelector(".stat")) continue;
    if (el.dataset.planStep !== undefined) el.append(h("span", { class: "stat" }, text));
    else el.querySelector("h2")?.after(h("p", { class: "stat" }, text));
  }
}


function show(...children: Child[]): void {
  root.replaceChildren(...children.filter((c): c is Node | string => Boolean(c)));
}

function focusHeading(): void {
  root.querySelector<HTMLElement>("h2")?.focus();
}

function errorBox(message: string): HTMLElement {
  return h("div", { class: "notice", role: "alert" }, message);
}

// ------------------------------------------------------------------ start

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const facts = factsFromParams(params);
  // Start loading the hub's data at once when the code is written as its id (the usual link).
  const guess = (params.get("code") ?? "").trim().toLowerCase();
  const early = guess ? getCodeFile(guess).catch(() => undefined) : undefined;
  let codes: CodesFile;
  try {
    codes = await getCodesFile();
  } catch {
    show(errorBox("The diagnostic could not load its data. Check your connection and reload the page."));
    return;
  }
  const written = params.get("code") ?? "";
  const code = written ? resolveWith(codes, written) : undefined;
  const summary = codes.codes.find((c) => c.id === code);
  if (!summary || summary.scenarios.length === 0) {
    pickTarget(codes, written, summary ? `There is no guided diagnostic for ${written} yet: its page has what is known.` : written ? `"${written}" is not a code we know.` : undefined, params);
    return;
  }
  const appParam = params.get("app") ?? "";
  const app = summary.scenarios.find((s) => s.app === appParam)?.app ?? (summary.scenarios.length === 1 ? summary.scenarios[0]!.app : undefined);
  if (!app) {
    pickApp(summary, params);
    return;
  }
  const api = connectApi(summary.id, app);
  const file = (summary.id === guess ? await early : undefined) ?? (await getCodeFile(summary.id));
  const kb = knowledgeBaseFor(codes, file);
  const stored = readStored(summary.id, app);
  const fresh = (): Session | undefined => {
    const started = startSession(kb, { code: summary.id, app, facts });
    return started.ok ? started.session : undefined;
  };
  const base = { kb, codes, code: summary.id, app, api, report: { redact: true, format: "md" as ReportFormat, startedAt: "" } };
  if (stored && (stored.history.length > 0 || Object.keys(stored.facts).length > 0)) {
    offerResume({ ...base, session: stored }, fresh);
    return;
  }
  const session = fresh();
  if (!session) {
    show(errorBox("These answers could not be read. Start again from the code's page."));
    return;
  }
  render({ ...base, session });
}

function readStored(code: string, app: App): Session | undefined {
  try {
    const text = localStorage.getItem(sessionKey(code, app));
    if (!text) return undefined;
    const parsed = parseSession(text);
    if (parsed.ok && parsed.session.code === code && parsed.session.app === app) return parsed.session;
    localStorage.removeItem(sessionKey(code, app));
  } catch {
    // Storage can be unavailable (private mode): the diagnostic still works, without resuming.
  }
  return undefined;
}

function save(ctx: Ctx): void {
  try {
    localStorage.setItem(sessionKey(ctx.code, ctx.app), JSON.stringify(ctx.session));
  } catch {
    // See readStored.
  }
}

function pickTarget(codes: CodesFile, written: string, problem: string | undefined, params: URLSearchParams): void {
  const withGuides = codes.codes.filter((c) => c.scenarios.length > 0);
  const hidden = [...params].filter(([k]) => k !== "code" && k !== "app").map(([k, v]) => h("input", { type: "hidden", name: k, value: v }));
  show(
    problem ? errorBox(problem) : null,
    h(
      "form",
      { class: "card", method: "get", action: "/diagnose/" },
      h("h2", { tabindex: "-1" }, "Which error do you see?"),
      h("p", {}, "Type the code from the error message, in any form (CAA50021, 0xCAA50021, …). Guided diagnostics exist for these codes: ", withGuides.map((c) => c.forms[0] ?? c.id).join(", "), "."),
      h("label", { class: "field", for: "dx-code" }, "Error code"),
      h("div", { class: "field" }, h("input", { id: "dx-code", name: "code", type: "text", value: written, autocomplete: "off", required: true })),
      ...hidden,
      h("div", { class: "cta" }, h("button", { class: "btn", type: "submit" }, "Continue")),
    ),
  );
  focusHeading();
}

function pickApp(summary: CodesFile["codes"][number], params: URLSearchParams): void {
  show(
    h(
      "section",
      { class: "card" },
      h("h2", { tabindex: "-1" }, `Where do you see ${summary.forms[0] ?? summary.id}?`),
      h("p", {}, "The steps depend on the app."),
      h(
        "div",
        { class: "choices" },
        ...summary.scenarios.map((s) => {
          const p = new URLSearchParams(params);
          p.set("code", summary.id);
          p.set("app", s.app);
          return h("a", { class: "btn", href: `/diagnose/?${p}` }, APP_LABELS[s.app]);
        }),
      ),
    ),
  );
  focusHeading();
}

function offerResume(ctx: Ctx, fresh: () => Session | undefined): void {
  const answers = ctx.session.history.filter((e) => e.type === "answer").length;
  const steps = ctx.session.outcomes.length;
  show(
    h(
      "section",
      { class: "card", "data-resume": "" },
      h("h2", { tabindex: "-1" }, "Continue where you left off?"),
      h("p", {}, `You started this diagnostic earlier on this device: ${answers} answer${answers === 1 ? "" : "s"} and ${steps} step${steps === 1 ? "" : "s"} tried so far.`),
      h(
        "div",
        { class: "cta" },
        button("Continue", () => render(ctx), "btn", { "data-continue": "" }),
        button(
          "Start over",
          () => {
            const s = fresh();
            if (s) render({ ...ctx, session: s }, true);
          },
          "btn alt",
        ),
      ),
    ),
  );
  focusHeading();
}

// ------------------------------------------------------------------ rendering

function button(label: string, onClick: () => void, cls = "btn", attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = h("button", { type: "button", class: cls, ...attrs }, label);
  b.addEventListener("click", onClick);
  return b;
}

function apply(ctx: Ctx, result: SessionResult): void {
  if (!result.ok) {
    root.prepend(errorBox(result.issues.map((i) => i.message).join("; ")));
    return;
  }
  render({ ...ctx, session: result.session }, true);
}

function render(ctx: Ctx, changed = false): void {
  save(ctx);
  const state = sessionState(ctx.kb, ctx.session);
  if (!state) {
    show(errorBox("This diagnostic has no data for that app."));
    return;
  }
  const scenario = ctx.kb.scenarios.get(`${ctx.code}/${ctx.app}`)!;
  const main = h("div", { class: "dx-main" }, h("p", { class: "meta" }, `${scenario.title}`));
  switch (state.status) {
    case "asking":
      main.append(questionCard(ctx, state.question!));
      break;
    case "step":
      main.append(stepCard(ctx, scenario.steps.find((s) => s.id === state.step!.id)!, state));
      break;
    case "resolved":
      main.append(resolvedCard(ctx));
      break;
    case "escalated":
      main.append(escalatedCard(ctx, state));
      break;
    case "stopped":
      main.append(stoppedCard(ctx, state));
      break;
  }
  main.append(controls(ctx));
  show(h("div", { class: "dx" }, main, planAside(ctx, state)));
  decorate(ctx.api);
  if (changed) focusHeading();
}

function controls(ctx: Ctx): HTMLElement {
  const box = h("div", { class: "cta noprint" });
  if (ctx.session.history.length > 0) box.append(button("Undo last answer", () => apply(ctx, undo(ctx.session)), "btn alt small"));
  box.append(
    button(
      "Start over",
      () => {
        const s = startSession(ctx.kb, { code: ctx.code, app: ctx.app });
        if (s.ok) render({ ...ctx, session: s.session }, true);
      },
      "btn alt small",
    ),
  );
  const share = button(
    "Copy a link with my answers",
    () => {
      const url = new URL(diagnoseHref({ code: ctx.code, app: ctx.app }, ctx.session.facts), location.href).href;
      void navigator.clipboard.writeText(url).then(
        () => (share.textContent = "Link copied"),
        () => (share.textContent = url),
      );
    },
    "btn alt small",
    { "data-share": "" },
  );
  box.append(share);
  return box;
}

function questionCard(ctx: Ctx, q: Question): HTMLElement {
  const fact = q.fact as FactName;
  const spec = FACTS[fact];
  const card = h("section", { class: "card", "data-question": q.fact }, h("h2", { tabindex: "-1" }, q.prompt), h("p", {}, h("strong", {}, "Why we ask: "), md(q.why)));
  if (q.help) card.append(h("p", { class: "expect" }, md(q.help)));
  const choices = h("div", { class: "choices" });
  const pick = (value: FactValue | null) => apply(ctx, answer(ctx.session, q.fact, value));
  if (spec.type === "code") {
    const input = h("input", { id: "dx-answer", type: "text", autocomplete: "off", placeholder: "e.g. 0x8004de40" });
    const form = h("form", { class: "field" }, h("label", { for: "dx-answer" }, "The code you see"), input, h("div", { class: "cta" }, h("button", { class: "btn", type: "submit" }, "Use this code")));
    form.addEventListener("submit", (e) => {
      e.preventDefault();
      if (input.value.trim()) pick(input.value.trim());
    });
    card.append(form);
    choices.append(button("No other code", () => pick("none")));
  } else {
    const options: { value: FactValue; label: string }[] = q.choices ?? (spec.type === "boolean" ? [{ value: true, label: "Yes" }, { value: false, label: "No" }] : spec.values.map((v) => ({ value: v, label: v })));
    for (const o of options) choices.append(button(o.label, () => pick(o.value)));
  }
  choices.append(button("I don't know", () => pick(null)));
  card.append(choices);
  return card;
}

function instructionList(items: readonly Instruction[]): HTMLElement {
  const ol = h("ol");
  let last: HTMLElement | undefined;
  for (const item of items) {
    if (typeof item === "string") {
      last = h("li", {}, md(item));
      ol.append(last);
      continue;
    }
    const block = h(
      "div",
      { class: "cmd" },
      h("div", { class: "cmd-head" }, h("span", {}, `${SHELLS[item.shell]}${item.elevated ? " · run as administrator" : ""}`), h("button", { type: "button", class: "copy", "data-copy": "", "aria-label": `Copy command: ${item.run}` }, "Copy")),
      h("pre", {}, h("code", {}, item.run)),
      item.note ? h("p", { class: "note" }, md(item.note)) : null,
    );
    if (!last) {
      last = h("li");
      ol.append(last);
    }
    last.append(block);
  }
  return ol;
}

function badges(step: Step): HTMLElement {
  const list = h("ul", { class: "badges", "aria-label": "About this step" });
  if (step.needsAdmin) list.append(h("li", { class: "badge b-admin" }, "Needs admin rights"));
  if (step.needsRestart) list.append(h("li", { class: "badge b-restart" }, "Restart"));
  list.append(step.changesState ? h("li", { class: "badge b-state" }, "Changes settings") : h("li", { class: "badge b-read" }, "Safe to try"));
  return list;
}

function stepCard(ctx: Ctx, step: Step, state: SessionState): HTMLElement {
  const n = state.plan.steps.findIndex((s) => s.id === step.id) + 1;
  const card = h(
    "section",
    { class: "card step", "data-step": step.id },
    h("h2", { tabindex: "-1" }, `Step ${n}: ${step.title}`),
    badges(step),
    h("p", {}, md(step.summary)),
    h("p", { class: "safe" }, h("strong", {}, "Your data: "), md(step.dataSafety)),
    instructionList(step.instructions),
    step.expect ? h("p", { class: "expect" }, h("strong", {}, "When it worked: "), md(step.expect)) : null,
    h("p", { class: "expect" }, h("a", { href: `/codes/${ctx.code}/${ctx.app}/#fix-${step.id}` }, "This step on its page, with sources and caveats")),
  );
  if (step.needsRestart) card.append(h("p", { class: "notice" }, "This step restarts Windows. Your progress is saved in this browser: open this page again afterwards to continue."));
  let finished = false;
  const finish = (outcome: StepOutcome, reason?: OutcomeReason) => {
    if (finished) return;
    finished = true;
    const result = recordOutcome(ctx.kb, ctx.session, { stepId: step.id, outcome, at: new Date().toISOString() });
    if (result.ok) void ctx.api.ready.then((ok) => ok && postJson("/api/outcomes", outcomeBody(ctx.code, ctx.app, step.id, outcome, reason)));
    apply(ctx, result);
  };
  const ask = h("h3", { id: "dx-did", tabindex: "-1" }, "Did this fix it?");
  const choices = h("div", { class: "choices", role: "group", "aria-labelledby": "dx-did" });
  // Not fixed: when the answer is sent, ask why (optional, a fixed list); a static copy just moves on.
  let answered = false;
  const record = async (outcome: StepOutcome) => {
    if (answered) return;
    answered = true;
    if (outcome === "fixed" || !(ctx.api.ok || (await apiReady(ctx.api, 1500)))) return finish(outcome);
    ask.textContent = outcome === "no-change" ? "No change. What got in the way? (optional)" : "What stopped you? (optional)";
    choices.replaceChildren(
      ...(Object.entries(OUTCOME_REASON_LABELS) as [OutcomeReason, string][]).map(([reason, label]) => button(label, () => finish(outcome, reason), "btn", { "data-reason": reason })),
      button("Skip this question", () => finish(outcome), "btn alt"),
    );
    ask.focus();
  };
  choices.append(button("Yes, it's fixed", () => void record("fixed")), button("No change", () => void record("no-change")), button("I couldn't do it", () => void record("could-not")));
  card.append(ask, choices);
  return card;
}

function resolvedCard(ctx: Ctx): HTMLElement {
  return h(
    "section",
    { class: "card", "data-end": "resolved" },
    h("h2", { tabindex: "-1" }, "Fixed: well done"),
    h("p", {}, "The error is gone. If it comes back, run the diagnostic again: your answers are kept on this device."),
    reportSection(ctx, false),
  );
}

function escalatedCard(ctx: Ctx, state: SessionState): HTMLElement {
  const esc = state.report.escalation ?? state.plan.escalation;
  return h(
    "section",
    { class: "card", "data-end": "escalated" },
    h("h2", { tabindex: "-1" }, "Time to hand over to IT"),
    h("p", {}, "Stop here: what remains is for your IT team. Send them the report below."),
    h("ul", {}, ...(esc?.reasons ?? []).map((r) => h("li", {}, md(r)))),
    esc?.checklist ? h("p", {}, "IT works through ", h("a", { href: esc.checklist }, "the admin checklist"), ".") : null,
    reportSection(ctx, true),
  );
}

function stoppedCard(ctx: Ctx, state: SessionState): HTMLElement {
  const plan = state.plan;
  const reason = plan.steps[0]?.reason ?? "";
  const card = h("section", { class: "card", "data-end": "stopped" });
  if (plan.outcome === "switch-guide" && plan.switchTo) {
    const known = ctx.codes.codes.find((c) => c.id === plan.switchTo);
    card.append(h("h2", { tabindex: "-1" }, `Another code's guide applies: ${known?.forms[0] ?? plan.switchTo}`), h("p", {}, md(reason)), known ? h("p", {}, h("a", { class: "btn", href: known.url }, `Go to ${known.forms[0] ?? known.id}`)) : h("p", {}, "We have no page for that code yet."));
  } else {
    card.append(h("h2", { tabindex: "-1" }, "This guide does not fit your situation"), h("p", {}, md(reason)), h("p", {}, h("a", { href: "/" }, "Search for the code you see")));
  }
  return card;
}

function planAside(ctx: Ctx, state: SessionState): HTMLElement {
  const scenario = ctx.kb.scenarios.get(`${ctx.code}/${ctx.app}`)!;
  const titles = new Map<string, string>([...scenario.steps.map((s) => [s.id, s.title] as const), ...scenario.avoid.map((a) => [a.id, a.title] as const)]);
  const tried = new Map(ctx.session.outcomes.map((o) => [o.stepId, o.outcome]));
  const list = h("ol", { class: "plan" });
  for (const s of state.plan.steps) {
    const outcome = tried.get(s.id);
    list.append(
      h(
        "li",
        { class: `s-${s.status}${state.step?.id === s.id ? " cur" : ""}`, "data-plan-step": s.id, "data-status": s.status },
        h("span", { class: "st" }, outcome ? `Tried: ${OUTCOME_WORDS[outcome]}` : STATUS_WORDS[s.status]),
        " ",
        h("strong", {}, titles.get(s.id) ?? s.id),
        h("span", { class: "why" }, s.reason),
      ),
    );
  }
  const aside = h("aside", { "aria-labelledby": "plan-h" }, h("div", { class: "card" }, h("h2", { id: "plan-h" }, "Your plan"), h("p", { class: "expect" }, "It updates with every answer. Skipped steps say why."), list));
  if (state.plan.assumptions.length > 0) {
    aside.firstChild!.appendChild(h("p", { class: "expect" }, "Assumed until you answer: ", state.plan.assumptions.map((a) => `${a.fact} (${a.assumed})`).join("; ")));
  }
  return aside;
}

// ------------------------------------------------------------------ report

const EXT: Record<ReportFormat, string> = { md: "md", txt: "txt", json: "json" };
const MIME: Record<ReportFormat, string> = { md: "text/markdown", txt: "text/plain", json: "application/json" };

function reportSection(ctx: Ctx, open: boolean): HTMLElement {
  const pre = h("pre", { "data-report-preview": "", tabindex: "0", "aria-label": "Report preview" });
  const text = (format: ReportFormat = ctx.report.format): string => {
    const data = buildReport({ kb: ctx.kb, session: ctx.session, startedAt: ctx.report.startedAt, generatedAt: new Date().toISOString() }, { redact: ctx.report.redact });
    return data ? renderReport(data, format) : "";
  };
  const refresh = () => (pre.textContent = text());
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
  const download = (f: ReportFormat) => {
    const url = URL.createObjectURL(new Blob([text(f)], { type: MIME[f] }));
    const a = h("a", { href: url, download: `fixpath-${ctx.code}-${ctx.app}.${EXT[f]}` });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
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
  return section;
}

// Copy buttons on commands inside the island are handled by the page's boot script (event delegation).
void main().catch(() => show(errorBox("Something went wrong while loading the diagnostic. Reload the page to try again.")));
