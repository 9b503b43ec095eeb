/**
 * The outcomes API: validates with zod, checks codes, apps, steps and pages against the
 * KnowledgeBase, and hands rows to storage through group-commit batchers. Answers with 2xx only
 * after the row is committed.
 */
import { hasOperatorToken } from "./operator.ts";
import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { z } from "zod";
import { countsInStatistics, pageTitle, resolveCode, suggest, type App, type Issue, type KnowledgeBase } from "../model/index.ts";
import { COMMENT_MAX, FeedbackBodySchema, OutcomeBodySchema, OutcomeReasonBodySchema, SearchMissBodySchema, SearchMissStatsQuerySchema, toApiIssues } from "./api-schema.ts";
import { analyzeDsregcmd, analyzePaste } from "../evidence/index.ts";
import { collectIdentifiers, createRedactorFor } from "../report/index.ts";
import { normaliseMissCode } from "./search-miss.ts";
import { StorageError, isRowRejection, type FeedbackRecord, type OutcomeRecord, type Repository, type SearchMissRecord } from "./storage/repository.ts";
import { wilsonInterval } from "./wilson.ts";
import { createWriteBatcher, type WriteBatcher } from "./write-batcher.ts";

export interface ApiContext {
  kb: KnowledgeBase;
  db: Repository;
  /** Today as `YYYY-MM-DD`. */
  day: () => string;
  /** Search misses seen fewer times than this are not listed by the stats endpoint. */
  searchMissMinCount: number;
  /** The secret that opens the operator-only statistics; without one they are off. */
  operatorToken?: string | undefined;
}

/** Shortest operator token accepted (FIXPATH_OPERATOR_TOKEN). */
export const OPERATOR_TOKEN_MIN = 16;

/**
 * What is kept of a feedback comment: the one redactor (src/report/redact.ts), fed, when the
 * comment holds a pasted dsregcmd /status or part of the evidence bundle, with the identifier
 * values its fields hold (a tenant or device name that no pattern knows), as `fixpath analyze` is.
 * A comment holds a piece of a paste, cut to fit: its dsregcmd lines are read as dsregcmd even
 * when the bundle's marker before them was cut off.
 */
export function redactComment(comment: string): string {
  const paste = analyzePaste(comment);
  // Read as dsregcmd already, or its lines read as dsregcmd on their own (the marker cut off).
  const dsregcmd = paste.ok && paste.kind === "dsregcmd" ? undefined : analyzeDsregcmd(comment);
  return createRedactorFor(paste, dsregcmd?.ok ? collectIdentifiers(dsregcmd.analysis.evidence) : [])(comment);
}

/** Per-step figures of `GET /api/stats/<code>/<app>`. */
export interface StepStats {
  stepId: string;
  /** Times the step was carried out: `fixed` + `noChange` (`couldNot` means it was not). */
  tried: number;
  fixed: number;
  noChange: number;
  couldNot: number;
  /** fixed / tried, or null when never tried or when another step completes this one (`completedBy`). */
  fixedShare: number | null;
  /** 95 % Wilson interval of `fixedShare`, or null when `fixedShare` is. */
  fixedShareCi95: { low: number; high: number } | null;
  /** The outcomes two captures bore out, counted apart from the reported ones above (which include them). */
  verified: {
    tried: number;
    fixed: number;
    noChange: number;
    fixedShare: number | null;
    fixedShareCi95: { low: number; high: number } | null;
    /** Reported outcomes the captures contradicted ("fixed" with the PRT still missing). */
    contradicted: { fixed: number; noChange: number };
  };
  /**
   * For a step that leaves the app half-done (an unlink): the step that completes it. A "fixed"
   * of this step is not counted (`countsInStatistics`): the fix is counted on that step, so this
   * step's `fixed` is 0 and its share null.
   */
  completedBy?: string;
}

/** Sends `{ ok: false, status, issues }`. */
export function sendIssues(reply: FastifyReply, status: number, issues: Issue[]): FastifyReply {
  return reply.code(status).header("cache-control", "no-store").send({ ok: false, status, issues });
}

function issue(code: string, path: string, message: string, extra: Partial<Issue> = {}): Issue {
  return { code, severity: "error", path, message, ...extra };
}

/** The registered API routes and the batchers to drain on close. */
export function registerApi(app: FastifyInstance, ctx: ApiContext): { drain: () => Promise<void> } {
  const { kb, db } = ctx;
  const stepIds = new Map<string, readonly string[]>();
  for (const [id, scenario] of kb.scenarios) stepIds.set(id, scenario.steps.map((s) => s.id));
  const codeIds = [...kb.codes.keys()].sort();

  // A batch refused for one of its rows is retried row by row. Outcomes and misses update shared
  // counters, so their batches would only wait on each other's row locks: one at a time. Feedback
  // rows share nothing, and PostgreSQL commits a few such batches at once.
  const batching = { retryRowsWhen: isRowRejection };
  const outcomes: WriteBatcher<OutcomeRecord> = createWriteBatcher((rows) => storage(db.addOutcomes(rows), "store outcomes"), batching);
  const feedback: WriteBatcher<FeedbackRecord> = createWriteBatcher((rows) => storage(db.addFeedback(rows), "store feedback"), { ...batching, maxInFlight: db.kind === "postgres" ? 4 : 1 });
  const misses: WriteBatcher<SearchMissRecord> = createWriteBatcher((rows) => storage(db.addSearchMisses(rows), "store search misses"), batching);
  const operator = operatorCheck(ctx.operatorToken);

  const parse = <S extends z.ZodObject>(schema: S, input: unknown, where: "body" | "query", reply: FastifyReply): z.output<S> | undefined => {
    const result = schema.safeParse(input);
    if (result.success) return result.data;
    sendIssues(reply, 422, toApiIssues(result.error, input, where, schema));
    return undefined;
  };

  /** Resolves code + app to a scenario, or answers 422 and returns undefined. */
  const scenarioOf = (rawCode: string, app: string, reply: FastifyReply, where: string): { code: string; app: App; steps: readonly string[] } | undefined => {
    const code = resolveCode(kb, rawCode);
    if (code === undefined) {
      sendIssues(reply, 422, [issue("api/unknown-code", `${where}.code`, `unknown error code "${rawCode.slice(0, 40)}": no page in the knowledge base has it`, { received: JSON.stringify(rawCode.slice(0, 40)), hint: suggest(rawCode.trim().toLowerCase(), codeIds, "a known code such as") })]);
      return undefined;
    }
    const steps = stepIds.get(`${code}/${app}`);
    if (!steps) {
      const apps = [...stepIds.keys()].filter((id) => id.startsWith(`${code}/`)).map((id) => id.slice(code.length + 1));
      sendIssues(reply, 422, [issue("api/unknown-app", `${where}.app`, `code ${code} has no ${JSON.stringify(app.slice(0, 20))} scenario`, { expected: apps.map((a) => `"${a}"`).join(" | ") || "(none)", received: JSON.stringify(app.slice(0, 20)), hint: apps.length ? `use one of: ${apps.join(", ")}` : `code ${code} has no scenarios: outcomes are recorded for scenario steps only` })]);
      return undefined;
    }
    return { code, app: app as App, steps };
  };

  /** Resolves the body's code + app to a scenario that has its step, or answers 422 and returns undefined. */
  const stepOf = (body: { code: string; app: string; stepId: string }, reply: FastifyReply): ReturnType<typeof scenarioOf> => {
    const scenario = scenarioOf(body.code, body.app, reply, "body");
    if (!scenario || scenario.steps.includes(body.stepId)) return scenario;
    sendIssues(reply, 422, [issue("api/unknown-step", "body.stepId", `scenario ${scenario.code}/${scenario.app} has no step "${body.stepId}"`, { received: JSON.stringify(body.stepId), hint: suggest(body.stepId, scenario.steps, "a step id of this scenario:") })]);
    return undefined;
  };

  app.post("/api/outcomes", async (request, reply) => {
    const body = parse(OutcomeBodySchema, request.body, "body", reply);
    if (!body) return reply;
    const scenario = stepOf(body, reply);
    if (!scenario) return reply;
    await outcomes.write({ code: scenario.code, app: scenario.app, stepId: body.stepId, outcome: body.outcome, reason: body.reason ?? null, day: ctx.day(), ...(body.verified === undefined ? {} : { verified: body.verified }) });
    return reply.code(201).header("cache-control", "no-store").send({ ok: true });
  });

  // The reason for an outcome already counted ("What got in the way?", answered after the outcome
  // was sent): it is put on one stored outcome of that step that has none yet. Outcomes are
  // anonymous counts, so which one does not matter, and nothing new about the person is stored.
  app.post("/api/outcomes/reason", async (request, reply) => {
    const body = parse(OutcomeReasonBodySchema, request.body, "body", reply);
    if (!body) return reply;
    const scenario = stepOf(body, reply);
    if (!scenario) return reply;
    // An outcome still waiting in the batcher is committed first.
    await outcomes.drain();
    const added = await storage(db.addOutcomeReason({ code: scenario.code, app: scenario.app, stepId: body.stepId, outcome: body.outcome, reason: body.reason }), "store an outcome's reason");
    if (!added) {
      return sendIssues(reply, 409, [issue("api/no-outcome-for-reason", "body", `no "${body.outcome}" outcome of step "${body.stepId}" is waiting for a reason`, { hint: "send the outcome to /api/outcomes first, then its reason" })]);
    }
    return reply.code(201).header("cache-control", "no-store").send({ ok: true });
  });

  app.post("/api/feedback", async (request, reply) => {
    const body = parse(FeedbackBodySchema, request.body, "body", reply);
    if (!body) return reply;
    const page = canonicalPage(kb, body.page);
    if (page === undefined) {
      return sendIssues(reply, 422, [issue("api/unknown-page", "body.page", `unknown page "${body.page.slice(0, 80)}"`, { expected: "a page id such as caa50021, caa50021/onedrive or caa50021/admin (or its URL)", received: JSON.stringify(body.page.slice(0, 80)), hint: "send the id of the page the feedback is about; `fixpath list` prints them" })]);
    }
    // The comment is stored as plain text and returned nowhere: nothing renders it as markup. What
    // identifies a person (e-mail, phone number, GUIDs, accounts) is replaced before it is stored.
    // Measured after redaction: that is what is stored (and what the database's own check sees).
    const comment = body.comment?.trim() ? redactComment(body.comment.trim()) : null;
    if (comment !== null && comment.length > COMMENT_MAX) {
      return sendIssues(reply, 422, [issue("api/too-long", "body.comment", '"comment" is too long', { expected: `at most ${COMMENT_MAX} characters (e-mail addresses, phone numbers and other identifiers count as their replacement, such as [email-1])`, received: `${comment.length} characters`, hint: "shorten it" })]);
    }
    await feedback.write({ page, helpful: body.helpful, reason: body.reason ?? null, comment, day: ctx.day() });
    return reply.code(201).header("cache-control", "no-store").send({ ok: true });
  });

  app.post("/api/search-misses", async (request, reply) => {
    const body = parse(SearchMissBodySchema, request.body, "body", reply);
    if (!body) return reply;
    const code = normaliseMissCode(body.query);
    if (code === undefined) {
      return sendIssues(reply, 422, [issue("api/not-a-code", "body.query", "only an error code is recorded as a search miss, and this is not one", { expected: "an error code such as CAA50021, 0xCAA50021, 3399811105 or AADSTS50126", received: JSON.stringify(body.query.slice(0, 40)), hint: "send the code alone; other searches are not recorded" })]);
    }
    await misses.write({ code, day: ctx.day() });
    return reply.code(201).header("cache-control", "no-store").send({ ok: true });
  });

  app.get("/api/stats/search-misses", async (request, reply) => {
    if (!operator.allowed(request, reply)) return reply;
    const query = parse(SearchMissStatsQuerySchema, request.query, "query", reply);
    if (!query) return reply;
    const top = await storage(db.topSearchMisses({ limit: query.limit, minCount: ctx.searchMissMinCount }), "read search misses");
    return reply.header("cache-control", "no-store").send({ minCount: ctx.searchMissMinCount, misses: top });
  });

  app.get<{ Params: { code: string; app: string } }>("/api/stats/:code/:app", async (request, reply) => {
    const scenario = scenarioOf(request.params.code, request.params.app, reply, "params");
    if (!scenario) return reply;
    const tallies = new Map((await storage(db.tallyOutcomes(scenario.code, scenario.app), "read outcome counts")).map((t) => [t.stepId, t]));
    const checked = new Map((await storage(db.tallyVerified(scenario.code, scenario.app), "read verified outcome counts")).map((t) => [t.stepId, t]));
    const content = new Map(kb.scenarios.get(`${scenario.code}/${scenario.app}`)?.steps.map((s) => [s.id, s]));
    const steps: StepStats[] = scenario.steps.map((stepId) => {
      const step = content.get(stepId);
      // A fix of a step another completes (an unlink) is counted on the step that completes it;
      // its own share would say nothing.
      const counted = countsInStatistics(step, "fixed");
      const share = (k: number, n: number) => (counted && n ? k / n : null);
      const ci = (k: number, n: number) => (counted ? wilsonInterval(k, n) : null);
      const t = tallies.get(stepId) ?? { fixed: 0, noChange: 0, couldNot: 0 };
      const fixed = counted ? t.fixed : 0;
      const tried = fixed + t.noChange;
      const v = checked.get(stepId) ?? { verifiedFixed: 0, verifiedNoChange: 0, contradictedFixed: 0, contradictedNoChange: 0 };
      const vFixed = counted ? v.verifiedFixed : 0;
      const vTried = vFixed + v.verifiedNoChange;
      const verified = { tried: vTried, fixed: vFixed, noChange: v.verifiedNoChange, fixedShare: share(vFixed, vTried), fixedShareCi95: ci(vFixed, vTried), contradicted: { fixed: counted ? v.contradictedFixed : 0, noChange: v.contradictedNoChange } };
      const out: StepStats = { stepId, tried, fixed, noChange: t.noChange, couldNot: t.couldNot, fixedShare: share(fixed, tried), fixedShareCi95: ci(fixed, tried), verified };
      return step?.completedBy ? { ...out, completedBy: step.completedBy.step } : out;
    });
    return reply.header("cache-control", "no-store").send({ code: scenario.code, app: scenario.app, steps });
  });

  return {
    drain: async () => {
      await Promise.all([outcomes.drain(), feedback.drain(), misses.drain()]);
    },
  };
}

/**
 * The operator-only check: `Authorization: Bearer <token>`, compared in constant time. Without a
 * configured token the endpoint is off and says how to turn it on.
 */
function operatorCheck(token: string | undefined): { allowed(request: FastifyRequest, reply: FastifyReply): boolean } {
  return {
    allowed(request, reply) {
      if (token === undefined) {
        sendIssues(reply, 403, [issue("api/operator-only", "(server)", "the search-miss statistics are for the operator and are turned off on this server", { hint: `to turn them on, set FIXPATH_OPERATOR_TOKEN to a secret of at least ${OPERATOR_TOKEN_MIN} characters, restart the server, and send the secret as "Authorization: Bearer <token>"` })]);
        return false;
      }
      if (hasOperatorToken(request, token)) return true;
      reply.header("www-authenticate", 'Bearer realm="fixpath-operator"');
      sendIssues(reply, 401, [issue("api/operator-token", "(headers).authorization", request.headers.authorization === undefined ? "the search-miss statistics need the operator token" : "the operator token is not right", { hint: 'send the value of FIXPATH_OPERATOR_TOKEN as "Authorization: Bearer <token>"' })]);
      return false;
    },
  };
}

/** Marks a failure of the database as a StorageError (503, "nothing was recorded"), keeping the cause for the log. */
async function storage<T>(work: Promise<T>, what: string): Promise<T> {
  try {
    return await work;
  } catch (e) {
    if (e instanceof StorageError) throw e;
    throw new StorageError(`could not ${what}: ${e instanceof Error ? e.message : String(e)}`, { cause: e });
  }
}

/** The canonical page id for a page id or URL in any code form, if that page exists. */
export function canonicalPage(kb: KnowledgeBase, input: string): string | undefined {
  const trimmed = input.trim().replace(/^\/?codes\//, "").replace(/\/+$/, "");
  const [rawCode = "", part, extra] = trimmed.split("/");
  if (extra !== undefined) return undefined;
  const code = resolveCode(kb, rawCode);
  if (code === undefined) return undefined;
  const id = part === undefined ? code : `${code}/${part.toLowerCase()}`;
  return pageTitle(kb, id) === undefined ? undefined : id;
}
