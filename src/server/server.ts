/**
 * The HTTP shell: one Fastify app on one port serving the built site and the outcomes API.
 * `createServer` builds it (tests drive it with `inject`), `startServer` makes it listen.
 */
import type { AddressInfo } from "node:net";
import Fastify, { type FastifyError, type FastifyInstance } from "fastify";
import type { KnowledgeBase } from "../model/index.ts";
import { registerApi, sendIssues } from "./api.ts";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.ts";
import { DEFAULT_CSP, securityHeaders } from "./security.ts";
import { registerCompression, registerStaticSite } from "./static-site.ts";
import { StorageError, type Repository } from "./storage/repository.ts";

/** Largest request body accepted, in bytes (413 beyond). */
export const BODY_LIMIT = 8 * 1024;
/** The port when PORT is not set. */
export const DEFAULT_PORT = 4321;

export interface CreateServerOptions {
  kb: KnowledgeBase;
  /** The built site (holds index.html and 404.html); omit to serve the API only. */
  distDir?: string;
  /** Opened and migrated storage (`openRepository`); the caller closes it after the server. */
  db: Repository;
  /** The clock: stored days (UTC `YYYY-MM-DD`) and the rate limiter read it. */
  now?: () => Date;
  /** Per-client limit on /api/ requests, or false to turn it off (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /** The Content-Security-Policy header; default `DEFAULT_CSP` (see `buildCsp`). */
  csp?: string;
  /** Search misses seen fewer times are not listed by /api/stats/search-misses. Default 2. */
  searchMissMinCount?: number;
  /** Trust X-Forwarded-For from a reverse proxy in front (Fastify's `trustProxy`). Default false. */
  trustProxy?: boolean | string | string[];
  /** Where server errors are reported (never to the client). Default: stderr. */
  logError?: (message: string) => void;
}

/**
 * Builds the server: security headers, rate limit, the API under /api/, the site from `distDir`.
 * Throws when `distDir` is given but does not exist. Nothing listens until `listen`/`startServer`.
 */
export async function createServer(options: CreateServerOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const logError = options.logError ?? ((m: string) => process.stderr.write(`fixpath server: ${m}\n`));
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: options.trustProxy ?? false,
    return503OnClosing: true,
  });

  const headers = securityHeaders(options.csp ?? DEFAULT_CSP);
  app.addHook("onRequest", async (_request, reply) => {
    reply.headers(headers);
  });

  if (options.rateLimit !== false) {
    const limiter = createRateLimiter(options.rateLimit ?? {});
    app.addHook("onRequest", async (request, reply) => {
      if (!request.url.startsWith("/api/")) return;
      const decision = limiter.take(request.ip, now().getTime());
      if (!decision.ok) {
        reply.header("retry-after", String(decision.retryAfterSeconds));
        return sendIssues(reply, 429, [{ code: "api/rate-limited", severity: "error", path: "(request)", message: "too many requests from this client", hint: `wait ${decision.retryAfterSeconds} s and send it again` }]);
      }
    });
  }

  // Only JSON bodies: other types (text/plain included, which Fastify parses by default) get 415.
  app.removeContentTypeParser("text/plain");
  // The error handler first: a route keeps the error handler in place when it is added.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = clientError(error);
    if (known) return sendIssues(reply, known.status, [{ code: known.code, severity: "error", path: "(body)", message: known.message, hint: known.hint }]);
    const storage = error instanceof StorageError;
    const cause = storage && error.cause instanceof Error ? `\n  caused by: ${error.cause.stack ?? error.cause.message}` : "";
    logError(`${request.method} ${request.url.split("?")[0]}: ${error.stack ?? error.message}${cause}`);
    return sendIssues(reply, storage ? 503 : 500, [
      storage
        ? { code: "api/storage-unavailable", severity: "error", path: "(server)", message: "the server could not store this right now; nothing was recorded", hint: "send it again in a minute" }
        : { code: "api/internal", severity: "error", path: "(server)", message: "the server failed on this request (this should never happen)", hint: "send it again; if it keeps failing, report it with the time it happened" },
    ]);
  });

  await registerCompression(app);
  const api = registerApi(app, {
    kb: options.kb,
    db: options.db,
    day: () => now().toISOString().slice(0, 10),
    searchMissMinCount: options.searchMissMinCount ?? 2,
  });
  const site = options.distDir === undefined ? undefined : await registerStaticSite(app, options.distDir);
  app.setNotFoundHandler((request, reply) => {
    if (request.url.startsWith("/api/") || request.url === "/api" || !site || (request.method !== "GET" && request.method !== "HEAD")) {
      return sendIssues(reply, 404, [{ code: "api/not-found", severity: "error", path: "(url)", message: `no ${request.method} ${request.url.split("?")[0]!.slice(0, 100)} here`, hint: "the API has POST /api/outcomes, POST /api/feedback, POST /api/search-misses, GET /api/stats/<code>/<app> and GET /api/stats/search-misses" }]);
    }
    return site.send404(reply);
  });


  app.addHook("onClose", async () => {
    await api.drain();
  });
  return app;
}

/** Maps Fastify's request-parsing errors to the API's answers; undefined for server faults. */
function clientError(error: FastifyError): { status: number; code: string; message: string; hint: string } | undefined {
  switch (error.code) {
    case "FST_ERR_CTP_BODY_TOO_LARGE":
      return { status: 413, code: "api/body-too-large", message: `the request body is larger than ${BODY_LIMIT / 1024} KB`, hint: "send only the fields the endpoint takes; a comment holds at most 1,000 characters" };
    case "FST_ERR_CTP_INVALID_MEDIA_TYPE":
      return { status: 415, code: "api/unsupported-media-type", message: "the request body must be JSON", hint: "send it with Content-Type: application/json" };
    case "FST_ERR_CTP_EMPTY_JSON_BODY":
      return { status: 400, code: "api/malformed-json", message: "the request body is empty", hint: "send a JSON object" };
    case "FST_ERR_CTP_INVALID_CONTENT_LENGTH":
      return { status: 400, code: "api/bad-request", message: "the Content-Length does not match the body", hint: "send the body with a correct Content-Length" };
  }
  if (error.statusCode === 400 || error instanceof SyntaxError) {
    return { status: 400, code: "api/malformed-json", message: "the request body is not valid JSON", hint: "send a JSON object such as {\"code\": \"CAA50021\", \"app\": \"onedrive\", …}" };
  }
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return { status: error.statusCode, code: "api/bad-request", message: "the request could not be read", hint: "check the method, the headers and the body" };
  }
  return undefined;
}

export interface StartServerOptions extends CreateServerOptions {
  /** Default 4321 (the CLI passes PORT). 0 picks a free port. */
  port?: number;
  /** Default 127.0.0.1; use 0.0.0.0 (or ::) to listen on every interface, e.g. in a container. */
  host?: string;
}

export interface RunningServer {
  /** `http://127.0.0.1:4321`. */
  url: string;
  port: number;
  app: FastifyInstance;
  /** Stops accepting connections, finishes in-flight requests and pending writes. Does not close `db`. */
  close(): Promise<void>;
}

/** Creates the server and listens on `host:port`. */
export async function startServer(options: StartServerOptions): Promise<RunningServer> {
  const port = options.port ?? DEFAULT_PORT;
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`invalid port ${String(options.port)}. Fix: set PORT to a whole number from 1 to 65535.`);
  const host = options.host ?? "127.0.0.1";
  const app = await createServer(options);
  try {
    await app.listen({ port, host });
  } catch (e) {
    await app.close();
    const code = (e as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE") throw new Error(`port ${port} on ${host} is already in use. Fix: stop the other server, or set PORT to another port.`);
    throw e;
  }
  const address = app.server.address() as AddressInfo;
  const shownHost = address.family === "IPv6" ? `[${address.address}]` : address.address;
  return { url: `http://${shownHost}:${address.port}`, port: address.port, app, close: () => app.close() };
}

/** PORT from the environment, checked; `DEFAULT_PORT` when unset. */
export function portFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) throw new Error(`PORT is "${raw}", not a port number. Fix: set PORT to a whole number from 1 to 65535, or unset it for ${DEFAULT_PORT}.`);
  return port;
}
