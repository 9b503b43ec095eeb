/**
 * The attacks of issue 15, run against a server process on loopback, for the closing note's
 * table (attack → before → after). Point it at a checkout to measure that code:
 *   node --import tsx scripts/server-attacks.ts [--root <checkout>] [--pg <postgres URL> | --pg auto]
 * (`--pg auto` starts a throwaway PostgreSQL, as the tests do.)
 * The server runs from <checkout>/scripts/server-child.ts with its rate limit on; every attack is
 * bounded in count and time. Prints one line per attack.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import Database from "better-sqlite3";
import { useTestPostgres, type TestPostgres } from "./server-pg.ts";
import { stopServerProcess } from "./server-process.ts";
import { OUTCOME, TOKEN, openSocket, post, raw as rawHttp, status } from "./attack-http.ts";

const { values } = parseArgs({ options: { root: { type: "string", default: join(import.meta.dirname, "..") }, pg: { type: "string" } } });
const root = values.root!;
/** One raw request, its answer read as bytes (latin1), after at most `waitMs`. */
const raw = (port: number, data: string, waitMs = 3_000) => rawHttp(port, data, waitMs, "latin1");

async function withServer<T>(db: string, run: (port: number, stderr: () => string) => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  // Not startServerProcess: it turns the rate limit off, and these attacks need it on.
  const c = spawn(process.execPath, ["--import", "tsx", join(root, "scripts", "server-child.ts"), "--db", db], { cwd: root, stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FIXPATH_OPERATOR_TOKEN: TOKEN, ...env } });
  let err = "";
  c.stderr!.on("data", (d: Buffer) => (err += d.toString()));
  const port = await new Promise<number>((resolve, reject) => {
    let out = "";
    c.stdout!.on("data", (d: Buffer) => {
      out += d.toString();
      const m = /READY http:\/\/127\.0\.0\.1:(\d+)/.exec(out);
      if (m) resolve(Number(m[1]));
    });
    c.once("exit", (code) => reject(new Error(`server exited ${String(code)}: ${err.slice(0, 500)}`)));
  });
  try {
    return await run(port, () => err);
  } finally {
    await stopServerProcess(c);
  }
}

const lines: string[] = [];
const say = (s: string) => {
  lines.push(s);
  console.log(s);
};
const dir = mkdtempSync(join(tmpdir(), "fixpath-attacks-"));
try {
  const file = join(dir, "a.sqlite");
  await withServer(file, async (port) => {
    // 1. Rate-limit bypass: 300 writes with an encoded path, 300 absolute-form.
    const count = async (make: () => string, n: number) => {
      const seen: Record<string, number> = {};
      for (let i = 0; i < n; i++) {
        const s = status(await raw(port, make()));
        seen[s] = (seen[s] ?? 0) + 1;
      }
      return JSON.stringify(seen);
    };
    say(`1 bypass POST /%61pi/outcomes ×300: ${await count(() => post("/%61pi/outcomes", OUTCOME), 300)}`);
    say(`1 bypass POST http://host/api/outcomes ×300: ${await count(() => post(`http://127.0.0.1:${port}/api/outcomes`, OUTCOME), 300)}`);
  });
  await withServer(join(dir, "b.sqlite"), async (port, stderr) => {
    // 3. Slow clients: 50 stalled bodies, then 300 idle connections from one address.
    const t0 = performance.now();
    const closedAt: number[] = [];
    const stalled = await Promise.all(Array.from({ length: 50 }, async () => {
      const s = await openSocket(port);
      s.on("error", () => {});
      s.once("close", () => closedAt.push(performance.now() - t0));
      s.resume(); // read what the server sends, so its close is seen
      s.write("POST /api/outcomes HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{");
      return s;
    }));
    await new Promise((r) => setTimeout(r, 15_000));
    say(`3 stalled bodies closed by the server within 15 s: ${closedAt.length} of 50${closedAt.length ? ` (the last after ${(Math.max(...closedAt) / 1000).toFixed(1)} s)` : ""}`);
    for (const s of stalled) s.destroy();
    const idle = await Promise.all(Array.from({ length: 300 }, () => openSocket(port).then((s) => (s.on("error", () => {}), s.resume(), s), () => undefined)));
    await new Promise((r) => setTimeout(r, 1_000));
    say(`3 connections from one address kept open of 300: ${idle.filter((s) => s && !s.destroyed && s.readyState === "open").length}`);
    for (const s of idle) s?.destroy();
    // Let the server see those closes before the next connection (the cap counts open ones).
    await new Promise((r) => setTimeout(r, 1_000));
    // 4. Operator statistics, free text.
    const free = JSON.stringify({ query: "Ana Perez, 12 High Street, Leeds" });
    const a = status(await raw(port, post("/api/search-misses", free)));
    status(await raw(port, post("/api/search-misses", free)));
    const open = await raw(port, "GET /api/stats/search-misses HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n");
    say(`4 free-text miss posted: ${a}; GET /api/stats/search-misses without a token: ${status(open)}${/high street/i.test(open) ? " (lists the address)" : ""}`);
    // 7. Reset right after the headers ×200: lines logged.
    const before = stderr().length;
    for (let i = 0; i < 200; i++) {
      const s = await openSocket(port);
      s.write("POST /api/outcomes HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{");
      s.resetAndDestroy();
    }
    await new Promise((r) => setTimeout(r, 1_000));
    say(`7 resets after the headers ×200: ${stderr().slice(before).length.toLocaleString("en")} bytes logged`);
    const bad = await raw(port, "NOT HTTP\r\n\r\n");
    const big = await raw(port, `GET / HTTP/1.1\r\nhost: x\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`);
    say(`7 framework 400: ${status(bad)} CSP ${/content-security-policy/i.test(bad) ? "yes" : "no"}; 431: ${status(big)} CSP ${/content-security-policy/i.test(big) ? "yes" : "no"}`);
    // 7. 100 MB with the wrong content type: bytes the server took before closing.
    const s = await openSocket(port);
    s.on("error", () => {});
    let closed = false;
    s.once("close", () => (closed = true));
    s.write(`POST /api/outcomes HTTP/1.1\r\nhost: x\r\ncontent-type: text/plain\r\ncontent-length: ${100 * 1024 * 1024}\r\n\r\n`);
    const chunk = Buffer.alloc(256 * 1024, 0x61);
    let written = 0;
    const end = performance.now() + 20_000;
    while (!closed && written < 100 * 1024 * 1024 && performance.now() < end) {
      if (!s.write(chunk)) await Promise.race([new Promise((r) => s.once("drain", r)), new Promise((r) => setTimeout(r, 300))]);
      written += chunk.length;
    }
    s.destroy();
    say(`7 100 MB text/plain body: ${(written / 1024 / 1024).toFixed(1)} MB sent before the server closed${closed ? "" : " (never closed)"}`);
    const qs = Array.from({ length: 1500 }, (_, i) => `p${i}=1`).join("&");
    const many = await raw(port, `GET /api/stats/search-misses?${qs} HTTP/1.1\r\nhost: x\r\nauthorization: Bearer ${TOKEN}\r\nconnection: close\r\n\r\n`);
    say(`7 1,500 unknown query parameters: ${status(many)}, ${(many.length / 1024).toFixed(1)} KB answer`);
    // 5. Comment with personal data.
    const comment = "mail ana.perez@contoso.com, call +44 20 7946 0958";
    await raw(port, post("/api/feedback", JSON.stringify({ page: "caa50021", helpful: false, comment })));
  });
  const stored = new Database(join(dir, "b.sqlite"), { readonly: true }).prepare("select comment from feedback").all() as { comment: string }[];
  say(`5 comment stored as: ${JSON.stringify(stored[0]?.comment)}; database file mode ${(statSync(join(dir, "b.sqlite")).mode & 0o777).toString(8)}`);
  await withServer(join(dir, "c.sqlite"), async (port) => {
    // 6. The SQLite file deleted while running.
    const first = status(await raw(port, post("/api/outcomes", OUTCOME)));
    for (const f of ["c.sqlite", "c.sqlite-wal", "c.sqlite-shm"]) rmSync(join(dir, f), { force: true });
    const after = status(await raw(port, post("/api/outcomes", OUTCOME)));
    say(`6 SQLite file deleted while running: before the delete ${first}, after it ${after}`);
  });
  let pg: TestPostgres | undefined;
  if (values.pg === "auto") pg = await useTestPostgres();
  const pgUrl = pg?.url ?? values.pg;
  if (pgUrl) {
    await withServer(pgUrl, async (port) => {
      // 2. One NUL in a batch of 40 (PostgreSQL).
      const bodies = Array.from({ length: 40 }, (_, i) => JSON.stringify({ page: "caa50021", helpful: false, comment: i === 7 ? "nul\u0000here" : `ok ${i}` }));
      const res = await Promise.all(bodies.map((b) => raw(port, post("/api/feedback", b))));
      const seen: Record<string, number> = {};
      for (const r of res) seen[status(r)] = (seen[status(r)] ?? 0) + 1;
      say(`2 40 feedback posts at once, one with a NUL (PostgreSQL): ${JSON.stringify(seen)}`);
    }).finally(() => pg?.stop());
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
