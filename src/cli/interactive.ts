/**
 * `fixpath diagnose` in a terminal: arrow-key questions, one step at a time with its commands,
 * "did this fix it?", and the session saved to a file after every answer so
 * `fixpath diagnose --resume` continues after the restart a step asked for.
 *
 * The prompts go through a small `Prompter` so tests can script them; the real one is @clack/prompts.
 */
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import * as clack from "@clack/prompts";
import { answer, recordOutcome, sessionState, startSession, undo, type Session, type SessionResult, type SessionState, type StepOutcome } from "../engine/index.ts";
import { renderIssue, type FactValue, type Instruction, type KnowledgeBase, type Question, type Scenario, type Step } from "../model/index.ts";
import { EXIT, UserError, type CliIo } from "./io.ts";
import { readSessionFile, writeSessionFile, type SessionFile } from "./session-file.ts";

export const CANCELLED = Symbol("cancelled");
export type Cancelled = typeof CANCELLED;

export interface Choice<T> {
  value: T;
  label: string;
  hint?: string;
}

/** The prompts the interactive diagnostic needs. */
export interface Prompter {
  select<T>(message: string, choices: Choice<T>[]): Promise<T | Cancelled>;
  text(message: string, placeholder?: string): Promise<string | Cancelled>;
  note(body: string, title?: string): void;
  info(message: string): void;
  done(message: string): void;
}

/** The real prompter: @clack/prompts on the CLI's streams. */
export function clackPrompter(io: CliIo): Prompter {
  const streams = { input: io.stdin as NodeJS.ReadStream | undefined, output: io.stdout as unknown as NodeJS.WriteStream };
  return {
    async select(message, choices) {
      const r = await clack.select({ message, options: choices.map((c) => ({ value: c.value, label: c.label, hint: c.hint })) as never, ...streams });
      return clack.isCancel(r) ? CANCELLED : (r as never);
    },
    async text(message, placeholder) {
      const r = await clack.text({ message, placeholder, ...streams });
      return clack.isCancel(r) ? CANCELLED : (r ?? "");
    },
    note: (body, title) => clack.note(body, title, { output: streams.output }),
    info: (message) => clack.log.info(message, { output: streams.output }),
    done: (message) => clack.outro(message, { output: streams.output }),
  };
}

export interface InteractiveArgs {
  code?: string;
  app?: string;
  /** The session file (default .fixpath-session.json in the working folder). */
  sessionFile: string;
  resume: boolean;
}

const BACK = "__back";
const PAUSE = "__pause";
const UNKNOWN = "unknown";

/** Runs the interactive diagnostic; returns the exit code. `now` gives step outcome times. */
export async function runInteractive(
  args: InteractiveArgs,
  ctx: { io: CliIo; kb: KnowledgeBase; prompter?: Prompter; now?: () => string },
): Promise<number> {
  const { io, kb } = ctx;
  const path = resolve(io.cwd, args.sessionFile);
  const ask = ctx.prompter ?? requireTerminal(io);
  const now = ctx.now ?? (() => new Date().toISOString());

  let file: SessionFile;
  if (args.resume) {
    file = readSessionFile(path);
    ask.info(`Continuing your ${file.session.code.toUpperCase()} session (${file.session.app}) from ${args.sessionFile}.`);
  } else {
    if (!args.code) throw new UserError("fixpath diagnose: which code? e.g. `fixpath diagnose CAA50021 --app onedrive`, or --resume to continue", EXIT.usage);
    if (existsSync(path)) {
      const keep = await ask.select(`A saved session exists in ${args.sessionFile}. What now?`, [
        { value: "resume", label: "Continue the saved session" },
        { value: "new", label: "Start over (the saved session is replaced)" },
      ]);
      if (keep === CANCELLED) return cancelled(ask);
      if (keep === "resume") return runInteractive({ ...args, resume: true }, { ...ctx, prompter: ask });
    }
    const started = startSession(kb, { code: args.code, app: args.app });
    if (!started.ok) throw new UserError(started.issues.map((i) => renderIssue(i)).join("\n"), EXIT.usage);
    const when = await ask.text("When did the error start? (for the report to IT; Enter to skip)", "e.g. Monday morning, after the password change");
    if (when === CANCELLED) return cancelled(ask);
    file = { kind: "fixpath-session", version: 1, startedAt: when.trim() || undefined, session: started.session };
    writeSessionFile(path, file);
  }

  const scenario = kb.scenarios.get(`${file.session.code}/${file.session.app}`)!;
  const save = (s: Session) => {
    file = { ...file, session: s };
    writeSessionFile(path, file);
  };
  const apply = (r: SessionResult): boolean => {
    if (!r.ok) {
      ask.info(r.issues.map((i) => i.message + (i.hint ? ` (${i.hint})` : "")).join("\n"));
      return false;
    }
    save(r.session);
    return true;
  };

  for (;;) {
    const state = sessionState(kb, file.session);
    if (!state) throw new UserError(`fixpath: the knowledge base has no ${file.session.code}/${file.session.app} scenario any more`, EXIT.usage);
    if (state.status === "asking") {
      const value = await askQuestion(ask, state.question!, file.session.history.length > 0);
      if (value === CANCELLED) return paused(ask, args.sessionFile);
      if (value === BACK) apply(undo(file.session));
      else apply(answer(file.session, state.question!.fact, value));
      continue;
    }
    if (state.status === "step") {
      const step = scenario.steps.find((s) => s.id === state.step!.id)!;
      ask.note(renderStep(step, state), `Step ${state.plan.steps.findIndex((s) => s.id === step.id) + 1}: ${step.title}`);
      const outcome = await ask.select<StepOutcome | typeof BACK | typeof PAUSE>("Did this fix it?", [
        { value: "fixed", label: "Yes, it is fixed" },
        { value: "no-change", label: "No, the error is still there" },
        { value: "could-not", label: "I could not do this step" },
        { value: PAUSE, label: "Pause here (e.g. to restart): progress is saved", hint: "fixpath diagnose --resume" },
        { value: BACK, label: "Go back" },
      ]);
      if (outcome === CANCELLED || outcome === PAUSE) return paused(ask, args.sessionFile);
      if (outcome === BACK) apply(undo(file.session));
      else apply(recordOutcome(kb, file.session, { stepId: step.id, outcome, at: now() }));
      continue;
    }
    return finish(ask, state, scenario, args.sessionFile);
  }
}

function requireTerminal(io: CliIo): Prompter {
  if (!io.stdin || !io.stdin.isTTY || !io.stdout.isTTY) {
    throw new UserError(
      "fixpath diagnose: asking questions needs an interactive terminal, and this is not one.\n" +
        "  Fix: run it in a terminal, or get the plan without questions:\n" +
        "       fixpath diagnose <code> --app <app> --answers answers.json [--json]",
      EXIT.usage,
    );
  }
  return clackPrompter(io);
}

async function askQuestion(ask: Prompter, q: Question, canGoBack: boolean): Promise<FactValue | typeof BACK | Cancelled> {
  const back: Choice<typeof BACK>[] = canGoBack ? [{ value: BACK, label: "Go back" }] : [];
  if (q.fact === "otherErrorAfterSignIn") {
    const r = await ask.select<string>(`${q.prompt}\n  ${q.why}`, [
      { value: "none", label: "No, no other code" },
      { value: "code", label: "Yes — I'll type the code" },
      { value: UNKNOWN, label: "I don't know" },
      ...back,
    ]);
    if (r !== "code") return r;
    const code = await ask.text("Which code? (as shown, e.g. 0x8004de40)");
    return code === CANCELLED ? CANCELLED : code.trim() || UNKNOWN;
  }
  const choices: Choice<FactValue>[] = q.choices
    ? q.choices.map((c) => ({ value: c.value, label: c.label }))
    : [
        { value: true, label: "Yes" },
        { value: false, label: "No" },
      ];
  return ask.select<FactValue | typeof BACK>(`${q.prompt}\n  ${q.why}${q.help ? `\n  ${stripMd(q.help)}` : ""}`, [
    ...choices,
    { value: UNKNOWN, label: "I don't know" },
    ...back,
  ]);
}

/** A step as terminal text: what it does, what happens to data, then the instructions and commands. */
export function renderStep(step: Step, state: SessionState): string {
  const lines = [stripMd(step.summary), "", `Your data: ${stripMd(step.dataSafety)}`];
  const badges = [step.needsAdmin && "needs admin rights", step.needsRestart && "ends with a restart", step.changesState && "changes account or device state"].filter(Boolean);
  if (badges.length) lines.push(`This step ${badges.join(", ")}.`);
  lines.push("");
  step.instructions.forEach((inst: Instruction, i) => {
    if (typeof inst === "string") lines.push(`${i + 1}. ${stripMd(inst)}`);
    else {
      const where = inst.shell === "run" ? "Run dialog (Win+R)" : inst.shell === "powershell" ? "PowerShell" : "Command Prompt";
      lines.push(`${i + 1}. In the ${where}${inst.elevated ? " (as administrator)" : ""}, type:`, `     ${inst.run}`);
      if (inst.note) lines.push(`   ${stripMd(inst.note)}`);
    }
  });
  if (step.expect) lines.push("", `When it worked: ${stripMd(step.expect)}`);
  for (const c of step.caveats) lines.push("", `Note: ${stripMd(c.text)}`);
  if (step.needsRestart) lines.push("", "After the restart, run `fixpath diagnose --resume` to continue here.");
  const reason = state.step?.reason;
  if (reason) lines.push("", `Why now: ${stripMd(reason)}`);
  return lines.join("\n");
}

function finish(ask: Prompter, state: SessionState, scenario: Scenario, sessionFile: string): number {
  const reportCmd = `fixpath report --session ${sessionFile}`;
  if (state.status === "resolved") {
    ask.done(`Fixed. Glad it works again. (A record of what you tried: ${reportCmd})`);
  } else if (state.status === "stopped") {
    if (state.plan.outcome === "switch-guide") {
      ask.note(state.plan.steps[0]?.reason ?? "", "Another guide applies");
      ask.done(`Continue with: fixpath diagnose ${state.plan.switchTo ?? ""}`);
    } else {
      ask.done(`This guide does not fit: ${stripMd(state.plan.steps[0]?.reason ?? scenario.title)}`);
    }
  } else {
    const reasons = state.report.escalation?.reasons ?? [];
    ask.note(reasons.map((r) => `- ${stripMd(r)}`).join("\n") || "The steps did not fix it.", "Time to hand over to IT");
    ask.done(`Make the report for IT (identifiers are redacted): ${reportCmd}`);
  }
  return EXIT.ok;
}

function paused(ask: Prompter, sessionFile: string): number {
  ask.done(`Progress saved in ${sessionFile}. Continue with: fixpath diagnose --resume${sessionFile === ".fixpath-session.json" ? "" : ` --session ${sessionFile}`}`);
  return EXIT.ok;
}

function cancelled(ask: Prompter): number {
  ask.done("Nothing was changed.");
  return EXIT.ok;
}

function stripMd(text: string): string {
  return text.replace(/\*\*([^*]+)\*\*/g, "$1").replace(/\[([^\]]+)\]\([^)]+\)/g, "$1");
}
