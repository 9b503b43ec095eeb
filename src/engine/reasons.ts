/**
 * The words of every plan and hand-over cause, for the person: the one place a `StepCause`,
 * `HoldCause` or `HandOverCause` becomes a sentence. The engine decides with the causes
 * (`safety.ts`, `plan.ts`, `hand-over.ts`) and renders their words here, so shells and the report
 * decide on the data and never on these sentences. Each switch is exhaustive: a new cause without
 * words does not compile. The report's words for IT are in src/report/it-words.ts.
 *
 * Reasons are worded from what the plan knows (the answers), never from where the plan is cut: a
 * plan is made before any step is tried, so no reason says a step was tried or failed.
 */
import type { FactName, Facts, Scenario, Stop } from "../model/index.ts";
import { because, missingFacts, type FactLabeller } from "./conditions.ts";
import type { AssumptionKind, CutPoint, HandOverCause, Hold, HoldCause, StepCause } from "./types.ts";
import { displayCode } from "./words.ts";

/** What the words of a cause are drawn from: the scenario (steps, stops, questions) and the answers. */
export interface WordsContext {
  scenario: Scenario;
  facts: Facts;
  /** The answers in words ("you answered …", "your organisation says …"). */
  label: FactLabeller;
  /** The question that settles a fact, quoted. */
  question: (fact: FactName) => string;
}

/** What a plan assumes while a fact is not answered, in words (`Assumption.assumed`). */
export const ASSUMPTION_WORDS: Readonly<Record<AssumptionKind, string>> = {
  "stop-may-fire": "the stop does not apply (it needs this answer to fire)",
  "step-applies": "the step applies",
  "maybe-managed": "the computer may be managed, so never-on-managed actions are not offered",
  "not-managed": "the computer is not managed by an organisation",
};

/** The managed-device rule: on a managed device the plan ends after the first-line steps. */
export const MANAGED_REASON =
  "This computer is managed by your organisation: after the first-line steps, what remains (policies, compliance, the device record) is for IT.";

/** How a stop after the first-line steps is introduced: a condition on what is still to come. */
export const AFTER_FIRST_LINE = "If the error is still there after the first-line steps, stop there.";

/**
 * Why an elevation cannot be borrowed for a step that acts on the running account's profile: when
 * a standard user elevates, Windows asks for an administrator's credentials and the process runs
 * as that administrator, on that administrator's profile (facts §7.2, §9.6).
 */
export const BORROWED_ELEVATION =
  "It acts on the Windows profile of the account that runs it. If an administrator types their password into your prompt, it runs as that administrator and changes their profile, not yours, so that does not help.";

/**
 * A stop in words. A stop that cuts before a step fires on the answers, so its title (the page's
 * "when to stop" line) is true now. A stop after the first-line steps is about the future: its
 * title may read "you did the first-line steps …", which a plan made before any step must not say,
 * so it is worded as what happens if those steps don't help.
 */
export function stopWords(stop: Stop, at: CutPoint): string {
  if (at === "after-first-line") return `${AFTER_FIRST_LINE} ${stop.reason}`;
  return `${stop.title} ${stop.reason}`;
}

/**
 * Why a plan proposes no step, for a guide that ended before any (another code's guide, not this
 * error): the stop's own words, without the plan's "Not proposed" preamble. Undefined when the
 * plan was not cut at its start.
 */
export function stoppedWords(plan: { steps: readonly { cause: StepCause }[] }, scenario: Scenario): string | undefined {
  const cause = plan.steps[0]?.cause;
  if (cause?.kind !== "stopped" || cause.at !== "start") return undefined;
  const stop = scenario.stops.find((s) => s.id === cause.stop);
  return stop ? stopWords(stop, cause.at) : undefined;
}

/** A step's cause in words, for the person. */
export function stepReason(cause: StepCause, id: string, ctx: WordsContext): string {
  switch (cause.kind) {
    case "stopped": {
      const stop = stopOf(ctx.scenario, cause.stop);
      if (cause.at === "start") return `Not proposed: the plan stops before any step. ${stopWords(stop, cause.at)}`;
      if (cause.at === "before-state-change") return `Not proposed: the plan stops before the first step that changes anything. ${stopWords(stop, cause.at)}`;
      return `Not proposed: the plan ends after the first-line steps. ${stop.reason}`;
    }
    case "managed":
      return `Not proposed: ${MANAGED_REASON}`;
    case "never-on-managed":
      return cause.managed === "yes"
        ? "Never on a computer your organisation manages: this is for IT."
        : "Never offered unless you know this computer is not managed by an organisation; on a managed computer it is for IT.";
    case "does-not-apply": {
      const step = ctx.scenario.steps.find((s) => s.id === id);
      return step?.whenNot ?? `Does not apply: ${step?.when ? because(step.when, ctx.facts, ctx.label).join(" and ") : "not for these answers"}.`;
    }
    case "registration":
      return cause.on === "managed"
        ? "For IT: this computer is managed by your organisation, and this step removes or adds a work account or the device's registration, which can take the computer out of management and sign you out of every app. Don't do it alone; note what you see and give it to IT."
        : "For IT: this computer is joined to your organisation's domain, and adding or removing a work account here can register it a second time next to its join, which confuses your organisation's access checks. Don't do it alone; give IT what you see.";
    case "admin":
      return cause.ownProfile
        ? `For IT: it needs administrator rights, which you don't have. ${BORROWED_ELEVATION} IT has to run it as you, in your own Windows session.`
        : "For IT: it needs administrator rights, which you don't have. Ask IT to do it.";
    case "find-out":
      return holdWords(cause.holds, ctx);
    case "offered":
      return offeredWords(cause, id, ctx);
    case "avoid": {
      const item = ctx.scenario.avoid.find((a) => a.id === id);
      const why = item?.why ?? "";
      const itOnly = item?.itOnly ? ` IT only: ${item.itOnly}` : "";
      if (cause.scope === "managed") return `Never on a computer your organisation manages. ${why}${itOnly}`;
      if (cause.scope === "any-computer") return `Don't do this, on any computer. ${why}${itOnly}`;
      return `Not a step to take: ${why}`;
    }
    default:
      return unreachable(cause);
  }
}

function offeredWords(cause: Extract<StepCause, { kind: "offered" }>, id: string, ctx: WordsContext): string {
  const step = ctx.scenario.steps.find((s) => s.id === id);
  const why: string[] = [cause.tier === "first-line" ? "First-line step" : "Advanced step, after the first-line steps"];
  if (step?.when && cause.applies === "yes") why.push(`it applies because ${because(step.when, ctx.facts, ctx.label).join(" and ")}`);
  if (step?.when && cause.applies === "assumed") why.push(`assumed to apply until you answer ${missingFacts(step.when, ctx.facts).map(ctx.question).join(" and ")}`);
  if (cause.assumedNotManaged) why.push("assumed this computer is not managed (on a managed one, the advanced steps are for IT)");
  return `${why.join("; ")}.`;
}

/** The words of one hold: what the cautious answer would do to the step. */
export function holdCauseWords(cause: HoldCause, scenario: Scenario): string {
  switch (cause.kind) {
    case "stop": {
      const stop = stopOf(scenario, cause.stop);
      return cause.at === "after-first-line" ? `Depending on the answer, the plan ends after the first-line steps: ${stop.reason}` : `The plan stops before this step in this case: ${stop.title}`;
    }
    case "managed-advanced":
      return "On a computer your organisation manages, the advanced steps are for IT.";
    case "registration":
      return "This step removes or adds a work account or the device's registration, which is IT's on a managed computer or one joined to your organisation's domain.";
    case "work-account-fit":
      return "Whether this work-account step fits depends on the answer.";
    case "admin":
      return "This step needs administrator rights; without them it is IT's.";
    default:
      return unreachable(cause);
  }
}

/** A step's holds by fact, in order, each fact with the words of its causes, each said once (for the person or for IT). */
export function holdsByFact(holds: readonly Hold[], words: (cause: HoldCause) => string): Map<FactName, string[]> {
  const byFact = new Map<FactName, string[]>();
  for (const h of holds) {
    const said = words(h.cause);
    const list = byFact.get(h.fact) ?? [];
    if (!list.includes(said)) list.push(said);
    byFact.set(h.fact, list);
  }
  return byFact;
}

/** A held step in words: each question to answer first, with what its answer decides. */
export function holdWords(holds: readonly Hold[], ctx: Pick<WordsContext, "scenario" | "question">): string {
  const byFact = holdsByFact(holds, (cause) => holdCauseWords(cause, ctx.scenario));
  const parts = [...byFact].map(([fact, whys]) => `${ctx.question(fact)} — ${whys.join(" ")}`);
  return `Find out first, then do it or leave it to IT. ${parts.join(" ")}`;
}

/** A reason to hand over, in words for the person. */
export function handOverWords(cause: HandOverCause, scenario: Scenario): string {
  switch (cause.kind) {
    case "stop":
      return stopWords(stopOf(scenario, cause.stop), cause.at);
    case "managed":
      return MANAGED_REASON;
    case "out-of-steps": {
      const { tried, couldNot } = cause;
      if (tried === 0) return "No step of this guide is one you can do on your own here: hand over to IT with this report.";
      const did = tried === 1 ? "You tried one step of this guide" : `You tried ${tried} steps of this guide`;
      if (couldNot === tried) return `${did}, but could not do ${tried === 1 ? "it" : "any of them"}: hand over to IT with this report.`;
      const none = tried === 1 ? "it did not fix the error" : "none of them fixed the error";
      const some = couldNot ? `, and ${couldNot} of them you could not do` : "";
      return `${did}: ${none}${some}. Hand over to IT with this report.`;
    }
    case "held": {
      const prompts = cause.facts.map((f) => scenario.questions.find((q) => q.fact === f)?.prompt).filter((p): p is string => p !== undefined);
      const asked = prompts.length > 0 ? ` (${prompts.map((p) => `“${p}”`).join(", ")})` : "";
      const steps = cause.steps.map((id) => scenario.steps.find((s) => s.id === id)?.title ?? id).join("; ");
      return `Some steps wait for answers that could not be found out here${asked}, so they were left to IT, who can tell whether they are safe on this computer: ${steps}.`;
    }
    case "unknown-guide":
      return `Sign-in gets past the first error now, but ${displayCode(cause.code)} follows, and Fixpath has no guide for that code yet: hand over to IT with this report.`;
    default:
      return unreachable(cause);
  }
}

/** A stop of the scenario by id (a cause names only stops of its own scenario). */
function stopOf(scenario: Scenario, id: string): Stop {
  const stop = scenario.stops.find((s) => s.id === id);
  if (!stop) throw new RangeError(`no stop "${id}" in ${scenario.code}/${scenario.app}`);
  return stop;
}

/** A value no case handles: a compile error when a cause kind has no words. */
export function unreachable(value: never): never {
  throw new TypeError(`no words for ${JSON.stringify(value)}`);
}
