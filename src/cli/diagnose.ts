/**
 * `fixpath diagnose <code> [--app <app>] [--answers <file|->] [--json]`: the plan for a code in an
 * app, from answers given as a JSON object of facts. Prints the plan contract as JSON, or as text.
 */
import { organisation } from "./organisation.ts";
import { readFile } from "node:fs/promises";
import { resolve } from "node:path";
import { FACTS, isFactName, type Facts, type Issue, type KnowledgeBase, type Scenario } from "../model/index.ts";
import { STEP_STATUS_WORDS, findScenario, parseFacts, planScenario, type Plan } from "../engine/index.ts";
import type { Content } from "./content.ts";
import { EXIT, UserError, readStdin, type CliIo } from "./io.ts";
import { renderForPeople } from "./people.ts";

export interface DiagnoseArgs {
  /** The code in any written form (`CAA50021`, `0xCAA50021`, `3399811105`). */
  code: string;
  /** The app; optional when the code has exactly one scenario. */
  app?: string;
  /** A JSON file of answers, or `-` for standard input. */
  answers?: string;
  json: boolean;
}

/**
 * Runs `fixpath diagnose` with answers: reads the answers, plans and prints. Returns 0; a wrong
 * code, app or answers throw a UserError (exit 2, mapped by main), content problems exit 1.
 */
export async function runDiagnose(args: DiagnoseArgs, io: CliIo, content: Content): Promise<number> {
  const kb = content.kb();
  const facts = args.answers === undefined ? {} : await readAnswers(args.answers, io);
  const app = args.app ?? (typeof facts.app === "string" ? facts.app : undefined);
  if (args.app !== undefined && facts.app !== undefined && facts.app !== args.app.trim().toLowerCase()) {
    throw new UserError(`fixpath diagnose: the answers say "app": "${String(facts.app)}" but --app is ${args.app}\n  Fix: remove "app" from the answers, or pass the same app`);
  }
  const found = findScenario(kb, app === undefined ? { code: args.code } : { code: args.code, app });
  if (!found.ok) throw issuesError(found.issues);
  const result = planScenario(kb, found.target.scenario, facts, { organisation: organisation(io, "diagnose").facts });
  io.stdout.write(args.json ? JSON.stringify(result, null, 2) + "\n" : renderPlanText(kb, found.target.scenario, result));
  return EXIT.ok;
}

function issuesError(issues: readonly Issue[]): UserError {
  return new UserError(issues.map((i) => renderForPeople("diagnose", i)).join("\n"), EXIT.usage);
}

/** Reads and checks the answers file (or standard input for `-`). */
async function readAnswers(source: string, io: CliIo): Promise<Facts> {
  const where = source === "-" ? "<stdin>" : source;
  const text = source === "-" ? await readAnswersStdin(io) : await readAnswersFile(source, io);
  let data: unknown;
  try {
    data = JSON.parse(text) as unknown;
  } catch (e) {
    const detail = e instanceof Error ? e.message : String(e);
    throw issuesError([{ code: "cli/bad-answers-json", severity: "error", file: where, path: "(answers)", message: `the answers are not valid JSON: ${detail}`, hint: 'write a JSON object, e.g. { "managed": true, "where": "banner" }' }]);
  }
  const parsed = parseFacts(data);
  if (!parsed.ok) throw issuesError(parsed.issues.map((i) => ({ ...i, file: where })));
  return parsed.facts;
}

async function readAnswersFile(path: string, io: CliIo): Promise<string> {
  try {
    return await readFile(resolve(io.cwd, path), "utf8");
  } catch (e) {
    const code = (e as { code?: string }).code;
    const why = code === "ENOENT" ? "no such file" : code === "EISDIR" ? "it is a folder" : code ?? "it cannot be read";
    throw new UserError(`fixpath diagnose: cannot read the answers file ${path}: ${why}\n  Fix: pass a JSON file of answers, or - to read them from standard input`);
  }
}

const NO_STDIN = `fixpath diagnose: --answers - reads a JSON object of answers from standard input, but nothing was piped in
  Fix: pipe the answers in (echo '{"managed": true}' | fixpath diagnose caa50021 --answers -), or pass a file`;

async function readAnswersStdin(io: CliIo): Promise<string> {
  const read = await readStdin(io);
  const text = read.kind === "read" ? new TextDecoder().decode(read.bytes) : "";
  if (text.trim() === "") throw new UserError(NO_STDIN);
  return text;
}

// ---------------------------------------------------------------- text

const OUTCOME_WORDS: Record<Plan["outcome"], string> = {
  plan: "a plan: the steps to take, in order",
  escalate: "stop and hand over to IT",
  "switch-guide": "another code's guide applies",
  "not-this-error": "this guide does not fit your situation",
};

/** Renders a plan as readable text: outcome, steps, what not to do, escalation, assumptions, next question. */
export function renderPlanText(kb: KnowledgeBase, scenario: Scenario, plan: Plan): string {
  const title = new Map<string, string>([...scenario.steps, ...scenario.avoid].map((s) => [s.id, s.title]));
  const avoidIds = new Set(scenario.avoid.map((a) => a.id));
  const lines: string[] = [];
  lines.push(`${scenario.title}`, `Outcome: ${plan.outcome} — ${OUTCOME_WORDS[plan.outcome]}`);
  if (plan.switchTo !== undefined) {
    const known = kb.codes.has(plan.switchTo);
    lines.push(`Go to: ${known ? `/codes/${plan.switchTo}/` : plan.switchTo}${known ? "" : " (Fixpath has no guide for it yet)"}`);
  }
  const width = Math.max(...plan.steps.map((s) => STEP_STATUS_WORDS[s.status].length));
  const row = (n: string, s: Plan["steps"][number]) => {
    lines.push(`  ${n}${STEP_STATUS_WORDS[s.status].padEnd(width)}  ${title.get(s.id) ?? s.id}  [${s.id}]`);
    lines.push(`  ${" ".repeat(n.length + width)}  ${s.reason}`);
  };
  lines.push("", "Steps");
  plan.steps.filter((s) => !avoidIds.has(s.id)).forEach((s, i) => row(`${String(i + 1).padStart(2)}. `, s));
  const avoid = plan.steps.filter((s) => avoidIds.has(s.id));
  if (avoid.length > 0) {
    lines.push("", "What not to do");
    avoid.forEach((s) => row("  - ", s));
  }
  if (plan.escalation) {
    lines.push("", plan.outcome === "escalate" ? "Hand over to IT" : "If these steps do not help, hand over to IT");
    for (const r of plan.escalation.reasons) lines.push(`  - ${r}`);
    if (plan.escalation.checklist) lines.push(`  Admin checklist: ${plan.escalation.checklist}`);
  }
  if (plan.assumptions.length > 0) {
    lines.push("", "Assumed (not answered yet)");
    for (const a of plan.assumptions) lines.push(`  - ${a.fact}: ${a.assumed} (affects ${a.affects.join(", ")})`);
  }
  if (plan.nextQuestion) {
    const q = plan.nextQuestion;
    const values = q.choices ? q.choices.map((c) => JSON.stringify(c.value)).join(" | ") : "true | false";
    lines.push("", `Next question (${q.fact})`, `  ${q.prompt}`, `  Why: ${q.why}`);
    if (q.help) lines.push(`  How to tell: ${q.help}`);
    lines.push(`  Answer with --answers: { "${q.fact}": ${isFactName(q.fact) && FACTS[q.fact].type === "code" ? '"<code>" | "none"' : values} }`);
  }
  return lines.join("\n") + "\n";
}
