/**
 * The HTTP shell: one Fastify app on one port serving the built site and the outcomes API.
 * `createServer` builds it (tests drive it with `inject`), `startServer` makes it listen.
 */
import { FEEDBACK_REASON_LABELS, OUTCOME_REASON_LABELS, displayCode, resolveCode } from "../model/index.ts";
import { registerOperator } from "./operator.ts";
import type { IncomingMessage, ServerResponse } from "node:http";
import { isIP, type AddressInfo, type Socket } from "node:net";
import Fastify, { type FastifyError, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type { KnowledgeBase } from "../model/index.ts";
import { OPERATOR_TOKEN_MIN, registerApi, sendIssues } from "./api.ts";
import { guardConnections } from "./connections.ts";
import { DEFAULT_LIMITS, type ConnectionLimits } from "./limits.ts";
import { createRateLimiter, type RateLimitOptions } from "./rate-limit.ts";
import { DEFAULT_CSP, securityHeaders } from "./security.ts";
import { registerCompression, registerStaticSite } from "./static-site.ts";
import { StorageError, type Repository } from "./storage/repository.ts";

/** Largest request body accepted, in bytes (413 beyond). */
export const BODY_LIMIT = 8 * 1024;
/** The default static limit: 600 requests at once, 60 a second after that, per client. */
export const STATIC_RATE_LIMIT: Readonly<RateLimitOptions> = { burst: 600, perSecond: 60 };
/** The port when PORT is not set. */
export const DEFAULT_PORT = 4321;

export interface CreateServerOptions {
  kb: KnowledgeBase;
  /** The built site (holds index.html and 404.html); omit to serve the API only. */
  distDir?: string;
  /** Answer plain requests for the site's files from a copy read at start (static-memory.ts). Default true. */
  siteInMemory?: boolean;
  /** Opened and migrated storage (`openRepository`); the caller closes it after the server. */
  db: Repository;
  /** The wall clock: stored days (UTC `YYYY-MM-DD`) read it. */
  now?: () => Date;
  /** A clock in milliseconds that never steps back, for the rate limits. Default `performance.now`. */
  monotonicMs?: () => number;
  /** Per-client limit on /api/ requests, or false to turn it off, and the static limit with it (benchmarks). */
  rateLimit?: RateLimitOptions | false;
  /**
   * Per-client limit on every other request (pages, assets, `/api/*.json`): a budget no browser
   * reaches (a page is about ten requests), there so that one client cannot spend the server on
   * files. Default `STATIC_RATE_LIMIT`; false turns it off.
   */
  staticRateLimit?: RateLimitOptions | false;
  /** The Content-Security-Policy header; default `DEFAULT_CSP` (see `buildCsp`). */
  csp?: string;
  /** Search misses seen fewer times are not listed by /api/stats/search-misses. Default 2. */
  searchMissMinCount?: number;
  /**
   * Trust X-Forwarded-For from a reverse proxy in front (Fastify's `trustProxy`: true, a hop
   * count, or the proxy's addresses). Default false: the client is the socket's address, and a
   * forwarded header cannot pick a fresh rate-limit bucket.
   */
  trustProxy?: boolean | number | string | string[];
  /**
   * Opens `GET /api/stats/search-misses` (`Authorization: Bearer <token>`) and the operator page
   * `/operator/` (the browser's sign-in prompt, or Bearer); without it both are off.
   */
  operatorToken?: string | undefined;
  /** The site's name for the operator page (`fixpath.config.yaml` → `site.name`). Default "Fixpath". */
  siteName?: string;
  /**
   * Strict-Transport-Security max-age in seconds, or 0/undefined for none (the default). Set it
   * only when every visitor reaches the site over HTTPS, i.e. behind a TLS-terminating proxy:
   * browsers then refuse plain HTTP to this host for that long.
   */
  hstsMaxAgeSeconds?: number;
  /** Timeouts and the per-address connection cap; each defaults to `DEFAULT_LIMITS`. */
  limits?: Partial<ConnectionLimits>;
  /** Where server errors are reported (never to the client). Default: stderr. Repeats are held back (see `throttleLog`). */
  logError?: (message: string) => void;
}

/**
 * Builds the server: security headers, rate limit, the API under /api/, the site from `distDir`.
 * Throws when `distDir` is given but does not exist. Nothing listens until `listen`/`startServer`.
 */
export async function createServer(options: CreateServerOptions): Promise<FastifyInstance> {
  const now = options.now ?? (() => new Date());
  const logError = throttleLog(options.logError ?? ((m: string) => process.stderr.write(`fixpath server: ${m}\n`)), () => now().getTime());
  const limits: ConnectionLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const weak = options.operatorToken === undefined ? undefined : operatorTokenWeakness(options.operatorToken.trim());
  if (weak !== undefined) {
    throw new Error(`the operator token ${weak}. Fix: set FIXPATH_OPERATOR_TOKEN to a random secret (for example \`openssl rand -hex 32\`), or unset it to keep the operator statistics off.`);
  }
  const headers = securityHeaders(options.csp ?? DEFAULT_CSP);
  if (options.hstsMaxAgeSeconds) headers["strict-transport-security"] = `max-age=${Math.floor(options.hstsMaxAgeSeconds)}`;
  const app = Fastify({
    logger: false,
    bodyLimit: BODY_LIMIT,
    trustProxy: typeof options.trustProxy === "number" ? trustHops(options.trustProxy) : (options.trustProxy ?? false),
    return503OnClosing: true,
    // Slow clients: a request must be complete within requestTimeout and its headers within
    // headersTimeout (else 408 and the connection is closed); an idle keep-alive connection is
    // closed after keepAliveTimeout. Node checks these every connectionsCheckingInterval.
    requestTimeout: limits.requestTimeoutMs,
    keepAliveTimeout: limits.keepAliveTimeoutMs,
    connectionTimeout: limits.idleTimeoutMs,
    http: {
      // Node requires headersTimeout ≤ requestTimeout.
      headersTimeout: limits.requestTimeoutMs > 0 ? Math.min(limits.headersTimeoutMs, limits.requestTimeoutMs) : limits.headersTimeoutMs,
      requestTimeout: limits.requestTimeoutMs,
      // A request without Host is answered by the hook below (with the security headers), not by Node.
      requireHostHeader: false,
      connectionsCheckingInterval: Math.max(50, Math.min(1000, Math.floor(Math.min(limits.headersTimeoutMs || 1000, limits.requestTimeoutMs || 1000) / 4))),
    },
    // Requests Node refuses before Fastify sees them (malformed, headers too large, timed out)
    // get the security headers and a JSON answer too; a reset connection gets nothing, quietly.
    clientErrorHandler: (error: NodeJS.ErrnoException, socket: Socket) => answerClientError(error, socket, headers),
  });
  guardConnections(app, limits);

  app.addHook("onRequest", async (request, reply) => {
    reply.headers(headers);
    if (request.raw.httpVersion === "1.1" && request.headers.host === undefined) {
      reply.header("connection", "close");
      return sendIssues(reply, 400, [{ code: "api/bad-request", severity: "error", path: "(headers).host", message: "the request has no Host header", hint: "send the Host header, as HTTP/1.1 requires" }]);
    }
  });
  // An Expect other than 100-continue: Node's own 417 would carry none of the headers above.
  app.server.on("checkExpectation", (req: IncomingMessage, res: ServerResponse) => {
    const body = JSON.stringify({ ok: false, status: 417, issues: [{ code: "api/bad-request", severity: "error", path: "(headers).expect", message: `the server cannot meet "Expect: ${String(req.headers.expect).slice(0, 40)}"`, hint: "send the request without the Expect header" }] });
    res.writeHead(417, { ...headers, "content-type": "application/json; charset=utf-8", "content-length": Buffer.byteLength(body), "cache-control": "no-store", connection: "close" });
    res.end(body);
  });

  if (options.rateLimit !== false) {
    const clock = options.monotonicMs ?? (() => performance.now());
    const limiter = createRateLimiter(options.rateLimit ?? {});
    const staticLimiter = options.staticRateLimit === false ? undefined : createRateLimiter(options.staticRateLimit ?? STATIC_RATE_LIMIT);
    app.addHook("onRequest", async (request, reply) => {
      // The route the router matched (after decoding, whatever the request line looked like:
      // /%61pi/outcomes and http://host/api/outcomes are /api/outcomes), not the raw URL text.
      const route = request.routeOptions.url;
      // The operator page counts as the API: each request there is a guess at the token.
      const isApi = route === undefined || route === "/*" ? decodedPathIsApi(request.url) && !isStaticApiFile(request.url) : route.startsWith("/api/") || route.startsWith("/operator");
      const chosen = isApi ? limiter : staticLimiter;
      if (!chosen) return;
      // The socket can be gone already (a reset right after the headers): nothing to answer.
      // A forwarded "address" that is not one (X-Forwarded-For: anything) is no identity: the socket's is used.
      const address = request.ip !== undefined && isIP(request.ip) !== 0 ? request.ip : request.socket.remoteAddress;
      if (address === undefined) {
        reply.hijack();
        request.raw.destroy();
        return;
      }
      const decision = chosen.take(address, clock());
      if (!decision.ok) {
        reply.header("retry-after", String(decision.retryAfterSeconds));
        return sendIssues(reply, 429, [{ code: "api/rate-limited", severity: "error", path: "(request)", message: "too many requests from this client", hint: `wait ${decision.retryAfterSeconds} s and send it again` }]);
      }
    });
  }

  // A page's address with a doubled slash (a link mistyped, or joined from a base address that ends
  // in "/"): one redirect to the address it means, so the person lands on the page, not on an error.
  app.addHook("onRequest", async (request, reply) => {
    if (request.method !== "GET" && request.method !== "HEAD") return;
    const tidy = tidyPagePath(request.url);
    if (tidy !== undefined) return reply.header("cache-control", "no-store").redirect(tidy, 301);
  });

  // Only JSON bodies: other types (text/plain included, which Fastify parses by default) get 415.
  app.removeContentTypeParser("text/plain");
  // The error handler first: a route keeps the error handler in place when it is added.
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const known = clientError(error);
    // An address the static files refuse (an encoded dot segment, `/api//…`) is a miss like any
    // other: the site's 404 page, or the API's "not here".
    if (known && (request.method === "GET" || request.method === "HEAD") && known.status !== 413 && known.status !== 415) return notFound(request, reply);
    if (known) {
      // A refused body (too large, not JSON) is not read to its end: the connection is closed
      // once the answer is sent, so a 100 MB upload costs the first chunk, not 100 MB.
      if (known.status === 413 || known.status === 415) reply.header("connection", "close");
      return sendIssues(reply, known.status, [{ code: known.code, severity: "error", path: "(body)", message: known.message, hint: known.hint }]);
    }
    const storage = error instanceof StorageError;
    const cause = storage && error.cause instanceof Error ? `\n  caused by: ${error.cause.stack ?? error.cause.message}` : "";
    // The route that matched, not the URL as sent: 50 spellings of /api/outcomes are one line.
    logError(`${request.method} ${request.routeOptions.url ?? "(no route)"}: ${storage ? error.message : (error.stack ?? error.message)}${cause}`);
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
    operatorToken: options.operatorToken?.trim(),
  });
  registerOperator(app, {
    kb: options.kb,
    db: options.db,
    token: options.operatorToken?.trim(),
    day: () => now().toISOString().slice(0, 10),
    siteName: options.siteName ?? "Fixpath",
    words: { outcome: OUTCOME_REASON_LABELS, feedback: FEEDBACK_REASON_LABELS },
    displayCode,
    // Searched codes that have no page: the site sends only those, and a hub added since drops out.
    missingCodes: async (limit) => (await options.db.topSearchMisses({ limit: limit * 2, minCount: 1 })).filter((m) => resolveCode(options.kb, m.code) === undefined).slice(0, limit),
  });
  const site = options.distDir === undefined ? undefined : await registerStaticSite(app, options.distDir, { memory: options.siteInMemory ?? true });
  function notFound(request: FastifyRequest, reply: FastifyReply): FastifyReply {
    if (decodedPathIsApi(request.url) || !site || (request.method !== "GET" && request.method !== "HEAD")) {
      return sendIssues(reply, 404, [{ code: "api/not-found", severity: "error", path: "(url)", message: `no ${request.method} ${request.url.split("?")[0]!.slice(0, 100)} here`, hint: "the API has POST /api/outcomes, POST /api/feedback, POST /api/search-misses, GET /api/stats/<code>/<app> and GET /api/stats/search-misses" }]);
    }
    return site.send404(reply);
  }
  app.setNotFoundHandler(notFound);


  app.addHook("onClose", async () => {
    await api.drain();
  });
  return app;
}

/** `/api/<…>.json` read with GET or HEAD is a file of the built site (the machine-readable KB), not an API call. */
function isStaticApiFile(url: string): boolean {
  return /^\/api\/[^?]*\.json(?:\?|$)/.test(url);
}

/** Fewest different characters an operator token must hold ("aaaaaaaaaaaaaaaa" is long enough but guessed at once). */
export const OPERATOR_TOKEN_MIN_DISTINCT = 8;

/** Why a token is too weak to guard the operator page (as words after "the operator token"), or undefined. */
export function operatorTokenWeakness(token: string): string | undefined {
  if (token.length < OPERATOR_TOKEN_MIN) return `is shorter than ${OPERATOR_TOKEN_MIN} characters`;
  if (new Set(token).size < OPERATOR_TOKEN_MIN_DISTINCT) return `holds fewer than ${OPERATOR_TOKEN_MIN_DISTINCT} different characters, so it is easy to guess`;
  return undefined;
}

/**
 * The page address a path with doubled slashes means (`/codes//caa50021/` → `/codes/caa50021/`),
 * its query kept; undefined when there is none to collapse, for the API (its clients get its own
 * answers), and for a path with a backslash, which a browser may read as `//` and so as another
 * host. Dot segments are left to the 404 page: browsers resolve them before sending, so only tools
 * send them.
 */
function tidyPagePath(url: string): string | undefined {
  const q = url.indexOf("?");
  const path = q < 0 ? url : url.slice(0, q);
  if (!path.startsWith("/") || !path.includes("//") || /\\|%5c/i.test(path)) return undefined;
  const tidy = path.replace(/\/{2,}/g, "/");
  return decodedPathIsApi(tidy) ? undefined : tidy + (q < 0 ? "" : url.slice(q));
}

/** Whether a request's path, decoded as the router decodes it, is under /api (absolute-form request lines included). */
function decodedPathIsApi(url: string): boolean {
  let path = url.split("?")[0]!;
  if (!path.startsWith("/")) path = path.replace(/^[a-z][a-z0-9+.-]*:\/\/[^/]*/i, "") || "/";
  try {
    path = decodeURIComponent(path);
  } catch {
    // Not decodable: the router does not match it either.
  }
  return path === "/api" || path.startsWith("/api/");
}

/** Trusts the nearest `hops` proxies (X-Forwarded-For read from the right). */
function trustHops(hops: number): (address: string, hop: number) => boolean {
  return (_address, hop) => hop < hops;
}

/** The answer to a request Node refused before routing, with the security headers; nothing for a reset connection. */
function answerClientError(error: NodeJS.ErrnoException, socket: Socket, headers: Record<string, string>): void {
  if (error.code === "ECONNRESET" || error.code === "EPIPE" || socket.destroyed || !socket.writable) {
    socket.destroy();
    return;
  }
  const [status, reason, message, hint] =
    error.code === "ERR_HTTP_REQUEST_TIMEOUT"
      ? [408, "Request Timeout", "the request did not arrive in time", "send the whole request at once"]
      : error.code === "HPE_HEADER_OVERFLOW"
        ? [431, "Request Header Fields Too Large", "the request headers are too large", "send fewer or shorter headers (cookies included)"]
        : [400, "Bad Request", "the request could not be read as HTTP", "check the request line and the headers"];
  const body = JSON.stringify({ ok: false, status, issues: [{ code: status === 408 ? "api/timeout" : status === 431 ? "api/headers-too-large" : "api/bad-request", severity: "error", path: "(request)", message, hint }] });
  const head = [`HTTP/1.1 ${status} ${reason}`, "content-type: application/json; charset=utf-8", `content-length: ${Buffer.byteLength(body)}`, "cache-control: no-store", "connection: close", ...Object.entries(headers).map(([k, v]) => `${k}: ${v}`)];
  socket.end(`${head.join("\r\n")}\r\n\r\n${body}`);
  socket.destroySoon();
}

/**
 * Holds back repeats of one error: the first is written, the same first line again within
 * `windowMs` only counted, and the count written with the next one after the window. A client
 * provoking the same failure thousands of times a second then costs a few lines, not a full disk.
 */
export function throttleLog(write: (message: string) => void, nowMs: () => number, windowMs = 10_000): (message: string) => void {
  const seen = new Map<string, { at: number; held: number }>();
  return (message) => {
    const key = message.split("\n")[0]!.replace(/\d+/g, "#").slice(0, 300);
    const t = nowMs();
    const last = seen.get(key);
    if (last && t - last.at < windowMs) {
      last.held++;
      return;
    }
    if (seen.size > 1000) seen.clear();
    seen.set(key, { at: t, held: 0 });
    write(last?.held ? `${message}\n  (and ${last.held} more like this in the last ${Math.round((t - last.at) / 1000)} s)` : message);
  };
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

/** Default longest wait at close for requests and writes in flight, in ms. */
export const CLOSE_DEADLINE_MS = 10_000;

export interface StartServerOptions extends CreateServerOptions {
  /** Longest `close` waits for requests and writes in flight (a database that stopped answering), in ms. Default `CLOSE_DEADLINE_MS`. */
  closeDeadlineMs?: number;
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
  // A server that says it is running while every write gets 503 is worse than one that does not start.
  await options.db.checkWritable();
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
  const deadlineMs = options.closeDeadlineMs ?? CLOSE_DEADLINE_MS;
  const close = async () => {
    let timer: NodeJS.Timeout | undefined;
    const closed = app.close().then(() => "closed" as const);
    const late = new Promise<"late">((resolve) => (timer = setTimeout(() => resolve("late"), deadlineMs)));
    const result = await Promise.race([closed, late]);
    clearTimeout(timer);
    if (result === "late") {
      // What is still unanswered gets no answer: its connection is closed, and the stop goes on.
      app.server.closeAllConnections();
      (options.logError ?? ((m: string) => process.stderr.write(`fixpath server: ${m}\n`)))(`stopped after ${deadlineMs / 1000} s with requests or writes still unfinished (is the database answering?); their connections were closed unanswered, nothing of them was acknowledged`);
    }
  };
  return { url: `http://${shownHost}:${address.port}`, port: address.port, app, close };
}

/** PORT from the environment, checked; `DEFAULT_PORT` when unset. */
export function portFromEnv(env: Record<string, string | undefined>): number {
  const raw = env.PORT?.trim();
  if (!raw) return DEFAULT_PORT;
  const port = Number(raw);
  if (!/^\d+$/.test(raw) || port < 1 || port > 65535) throw new Error(`PORT is "${raw}", not a port number. Fix: set PORT to a whole number from 1 to 65535, or unset it for ${DEFAULT_PORT}.`);
  return port;
}
