/**
 * `GET /operator/`: the operator page, behind the operator token (`FIXPATH_OPERATOR_TOKEN`).
 * Browsers ask for the token with their own sign-in prompt (HTTP Basic: any user name, the token
 * as password), so the page works without JavaScript; scripts send `Authorization: Bearer <token>`.
 * Without a token configured the page is off and says how to turn it on.
 */
import { createHash, timingSafeEqual } from "node:crypto";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import { countsInStatistics, listPages, type KnowledgeBase, type StepOutcome } from "../model/index.ts";
import { OPERATOR_STYLE, renderOperatorPage, type OperatorData, type OperatorScenario, type OperatorStep } from "./operator-page.ts";
import type { OperatorCounts, Repository } from "./storage/repository.ts";

/** Words for the stored reasons (the site's choices, as people picked them). */
export interface ReasonWords {
  outcome: Readonly<Record<string, string>>;
  feedback: Readonly<Record<string, string>>;
}

export interface OperatorOptions {
  kb: KnowledgeBase;
  db: Repository;
  /** The operator token; undefined turns the page off. */
  token: string | undefined;
  day: () => string;
  siteName: string;
  words: ReasonWords;
  /** The code as people see it (`CAA50021`, `0x8004DE40`). */
  displayCode: (code: string) => string;
  /** Searched codes that have no page, most searched first (the hardened misses aggregate). */
  missingCodes: (limit: number) => Promise<{ code: string; count: number; lastDay: string }[]>;
}

const STYLE_HASH = `sha256-${createHash("sha256").update(OPERATOR_STYLE).digest("base64")}`;
/** The operator page's own policy: its one style block by hash, nothing else. */
export const OPERATOR_CSP = `default-src 'none'; style-src '${STYLE_HASH}'; img-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'`;

const digest = (s: string) => createHash("sha256").update(s, "utf8").digest();

/** Whether the request carries the token, compared in constant time. */
export function hasOperatorToken(request: FastifyRequest, token: string): boolean {
  const header = request.headers.authorization ?? "";
  let given: string | undefined;
  const bearer = /^Bearer\s+(\S+)\s*$/i.exec(header);
  if (bearer) given = bearer[1];
  const basic = /^Basic\s+([A-Za-z0-9+/=]+)\s*$/i.exec(header);
  if (basic) {
    const decoded = Buffer.from(basic[1]!, "base64").toString("utf8");
    const colon = decoded.indexOf(":");
    if (colon !== -1) given = decoded.slice(colon + 1);
  }
  return given !== undefined && timingSafeEqual(digest(given), digest(token));
}

function page(reply: FastifyReply, status: number, title: string, text: string): FastifyReply {
  return reply
    .code(status)
    .header("content-type", "text/html; charset=utf-8")
    .header("cache-control", "no-store")
    .header("content-security-policy", OPERATOR_CSP)
    .send(`<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="robots" content="noindex"><title>${title}</title><style>${OPERATOR_STYLE}</style></head><body><h1>${title}</h1><p>${text}</p></body></html>\n`);
}

/** Registers `/operator/` (and `/operator`, which redirects). */
export function registerOperator(app: FastifyInstance, options: OperatorOptions): void {
  app.get("/operator", async (_request, reply) => reply.redirect("/operator/", 301));
  app.get("/operator/", async (request, reply) => {
    if (!options.token) {
      return page(reply, 404, "The operator page is off", "Set FIXPATH_OPERATOR_TOKEN to a long random value (at least 16 characters) and restart Fixpath to turn it on; then open this page and give the token as the password.");
    }
    if (!hasOperatorToken(request, options.token)) {
      reply.header("www-authenticate", 'Basic realm="Fixpath operator", charset="UTF-8"');
      return page(reply, 401, "Operator token needed", "This page is for the people who run this site. Sign in with any user name and the operator token as the password.");
    }
    const data = await gather(options);
    return reply.header("content-type", "text/html; charset=utf-8").header("cache-control", "no-store").header("content-security-policy", OPERATOR_CSP).send(renderOperatorPage(data));
  });
}

/** Reads the counts and puts words on them: step titles, scenario titles, reasons. */
export async function gather(options: OperatorOptions): Promise<OperatorData> {
  const counts: OperatorCounts = await options.db.operatorCounts();
  const pages = new Map(listPages(options.kb).map((p) => [p.id, p]));
  const byScenario = new Map<string, OperatorCounts["outcomes"]>();
  for (const row of counts.outcomes) {
    const id = `${row.code}/${row.app}`;
    byScenario.set(id, [...(byScenario.get(id) ?? []), row]);
  }
  const scenarios: OperatorScenario[] = [];
  for (const [id, rows] of byScenario) {
    const sc = options.kb.scenarios.get(id);
    const info = pages.get(id);
    if (!sc || !info) continue; // a scenario removed from the content since: nothing to link to
    const steps = sc.steps.map((step): OperatorStep => {
      const mine = rows.filter((r) => r.stepId === step.id);
      // A fix of a step another completes (an unlink) is counted on the step that completes it.
      const counted = (outcome: StepOutcome) => countsInStatistics(step, outcome);
      const sum = (outcome: StepOutcome) => (counted(outcome) ? mine.filter((r) => r.outcome === outcome).reduce((n, r) => n + r.n, 0) : 0);
      const checked = counts.verified.filter((r) => `${r.code}/${r.app}` === id && r.stepId === step.id);
      const count = (outcome: StepOutcome, verified: boolean) => (counted(outcome) ? checked.filter((r) => r.outcome === outcome && r.verified === verified).reduce((n, r) => n + r.n, 0) : 0);
      const verified = { fixed: count("fixed", true), noChange: count("no-change", true), contradicted: count("fixed", false) + count("no-change", false) };
      const out: OperatorStep = { title: step.title, fixed: sum("fixed"), noChange: sum("no-change"), couldNot: sum("could-not"), verified };
      const by = step.completedBy && sc.steps.find((s) => s.id === step.completedBy!.step);
      return by ? { ...out, finishedBy: by.title } : out;
    });
    const reasons = rows
      .filter((r) => r.reason !== null && sc.steps.some((s) => s.id === r.stepId))
      .map((r) => ({ step: sc.steps.find((s) => s.id === r.stepId)!.title, outcome: r.outcome as "no-change" | "could-not", words: options.words.outcome[r.reason!] ?? "Other", n: r.n }))
      .sort((a, b) => b.n - a.n);
    scenarios.push({ title: info.title, href: info.url, steps, reasons });
  }
  scenarios.sort((a, b) => a.title.localeCompare(b.title));

  const feedbackPages = new Map<string, OperatorData["feedback"][number]>();
  for (const row of counts.feedback) {
    const info = pages.get(row.page);
    if (!info) continue;
    const entry = feedbackPages.get(row.page) ?? { page: info.title, href: info.url, helpful: 0, notHelpful: 0, reasons: [] };
    if (row.helpful) entry.helpful += row.n;
    else {
      entry.notHelpful += row.n;
      if (row.reason) entry.reasons.push({ words: options.words.feedback[row.reason] ?? "another reason", n: row.n });
    }
    feedbackPages.set(row.page, entry);
  }
  const missing = await options.missingCodes(20);
  return {
    day: options.day(),
    siteName: options.siteName,
    scenarios,
    feedback: [...feedbackPages.values()].sort((a, b) => b.notHelpful - a.notHelpful || a.page.localeCompare(b.page)),
    missingCodes: missing.map((m) => ({ ...m, code: options.displayCode(m.code) })),
  };
}
