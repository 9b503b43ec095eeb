/**
 * The diagnostic island (`/diagnose/?code=…&app=…`): start-up and the render loop. One question
 * at a time with why it is asked, the plan beside it with the reason for every step, then one
 * step at a time with "did this fix it?". Runs the engine's pure functions on the one scenario in
 * use (`/api/codes/<code>/<app>.json`); the code table (`/api/codes.json`) is loaded only when
 * the code must be resolved or picked. Times of step outcomes come from the browser clock (the
 * engine reads no clock).
 *
 * The parts, one job each (site/src/islands/diagnose/): storage.ts (sessions in localStorage),
 * outcomes-api.ts (counts and outcomes), questions.ts (question cards, the offer to continue),
 * plan.ts (the plan), ui.ts (shared helpers); and, loaded when a view needs them (parts.ts):
 * step.ts + step-view.ts + verify.ts (the step, drawn with the page's view code, and "Did this
 * fix it?"), find-out.ts, ends.ts (how it ends; report.ts and handover.ts come with the report
 * panel), conflict.ts (two answers differ) and pick.ts (which code, which app).
 */
import type { App } from "../../../src/model/index.ts";
import type { FactName, FactValue, Facts } from "../../../src/model/index.ts";
import { sessionState, startSession, undo, type Session, type SessionState } from "../../../src/engine/session.ts";
import { hasHandoff, takeAnswers, takeHandoff } from "../lib/handoff.ts";
import { EMPTY_STORE, mergeSettled, type Settled, type SettledStore } from "../lib/settled.ts";
import { diagnoseHref, factsFromParams } from "../lib/answers-url.ts";
import type { CodesFile, ScenarioFile } from "../lib/data.ts";
import { displayCode } from "../../../src/model/index.ts";
import { APP_LABELS } from "../lib/view.ts";
import { h } from "./dom.ts";
import { getCodeFile, getCodesFile, getScenarioFile, knowledgeBaseForScenario, resolveWith } from "./kb-client.ts";
import { connectApi, decorate } from "./diagnose/outcomes-api.ts";
import { conflictPart, endsPart, findOutPart, parsePart, pickPart, stepPart, warmParts, type Part } from "./diagnose/parts.ts";
import { planAside } from "./diagnose/plan.ts";
import { questionCard, resumeCard } from "./diagnose/questions.ts";
import { hasStored, lastSession, readSettled, readStored, saveSession, saveSettled } from "./diagnose/storage.ts";
import { button, errorBox, focusHeading, readOrg, root, show, type Apply, type Ctx } from "./diagnose/ui.ts";

const org = readOrg();

const LOAD_FAILED = "The diagnostic could not load its data. Check your connection and reload the page.";
const PART_FAILED = "This part of the diagnostic could not load. Check your connection and reload the page: your answers are kept on this device.";

// ------------------------------------------------------------------ start

async function main(): Promise<void> {
  const params = new URLSearchParams(location.search);
  const facts = factsFromParams(params);
  const written = (params.get("code") ?? "").trim();
  const appParam = params.get("app") ?? "";
  // The usual link names the code by its id and the app: load that one scenario at once.
  const direct = written && appParam ? await getScenarioFile(written.toLowerCase(), appParam).catch(() => null) : undefined;
  if (direct) return run(direct, facts, false);
  // Which code, which app: the code table, and the pickers (a part of their own) fetched beside it.
  const picking = pickPart.load().catch(() => undefined);
  const withPickers = async (then: (pick: NonNullable<Awaited<typeof picking>>) => void): Promise<void> => {
    const pick = await picking;
    if (pick) then(pick);
    else show(errorBox(LOAD_FAILED));
  };
  let codes: CodesFile;
  try {
    codes = await getCodesFile();
  } catch {
    show(errorBox(LOAD_FAILED));
    return;
  }
  const withGuides = codes.codes.filter((c) => c.scenarios.length > 0).map((c) => c.id);
  if (!written) {
    const resume = resumeLast(await lastSession(), facts);
    return withPickers((p) => p.pickTarget(withGuides, "", undefined, params, resume));
  }
  const code = resolveWith(codes, written);
  const summary = codes.codes.find((c) => c.id === code);
  if (!summary || summary.scenarios.length === 0) {
    if (summary) {
      const hub = await getCodeFile(summary.id);
      return withPickers((p) => p.noGuide(summary, withGuides, params, hub ? { quickAnswer: hub.code.quickAnswer, owner: hub.code.owner } : undefined));
    }
    return withPickers((p) => p.pickTarget(withGuides, written, `"${written}" is not a code we know.`, params));
  }
  const app = summary.scenarios.find((s) => s.app === appParam)?.app ?? (summary.scenarios.length === 1 ? summary.scenarios[0]!.app : undefined);
  if (!app) {
    const last = await lastSession();
    const resume = last?.code === summary.id ? resumeLast(last, facts) : undefined;
    return withPickers((p) => p.pickApp(summary, params, resume, org.apps));
  }
  const file = await getScenarioFile(summary.id, app).catch(() => undefined);
  if (!file) return show(errorBox(LOAD_FAILED));
  await run(file, facts, false);
}

/** The offer to continue the session used last on this device (`lastSession`, read once by the caller), wherever the diagnostic is opened. */
function resumeLast(last: Awaited<ReturnType<typeof lastSession>>, facts: Facts): HTMLElement | undefined {
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
  // A saved session and the analyzer's findings are read by the session reader (zod/mini),
  // fetched only when there is one to read, and first: what follows reads the storage as it is
  // then, and a failed fetch stops here, before anything is taken.
  const reader = hasStored(code, app) || hasHandoff() ? await parsePart.load() : undefined;
  const saved = reader ? readStored(code, app, reader.parseSession) : undefined;
  const incoming = arriving(facts);
  // What the analyzer found in this browser goes into the IT report, whichever session takes it.
  const found = takeHandoff();
  const withFindings = (s: Session): Session => {
    const r = found && reader ? reader.attachFindings(s, [found]) : undefined;
    return r?.ok ? r.session : s;
  };
  const fresh = (): { session: Session; store: SettledStore } | undefined => {
    const started = startSession(kb, { code, app, organisation: org.facts });
    if (!started.ok) return undefined;
    return mergeSettled(withFindings(started.session), EMPTY_STORE, incoming);
  };
  // A saved session follows the organisation's presets as they are now.
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
  const other = await lastSession();
  render(
    { ...base, session: started.session, settled: started.store },
    false,
    other
      ? h(
          "p",
          { class: "notice", "data-other-session": "" },
          `You also have a ${displayCode(other.code)} diagnostic in ${APP_LABELS[other.app]} saved on this device: `,
          h("a", { href: diagnoseHref({ code: other.code, app: other.app }, {}) }, "continue that one"),
          ".",
        )
      : undefined,
  );
}

// ------------------------------------------------------------------ rendering

const apply: Apply = (ctx, result) => {
  if (!result.ok) {
    root.prepend(errorBox(result.issues.map((i) => i.message).join("; ")));
    return;
  }
  render({ ...ctx, session: result.session }, true);
};

/** Which part a view needs beyond the first question's code (parts.ts), if any. */
function partFor(status: SessionState["status"], conflict: boolean): Part<unknown> | undefined {
  if (conflict) return conflictPart;
  if (status === "step") return stepPart;
  if (status === "finding-out") return findOutPart;
  if (status === "resolved" || status === "escalated" || status === "stopped") return endsPart;
  return undefined;
}

/** Counts renders: a part that arrives after a newer render was asked for draws nothing. */
let renders = 0;

/**
 * Saves the session and draws where it stands. A view whose part is not loaded yet leaves the
 * screen as it is until the part is in (then draws, unless a newer render came first); `notice`
 * goes above the view.
 */
function render(ctx: Ctx, changed = false, notice?: HTMLElement): void {
  saveSession(ctx.session);
  saveSettled(ctx.code, ctx.app, ctx.settled);
  const state = sessionState(ctx.kb, ctx.session);
  const scenario = ctx.kb.scenarios.get(`${ctx.code}/${ctx.app}`);
  if (!state || !scenario) return show(errorBox("This diagnostic has no data for that app."));
  // An answer from the analyzer (or a link) that differs from the person's: they choose first.
  const differs = state.status === "resolved" ? undefined : ctx.settled.conflicts[0];
  const turn = ++renders;
  const part = partFor(state.status, differs !== undefined);
  if (part && !part.module) {
    root.setAttribute("aria-busy", "true");
    void part.load().then(
      () => turn === renders && render(ctx, changed, notice),
      () => {
        if (turn !== renders) return;
        root.removeAttribute("aria-busy");
        show(errorBox(PART_FAILED));
      },
    );
    return;
  }
  root.removeAttribute("aria-busy");
  const main = h("div", { class: "dx-main" }, h("p", { class: "meta" }, scenario.title));
  if (differs !== undefined) {
    main.append(conflictPart.module!.conflictCard(ctx, differs, (r) => render({ ...ctx, session: r.session, settled: r.store }, true)));
  } else switch (state.status) {
    case "asking":
      main.append(questionCard(ctx, state.question!, apply));
      break;
    case "finding-out":
      main.append(findOutPart.module!.findOutCard(ctx, state, apply));
      break;
    case "step":
      main.append(stepPart.module!.stepCard(ctx, scenario.steps.find((s) => s.id === state.step!.id)!, state, apply));
      break;
    case "resolved":
      main.append(endsPart.module!.resolvedCard(ctx));
      break;
    case "escalated":
      main.append(endsPart.module!.escalatedCard(ctx, state));
      break;
    case "stopped":
      main.append(endsPart.module!.stoppedCard(ctx, state));
      break;
  }
  main.append(controls(ctx));
  // A guide that stopped before any step has no plan to show: only what applies is on screen.
  show(notice, h("div", { class: state.status === "stopped" ? "dx dx-one" : "dx" }, main, state.status === "stopped" ? null : planAside(ctx, state)));
  decorate(root, ctx.api);
  if (changed) focusHeading();
  // The parts every diagnostic goes on to, fetched now that this view is on screen.
  warmParts();
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
