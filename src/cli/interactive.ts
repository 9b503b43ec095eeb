/**
 * `fixpath diagnose` in a terminal: arrow-key questions, one step at a time with its commands,
 * "did this fix it?", and the session saved to a file after every answer so
 * `fixpath diagnose --resume` continues after the restart a step asked for.
 *
 * What a person can rely on:
 * - The saved file is read before anything is offered: a damaged file is said first, and a
 *   session of another code or app is named and never resumed silently. A session that ended by
 *   sending the person to another guide is replaced by that guide, as its hint promises.
 * - Questions start on "I don't know" (Enter through them never answers Yes), and "Did this fix
 *   it?" on "Pause here"; after "Go back" the cursor starts on the earlier answer.
 * - A prompt that could replace the saved session starts on the choice that keeps it (continue it,
 *   or stop with nothing changed): one Enter never discards saved progress (issue 26).
 * - Steps IT does are shown in place, numbered with the rest (Step 3 comes between 2 and 4).
 * - Esc or Ctrl+C: what was answered is saved; it says so and exits 130. "Pause here" exits 0.
 * - Every hint repeats --session when it is not the default file.
 *
 * The prompts go through a small `Prompter` so tests can script them; the real one is @clack/prompts.
 */
import { organisation } from "./organisation.ts";
import { existsSync } from "node:fs";
import { resolve } from "node:path";
import * as clack from "@clack/prompts";
import {
  NO_CODE,
  answer,
  appsWithScenario,
  attachFindings,
  deferStep,
  findOutWays,
  findScenario,
  recordOutcome,
  sessionState,
  startSession,
  stoppedWords,
  undo,
  type HistoryEntry,
  type Session,
  type SessionResult,
  type SessionState,
  type StepOutcome,
} from "../engine/index.ts";
import { APP_NAMES, FACTS, isFactName, resolveCode, type App, type FactName, type FactValue, type KnowledgeBase, type Question, type Scenario, type Step } from "../model/index.ts";
import { EXIT, UserError, type CliIo } from "./io.ts";
import { readEvidence, withEvidence, type EvidenceRead } from "./answers.ts";
import { dsregcmdFindings, plainText, type FoundAnswer } from "../report/index.ts";
import { DEFAULT_SESSION_FILE, readSessionFile, writeSessionFile, type SessionFile } from "./session-file.ts";
import { plainMd, renderInstructions } from "./step-text.ts";
import { renderForPeople } from "./people.ts";
import { plural, printable } from "./text.ts";

export const CANCELLED = Symbol("cancelled");
export type Cancelled = typeof CANCELLED;

export interface Choice<T> {
  value: T;
  label: string;
  hint?: string;
}

/** The prompts the interactive diagnostic needs. */
export interface Prompter {
  /** A choice; `initial` is the option the cursor starts on (default: none chosen for the person, the first). */
  select<T>(message: string, choices: Choice<T>[], initial?: T): Promise<T | Cancelled>;
  text(message: string, placeholder?: string, initial?: string): Promise<string | Cancelled>;
  note(body: string, title?: string): void;
  info(message: string): void;
  done(message: string): void;
}

/** The real prompter: @clack/prompts on the CLI's streams. */
export function clackPrompter(io: CliIo): Prompter {
  const streams = { input: io.stdin as NodeJS.ReadStream | undefined, output: io.stdout as unknown as NodeJS.WriteStream };
  return {
    async select(message, choices, initial) {
      const options = choices.map((c) => ({ value: c.value, label: c.label, hint: c.hint })) as never;
      const r = await clack.select({ message, options, ...(initial === undefined ? {} : { initialValue: initial as never }), ...streams });
      return clack.isCancel(r) ? CANCELLED : (r as never);
    },
    async text(message, placeholder, initial) {
      const r = await clack.text({ message, placeholder, ...(initial === undefined ? {} : { initialValue: initial }), ...streams });
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
  /** A saved dsregcmd /status or evidence bundle: what it settles is not asked, and its findings go to the report. */
  evidence?: string;
}

const BACK = "__back";
const PAUSE = "__pause";
const LEAVE = "__leave";
const UNKNOWN = "unknown";

/** A code as people write it: CAA50021, 0x8004DE40. */
function showCode(code: string): string {
  return code.startsWith("0x") ? `0x${code.slice(2).toUpperCase()}` : code.toUpperCase();
}

/** "CAA50021 in OneDrive": what a saved session is about, in words. */
function about(session: Session): string {
  return `${showCode(session.code)} in ${APP_NAMES[session.app]}`;
}

/** The saved session file, read before anything is offered: none, damaged (why), or its content. */
type Saved = { kind: "none" } | { kind: "damaged"; why: string } | { kind: "ok"; file: SessionFile };

function readSaved(path: string): Saved {
  if (!existsSync(path)) return { kind: "none" };
  try {
    return { kind: "ok", file: readSessionFile(path, "diagnose") };
  } catch (e) {
    if (e instanceof UserError) return { kind: "damaged", why: printable(e.message) };
    throw e;
  }
}

/** The command that continues a session, repeating --session when it is not the default file. */
function resumeCommand(sessionFile: string): string {
  return `fixpath diagnose --resume${sessionOption(sessionFile)}`;
}

function sessionOption(sessionFile: string): string {
  return sessionFile === DEFAULT_SESSION_FILE ? "" : ` --session ${sessionFile}`;
}

/** Runs the interactive diagnostic; returns the exit code. `now` gives step outcome times. */
export async function runInteractive(
  args: InteractiveArgs,
  ctx: { io: CliIo; kb: KnowledgeBase; prompter?: Prompter; now?: () => string },
): Promise<number> {
  const { io, kb } = ctx;
  const path = resolve(io.cwd, args.sessionFile);
  const now = ctx.now ?? (() => new Date().toISOString());

  // The code and app asked for are checked first: a typo is said before any question.
  let wanted: string | undefined;
  if (args.code !== undefined) {
    const found = findScenario(kb, args.app === undefined ? { code: args.code } : { code: args.code, app: args.app });
    if (!found.ok && found.issues[0]?.code !== "target/app-required") throw new UserError(found.issues.map((i) => renderForPeople("diagnose", i)).join("\n"), EXIT.usage);
    wanted = found.ok ? found.target.code : resolveCode(kb, args.code);
  } else if (!args.resume) {
    throw new UserError("fixpath diagnose: which code? e.g. `fixpath diagnose CAA50021 --app onedrive`, or --resume to continue", EXIT.usage);
  }
  const ask = ctx.prompter ?? requireTerminal(io);
  // The paste is read before anything is offered: a file that cannot be used is said first.
  const evidence = args.evidence === undefined ? undefined : await readEvidence("diagnose", args.evidence, io, kb);

  const saved = readSaved(path);
  let file: SessionFile | undefined;
  if (args.resume && saved.kind !== "ok") {
    // Nothing to resume: say why (no file, or what is wrong with it), and change nothing.
    readSessionFile(path, "diagnose");
  }
  if (saved.kind === "damaged") {
    ask.info(`The saved session in ${args.sessionFile} cannot be used:\n${saved.why}`);
    const go = await ask.select(`Start a new ${showCode(wanted!)} session?`, [
      { value: "new", label: `Start a new session (replaces the damaged ${args.sessionFile})` },
      { value: "stop", label: "Stop here (the file is kept as it is)" },
    ], "stop");
    if (go === CANCELLED) return stopped(ask, undefined);
    if (go === "stop") return stopped(ask, undefined, EXIT.ok);
  } else if (saved.kind === "ok") {
    const s = saved.file.session;
    const sameTarget = wanted === undefined || (wanted === s.code && (args.app === undefined || args.app.trim().toLowerCase() === s.app));
    const ended = sessionState(kb, s)?.status;
    if (sameTarget && args.resume) file = saved.file;
    else if (sameTarget) {
      const tried = s.outcomes.length;
      const keep = await ask.select(
        `A saved ${about(s)} session is in ${args.sessionFile} (${plural(s.history.length - tried, "answer")}, ${plural(tried, "step")} tried). What now?`,
        [
          { value: "resume", label: "Continue the saved session" },
          { value: "new", label: "Start over (the saved session is replaced)" },
        ],
        "resume",
      );
      if (keep === CANCELLED) return stopped(ask, undefined);
      if (keep === "resume") file = saved.file;
    } else if (ended === "stopped" && !args.resume) {
      // The saved session ended by sending the person to another guide (or it did not fit): this is that next guide.
      ask.info(`The ended ${about(s)} session in ${args.sessionFile} is replaced by this one.`);
    } else {
      const app = args.app?.trim().toLowerCase() as App | undefined;
      const target = app && wanted === s.code ? `${showCode(wanted)} in ${APP_NAMES[app]}` : showCode(wanted!);
      const pick = await ask.select(`${args.sessionFile} holds a ${about(s)} session, not a ${target} one. What now?`, [
        { value: "new", label: `Start the ${target} session (the saved ${about(s)} session is replaced)` },
        { value: "resume", label: `Continue the ${about(s)} session instead` },
        { value: "stop", label: "Stop here (nothing is changed)" },
      ], "stop");
      if (pick === CANCELLED) return stopped(ask, undefined);
      if (pick === "stop") return stopped(ask, undefined, EXIT.ok);
      if (pick === "resume") file = saved.file;
    }
  }

  // The organisation's presets as they are now (fixpath.config.yaml): not asked, and held against any answer.
  const presets = organisation(io, "diagnose").facts;
  const withPresets = (session: Session): Session => (Object.keys(presets).length > 0 ? { ...session, organisation: presets } : session);
  if (file) {
    ask.info(`Continuing your ${about(file.session)} session from ${args.sessionFile}.`);
    file = { ...file, session: withPresets(file.session) };
    if (evidence) {
      // An answer saved earlier that the paste contradicts is refused, as with --answers: never overridden.
      const own: Record<string, unknown> = { ...file.session.facts };
      const merged = withEvidence("diagnose", { facts: file.session.facts, found: [] }, undefined, evidence, args.sessionFile);
      const added = Object.fromEntries(Object.entries(merged.facts).filter(([f]) => own[f] === undefined));
      file = withEvidenceNote({ ...file, session: { ...file.session, facts: merged.facts, dontKnow: file.session.dontKnow.filter((f) => !(f in added)) } }, evidence, merged.found);
      writeSessionFile(path, file);
    }
  } else {
    const code = wanted!;
    let app = args.app;
    const apps = appsWithScenario(kb, code);
    if (app === undefined && apps.length > 1) {
      const picked = await ask.select<App>(`Which app shows ${showCode(code)}?`, apps.map((a) => ({ value: a, label: APP_NAMES[a] })));
      if (picked === CANCELLED) return stopped(ask, undefined);
      app = picked;
    }
    const merged = evidence ? withEvidence("diagnose", { facts: {}, found: [] }, undefined, evidence) : undefined;
    const started = startSession(kb, { code, app, organisation: presets, ...(merged ? { facts: merged.facts } : {}) });
    if (!started.ok) throw new UserError(started.issues.map((i) => renderForPeople("diagnose", i)).join("\n"), EXIT.usage);
    const when = await ask.text("When did the error start? (for the report to IT; Enter to skip)", "e.g. Monday morning, after the password change");
    if (when === CANCELLED) return stopped(ask, undefined);
    file = { kind: "fixpath-session", version: 1, startedAt: when.trim() || undefined, session: started.session };
    if (evidence && merged) file = withEvidenceNote(file, evidence, merged.found);
    writeSessionFile(path, file);
  }
  if (evidence) {
    const found = file.evidence?.found ?? [];
    const scenarioNow = kb.scenarios.get(`${file.session.code}/${file.session.app}`);
    ask.note(
      found.length
        ? found.map((f) => `- ${questionWords(scenarioNow, f.fact)} ${f.value === true ? "Yes" : f.value === false ? "No" : String(f.value)} (${plainText(f.because)})`).join("\n")
        : "It settles none of the questions; its findings go to the report for IT.",
      `Found in ${evidence.name} (${evidence.source}), not asked`,
    );
  }

  let current: SessionFile = file;
  const scenario = kb.scenarios.get(`${current.session.code}/${current.session.app}`);
  if (!scenario) throw new UserError(`fixpath: the knowledge base has no ${current.session.code}/${current.session.app} scenario any more`, EXIT.usage);
  const save = (s: Session) => {
    current = { ...current, session: s };
    writeSessionFile(path, current);
  };
  const apply = (r: SessionResult): boolean => {
    if (!r.ok) {
      ask.info(r.issues.map((i) => i.message + (i.hint ? ` (${i.hint})` : "")).join("\n"));
      return false;
    }
    save(r.session);
    return true;
  };
  /** The event "Go back" took back: its answer is where the cursor starts when the question returns. */
  let undone: HistoryEntry | undefined;
  const goBack = () => {
    undone = current.session.history.at(-1);
    apply(undo(current.session));
  };

  for (;;) {
    const state = sessionState(kb, current.session);
    if (!state) throw new UserError(`fixpath: the knowledge base has no ${current.session.code}/${current.session.app} scenario any more`, EXIT.usage);
    const earlier = undone;
    undone = undefined;
    if (state.status === "asking") {
      const q = state.question!;
      const previous = earlier?.type === "answer" && earlier.fact === q.fact ? earlier.value : undefined;
      const value = await askQuestion(ask, q, current.session.history.length > 0, previous);
      if (value === CANCELLED) return stopped(ask, args.sessionFile);
      if (value === BACK) goBack();
      else apply(answer(current.session, q.fact, value));
      continue;
    }
    if (state.status === "step") {
      const step = scenario.steps.find((s) => s.id === state.step!.id)!;
      const numbered = numberSteps(scenario, state);
      for (const it of askItBefore(numbered, current.session, step.id)) ask.note(renderAskIt(it.step, it.reason, args.sessionFile), `Step ${it.n}: ${it.step.title} (for your IT)`);
      ask.note(renderStep(step, state, args.sessionFile), `Step ${numbered.find((x) => x.step.id === step.id)!.n}: ${step.title}`);
      const previous = earlier?.type === "outcome" && earlier.stepId === step.id ? earlier.outcome : undefined;
      const outcome = await ask.select<StepOutcome | typeof BACK | typeof PAUSE>(
        "Did this fix it?",
        [
          { value: "fixed", label: "Yes, it is fixed" },
          { value: "no-change", label: "No, the error is still there" },
          { value: "could-not", label: "I could not do this step" },
          { value: PAUSE, label: "Pause here (e.g. to restart): progress is saved", hint: resumeCommand(args.sessionFile) },
          { value: BACK, label: "Go back" },
        ],
        // Enter alone must not claim "fixed" (or "no change") for IT: it pauses, which saves.
        previous ?? PAUSE,
      );
      if (outcome === CANCELLED) return stopped(ask, args.sessionFile);
      if (outcome === PAUSE) return paused(ask, args.sessionFile);
      if (outcome === BACK) goBack();
      else apply(recordOutcome(kb, current.session, { stepId: step.id, outcome, at: now() }));
      continue;
    }
    if (state.status === "finding-out") {
      const step = scenario.steps.find((s) => s.id === state.step!.id)!;
      ask.note(renderFindOut(step, state), `Before "${step.title}": find out first`);
      const q = state.findOut![0]!;
      const choices: Choice<FactValue | typeof LEAVE | typeof BACK | typeof PAUSE>[] = [
        ...answerChoices(q),
        { value: LEAVE, label: "I still can't tell: leave this step to IT and go on" },
        { value: PAUSE, label: "Pause here to find out: progress is saved", hint: resumeCommand(args.sessionFile) },
        { value: BACK, label: "Go back" },
      ];
      // Enter alone must not answer for the person: it pauses, which saves.
      const picked = await ask.select(q.prompt, choices, PAUSE);
      if (picked === CANCELLED) return stopped(ask, args.sessionFile);
      if (picked === PAUSE) return paused(ask, args.sessionFile);
      if (picked === BACK) goBack();
      else if (picked === LEAVE) apply(deferStep(kb, current.session, step.id));
      else apply(answer(current.session, q.fact, picked));
      continue;
    }
    if (state.status === "escalated") {
      const numbered = numberSteps(scenario, state);
      for (const it of askItBefore(numbered, current.session, undefined)) ask.note(renderAskIt(it.step, it.reason, args.sessionFile), `Step ${it.n}: ${it.step.title} (for your IT)`);
    }
    return finish(ask, kb, state, scenario, args.sessionFile);
  }
}

interface NumberedStep {
  n: number;
  step: Step;
  status: string;
  reason: string;
}

/** The steps a person sees, numbered in plan order: those to do and those IT does (not the skipped ones). */
function numberSteps(scenario: Scenario, state: SessionState): NumberedStep[] {
  const byId = new Map(scenario.steps.map((s) => [s.id, s]));
  const shown = state.plan.steps.filter((p) => byId.has(p.id) && (p.status === "do" || p.status === "ask-admin"));
  return shown.map((p, i) => ({ n: i + 1, step: byId.get(p.id)!, status: p.status, reason: p.reason }));
}

/** The IT steps between the last step tried and `next` (the end of the plan when undefined). */
function askItBefore(numbered: readonly NumberedStep[], session: Session, next: string | undefined): NumberedStep[] {
  const tried = new Set(session.outcomes.map((o) => o.stepId));
  const lastTried = numbered.reduce((at, x, i) => (tried.has(x.step.id) ? i : at), -1);
  const until = next === undefined ? numbered.length : numbered.findIndex((x) => x.step.id === next);
  return numbered.slice(lastTried + 1, until).filter((x) => x.status === "ask-admin");
}

/** An IT step as terminal text: why the person does not do it, and what it is. */
function renderAskIt(step: Step, reason: string, sessionFile: string): string {
  return [plainMd(reason), "", `What it does: ${plainMd(step.summary)}`, "", `It is listed in the report for IT: fixpath report${sessionOption(sessionFile)}`].join("\n");
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

/**
 * Asks one question. The cursor starts on "I don't know" (pressing Enter through must not answer
 * "Yes" to "Is this Windows Server?"), or on the earlier answer after "Go back".
 */
async function askQuestion(ask: Prompter, q: Question, canGoBack: boolean, previous: FactValue | undefined): Promise<FactValue | typeof BACK | Cancelled> {
  const back: Choice<typeof BACK>[] = canGoBack ? [{ value: BACK, label: "Go back" }] : [];
  if (isFactName(q.fact) && FACTS[q.fact].type === "code") {
    const earlierCode = typeof previous === "string" && previous !== UNKNOWN && previous !== NO_CODE ? previous : undefined;
    const r = await ask.select<string>(
      `${q.prompt}\n  ${plainMd(q.why)}`,
      [
        { value: NO_CODE, label: "No, no other code" },
        { value: "code", label: "Yes — I'll type the code" },
        { value: UNKNOWN, label: "I don't know" },
        ...back,
      ],
      earlierCode ? "code" : previous === NO_CODE ? NO_CODE : UNKNOWN,
    );
    if (r !== "code") return r;
    const code = await ask.text("Which code? (as shown, e.g. 0x8004de40)", undefined, earlierCode);
    return code === CANCELLED ? CANCELLED : code.trim() || UNKNOWN;
  }
  const choices = answerChoices(q);
  return ask.select<FactValue | typeof BACK>(
    `${q.prompt}\n  ${plainMd(q.why)}${q.help ? `\n  ${plainMd(q.help)}` : ""}`,
    [...choices, { value: UNKNOWN, label: "I don't know" }, ...back],
    previous ?? UNKNOWN,
  );
}

/** A question's answers (its choices, or Yes and No), without "I don't know". */
function answerChoices(q: Question): Choice<FactValue>[] {
  return q.choices
    ? q.choices.map((c) => ({ value: c.value, label: c.label }))
    : [
        { value: true, label: "Yes" },
        { value: false, label: "No" },
      ];
}

/** A step that waits for an answer, as terminal text: why it waits, and how to find the answer out. */
export function renderFindOut(step: Step, state: SessionState): string {
  const lines = [`You said you don't know, and this step waits for the answer: done on the wrong kind of computer, it can take the computer out of your organisation's management or sign you out of every app.`, "", plainMd(state.step!.reason), ""];
  for (const q of state.findOut ?? []) {
    lines.push(`How to find out: ${q.prompt}`);
    if (q.help) lines.push(`- ${plainMd(q.help)}`);
    for (const way of findOutWays(q.fact as FactName)) lines.push(`- ${plainMd(way.text)}${way.analyzer ? " In a terminal, fixpath analyze <file> reads the saved output." : ""}`);
  }
  return lines.join("\n");
}

/** A step as terminal text: what it does, what happens to data, then the instructions and commands. */
export function renderStep(step: Step, state: SessionState, sessionFile: string = DEFAULT_SESSION_FILE): string {
  const lines = [plainMd(step.summary), "", `Your data: ${plainMd(step.dataSafety)}`];
  const badges = [step.needsAdmin && "needs admin rights", step.needsRestart && "ends with a restart", step.changesState && "changes account or device state"].filter(Boolean);
  if (badges.length) lines.push(`This step ${badges.join(", ")}.`);
  lines.push("");
  // Numbered as the page numbers them: a command and its fallbacks belong to the sentence before them.
  lines.push(...renderInstructions(step.instructions));
  if (step.expect) lines.push("", `When it worked: ${plainMd(step.expect)}`);
  for (const c of step.caveats) lines.push("", `Note: ${plainMd(c.text)}`);
  if (step.needsRestart) lines.push("", `After the restart, run ${resumeCommand(sessionFile)} to continue here.`);
  const reason = state.step?.reason;
  if (reason) lines.push("", `Why now: ${plainMd(reason)}`);
  return lines.join("\n");
}

function finish(ask: Prompter, kb: KnowledgeBase, state: SessionState, scenario: Scenario, sessionFile: string): number {
  const reportCmd = `fixpath report${sessionOption(sessionFile)}`;
  if (state.status === "resolved") {
    ask.done(`Fixed. Glad it works again. (A record of what you tried: ${reportCmd})`);
  } else if (state.status === "stopped") {
    if (state.plan.outcome === "switch-guide") {
      ask.note(plainMd(stoppedWords(state.plan, scenario) ?? ""), "Another guide applies");
      ask.done(switchHint(kb, state.plan.switchTo, state.plan.app, sessionFile));
    } else {
      ask.done(`This guide does not fit: ${plainMd(stoppedWords(state.plan, scenario) ?? scenario.title)}`);
    }
  } else {
    const reasons = state.report.escalation?.reasons ?? [];
    ask.note(reasons.map((r) => `- ${plainMd(r)}`).join("\n") || "The steps did not fix it.", "Time to hand over to IT");
    ask.done(`Make the report for IT (identifiers are redacted): ${reportCmd}`);
  }
  return EXIT.ok;
}

/** Where to go after a switch-guide: the command that starts that guide, or its page when it has no diagnostic. */
function switchHint(kb: KnowledgeBase, switchTo: string | undefined, app: App, sessionFile: string): string {
  if (switchTo === undefined) return "Another code's guide applies.";
  const apps = kb.codes.has(switchTo) ? appsWithScenario(kb, switchTo) : [];
  if (apps.length === 0) {
    return kb.codes.has(switchTo) ? `Read the page for ${showCode(switchTo)}: /codes/${switchTo}/` : `Fixpath has no guide for ${showCode(switchTo)} yet.`;
  }
  const appOption = apps.includes(app) ? ` --app ${app}` : "";
  return `Continue with: fixpath diagnose ${showCode(switchTo)}${appOption}${sessionOption(sessionFile)}`;
}

/** The person chose "Pause here": saved on purpose, a success. */
function paused(ask: Prompter, sessionFile: string): number {
  ask.done(`Progress saved in ${sessionFile}. Continue with: ${resumeCommand(sessionFile)}`);
  return EXIT.ok;
}

/**
 * Esc or Ctrl+C: what is answered is already saved (after every answer); say so, and exit non-zero
 * so a script sees the diagnostic did not end. Before a session exists, nothing was changed.
 */
function stopped(ask: Prompter, sessionFile: string | undefined, code: number = EXIT.cancelled): number {
  ask.done(sessionFile === undefined ? "Stopped: nothing was changed." : `Stopped: progress saved in ${sessionFile}. Continue with: ${resumeCommand(sessionFile)}`);
  return code;
}

/** The session file with what the paste settled and the identifiers it holds (for the report), and its findings attached. */
function withEvidenceNote(file: SessionFile, evidence: EvidenceRead, found: readonly FoundAnswer[]): SessionFile {
  const groups = evidence.dsregcmd ? [dsregcmdFindings(evidence.dsregcmd)] : evidence.groups;
  const attached = attachFindings(file.session, groups);
  const session = attached.ok ? attached.session : file.session;
  const before = file.evidence;
  const keep = (before?.found ?? []).filter((f) => !found.some((g) => g.fact === f.fact));
  return { ...file, session, evidence: { found: [...keep, ...found], identifiers: [...new Set([...(before?.identifiers ?? []), ...evidence.identifiers])] } };
}

/** A fact's question, as the scenario asks it. */
function questionWords(scenario: Scenario | undefined, fact: string): string {
  const q = scenario?.questions.find((x) => x.fact === fact);
  return q ? plainMd(q.prompt) : isFactName(fact) ? `${FACTS[fact].description.replace(/\.$/, "")}:` : `${fact}:`;
}
