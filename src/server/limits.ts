/**
 * Connection limits against slow and greedy clients, and the server settings read from the
 * environment (`fixpath start`, scripts/server-child.ts). Every value is checked; a wrong one
 * stops the start with what to write instead.
 */

export interface ConnectionLimits {
  /** A request (headers and body) must arrive within this; else 408 and the connection closes. 0 = no limit. */
  requestTimeoutMs: number;
  /** The headers must arrive within this. */
  headersTimeoutMs: number;
  /** An idle keep-alive connection is closed after this. */
  keepAliveTimeoutMs: number;
  /** A connection with no traffic at all is closed after this. */
  idleTimeoutMs: number;
  /** Connections one client may hold open at once (IPv6 by its /64); more are closed at once. 0 = no cap. */
  maxConnectionsPerAddress: number;
  /** Connections open at once from all clients together; more are closed at once. 0 = no cap. */
  maxConnections: number;
  /** Requests one connection may have waiting for their answers (pipelined); one more closes it. 0 = no bound. */
  maxPipelined: number;
}

export const DEFAULT_LIMITS: ConnectionLimits = {
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 5_000,
  keepAliveTimeoutMs: 5_000,
  idleTimeoutMs: 30_000,
  maxConnectionsPerAddress: 128,
  maxConnections: 2048,
  maxPipelined: 16,
};

/** What the environment sets for `createServer`/`startServer`. */
export interface ServerEnvSettings {
  limits: Partial<ConnectionLimits>;
  trustProxy: boolean | number | string[];
  operatorToken?: string;
  /** FIXPATH_HSTS_MAX_AGE: Strict-Transport-Security max-age in seconds (off when unset or 0). */
  hstsMaxAgeSeconds?: number;
}

const LIMIT_VARS: readonly [keyof ConnectionLimits, string][] = [
  ["requestTimeoutMs", "FIXPATH_REQUEST_TIMEOUT_MS"],
  ["headersTimeoutMs", "FIXPATH_HEADERS_TIMEOUT_MS"],
  ["keepAliveTimeoutMs", "FIXPATH_KEEPALIVE_TIMEOUT_MS"],
  ["maxConnectionsPerAddress", "FIXPATH_MAX_CONNECTIONS_PER_ADDRESS"],
  ["maxConnections", "FIXPATH_MAX_CONNECTIONS"],
];

/**
 * Reads FIXPATH_REQUEST_TIMEOUT_MS, FIXPATH_HEADERS_TIMEOUT_MS, FIXPATH_KEEPALIVE_TIMEOUT_MS,
 * FIXPATH_MAX_CONNECTIONS_PER_ADDRESS, FIXPATH_MAX_CONNECTIONS, FIXPATH_HSTS_MAX_AGE, FIXPATH_TRUST_PROXY and FIXPATH_OPERATOR_TOKEN. Throws an
 * Error whose message names the variable, what it holds and the fix.
 */
export function serverSettingsFromEnv(env: Record<string, string | undefined>): ServerEnvSettings {
  const limits: Partial<ConnectionLimits> = {};
  for (const [key, name] of LIMIT_VARS) {
    const raw = env[name]?.trim();
    if (!raw) continue;
    if (!/^\d{1,9}$/.test(raw)) throw new Error(`${name} is "${raw.slice(0, 40)}", not a whole number. Fix: set it to a whole number (0 turns the limit off; default ${DEFAULT_LIMITS[key]}), or unset it.`);
    limits[key] = Number(raw);
  }
  const settings: ServerEnvSettings = { limits, trustProxy: trustProxyFromEnv(env.FIXPATH_TRUST_PROXY) };
  const hsts = env.FIXPATH_HSTS_MAX_AGE?.trim();
  if (hsts) {
    if (!/^\d{1,9}$/.test(hsts)) throw new Error(`FIXPATH_HSTS_MAX_AGE is "${hsts.slice(0, 40)}", not a whole number of seconds. Fix: set it to a number of seconds such as 31536000 (one year) when every visitor comes over HTTPS, or unset it (no HSTS, the default).`);
    if (Number(hsts) > 0) settings.hstsMaxAgeSeconds = Number(hsts);
  }
  const token = env.FIXPATH_OPERATOR_TOKEN?.trim();
  if (token) settings.operatorToken = token;
  return settings;
}

/**
 * FIXPATH_TRUST_PROXY: unset, "false" or "0" = off (the default); a number = that many proxy hops;
 * otherwise a comma-separated list of proxy addresses or ranges (`127.0.0.1`, `10.0.0.0/8`,
 * `loopback`). "true" (trust any sender's X-Forwarded-For) is refused: any client could then
 * choose the address the rate limit and the connection cap see.
 */
function trustProxyFromEnv(raw: string | undefined): boolean | number | string[] {
  const value = raw?.trim().toLowerCase();
  if (!value || value === "false" || value === "0" || value === "off") return false;
  if (/^\d{1,2}$/.test(value)) return Number(value);
  if (value === "true" || value === "on" || value === "yes") {
    throw new Error(`FIXPATH_TRUST_PROXY is "${raw!.trim()}": trusting every sender's X-Forwarded-For would let any client choose the address the rate limit and the connection cap see. Fix: list the proxy's addresses (e.g. 127.0.0.1 or 10.0.0.0/8), give the number of proxies in front (1), or unset it.`);
  }
  const list = value.split(",").map((v) => v.trim()).filter(Boolean);
  const bad = list.find((v) => !/^(?:loopback|linklocal|uniquelocal|[0-9a-f.:]+(?:\/\d{1,3})?)$/.test(v));
  if (bad !== undefined) throw new Error(`FIXPATH_TRUST_PROXY holds "${bad.slice(0, 40)}", which is neither an address, a range nor a hop count. Fix: list the proxy's addresses (e.g. 127.0.0.1,10.0.0.0/8), give a hop count (1), or unset it.`);
  return list;
}
