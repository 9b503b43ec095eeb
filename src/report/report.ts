/**
 * The escalation report: what a person hands to IT. Built from a diagnostic session, what the
 * analyzer found (a `dsregcmd /status` paste, the evidence bundle, any other source as
 * `findings`), and the person's own words; rendered as Markdown, plain text or JSON.
 *
 * - Every line is worded from what happened: a session with no step tried never says steps were
 *   tried, a reason shared by several steps is said once (issue 13, items 2–4).
 * - Markdown and text carry words only: step titles, app names, status words as sentences, no
 *   backticks. Ids (fact names, step ids, statuses, enum values) are in the JSON format only.
 * - Links are absolute when a base URL is given (the site passes its own origin, the CLI
 *   `--base-url` or `FIXPATH_BASE_URL`); without one, each page is named by its title and path.
 * - Redaction (on by default) applies to what the person typed or pasted (when it started, notes,
 *   typed codes, the analyzer's findings), never to content text such as a question's example
 *   address.
 */
import { JOIN_WORDS, PRT_WORDS, type DsregcmdAnalysis, type DsregcmdState } from "../evidence/index.ts";
import { answerWords, appName, questionText, effectiveFacts, displayCode, evaluate, pendingCompletion, sessionState, triedAFirstLineStep, type FindingGroup, type HandOverCause, type Session, type SessionState, type StepOutcome, type StepOutcomeReason } from "../engine/index.ts";
import { FACTS, STEP_OUTCOME_WORDS, checklistUrl, isFactName, scenarioUrl, type FactName, type FactValue, type KnowledgeBase, type Scenario } from "../model/index.ts";
import { handOverForIt, itLabeller, stepCauseForIt, stopQuoted } from "./it-words.ts";
import { plainText } from "./plain-text.ts";
import { collectIdentifiers, createPasteRedactor, redactionKindsInWords, type RedactionKind } from "./redact.ts";

export const REPORT_FORMATS = ["md", "txt", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

/** How sure a finding is: passed, a warning, a problem, or a plain note (`info`). */
export type ReportFindingStatus = FindingGroup["findings"][number]["status"];

/**
 * What one source showed (the engine's `FindingGroup`, which a session can carry too): the source
 * in words ("dsregcmd /status", "Evidence bundle: whoami /groups"), facts at a glance in words
 * (`{ label: "Join type", value: "Microsoft Entra hybrid joined" }`), then the findings. A
 * finding's `message` is in words and may quote the paste (it is redacted); its `id` shows in the
 * JSON format only; `link.href` is a site path such as `/codes/caa50021/admin/#prt-health`.
 */
export type ReportFindingGroup = FindingGroup;

export interface ReportInput {
  kb: KnowledgeBase;
  session: Session;
  /** When the problem started, in the person's words ("Monday morning", "2026-11-20"). */
  startedAt?: string;
  /** A pasted `dsregcmd /status`, analysed: becomes a findings group, and its identifiers are redacted. */
  evidence?: DsregcmdAnalysis;
  /** What other analyzers found (the evidence bundle, …), in the order to show. */
  findings?: readonly ReportFindingGroup[];
  /** Identifier values the analyzers know (tenant names, user names, SIDs…), redacted wherever they appear. */
  identifiers?: Iterable<string>;
  /** When the report was made (ISO time), passed in by the shell. */
  generatedAt?: string;
  /**
   * Answers an analyzer settled from a paste rather than the person (`fixpath report --evidence`,
   * `fixpath diagnose --evidence`): the report labels each with the source and what it read. An
   * entry counts only while the session's answer is still the value found.
   */
  found?: readonly FoundAnswer[];
}

/** An answer the analyzer found: the fact, its value, where (in words) and what it read there. */
export interface FoundAnswer {
  fact: string;
  value: FactValue;
  /** The paste in words: "the evidence bundle", "dsregcmd /status". */
  source: string;
  /** What it read, in words ("InstallationType Client"). */
  because: string;
  lines: readonly number[];
}

export interface ReportOptions {
  /** Replace identifiers in what the person typed or pasted with `[kind-N]` tokens. Default true. */
  redact?: boolean;
  /** The site's origin (`https://fixpath.example.org`): links become absolute. Without it, pages are named by title and path. */
  baseUrl?: string;
}

/** A page or checklist item the report points at. */
export interface ReportLink {
  title: string;
  /** The site path (`/codes/caa50021/admin/#prt-health`). */
  path: string;
  /** The absolute URL, when a base URL was given. */
  url?: string;
}

/** The report as data: the JSON format is exactly this (ids live here, next to their words). */
export interface ReportData {
  version: 2;
  generatedAt?: string;
  code: string;
  app: string;
  /** The code and app in words: "CAA50021 in OneDrive". */
  subject: string;
  page: ReportLink;
  startedAt?: string;
  status: SessionState["status"];
  summary: string;
  /** Each answer with where it came from: the person, the analyzer (with what it read) or the organisation's file. */
  answers: { fact: string; value: FactValue; question: string; answer: string; source: "person" | "analyzer" | "organisation"; found?: { source: string; because: string; lines: number[] } }[];
  notKnown: { fact: string; question: string }[];
  tried: { stepId: string; title: string; outcome: StepOutcome; result: string; at: string; reason?: StepOutcomeReason; note?: string }[];
  /** A step marked fixed that left the app half-done, and the step that completes it. */
  halfDone?: { stepId: string; title: string; until: string; next: { stepId: string; title: string } };
  /** Steps not taken, grouped by why: each reason once, with every step it applies to. */
  notTaken: { status: string; heading: string; reason?: string; steps: { stepId: string; title: string }[] }[];
  neverDo: { id: string; title: string; reason: string }[];
  /** Why this goes to IT: each cause as data, and its words for IT, in the same order. */
  escalation?: { causes: HandOverCause[]; reasons: string[]; checklist?: ReportLink };
  findings: ReportFindingGroup[];
  /** What the guide asks the person to have ready for IT (the scenario's list), when not fixed. */
  askFor: string[];
  /** What IT should check next, grouped by owner; only the checks that fit the app; none when fixed. */
  checkNext: { owner: string; heading: string; items: (ReportLink & { id: string; pointedAt?: true })[] }[];
  redaction: { applied: boolean; replaced?: Partial<Record<RedactionKind, number>> };
}


/** Why a step did not fix it, as IT reads it. */
export const OUTCOME_REASON_WORDS: Readonly<Record<StepOutcomeReason, string>> = {
  "did-not-match": "the step did not match what they saw",
  "no-rights": "they had no rights to do it",
  unclear: "the instructions were unclear to them",
  other: "another reason",
};

const OWNER_WORDS: Record<string, string> = { device: "On the device", tenant: "In the tenant (Microsoft Entra ID, Intune, Conditional Access)", network: "On the network" };

const STATUS_HEADINGS: Record<string, string> = {
  "ask-admin": "For IT to do with the person",
  "find-out": "Held until an answer is known",
  skip: "Not offered",
  do: "Not tried yet",
};

/** Builds the report data from a session, what the analyzers found and the person's words; pure. */
export function buildReport(input: ReportInput, options: ReportOptions = {}): ReportData | undefined {
  const { kb, session } = input;
  const state = sessionState(kb, session);
  const scenario = kb.scenarios.get(`${session.code}/${session.app}`);
  if (!state || !scenario) return undefined;
  const link = linker(options.baseUrl);
  const titles = new Map<string, string>([...scenario.steps, ...scenario.avoid].map((s) => [s.id, plainText(s.title)]));
  const subject = `${displayCode(session.code)} in ${appName(session.app)}`;

  // The organisation's preset answers come first and say whose they are (fixpath.config.yaml).
  const { facts: effective, fromOrganisation } = effectiveFacts(session);
  const own = Object.entries(session.facts).filter(([fact]) => !fromOrganisation.has(fact as FactName));
  const preset = [...fromOrganisation].map((fact) => [fact, effective[fact]] as const);
  const answers: ReportData["answers"] = [
    ...preset.map(([fact, value]) => ({ fact, value: value as FactValue, question: questionWords(kb, scenario, fact), answer: `${reportAnswer(kb, scenario, fact, value as FactValue)} (the organisation's answer).`, source: "organisation" as const })),
    ...own.map(([fact, value]) => {
      const base = { fact, value: value as FactValue, question: questionWords(kb, scenario, fact) };
      const found = input.found?.find((f) => f.fact === fact && f.value === value);
      if (!found) return { ...base, answer: `${reportAnswer(kb, scenario, fact, value as FactValue)}.`, source: "person" as const };
      // Not the person's answer: the analyzer read it, and says where.
      const where = found.lines.length ? `, ${found.lines.length === 1 ? "line" : "lines"} ${found.lines.join(", ")}` : "";
      return {
        ...base,
        answer: `${reportAnswer(kb, scenario, fact, value as FactValue)} (found by the analyzer in ${found.source}: ${found.because}${where}; not asked).`,
        source: "analyzer" as const,
        found: { source: found.source, because: found.because, lines: [...found.lines] },
      };
    }),
  ];
  // A step another one completes (an unlink, finished by pairing again) is not a fix on its own: one case, one "fixed it".
  const completedBy = new Map(scenario.steps.filter((s) => s.completedBy).map((s) => [s.id, s.completedBy!.step]));
  const tried = session.outcomes.map((o) => ({
    stepId: o.stepId,
    title: titles.get(o.stepId) ?? o.stepId,
    outcome: o.outcome,
    result: o.outcome === "fixed" && completedBy.has(o.stepId) ? `done, and finished by the step after it ("${titles.get(completedBy.get(o.stepId)!) ?? completedBy.get(o.stepId)}")` : STEP_OUTCOME_WORDS[o.outcome],
    at: o.at,
    ...(o.reason ? { reason: o.reason } : {}),
    ...(o.note ? { note: o.note } : {}),
  }));
  const pending = pendingCompletion(scenario, session.outcomes);
  const triedIds = new Set(session.outcomes.map((o) => o.stepId));
  const stepIds = new Set(scenario.steps.map((s) => s.id));

  const esc = state.status === "escalated" ? state.report.escalation : undefined;
  const itWords = {
    scenario,
    facts: { ...effective, app: scenario.app },
    label: itLabeller(scenario, fromOrganisation),
    // What "Why this goes to IT" already says is not said again for each step.
    saidAbove: { stops: new Set((esc?.causes ?? []).flatMap((c) => (c.kind === "stop" ? [c.stop] : []))), managed: (esc?.causes ?? []).some((c) => c.kind === "managed") },
    firstLinePending: !triedAFirstLineStep(scenario, session.outcomes),
    dontKnow: new Set<string>(session.dontKnow),
  };
  const notTaken: ReportData["notTaken"] = [];
  for (const s of state.plan.steps) {
    if (!stepIds.has(s.id) || triedIds.has(s.id) || s.status === "never") continue;
    // A step still to do needs no reason; the others are grouped by why, in IT's words.
    const reason = s.status === "do" ? undefined : stepCauseForIt(s.cause, s.id, itWords);
    let group = notTaken.find((g) => g.status === s.status && g.reason === reason);
    if (!group) notTaken.push((group = { status: s.status, heading: STATUS_HEADINGS[s.status] ?? "Not taken", ...(reason ? { reason } : {}), steps: [] }));
    group.steps.push({ stepId: s.id, title: titles.get(s.id) ?? s.id });
  }
  // A guide that stopped before any step showed none: nothing was held back from the person.
  const stoppedAtStart = state.plan.steps.some((s) => s.cause.kind === "stopped" && s.cause.at === "start") && session.outcomes.length === 0;
  const neverDo = stoppedAtStart ? [] : state.plan.steps.filter((s) => s.status === "never").map((s) => ({ id: s.id, title: titles.get(s.id) ?? s.id, reason: stepCauseForIt(s.cause, s.id, itWords) ?? plainText(s.reason) }));

  const groups = [...(input.evidence ? [dsregcmdFindings(input.evidence)] : []), ...(session.findings ?? []), ...(input.findings ?? [])];
  // Checks a finding that is not a pass points at come first in their group.
  const pointed = new Set(groups.flatMap((g) => g.findings.filter((f) => f.status !== "pass" && f.link).map((f) => f.link!.href)));
  const checklist = kb.checklists.get(session.code);
  const checkNext: ReportData["checkNext"] = [];
  // A resolved case (a step fixed it) is a short record, and a guide that does not fit (another
  // code's guide, not this error) leaves this code's checks out: nothing for IT to check next.
  // Otherwise, the checks that fit the app and the answers (a check whose `when` is false is left out).
  const checkFacts = { ...effective, app: session.app };
  for (const owner of state.status === "resolved" || state.status === "stopped" ? [] : ["device", "tenant", "network"]) {
    const items = (checklist?.items ?? [])
      .filter((i) => i.owner === owner && fitsApp(i, session.app) && (!i.when || evaluate(i.when, checkFacts) !== false))
      .map((i): ReportData["checkNext"][number]["items"][number] => ({ id: i.id, ...link(plainText(i.title), checklistUrl(session.code, i.id)) }))
      .map((i) => (pointed.has(i.path) ? { ...i, pointedAt: true as const } : i));
    items.sort((a, b) => Number("pointedAt" in b) - Number("pointedAt" in a));
    if (items.length) checkNext.push({ owner, heading: OWNER_WORDS[owner]!, items });
  }

  const data: ReportData = {
    version: 2,
    ...(input.generatedAt ? { generatedAt: input.generatedAt } : {}),
    code: session.code,
    app: session.app,
    subject,
    page: link(plainText(scenario.title), scenarioUrl(session.code, session.app)),
    ...(input.startedAt?.trim() ? { startedAt: input.startedAt.trim() } : {}),
    status: state.status,
    summary: summaryOf(kb, scenario, state, tried, titles),
    answers,
    notKnown: session.dontKnow.map((fact) => ({ fact, question: questionWords(kb, scenario, fact) })),
    tried,
    ...(pending ? { halfDone: { stepId: pending.after, title: titles.get(pending.after) ?? pending.after, until: plainText(pending.until), next: { stepId: pending.step, title: titles.get(pending.step) ?? pending.step } } } : {}),
    notTaken,
    neverDo,
    ...(esc ? { escalation: { causes: esc.causes, reasons: esc.causes.map((c) => handOverForIt(c, scenario)), ...(esc.checklist && checklist ? { checklist: link(plainText(checklist.title), esc.checklist) } : {}) } } : {}),
    findings: groups.map((g) => ({
      ...g,
      findings: g.findings.map((f) => (f.link ? { ...f, link: { title: f.link.title, href: link(f.link.title, f.link.href).url ?? f.link.href } } : f)),
    })),
    askFor: state.status === "resolved" ? [] : scenario.managed.sendToIt.map((t) => plainText(t)),
    checkNext,
    redaction: { applied: false },
  };
  if (options.redact === false) return data;
  // One redactor for whatever was pasted (dsregcmd /status, the evidence bundle): its identifier values and every pattern.
  const redact = createPasteRedactor([...(input.evidence ? collectIdentifiers(input.evidence.evidence) : []), ...(input.identifiers ?? [])]);
  // Only what the person typed or pasted: content text (a question's example address) stays as written.
  const out: ReportData = {
    ...data,
    ...(data.startedAt ? { startedAt: redact(data.startedAt) } : {}),
    answers: data.answers.map((a) => {
      const typed = isTyped(a.fact) ? { ...a, value: typeof a.value === "string" ? redact(a.value) : a.value, answer: redact(a.answer) } : a;
      // What the analyzer read is quoted from the paste.
      return a.found ? { ...typed, answer: redact(typed.answer), found: { ...a.found, because: redact(a.found.because) } } : typed;
    }),
    tried: data.tried.map((t) => (t.note ? { ...t, note: redact(t.note) } : t)),
    findings: data.findings.map((g) => ({
      source: g.source,
      ...(g.summary ? { summary: g.summary.map((s) => ({ label: s.label, value: redact(s.value) })) } : {}),
      findings: g.findings.map((f) => ({ ...f, message: redact(f.message) })),
    })),
  };
  out.redaction = { applied: true, replaced: redact.counts };
  return out;
}

/**
 * Renders a report. Two forms: `renderReport(data, format)` for data from `buildReport`, or
 * `renderReport(input, { format, redact, baseUrl })` (input as for `buildReport`: `kb`, `session`,
 * `findings`, …) in one go; the second returns "" when the knowledge base has no scenario for the session.
 */
export function renderReport(data: ReportData, format: ReportFormat): string;
export function renderReport(input: ReportInput, options: ReportOptions & { format: ReportFormat }): string;
export function renderReport(arg: ReportData | ReportInput, how: ReportFormat | (ReportOptions & { format: ReportFormat })): string {
  if (typeof how === "string") return renderData(arg as ReportData, how);
  const data = buildReport(arg as ReportInput, how);
  return data ? renderData(data, how.format) : "";
}

/**
 * What redaction replaces, said exactly: every kind the redactor has, in the words of its table
 * (REDACTION_WORDS in src/report/redact.ts, a record over RedactionKind, so a new kind needs words).
 */
export const REDACTED_WORDS = `Redacted in what the person typed or pasted: ${redactionKindsInWords()}.`;

function renderData(data: ReportData, format: ReportFormat): string {
  if (format === "json") return JSON.stringify(data, null, 2) + "\n";
  const md = format === "md";
  const lines: string[] = [];
  const h = (text: string) => lines.push("", md ? `## ${text}` : `${text}\n${"-".repeat(text.length)}`);
  const sub = (text: string) => lines.push("", md ? `**${text}**` : `${text}:`);
  const item = (text: string) => lines.push(`${md ? "-" : "*"} ${text}`);
  const ref = (l: ReportLink) => (l.url ? (md ? `[${l.title}](${l.url})` : `${l.title}: ${l.url}`) : `${l.title} (Fixpath page ${l.path})`);

  const title = `Fixpath report: ${data.subject}`;
  lines.push(md ? `# ${title}` : `${title}\n${"=".repeat(title.length)}`);
  lines.push("", data.summary, "");
  if (data.generatedAt) lines.push(`Made: ${data.generatedAt}`);
  lines.push(`Started: ${data.startedAt ?? "not given"}`);
  lines.push(`Guide: ${ref(data.page)}`);
  if (data.escalation?.reasons.length) {
    h("Why this goes to IT");
    for (const r of data.escalation.reasons) item(r);
  }

  // What happened first (IT reads it first, and a mail body cut short keeps it), then the answers.
  h("Steps tried");
  if (data.tried.length === 0) item("No step was tried.");
  for (const t of data.tried) {
    const why = t.reason ? ` Why: ${OUTCOME_REASON_WORDS[t.reason]}${t.note ? ` ("${t.note}")` : ""}.` : t.note ? ` Their note: "${t.note}".` : "";
    item(`${t.title}: ${t.result} (${t.at}).${why}`);
  }
  if (data.halfDone) item(`${data.halfDone.title} was marked fixed, but it is not finished: ${data.halfDone.until} Next step: ${data.halfDone.next.title}.`);

  if (data.askFor.length) {
    h("What the person was asked to have ready");
    for (const a of data.askFor) item(a);
  }

  h("Answers");
  if (data.answers.length === 0 && data.notKnown.length === 0) item("No questions answered.");
  for (const a of data.answers) item(`${a.question} ${a.answer}`);
  for (const q of data.notKnown) item(`${q.question} Not known.`);

  if (data.notTaken.length) {
    h("Steps not taken");
    for (const g of data.notTaken) {
      const names = listWords(g.steps.map((s) => s.title));
      item(g.reason ? `${g.heading}: ${names}. ${g.reason}` : `${g.heading}: ${names}.`);
    }
  }
  if (data.neverDo.length) {
    h("Not done on purpose");
    for (const s of data.neverDo) item(`${s.title}. ${s.reason}`);
  }
  if (data.findings.length) {
    h("What the analyzer found");
    for (const g of data.findings) {
      sub(g.source);
      for (const s of g.summary ?? []) item(`${s.label}: ${s.value}.`);
      for (const f of g.findings) {
        const where = f.lines?.length ? ` (${f.lines.length === 1 ? "line" : "lines"} ${f.lines.join(", ")})` : "";
        const see = f.link ? ` See: ${ref(f.link.href.startsWith("/") ? { title: f.link.title, path: f.link.href } : { title: f.link.title, path: f.link.href, url: f.link.href })}.` : "";
        item(`${FINDING_WORDS[f.status]}: ${f.message}${where}${see}`);
      }
    }
  }
  if (data.checkNext.length) {
    h("What IT should check next");
    if (data.escalation?.checklist) lines.push(`The admin checklist: ${ref(data.escalation.checklist)}`);
    for (const g of data.checkNext) {
      sub(g.heading);
      for (const c of g.items) item(c.pointedAt ? `${ref(c)}: the analyzer's findings point here.` : ref(c));
    }
  }
  lines.push("", data.redaction.applied ? REDACTED_WORDS : "Not redacted: this report may contain identifiers.");
  return lines.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
}

const FINDING_WORDS: Record<ReportFindingStatus, string> = { pass: "Looks right", warn: "Worth a look", fail: "Problem", info: "Note" };

// ---------------------------------------------------------------- words

/** The not-this-error stop that fired, in words. */
function notThisErrorWords(scenario: Scenario, state: SessionState): string | undefined {
  const facts = { ...state.report.answers, app: scenario.app };
  const stop = scenario.stops.find((s) => s.outcome === "not-this-error" && evaluate(s.when, facts) === true);
  return stop ? stopQuoted(stop) : undefined;
}

function summaryOf(kb: KnowledgeBase, scenario: Scenario, state: SessionState, tried: ReportData["tried"], titles: Map<string, string>): string {
  const n = new Set(tried.map((t) => t.stepId)).size;
  const steps = n === 1 ? "one step" : `${n} steps`;
  switch (state.status) {
    case "resolved": {
      const fix = tried.find((t) => t.outcome === "fixed" && t.stepId === lastFixed(tried));
      return `Fixed: ${fix ? `"${fix.title}" fixed it` : "a step fixed it"}${n > 1 ? `, after ${steps} in all` : ""}.`;
    }
    case "escalated":
      if (state.plan.outcome === "switch-guide") return `Handed over to IT: another code follows sign-in, and Fixpath has no guide for it yet.`;
      return n === 0 ? "Handed over to IT before any step was tried." : `Not fixed after ${steps}: handed over to IT.`;
    case "stopped": {
      if (state.plan.outcome === "switch-guide") {
        const to = state.plan.switchTo ?? "";
        const hub = kb.codes.get(to);
        return `Another code's guide applies: ${displayCode(to)}${hub ? ` (${plainText(hub.title)})` : ""}.`;
      }
      const words = notThisErrorWords(scenario, state);
      return words ? `This guide does not fit the situation: ${words}` : "This guide does not fit the situation. See the answers below.";
    }
    default: {
      const next =
        state.status === "step" && state.step
          ? `; next step: ${titles.get(state.step.id) ?? state.step.id}`
          : state.status === "finding-out" && state.step
            ? `; "${titles.get(state.step.id) ?? state.step.id}" waits for an answer the person could not give yet`
            : state.status === "asking"
              ? state.plan.steps.some((s) => s.cause.kind === "stopped" && s.cause.at === "start")
                ? '; for what the person answered, the guide stops before any step (see "Steps not taken"), and a question is still open'
                : "; a question is still open"
              : "";
      return `In progress: ${n === 0 ? "no step tried yet" : `${steps} tried so far`}${next}.`;
    }
  }
}

function lastFixed(tried: ReportData["tried"]): string | undefined {
  return [...tried].reverse().find((t) => t.outcome === "fixed")?.stepId;
}

/** The question for a fact, as the scenario asks it, or as any scenario does (the engine's one rule). */
function questionWords(kb: KnowledgeBase, scenario: Scenario, fact: string): string {
  const asks = scenario.questions.some((q) => q.fact === fact);
  return questionText(asks ? scenario.questions : [...kb.scenarios.values()].flatMap((s) => s.questions), fact);
}

/** An answer in words (the engine's one rule), with the choices of every scenario for a fact this one does not ask. */
function reportAnswer(kb: KnowledgeBase, scenario: Scenario, fact: string, value: FactValue): string {
  if (!isFactName(fact)) return String(value);
  const own = scenario.questions.some((q) => q.fact === fact);
  return plainText(answerWords(own ? scenario.questions : [...kb.scenarios.values()].flatMap((x) => x.questions), fact, value));
}

/** Facts whose value the person typed (codes), as opposed to picked from content's choices. */
function isTyped(fact: string): boolean {
  return isFactName(fact) && FACTS[fact as FactName].type === "code";
}

/** Step titles in one line: "a; b; c" (titles may hold commas). */
function listWords(items: readonly string[]): string {
  return items.join("; ");
}

/** Whether a checklist item fits the app: the apps it declares, or every app when it declares none. */
export function fitsApp(item: { apps?: readonly string[] | undefined }, app: string): boolean {
  return item.apps === undefined || item.apps.includes(app);
}

function linker(baseUrl: string | undefined): (title: string, path: string) => ReportLink {
  const base = baseUrl?.trim() ? baseUrl.trim().replace(/\/+$/, "") : undefined;
  return (title, path) => (base ? { title, path, url: `${base}${path.startsWith("/") ? path : `/${path}`}` } : { title, path });
}

// ---------------------------------------------------------------- dsregcmd /status as findings

const DEVICE_AUTH_WORDS: Record<DsregcmdState["deviceAuth"]["value"], string> = {
  enabled: "the device authenticates",
  "disabled-or-deleted": "the device is disabled or deleted in Microsoft Entra ID",
  "test-failed": "the test could not run",
  unknown: "not known from the paste",
};

/** A `dsregcmd /status` analysis as a findings group: the state at a glance, then the findings. */
export function dsregcmdFindings(analysis: DsregcmdAnalysis): ReportFindingGroup {
  const { state, findings } = analysis;
  return {
    source: "dsregcmd /status",
    summary: [
      { label: "Join type", value: JOIN_WORDS[state.joinType.value] },
      { label: "Primary refresh token", value: PRT_WORDS[state.prt.value] },
      { label: "Device authentication", value: DEVICE_AUTH_WORDS[state.deviceAuth.value] },
    ],
    findings: findings.map((f) => ({ id: f.id, status: f.status, message: f.message, lines: f.lines, link: { href: f.link.href, title: f.link.title } })),
  };
}
