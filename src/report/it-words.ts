/**
 * The report's words for IT: the same typed causes the plan and the session decide on
 * (`StepCause`, `HoldCause`, `HandOverCause` in src/engine/types.ts), worded to IT about the
 * person ("the person tried …", "run it as the person"), where the plan's own words
 * (src/engine/reasons.ts) speak to the person ("you tried …", "don't do it alone"). Each switch is
 * exhaustive: a new cause without words for IT does not compile.
 */
import { answerLabeller, because, holdsByFact, questionText, unreachable, type FactLabeller, type HandOverCause, type HoldCause, type StepCause } from "../engine/index.ts";
import { displayCode, type FactName, type Facts, type Scenario, type Stop } from "../model/index.ts";
import { plainText } from "./plain-text.ts";

/** The answers in IT's words: "the person answered …", "the organisation's settings say …". */
export function itLabeller(scenario: Scenario, fromOrganisation: ReadonlySet<string>): FactLabeller {
  return answerLabeller(scenario.questions, fromOrganisation, { person: "the person answered", organisation: "the organisation's settings say" });
}

/** A question, quoted, as the engine words it (its prompt, or what the fact means). */
function prompt(scenario: Scenario, fact: FactName): string {
  return `“${questionText(scenario.questions, fact)}”`;
}

function stopOf(scenario: Scenario, id: string): Stop | undefined {
  return scenario.stops.find((s) => s.id === id);
}

/** A stop as IT reads it: the guide's own words, quoted (its title speaks to the person). */
export function stopQuoted(stop: Stop | undefined): string {
  return stop ? `“${plainText(stop.title)}” ${plainText(stop.reason)}` : "";
}

/** Why the case goes to IT, one cause, in IT's words. */
export function handOverForIt(cause: HandOverCause, scenario: Scenario): string {
  switch (cause.kind) {
    case "stop":
      // After the first-line steps the stop's title ("you did the first-line steps … and the error is
      // still there") says to the person what the first words here say to IT: its reason follows alone,
      // as the person's words (src/engine/reasons.ts) do it.
      return cause.at === "after-first-line"
        ? `The guide ends after the first-line steps here, and they did not fix it. ${plainText(stopOf(scenario, cause.stop)?.reason ?? "")}`.trimEnd()
        : `The guide stops here: ${stopQuoted(stopOf(scenario, cause.stop))}`;
    case "managed":
      return "The computer is managed by the organisation: after the first-line steps, what remains (policies, compliance, the device record) is IT's.";
    case "out-of-steps": {
      const { tried, couldNot } = cause;
      if (tried === 0) return "No step of this guide is one the person could do on their own on this computer.";
      const did = tried === 1 ? "The person tried one step of this guide" : `The person tried ${tried} steps of this guide`;
      if (couldNot === tried) return `${did} but could not do ${tried === 1 ? "it" : "any of them"}.`;
      const none = tried === 1 ? "it did not fix the error" : "none of them fixed the error";
      const some = couldNot ? ` (${couldNot} of them they could not do)` : "";
      return `${did}; ${none}${some}.`;
    }
    case "held": {
      const steps = cause.steps.map((id) => plainText(scenario.steps.find((s) => s.id === id)?.title ?? id)).join("; ");
      return `Some steps wait for answers the person could not find out (${cause.facts.map((f) => prompt(scenario, f)).join(", ")}); they are left to IT, who can tell whether they are safe on this computer: ${steps}.`;
    }
    case "unknown-guide":
      return `Sign-in now gets past the first error, but ${displayCode(cause.code)} follows, and Fixpath has no guide for that code yet.`;
    default:
      return unreachable(cause);
  }
}

/** What one hold waits on, in IT's words. */
function holdForIt(cause: HoldCause, scenario: Scenario): string {
  switch (cause.kind) {
    case "stop": {
      const stop = stopOf(scenario, cause.stop);
      return cause.at === "after-first-line" ? "the guide may end after the first-line steps" : `depending on the answer, the guide stops before this step${stop ? ` (“${plainText(stop.title)}”)` : ""}`;
    }
    case "managed-advanced":
      return "on a managed computer the advanced steps are IT's";
    case "registration":
      return "it removes or adds a work account or the device's registration, which is IT's on a managed or domain-joined computer";
    case "work-account-fit":
      return "whether this work-account step fits depends on it";
    case "admin":
      return "it needs administrator rights";
    default:
      return unreachable(cause);
  }
}

/** What the report says of a step not taken, or never to be done, for IT: why, from its cause. */
export interface StepWordsContext {
  scenario: Scenario;
  facts: Facts;
  label: FactLabeller;
  /** The stop ids and the managed rule already said under "Why this goes to IT". */
  saidAbove: { stops: ReadonlySet<string>; managed: boolean };
  /** No first-line step was tried: a cut after them is still to come. */
  firstLinePending: boolean;
  /** The facts the person answered "I don't know" (the others a held step waits for are not answered yet). */
  dontKnow: ReadonlySet<string>;
}

const SEE_WHY = 'See "Why this goes to IT".';
/** A step a cut after the first-line steps holds back while none of them was tried yet. */
const HELD_AFTER_FIRST_LINE = "Held back: the guide ends after the first-line steps here, and what remains after them is IT's.";

/** A step's cause in IT's words; undefined for a step that is simply still to do. */
export function stepCauseForIt(cause: StepCause, id: string, ctx: StepWordsContext): string | undefined {
  switch (cause.kind) {
    case "stopped": {
      if (cause.at === "after-first-line" && ctx.firstLinePending) return HELD_AFTER_FIRST_LINE;
      if (ctx.saidAbove.stops.has(cause.stop)) return SEE_WHY;
      const where = cause.at === "start" ? "before any step" : cause.at === "before-state-change" ? "before the first step that changes anything" : "after the first-line steps";
      return `The guide stops ${where}: ${stopQuoted(stopOf(ctx.scenario, cause.stop))}`;
    }
    case "managed":
      if (ctx.firstLinePending) return HELD_AFTER_FIRST_LINE;
      return ctx.saidAbove.managed ? SEE_WHY : "The computer is managed: after the first-line steps, the advanced steps are IT's.";
    case "never-on-managed":
      return cause.managed === "yes" ? "Never on a managed computer: this is IT's." : "Not offered: it is offered only on a computer known not to be managed, and the person could not say.";
    case "does-not-apply": {
      const step = ctx.scenario.steps.find((s) => s.id === id);
      const why = step?.when ? because(step.when, ctx.facts, ctx.label).join(" and ") : "";
      return why ? `It does not apply: ${why}.` : "It does not apply to these answers.";
    }
    case "registration":
      return cause.on === "managed"
        ? "The computer is managed, and this step removes or adds a work account or the device's registration, which can take the computer out of management and sign the person out of every app."
        : "The computer is joined to the organisation's domain, and adding or removing a work account here can register it a second time next to its join (dual state).";
    case "admin":
      return cause.ownProfile
        ? "It needs administrator rights the person does not have, and it acts on the Windows profile of the account that runs it: run it as the person, in their own Windows session (an administrator's password typed into their prompt would change the administrator's profile instead)."
        : "It needs administrator rights the person does not have.";
    case "find-out": {
      const byFact = holdsByFact(cause.holds, (c) => holdForIt(c, ctx.scenario));
      // Said as it is: what the person could not tell, and what was simply not answered yet.
      return [...byFact].map(([fact, whys]) => `${ctx.dontKnow.has(fact) ? "The person could not tell" : "Not answered yet:"} ${prompt(ctx.scenario, fact)} — ${whys.join("; ")}.`).join(" ");
    }
    case "offered":
      return undefined;
    case "avoid": {
      const item = ctx.scenario.avoid.find((a) => a.id === id);
      const why = plainText(item?.why ?? "");
      const itOnly = item?.itOnly ? ` For IT only: ${plainText(item.itOnly)}` : "";
      if (cause.scope === "managed") return `Never on a managed computer. ${why}${itOnly}`;
      if (cause.scope === "any-computer") return `Not on any computer. ${why}${itOnly}`;
      return `Not a step of this guide: ${why}`;
    }
    default:
      return unreachable(cause);
  }
}
