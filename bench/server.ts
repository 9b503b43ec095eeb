// Server benchmark: POST /api/outcomes and GET /api/stats throughput and p99 latency on loopback,
// against SQLite and PostgreSQL, at 32 and 100 connections; a static page's p99 while the API is
// under load at 100 connections; the operator's search-miss list at 1M stored misses. The server
// runs in its own process (scripts/server-child.ts) so the load generator below does not share
// its event loop. Figures only; nothing is asserted.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { connect } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { useTestPostgres, type TestPostgres } from "../scripts/server-pg.ts";
import { startServerProcess, stopServerProcess } from "../scripts/server-process.ts";
import { openRepository } from "../src/server/index.ts";

/** The bench's operator token (the child gets it as FIXPATH_OPERATOR_TOKEN). */
const OPERATOR_TOKEN = "bench-operator-token-0123456789";
/** All load comes from 127.0.0.1: no per-address cap in the bench. */
const BENCH_ENV = { FIXPATH_MAX_CONNECTIONS_PER_ADDRESS: "0", FIXPATH_OPERATOR_TOKEN: OPERATOR_TOKEN };

/** Hosts the load generator may target: loopback only. */
const LOOPBACK = new Set(["127.0.0.1", "[::1]", "localhost"]);

export interface LoadOptions {
  url: string;
  method: "GET" | "POST";
  headers?: Record<string, string>;
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
  /** The non-2xx answers by status ("error" for a failed connection). */
  failures: Record<string, number>;
  seconds: number;
  perSecond: number;
  p50Ms: number;
  p99Ms: number;
}

/**
 * A closed-loop HTTP/1.1 load generator: `connections` keep-alive sockets, each sending the next
 * request when the last answer is complete. Hand-written on raw sockets, with every request
 * encoded once up front and answers framed by their Content-Length (the server sends one on every
 * answer the bench asks for): on this 2-core machine the load generator shares the CPU with the
 * server and PostgreSQL, and node:http's client (the first version of this function) spent about
 * as much CPU per request as the server, which inflated the latency it measured (same server,
 * same minute: 7,400–8,700 req/s and p99 23–33 ms through node:http, 10,300–11,100 req/s and p99
 * 15–23 ms this way). autocannon was tried too: its JavaScript HTTP parser costs about the same,
 * and it reports latency in whole milliseconds, too coarse for a 20 ms goal.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const target = new URL(options.url);
  if (!LOOPBACK.has(target.hostname) || target.protocol !== "http:") throw new Error(`runLoad targets loopback only (127.0.0.1, ::1, localhost), not ${target.host}`);
  if (options.maxRequests > 1_000_000 || options.maxMs > 60_000) throw new Error("runLoad is bounded: at most 1,000,000 requests and 60 s");
  const path = target.pathname + target.search;
  const extra = Object.entries(options.headers ?? {}).map(([k, v]) => `${k}: ${v}\r\n`).join("");
  const head = `${options.method} ${path} HTTP/1.1\r\nhost: ${target.host}\r\n${extra}`;
  const encoded = options.method === "POST"
    ? (options.bodies ?? [""]).map((b) => Buffer.from(`${head}content-type: application/json\r\ncontent-length: ${Buffer.byteLength(b)}\r\n\r\n${b}`))
    : [Buffer.from(`${head}\r\n`)];
  const latencies: number[] = [];
  let sent = 0;
  let ok = 0;
  let errors = 0;
  const failures: Record<string, number> = {};
  const fail = (what: string) => {
    errors++;
    failures[what] = (failures[what] ?? 0) + 1;
  };
  const started = performance.now();
  const deadline = started + options.maxMs;
  const port = Number(target.port || 80);
  const host = target.hostname.replace(/^\[|\]$/g, "");
  const more = () => sent < options.maxRequests && performance.now() < deadline;
  /** One connection's requests until the end; resolves with whether to open another (the server closed it). */
  const connection = () =>
    new Promise<boolean>((done) => {
      const socket = connect(port, host);
      socket.setNoDelay(true);
      let pending: Buffer | undefined;
      let t = 0;
      let waiting = false;
      let closed = false;
      const close = (reopen: boolean) => {
        if (closed) return;
        closed = true;
        if (waiting) fail("closed before answering");
        socket.destroy();
        done(reopen);
      };
      const next = () => {
        if (!more()) return close(false);
        t = performance.now();
        waiting = true;
        socket.write(encoded[sent++ % encoded.length]!);
      };
      socket.on("connect", next);
      socket.on("data", (chunk: Buffer) => {
        pending = pending ? Buffer.concat([pending, chunk]) : chunk;
        for (;;) {
          const end: number = pending.indexOf("\r\n\r\n");
          if (end < 0) return;
          const header = pending.toString("latin1", 0, end);
          const length = /\r\ncontent-length:\s*(\d+)/i.exec(header);
          if (!length) {
            fail("an answer without content-length");
            return close(false);
          }
          const total: number = end + 4 + Number(length[1]);
          if (pending.length < total) return;
          pending = pending.length > total ? pending.subarray(total) : undefined;
          latencies.push(performance.now() - t);
          waiting = false;
          const status = header.slice(9, 12);
          if (status[0] === "2") ok++;
          else fail(status);
          if (/\r\nconnection:\s*close/i.test(header)) return close(true);
          next();
          if (!pending) return;
        }
      });
      socket.on("error", (e: NodeJS.ErrnoException) => {
        fail(e.code ?? "error");
        waiting = false;
        close(false);
      });
      socket.on("close", () => close(true));
    });
  const client = async () => {
    while (more() && (await connection()));
  };
  await Promise.all(Array.from({ length: options.connections }, client));
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  const at = (q: number) => latencies[Math.min(latencies.length - 1, Math.floor(q * latencies.length))] ?? NaN;
  return { requests: sent, ok, errors, failures, seconds, perSecond: latencies.length / seconds, p50Ms: at(0.5), p99Ms: at(0.99) };
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
  return `${name}: ${Math.round(r.perSecond).toLocaleString("en")} req/s, p50 ${r.p50Ms.toFixed(2)} ms, p99 ${r.p99Ms.toFixed(2)} ms (${r.requests.toLocaleString("en")} requests in ${r.seconds.toFixed(1)} s, ${r.errors} non-2xx${r.errors ? `: ${Object.entries(r.failures).map(([k, n]) => `${n} × ${k}`).join(", ")}` : ""})`;
}

async function benchOne(root: string, label: string, db: string): Promise<string[]> {
  const { url, child } = await startServerProcess(root, db, { env: BENCH_ENV });
  try {
    const connections = 32;
    // Warm-up: JIT, prepared statements, pool connections.
    await runLoad({ url: `${url}/api/outcomes`, method: "POST", bodies: outcomeBodies(), connections, maxRequests: 3_000, maxMs: 5_000 });
    const post = await runLoad({ url: `${url}/api/outcomes`, method: "POST", bodies: outcomeBodies(), connections, maxRequests: 60_000, maxMs: 8_000 });
    // Three runs at 100 connections, reported with the median p99: on this shared machine one
    // 8-second run's p99 moves by several milliseconds from one minute to the next.
    const runs100: LoadResult[] = [];
    for (let i = 0; i < 3; i++) runs100.push(await runLoad({ url: `${url}/api/outcomes`, method: "POST", bodies: outcomeBodies(), connections: 100, maxRequests: 60_000, maxMs: 8_000 }));
    const post100 = [...runs100].sort((a, b) => a.p99Ms - b.p99Ms)[1]!;
    const get = await runLoad({ url: `${url}/api/stats/caa50021/onedrive`, method: "GET", connections, maxRequests: 30_000, maxMs: 6_000 });
    return [
      fmt(`server/${label}: POST /api/outcomes, 32 connections`, post),
      `${fmt(`server/${label}: POST /api/outcomes, 100 connections, the run with the median p99 of 3 (goal p99 < 20 ms)`, post100)}; p99 of the 3 runs: ${runs100.map((r) => r.p99Ms.toFixed(2)).join(", ")} ms`,
      fmt(`server/${label}: GET /api/stats/caa50021/onedrive`, get),
    ];
  } finally {
    await stopServerProcess(child);
  }
}

/** A small built site: a home page and a code page of the size the real build writes (about 40 KB). */
function writeSite(dir: string): string {
  const dist = join(dir, "dist");
  mkdirSync(join(dist, "codes", "caa50021", "onedrive"), { recursive: true });
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Fixpath</title><p>home</p>");
  writeFileSync(join(dist, "404.html"), "<!doctype html><title>Not found</title>");
  writeFileSync(join(dist, "codes", "caa50021", "onedrive", "index.html"), `<!doctype html><html><head><title>CAA50021 in OneDrive</title></head><body>${"<p>Step text, with a command and a caveat. </p>".repeat(900)}</body></html>`);
  return dist;
}

/** A static page's latency while 100 connections load the API (SQLite, the default storage). */
async function benchStaticUnderLoad(root: string, dir: string): Promise<string[]> {
  const { url, child } = await startServerProcess(root, join(dir, "static.sqlite"), { distDir: writeSite(dir), env: BENCH_ENV });
  try {
    const page = `${url}/codes/caa50021/onedrive/`;
    await runLoad({ url: page, method: "GET", connections: 4, maxRequests: 500, maxMs: 3_000 });
    await runLoad({ url: `${url}/api/outcomes`, method: "POST", bodies: outcomeBodies(), connections: 100, maxRequests: 3_000, maxMs: 5_000 });
    const [api, pages] = await Promise.all([
      runLoad({ url: `${url}/api/outcomes`, method: "POST", bodies: outcomeBodies(), connections: 100, maxRequests: 200_000, maxMs: 8_000 }),
      runLoad({ url: page, method: "GET", connections: 4, maxRequests: 200_000, maxMs: 8_000 }),
    ]);
    return [fmt("server/sqlite: GET a code page (4 connections) while the API is under load (goal p99 < 100 ms)", pages), fmt("server/sqlite:   …the API load alongside it: POST /api/outcomes, 100 connections", api)];
  } finally {
    await stopServerProcess(child);
  }
}

/** Stores `total` search misses: 50,000 codes over 30 days, the most frequent codes far more often. */
async function seedMisses(db: string, total: number): Promise<void> {
  const repo = await openRepository({ db, cwd: process.cwd() });
  try {
    let seed = 42;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    const batch = 50_000;
    for (let done = 0; done < total; done += batch) {
      const rows = Array.from({ length: Math.min(batch, total - done) }, () => ({
        code: Math.floor(50_000 * random() ** 3).toString(16).padStart(8, "0"),
        day: `2026-03-${String(1 + Math.floor(30 * random())).padStart(2, "0")}`,
      }));
      await repo.addSearchMisses(rows);
    }
  } finally {
    await repo.close();
  }
}

/** The operator's search-miss list (top 100) at 1M stored misses: one client, one request at a time. */
async function benchMissStats(root: string, label: string, db: string): Promise<string> {
  const total = 1_000_000;
  const t = performance.now();
  await seedMisses(db, total);
  const seeded = (performance.now() - t) / 1000;
  const { url, child } = await startServerProcess(root, db, { env: BENCH_ENV });
  try {
    const options = { url: `${url}/api/stats/search-misses?limit=100`, method: "GET" as const, headers: { authorization: `Bearer ${OPERATOR_TOKEN}` }, connections: 1 };
    await runLoad({ ...options, maxRequests: 200, maxMs: 3_000 });
    const r = await runLoad({ ...options, maxRequests: 2_000, maxMs: 6_000 });
    return `${fmt(`server/${label}: GET /api/stats/search-misses?limit=100 at ${total.toLocaleString("en")} stored misses, 1 connection (goal < 5 ms)`, r)}; seeded in ${seeded.toFixed(1)} s`;
  } finally {
    await stopServerProcess(child);
  }
}

/** Report lines: throughput and p99 for SQLite and PostgreSQL, static pages under API load, search-miss stats at 1M misses. */
export async function benchServer(root: string): Promise<string[]> {
  const lines: string[] = ["server: keep-alive connections on 127.0.0.1, server in its own process, rate limit and connection cap off (goal with SQLite: ≥ 5,000 POST/s, p99 < 20 ms)"];
  const dir = mkdtempSync(join(tmpdir(), "fixpath-bench-"));
  try {
    lines.push(...(await benchOne(root, "sqlite", join(dir, "bench.sqlite"))));
    lines.push(...(await benchStaticUnderLoad(root, dir)));
    lines.push(await benchMissStats(root, "sqlite", join(dir, "misses.sqlite")));
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
      lines.push(await benchMissStats(root, `postgres (${pg.source})`, pg.url));
    } finally {
      pg.stop();
    }
  }
  return lines;
}
