/**
 * The escalation report: what a person hands to IT when the fixes did not help. Built from a
 * diagnostic session and any pasted evidence; rendered as Markdown, plain text or JSON; redacted
 * by default.
 */
import type { DsregcmdAnalysis, FindingStatus } from "../evidence/index.ts";
import { sessionState, type Session, type SessionState } from "../engine/index.ts";
import { FACTS, type FactName, type KnowledgeBase } from "../model/index.ts";
import { displayCode } from "../model/codes.ts";
import { STEP_OUTCOME_WORDS } from "../model/outcomes.ts";
import { checklistUrl, scenarioUrl } from "../model/urls.ts";
import { collectIdentifiers, createRedactor, type RedactionKind } from "./redact.ts";

export const REPORT_FORMATS = ["md", "txt", "json"] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface ReportInput {
  kb: KnowledgeBase;
  session: Session;
  /** When the problem started, in the person's words ("Monday morning", "2026-11-20"). */
  startedAt?: string;
  /** A pasted `dsregcmd /status`, analysed. */
  evidence?: DsregcmdAnalysis;
  /** When the report was made (ISO time), passed in by the shell. */
  generatedAt?: string;
}

export interface ReportOptions {
  /** Replace identifiers with `[kind-N]` tokens. Default true. */
  redact?: boolean;
}

export interface ChecklistRef {
  id: string;
  title: string;
  url: string;
}

/** The report as data: the JSON format is exactly this. */
export interface ReportData {
  version: 1;
  generatedAt?: string;
  code: string;
  app: string;
  page: { title: string; url: string };
  startedAt?: string;
  status: SessionState["status"];
  summary: string;
  answers: { fact: string; question: string; answer: string }[];
  notKnown: string[];
  tried: { stepId: string; title: string; outcome: string; at: string }[];
  notTried: { stepId: string; status: string; reason: string }[];
  neverDo: { id: string; reason: string }[];
  escalation: { reasons: string[]; checklist?: string };
  evidence?: {
    joinType: string;
    prt: string;
    deviceAuth: string;
    findings: { status: FindingStatus; message: string; lines: number[]; link: string }[];
  };
  /** What IT should check next, grouped by owner. */
  checkNext: Partial<Record<"device" | "tenant" | "network", ChecklistRef[]>>;
  redaction: { applied: boolean; replaced?: Partial<Record<RedactionKind, number>> };
}


/** Builds the report data from a session (and evidence); pure. */
export function buildReport(input: ReportInput, options: ReportOptions = {}): ReportData | undefined {
  const { kb, session } = input;
  const state = sessionState(kb, session);
  const scenario = kb.scenarios.get(`${session.code}/${session.app}`);
  if (!state || !scenario) return undefined;
  const questions = new Map(scenario.questions.map((q) => [q.fact, q]));
  const answers = Object.entries(session.facts).map(([fact, value]) => {
    const q = questions.get(fact);
    const choice = q?.choices?.find((c) => c.value === value);
    return {
      fact,
      question: q?.prompt ?? FACTS[fact as FactName]?.description ?? fact,
      answer: choice?.label ?? (value === true ? "Yes" : value === false ? "No" : String(value)),
    };
  });
  const tried = new Set(session.outcomes.map((o) => o.stepId));
  const stepIds = new Set(scenario.steps.map((s) => s.id));
  const checklist = kb.checklists.get(session.code);
  const checkNext: ReportData["checkNext"] = {};
  for (const item of checklist?.items ?? []) {
    (checkNext[item.owner] ??= []).push({ id: item.id, title: item.title, url: checklistUrl(session.code, item.id) });
  }
  const escalation = state.report.escalation ?? state.plan.escalation ?? { reasons: [] };
  const data: ReportData = {
    version: 1,
    generatedAt: input.generatedAt,
    code: session.code,
    app: session.app,
    page: { title: scenario.title, url: scenarioUrl(session.code, session.app) },
    startedAt: input.startedAt?.trim() || undefined,
    status: state.status,
    summary: summaryOf(state, scenario.title),
    answers,
    notKnown: session.dontKnow.map((f) => questions.get(f)?.prompt ?? f),
    tried: state.report.tried.map((t) => ({ ...t, outcome: STEP_OUTCOME_WORDS[t.outcome] ?? t.outcome })),
    notTried: state.plan.steps
      .filter((s) => stepIds.has(s.id) && !tried.has(s.id) && s.status !== "never")
      .map((s) => ({ stepId: s.id, status: s.status, reason: s.reason })),
    neverDo: state.plan.steps.filter((s) => s.status === "never").map((s) => ({ id: s.id, reason: s.reason })),
    escalation: { reasons: escalation.reasons, checklist: escalation.checklist },
    checkNext,
    redaction: { applied: false },
  };
  if (input.evidence) {
    const { state: ev, findings } = input.evidence;
    data.evidence = {
      joinType: String(ev.joinType.value),
      prt: String(ev.prt.value),
      deviceAuth: String(ev.deviceAuth.value),
      findings: findings.map((f) => ({ status: f.status, message: f.message, lines: f.lines, link: f.link.href })),
    };
  }
  if (options.redact === false) return data;
  const redact = createRedactor(input.evidence ? collectIdentifiers(input.evidence.evidence) : []);
  const redacted = mapStrings(data, redact);
  redacted.redaction = { applied: true, replaced: redact.counts };
  return redacted;
}

function summaryOf(state: SessionState, title: string): string {
  switch (state.status) {
    case "resolved":
      return `Resolved while following "${title}".`;
    case "escalated":
      return `Not resolved by the steps in "${title}": handed over to IT.`;
    case "stopped":
      return state.plan.outcome === "switch-guide" ? `Another code's guide applies (${state.plan.switchTo ?? "see the plan"}).` : "The guide does not fit this situation.";
    default:
      return `In progress: following "${title}".`;
  }
}

/** Renders report data in one format. */
export function renderReport(data: ReportData, format: ReportFormat): string {
  if (format === "json") return JSON.stringify(data, null, 2) + "\n";
  const md = format === "md";
  const lines: string[] = [];
  const h = (text: string) => lines.push("", md ? `## ${text}` : `${text}\n${"-".repeat(text.length)}`);
  const item = (text: string) => lines.push(`${md ? "-" : "*"} ${text}`);
  const code = (text: string) => (md ? `\`${text}\`` : text);

  lines.push(md ? `# Fixpath report: ${displayCode(data.code)} in ${data.app}` : `Fixpath report: ${displayCode(data.code)} in ${data.app}\n${"=".repeat(40)}`);
  lines.push("", data.summary);
  if (data.generatedAt) lines.push(`Made: ${data.generatedAt}`);
  lines.push(`Started: ${data.startedAt ?? "not given"}`);
  lines.push(`Guide: ${data.page.title} (${data.page.url})`);

  h("Answers");
  if (data.answers.length === 0) item("No questions answered.");
  for (const a of data.answers) item(`${a.question} — ${a.answer}`);
  for (const q of data.notKnown) item(`${q} — not known`);

  h("Steps tried");
  if (data.tried.length === 0) item("None yet.");
  for (const t of data.tried) item(`${t.title} (${code(t.stepId)}): ${t.outcome}, at ${t.at}`);

  if (data.notTried.length) {
    h("Steps not taken");
    for (const s of data.notTried) item(`${code(s.stepId)} — ${s.status}: ${s.reason}`);
  }
  if (data.neverDo.length) {
    h("Not done on purpose");
    for (const s of data.neverDo) item(`${code(s.id)}: ${s.reason}`);
  }
  if (data.escalation.reasons.length) {
    h("Why this goes to IT");
    for (const r of data.escalation.reasons) item(r);
  }
  if (data.evidence) {
    h("Device evidence (dsregcmd /status)");
    item(`Join type: ${data.evidence.joinType}; primary refresh token: ${data.evidence.prt}; device authentication: ${data.evidence.deviceAuth}`);
    for (const f of data.evidence.findings) item(`[${f.status}] ${f.message} (lines ${f.lines.join(", ") || "—"}; ${f.link})`);
  }
  const owners = (["device", "tenant", "network"] as const).filter((o) => data.checkNext[o]?.length);
  if (owners.length) {
    h("What IT should check next");
    if (data.escalation.checklist) lines.push(`Checklist: ${data.escalation.checklist}`);
    for (const owner of owners) {
      lines.push(md ? `\n**${capital(owner)}**` : `\n${capital(owner)}:`);
      for (const c of data.checkNext[owner]!) item(`${c.title} (${c.url})`);
    }
  }
  lines.push("", data.redaction.applied ? "Identifiers (ids, names, e-mail addresses) are redacted." : "Not redacted: this report contains identifiers.");
  return lines.join("\n").replace(/\n{3,}/g, "\n\n") + "\n";
}

function capital(s: string): string {
  return s[0]!.toUpperCase() + s.slice(1);
}

/** A deep copy with every string passed through `fn`. */
function mapStrings<T>(value: T, fn: (s: string) => string): T {
  if (typeof value === "string") return fn(value) as T;
  if (Array.isArray(value)) return value.map((v) => mapStrings(v, fn)) as T;
  if (value && typeof value === "object") {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, mapStrings(v, fn)])) as T;
  }
  return value;
}
