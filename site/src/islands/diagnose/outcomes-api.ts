/**
 * The outcomes API as one page view of the diagnostic finds it. One `GET /api/stats/<code>/<app>`
 * per view tells whether the API is there and gives "fixed it for N of M" for the steps enough
 * people tried (shown beside the step, never changing the order). Only when it answered is each
 * step's outcome sent (but the fix of a step another completes), the moment it is chosen, and an optional reason from a fixed list follows
 * as an addition to it (`/api/outcomes/reason`); a static copy sends nothing.
 */
import type { App } from "../../../../src/model/index.ts";
import type { OutcomeReason, Step, StepOutcome } from "../../../../src/model/index.ts";
import { outcomeToSend } from "../../lib/outcomes.ts";
import { fetchStats, postJson } from "../api.ts";
import { h } from "../dom.ts";

export interface Api {
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
export function connectApi(root: HTMLElement, code: string, app: App): Api {
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
        decorate(root, api);
      }
      done(Boolean(texts));
    });
  };
  root.addEventListener("pointerdown", start, { once: true, capture: true });
  root.addEventListener("keydown", start, { once: true, capture: true });
  return api;
}

/** Whether the API answered, waiting at most `ms` for the stats request. */
export function apiReady(api: Api, ms: number): Promise<boolean> {
  return Promise.race([api.ready, new Promise<boolean>((r) => setTimeout(() => r(false), ms))]);
}

/**
 * Sends one step's outcome once the API is known to be there (nothing on a static copy), the
 * moment it is chosen; resolves to whether the server counted it. A "fixed" of a step that leaves
 * the app half-done (an unlink) is not sent (`outcomeToSend`): the step that completes it comes
 * next, and its outcome is the one counted.
 */
export function sendOutcome(api: Api, code: string, app: App, step: Step, outcome: StepOutcome, verified?: boolean): Promise<boolean> {
  const body = outcomeToSend(code, app, step, outcome, verified);
  if (!body) return Promise.resolve(false);
  return api.ready.then((ok) => ok && postJson("/api/outcomes", body));
}

/** Adds why the step did not fix it to the outcome `sent` counted (only once it was). */
export function sendReason(sent: Promise<boolean>, code: string, app: App, stepId: string, outcome: StepOutcome, reason: OutcomeReason): void {
  if (outcome === "fixed") return;
  void sent.then((ok) => ok && postJson("/api/outcomes/reason", { code, app, stepId, outcome, reason }));
}

/** Puts "fixed it for N of M" beside the steps on screen (the plan and the current step) that have one. */
export function decorate(root: HTMLElement, api: Api): void {
  if (api.texts.size === 0) return;
  for (const el of root.querySelectorAll<HTMLElement>("[data-plan-step], [data-step]")) {
    const text = api.texts.get(el.dataset.planStep ?? el.dataset.step ?? "");
    if (!text || el.querySelector(".stat")) continue;
    if (el.dataset.planStep !== undefined) el.append(h("span", { class: "stat" }, text));
    else el.querySelector("h2")?.after(h("p", { class: "stat" }, text));
  }
}
