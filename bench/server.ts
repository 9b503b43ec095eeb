// Server benchmark: POST /api/outcomes and GET /api/stats throughput and p99 latency on loopback,
// against SQLite and PostgreSQL. The server runs in its own process (scripts/server-child.ts) so
// the load generator below does not share its event loop. Figures only; nothing is asserted.
import { mkdtempSync, rmSync } from "node:fs";
import { Agent, request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useTestPostgres, type TestPostgres } from "../scripts/server-pg.ts";
import { startServerProcess, stopServerProcess } from "../scripts/server-process.ts";

/** Hosts the load generator may target: loopback only. */
const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

export interface LoadOptions {
  url: string;
  method: "GET" | "POST";
  /** Request bodies, used in turn (POST). */
  bodies?: readonly string[];
  connections: number;
  /** Stop after this many requests… */
  maxRequests: number;
  /** …or after this long, whichever comes first. */
  maxMs: number;
}

export interface LoadResult {
  requests: number;
  /** Responses with a 2xx status. */
  ok: number;
  errors: number;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/** A small closed-loop HTTP load generator: `connections` keep-alive clients, each sending the next request when the last one is answered. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  if (!LOOPBACK.has(target.hostname) || target.protocol !== "http:") throw new Error(`runLoad targets loopback only (127.0.0.1, ::1, localhost), not ${target.host}`);
  if (options.maxRequests > 1_000_000 || options.maxMs > 60_000) throw new Error("runLoad is bounded: at most 1,000,000 requests and 60 s");
  const agent = new Agent({ keepAlive: true, maxSockets: options.connections });
  const latencies: number[] = [];
  let sent = 0;
  let ok = 0;
  let errors = 0;
  const started = performance.now();
  const deadline = started + options.maxMs;
  const one = (body: string | undefined) =>
    new Promise<void>((resolve) => {
      const t = performance.now();
      const req = request(
        target,
        { method: options.method, agent, headers: body === undefined ? {} : { "content-type": "application/json", "content-length": Buffer.byteLength(body) } },
        (res) => {
          res.resume();
          res.on("end", () => {
            latencies.push(performance.now() - t);
            if (res.statusCode !== undefined && res.statusCode >= 200 && res.statusCode < 300) ok++;
            else errors++;
            resolve();
          });
        },
      );
      req.on("error", () => {
        errors++;
        resolve();
      });
      req.end(body);
    });
  const worker = async () => {
    while (sent < options.maxRequests && performance.now() < deadline) {
      const body = options.bodies?.[sent % options.bodies.length];
      sent++;
      await one(body);
    }
  };
  await Promise.all(Array.from({ length: options.connections }, worker));
  const seconds = (performance.now() - started) / 1000;
  agent.destroy();
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: sent, ok, errors, seconds, perSecond: sent / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
}

const STEPS = ["clean-restart", "unlink-work-account", "cleanup-wam-accounts", "check-access-work-or-school", "repair-onedrive"];

function outcomeBodies(): string[] {
  const bodies: string[] = [];
  for (const stepId of STEPS) {
    for (const code of ["CAA50021", "0xCAA50021", "caa50021"]) {
      bodies.push(JSON.stringify({ code, app: "onedrive", stepId, outcome: "fixed" }));
      bodies.push(JSON.stringify({ code, app: "onedrive", stepId, outcome: "no-change", reason: "did-not-match" }));
    }
  }
  return bodies;
}

function fmt(name: string, r: LoadResult): string {
  return `${name}: ${Math.round(r.perSecond).toLocaleString("en")} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms (${r.requests.toLocaleString("en")} requests in ${r.seconds.toFixed(1)} s, ${r.errors} non-2xx)`;
}

async function benchOne(root: string, label: string, db: string): Promise<string[]> {
  const { url, child } = await startServerProcess(root, db);
  try {
    const connections = 32;
    // Warm-up: JIT, prepared statements, pool connections.
    await runLoad({ url: `${url}/api/outcomes`, method: "POST", bodies: outcomeBodies(), connections, maxRequests: 3_000, maxMs: 5_000 });
    const post = await runLoad({ url: `${url}/api/outcomes`, method: "POST", bodies: outcomeBodies(), connections, maxRequests: 60_000, maxMs: 8_000 });
    const get = await runLoad({ url: `${url}/api/stats/caa50021/onedrive`, method: "GET", connections, maxRequests: 30_000, maxMs: 6_000 });
    return [fmt(`server/${label}: POST /api/outcomes`, post), fmt(`server/${label}: GET /api/stats/caa50021/onedrive`, get)];
  } finally {
    await stopServerProcess(child);
  }
}

/** Report lines: POST and GET throughput and p99 latency for SQLite and PostgreSQL, 32 connections on loopback. */
export async function benchServer(root: string): Promise<string[]> {
  const lines: string[] = ["server: 32 keep-alive connections on 127.0.0.1, server in its own process, rate limit off (goal with SQLite: ≥ 5,000 POST/s, p99 < 20 ms)"];
  const dir = mkdtempSync(join(tmpdir(), "fixpath-bench-"));
  try {
    lines.push(...(await benchOne(root, "sqlite", join(dir, "bench.sqlite"))));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  let pg: TestPostgres | undefined;
  try {
    pg = await useTestPostgres();
  } catch (e) {
    lines.push(`server/postgres: not measured: ${(e as Error).message}`);
  }
  if (pg) {
    try {
      lines.push(...(await benchOne(root, `postgres (${pg.source})`, pg.url)));
    } finally {
      pg.stop();
    }
  }
  return lines;
}
