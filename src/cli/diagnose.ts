/**
 * `fixpath diagnose <code> [--app <app>] [--answers <file|->] [--evidence <file|->] [--json]`: the
 * plan for a code in an app, from answers given as a JSON object of facts (or what `fixpath analyze
 * --json` printed) and what a saved dsregcmd /status or evidence bundle settles. Prints the plan
 * contract as JSON, or as text in the words the interactive diagnostic uses (no ids: those are in
 * the JSON only).
 */
import { organisation } from "./organisation.ts";
import { FACTS, hubUrl, isFactName, type Issue, type KnowledgeBase, type Scenario } from "../model/index.ts";
import { answerWords, findScenario, planScenario, questionText, stoppedWords, unreachable, type Assumption, type Plan } from "../engine/index.ts";
import { plainText, type FoundAnswer } from "../report/index.ts";
import type { Content } from "./content.ts";
import { readAnswers, readEvidence, withEvidence, type Answers } from "./answers.ts";
import { EXIT, UserError, type CliIo } from "./io.ts";
import { printable } from "./text.ts";
import { renderForPeople } from "./people.ts";

export interface DiagnoseArgs {
  /** The code in any written form (`CAA50021`, `0xCAA50021`, `3399811105`). */
  code: string;
  /** The app; optional when the code has exactly one scenario. */
  app?: string;
  /** A JSON file of answers (or `fixpath analyze --json` output), or `-` for standard input. */
  answers?: string;
  /** A saved dsregcmd /status or evidence bundle, or `-` for standard input: its settled facts are answers. */
  evidence?: string;
  json: boolean;
}

/**
 * Runs `fixpath diagnose` with answers: reads the answers, plans and prints. Returns 0; a wrong
 * code, app or answers throw a UserError (exit 2, mapped by main), content problems exit 1.
 */
export async function runDiagnose(args: DiagnoseArgs, io: CliIo, content: Content): Promise<number> {
  if (args.answers === "-" && args.evidence === "-") {
    throw new UserError("fixpath diagnose: --answers - and --evidence - both read standard input\n  Fix: pass one of them as a file");
  }
  const kb = content.kb();
  const given: Answers = args.answers === undefined ? { facts: {}, found: [] } : await readAnswers("diagnose", args.answers, io);
  const evidence = args.evidence === undefined ? undefined : await readEvidence("diagnose", args.evidence, io, kb);
  const { facts, found } = withEvidence("diagnose", given, args.answers, evidence);
  const app = args.app ?? (typeof facts.app === "string" ? facts.app : undefined);
  if (args.app !== undefined && facts.app !== undefined && facts.app !== args.app.trim().toLowerCase()) {
    throw new UserError(`fixpath diagnose: the answers say "app": "${String(facts.app)}" but --app is ${args.app}\n  Fix: remove "app" from the answers, or pass the same app`);
  }
  const target = findScenario(kb, app === undefined ? { code: args.code } : { code: args.code, app });
  if (!target.ok) throw issuesError(target.issues);
  const result = planScenario(kb, target.target.scenario, facts, { organisation: organisation(io, "diagnose").facts });
  io.stdout.write(args.json ? JSON.stringify(result, null, 2) + "\n" : printable(renderPlanText(kb, target.target.scenario, result, found)));
  return EXIT.ok;
}

function issuesError(issues: readonly Issue[]): UserError {
  return new UserError(issues.map((i) => renderForPeople("diagnose", i)).join("\n"), EXIT.usage);
}

// ---------------------------------------------------------------- text

const OUTCOME_WORDS: Record<Plan["outcome"], string> = {
  plan: "The plan: take the steps below, in order.",
  escalate: "Stop here and hand over to IT, before any step that changes something.",
  "switch-guide": "Another code's guide fits better.",
  "not-this-error": "This guide does not fit your situation.",
};

/** How a step's place in the plan is said, after its title (nothing for a step to do). */
const STATUS_SAID: Record<Plan["steps"][number]["status"], string> = {
  do: "",
  "ask-admin": " (for IT to do with you)",
  "find-out": " (find out first)",
  skip: "",
  never: "",
};

/**
 * Renders a plan as text, in the words of the interactive diagnostic: what to do, the steps with
 * their reasons, what not to do, the hand-over, what the analyzer found, what is assumed until
 * answered, and the next question. No step, stop or status ids: those are in --json.
 */
export function renderPlanText(kb: KnowledgeBase, scenario: Scenario, plan: Plan, found: readonly FoundAnswer[] = []): string {
  const title = new Map<string, string>([...scenario.steps, ...scenario.avoid].map((s) => [s.id, plainText(s.title)]));
  const stops = new Map(scenario.stops.map((s) => [s.id, s]));
  const avoidIds = new Set(scenario.avoid.map((a) => a.id));
  const name = (id: string) => title.get(id) ?? (stops.has(id) ? plainText(stops.get(id)!.title) : "another step");
  const lines: string[] = [plainText(scenario.title), OUTCOME_WORDS[plan.outcome]];
  if (plan.switchTo !== undefined) {
    const known = kb.codes.has(plan.switchTo);
    lines.push(`Go to: ${known ? hubUrl(plan.switchTo) : plan.switchTo}${known ? "" : " (Fixpath has no guide for it yet)"}`);
  }
  // A guide that stops before any step says why once, and nothing about its steps or open questions.
  const stopped = stoppedWords(plan, scenario);
  if (stopped !== undefined && plan.outcome !== "escalate") {
    lines.push("", plainText(stopped));
    return lines.join("\n") + "\n";
  }
  const steps = plan.steps.filter((s) => !avoidIds.has(s.id));
  const shown = steps.filter((s) => s.status !== "skip");
  const skipped = steps.filter((s) => s.status === "skip");
  if (shown.length > 0) {
    lines.push("", "Steps");
    // A find-out reason said in full once: the next steps held for the same answers point back to it.
    const first = new Map<string, number>();
    shown.forEach((s, i) => {
      const n = `${String(i + 1).padStart(2)}. `;
      const key = JSON.stringify(s.cause);
      const said = s.status === "find-out" ? first.get(key) : undefined;
      const reason = said === undefined ? plainText(s.reason) : `Find out first, as for step ${said}.`;
      if (s.status === "find-out" && said === undefined) first.set(key, i + 1);
      lines.push(`  ${n}${name(s.id)}${STATUS_SAID[s.status]}`, `  ${" ".repeat(n.length)}${reason}`);
    });
  }
  if (skipped.length > 0) {
    lines.push("", "Not offered");
    // Steps not offered for the same cause are named together, with the reason once.
    const groups = new Map<string, { names: string[]; reason: string }>();
    for (const s of skipped) {
      const key = JSON.stringify(s.cause);
      const saidBelow = s.cause.kind === "stopped" && (plan.escalation?.causes ?? []).some((c) => c.kind === "stop" && s.cause.kind === "stopped" && c.stop === s.cause.stop);
      const g = groups.get(key) ?? { names: [], reason: saidBelow ? 'The plan stops before them (see "Hand over to IT" below).' : plainText(s.reason) };
      g.names.push(name(s.id));
      groups.set(key, g);
    }
    for (const g of groups.values()) lines.push(`  - ${g.names.join("; ")}: ${g.reason}`);
  }
  const avoid = plan.steps.filter((s) => avoidIds.has(s.id));
  if (avoid.length > 0) {
    lines.push("", "What not to do");
    for (const s of avoid) lines.push(`  - ${name(s.id)}. ${plainText(s.reason)}`);
  }
  if (plan.escalation) {
    lines.push("", plan.outcome === "escalate" ? "Hand over to IT" : "If these steps do not help, hand over to IT");
    for (const r of plan.escalation.reasons) lines.push(`  - ${plainText(r)}`);
    if (plan.escalation.checklist) lines.push(`  Admin checklist: ${plan.escalation.checklist}`);
  }
  if (found.length > 0) {
    lines.push("", "Found by the analyzer (not asked)");
    for (const f of found) {
      const where = f.lines.length ? `, ${f.lines.length === 1 ? "line" : "lines"} ${f.lines.join(", ")}` : "";
      lines.push(`  - ${questionText(scenario.questions, f.fact)} ${isFactName(f.fact) ? plainText(answerWords(scenario.questions, f.fact, f.value)) : String(f.value)}. (in ${f.source}: ${f.because}${where})`);
    }
  }
  if (plan.assumptions.length > 0) {
    lines.push("", "Not answered yet");
    for (const a of plan.assumptions) lines.push(`  - ${questionText(scenario.questions, a.fact)} ${assumedWords(a, a.affects.map(name))}`);
  }
  if (plan.nextQuestion) {
    const q = plan.nextQuestion;
    const values = q.choices ? q.choices.map((c) => JSON.stringify(c.value)).join(" | ") : "true | false";
    lines.push("", "Next question", `  ${plainText(q.prompt)}`, `  Why: ${plainText(q.why)}`);
    if (q.help) lines.push(`  How to tell: ${plainText(q.help)}`);
    lines.push(`${ANSWER_HINT}{ "${q.fact}": ${isFactName(q.fact) && FACTS[q.fact].type === "code" ? '"<code>" | "none"' : values} }`);
  }
  return lines.join("\n") + "\n";
}

/** The line that shows the answers file's syntax (fact name and values as --answers takes them). */
export const ANSWER_HINT = "  To answer it, add to the answers file: ";

/** What the plan assumes while a question is open, in words (the engine's assumption with names for its ids). */
function assumedWords(a: Assumption, affects: readonly string[]): string {
  const names = affects.map((n) => n.replace(/\.$/, "")).join("; ");
  switch (a.kind) {
    case "stop-may-fire":
      return `Until it is answered, the plan goes on; an answer can stop it: ${names}.`;
    case "step-applies":
      return `Until it is answered, the plan counts on this step: ${names}.`;
    case "maybe-managed":
      return `Until it is answered, the computer may be managed, so these are not offered: ${names}.`;
    case "not-managed":
      return `Until it is answered, the plan assumes ${a.assumed} (this affects: ${names}).`;
    default:
      return unreachable(a.kind);
  }
}
