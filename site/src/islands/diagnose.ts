/**
 * The diagnostic island (`/diagnose/?code=…&app=…`): start-up and the render loop. One question
 * at a time with why it is asked, the plan beside it with the reason for every step, then one
 * step at a time with "did this fix it?". Runs the engine's pure functions on the one scenario in
 * use (`/api/codes/<code>/<app>.json`); the code table (`/api/codes.json`) is loaded only when
 * the code must be resolved or picked. Times of step outcomes come from the browser clock (the
 * engine reads no clock).
 *
 * The parts, one job each (site/src/islands/diagnose/): storage.ts (sessions in localStorage),
 * outcomes-api.ts (counts and outcomes), questions.ts (question cards, code and app pickers, the
 * offer to continue), step.ts + step-view.ts (the step, drawn with the page's view code),
 * plan.ts (the plan), ends.ts (how it ends), report.ts (the report panel), ui.ts (shared helpers).
 */
import type { App } from "../../../src/model/index.ts";
import type { FactName, FactValue, Facts } from "../../../src/model/index.ts";
import { sessionState, startSession, undo, type Session } from "../../../src/engine/session.ts";
import { attachFindings } from "../../../src/engine/session-parse.ts";
import { takeAnswers, takeHandoff } from "../lib/handoff.ts";
import { EMPTY_STORE, mergeSettled, resolveConflict, type Settled, type SettledStore } from "../lib/settled.ts";
import { diagnoseHref, factsFromParams } from "../lib/answers-url.ts";
import type { CodesFile, ScenarioFile } from "../lib/data.ts";
import { displayCode } from "../../../src/model/index.ts";
import { APP_LABELS } from "../lib/view.ts";
import { h } from "./dom.ts";
import { getCodeFile, getCodesFile, getScenarioFile, knowledgeBaseForScenario, resolveWith } from "./kb-client.ts";
import { escalatedCard, resolvedCard, stoppedCard } from "./diagnose/ends.ts";
import { findOutCard } from "./diagnose/find-out.ts";
import { connectApi, decorate } from "./diagnose/outcomes-api.ts";
import { planAside } from "./diagnose/plan.ts";
import { conflictCard, noGuide, pickApp, pickTarget, questionCard, resumeCard } from "./diagnose/questions.ts";
import { stepCard } from "./diagnose/step.ts";
import { lastSession, readSettled, readStored, saveSession, saveSettled } from "./diagnose/storage.ts";
import { button, errorBox, focusHeading, readOrg, root, show, type Apply, type Ctx } from "./diagnose/ui.ts";

const org = readOrg();

const LOAD_FAILED = "The diagnostic could not load its data. Check your connection and reload the page.";

// ------------------------------------------------------------------ start

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const facts = factsFromParams(params);
  const written = (params.get("code") ?? "").trim();
  const appParam = params.get("app") ?? "";
  // The usual link names the code by its id and the app: load that one scenario at once.
  const direct = written && appParam ? await getScenarioFile(written.toLowerCase(), appParam).catch(() => null) : undefined;
  if (direct) return run(direct, facts, false);
  let codes: CodesFile;
  try {
    codes = await getCodesFile();
  } catch {
    show(errorBox(LOAD_FAILED));
    return;
  }
  const withGuides = codes.codes.filter((c) => c.scenarios.length > 0).map((c) => c.id);
  if (!written) return pickTarget(withGuides, "", undefined, params, resumeLast(facts));
  const code = resolveWith(codes, written);
  const summary = codes.codes.find((c) => c.id === code);
  if (!summary || summary.scenarios.length === 0) {
    if (summary) {
      const hub = await getCodeFile(summary.id);
      return noGuide(summary, withGuides, params, hub ? { quickAnswer: hub.code.quickAnswer, owner: hub.code.owner } : undefined);
    }
    return pickTarget(withGuides, written, `"${written}" is not a code we know.`, params);
  }
  const app = summary.scenarios.find((s) => s.app === appParam)?.app ?? (summary.scenarios.length === 1 ? summary.scenarios[0]!.app : undefined);
  if (!app) {
    const last = lastSession();
    return pickApp(summary, params, last?.code === summary.id ? resumeLast(facts) : undefined, org.apps);
  }
  const file = await getScenarioFile(summary.id, app).catch(() => undefined);
  if (!file) return show(errorBox(LOAD_FAILED));
  await run(file, facts, false);
}

/** The offer to continue the session used last on this device, wherever the diagnostic is opened. */
function resumeLast(facts: Facts): HTMLElement | undefined {
  const last = lastSession();
  if (!last) return undefined;
  const { code, app, session } = last;
  return resumeCard(code, app, answersIn(session), session.outcomes.length, () => {
    void getScenarioFile(code, app)
      .then((file) => {
        if (!file) throw new Error("gone");
        history.replaceState(null, "", diagnoseHref({ code, app }, {}));
        return run(file, facts, true);
      })
      .catch(() => show(errorBox(LOAD_FAILED)));
  }, undefined);
}

/** The answers a session holds, whoever gave them (the person, the analyzer, a link): "I don't know" counts. */
function answersIn(session: Session): number {
  return Object.keys(session.facts).filter((f) => f !== "app").length + session.dontKnow.length;
}

/** The answers arriving with this page: the analyzer's (with what it read), then the link's. */
function arriving(facts: Facts): Partial<Record<FactName, Settled>> {
  const handed = takeAnswers();
  const out: Partial<Record<FactName, Settled>> = {};
  for (const [fact, value] of Object.entries(facts) as [FactName, FactValue][]) {
    const h = handed[fact];
    out[fact] = h && h.value === value ? h : { value };
  }
  // The analyzer's answers that the link did not carry (a link cut short) still count.
  for (const [fact, s] of Object.entries(handed) as [FactName, Settled][]) if (!(fact in out)) out[fact] = s;
  return out;
}

/**
 * Runs the diagnostic for one scenario: continues a saved session (offered, or at once when
 * `resume`) or starts one. Answers arriving with the page (the analyzer's, a link's) fill the
 * questions not answered yet in either case; one that differs from an answer the person gave
 * waits for them to choose (settled.ts).
 */
async function run(file: ScenarioFile, facts: Facts, resume: boolean): Promise<void> {
  const code = file.code.id;
  const app: App = file.scenario.app;
  const kb = knowledgeBaseForScenario(file);
  const base = { kb, hubs: file.hubs, code, app, api: connectApi(root, code, app), report: { redact: true, format: "md" as const, startedAt: "" }, org };
  const incoming = arriving(facts);
  // What the analyzer found in this browser goes into the IT report, whichever session takes it.
  const found = takeHandoff();
  const withFindings = (s: Session): Session => {
    const r = found ? attachFindings(s, [found]) : undefined;
    return r?.ok ? r.session : s;
  };
  const fresh = (): { session: Session; store: SettledStore } | undefined => {
    const started = startSession(kb, { code, app, organisation: org.facts });
    if (!started.ok) return undefined;
    return mergeSettled(withFindings(started.session), EMPTY_STORE, incoming);
  };
  // A saved session follows the organisation's presets as they are now.
  const saved = readStored(code, app);
  const withOrg = saved && Object.keys(org.facts).length > 0 ? { ...saved, organisation: org.facts } : saved;
  const stored = withOrg ? mergeSettled(withFindings(withOrg), readSettled(code, app), incoming) : undefined;
  // Taken once: a reload must not give the link's answers again after an undo.
  if (Object.keys(facts).length > 0) history.replaceState(null, "", diagnoseHref({ code, app }, {}));
  if (stored) {
    saveSession(stored.session);
    saveSettled(code, app, stored.store);
  }
  if (stored && resume) return render({ ...base, session: stored.session, settled: stored.store }, true);
  if (stored) {
    const card = resumeCard(code, app, answersIn(withOrg!), stored.session.outcomes.length, () => render({ ...base, session: stored.session, settled: stored.store }), () => {
        const s = fresh();
        if (s) render({ ...base, session: s.session, settled: s.store }, true);
      }, Object.keys(incoming).length > 0 ? "Start over with these answers" : "Start over");
    // Say what happened to the answers that came with the page: added, never put over the person's.
    if (Object.keys(incoming).length > 0) {
      const differ = stored.store.conflicts.length;
      card.querySelector("p")?.after(h("p", { "data-resume-added": "" }, `The answers you brought are added to it${differ > 0 ? `; ${differ === 1 ? "one differs" : `${differ} differ`} from yours, and you choose which to keep` : ""}.`));
    }
    show(card);
    return focusHeading();
  }
  const started = fresh();
  if (!started) return show(errorBox("These answers could not be read. Start again from the code's page."));
  // Another diagnostic saved on this device: say so, with the way back to it.
  const other = lastSession();
  render({ ...base, session: started.session, settled: started.store });
  if (other) {
    root.prepend(
      h(
        "p",
        { class: "notice", "data-other-session": "" },
        `You also have a ${displayCode(other.code)} diagnostic in ${APP_LABELS[other.app]} saved on this device: `,
        h("a", { href: diagnoseHref({ code: other.code, app: other.app }, {}) }, "continue that one"),
        ".",
      ),
    );
  }
}

// ------------------------------------------------------------------ rendering

const apply: Apply = (ctx, result) => {
  if (!result.ok) {
    root.prepend(errorBox(result.issues.map((i) => i.message).join("; ")));
    return;
  }
  render({ ...ctx, session: result.session }, true);
};

function render(ctx: Ctx, changed = false): void {
  saveSession(ctx.session);
  saveSettled(ctx.code, ctx.app, ctx.settled);
  const state = sessionState(ctx.kb, ctx.session);
  const scenario = ctx.kb.scenarios.get(`${ctx.code}/${ctx.app}`);
  if (!state || !scenario) return show(errorBox("This diagnostic has no data for that app."));
  const main = h("div", { class: "dx-main" }, h("p", { class: "meta" }, scenario.title));
  // An answer from the analyzer (or a link) that differs from the person's: they choose first.
  const differs = ctx.settled.conflicts[0];
  if (differs && state.status !== "resolved") {
    main.append(conflictCard(ctx, differs, (choice) => {
      const r = resolveConflict(ctx.session, ctx.settled, differs, choice);
      render({ ...ctx, session: r.session, settled: r.store }, true);
    }));
  } else switch (state.status) {
    case "asking":
      main.append(questionCard(ctx, state.question!, apply));
      break;
    case "finding-out":
      main.append(findOutCard(ctx, state, apply));
      break;
    case "step":
      main.append(stepCard(ctx, scenario.steps.find((s) => s.id === state.step!.id)!, state, apply));
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
  // A guide that stopped before any step has no plan to show: only what applies is on screen.
  show(h("div", { class: state.status === "stopped" ? "dx dx-one" : "dx" }, main, state.status === "stopped" ? null : planAside(ctx, state)));
  decorate(root, ctx.api);
  if (changed) focusHeading();
}

function controls(ctx: Ctx): HTMLElement {
  const box = h("div", { class: "cta noprint" });
  if (ctx.session.history.length > 0) box.append(button("Undo last answer", () => apply(ctx, undo(ctx.session)), "btn alt small"));
  box.append(
    button(
      "Start over",
      () => {
        const s = startSession(ctx.kb, { code: ctx.code, app: ctx.app, organisation: ctx.org.facts });
        if (s.ok) render({ ...ctx, session: s.session, settled: EMPTY_STORE }, true);
      },
      "btn alt small",
    ),
  );
  const share = button(
    "Copy a link with my answers",
    () => {
      // A link that leaves this browser: the organisation's public address when it set one.
      const href = diagnoseHref({ code: ctx.code, app: ctx.app }, ctx.session.facts);
      const url = ctx.org.baseUrl ? `${ctx.org.baseUrl}${href}` : new URL(href, location.href).href;
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

// Copy buttons on commands inside the island are handled by the page's boot script (event delegation).
void main().catch(() => show(errorBox("Something went wrong while loading the diagnostic. Reload the page to try again.")));
