// Issue 28, row by row: what a hostile client on loopback could still do after issue 15. Raw
// sockets (node:net) where a real client would not misbehave; every wait is bounded.
import { copyFileSync, existsSync, mkdirSync, openSync, writeSync, closeSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import Database from "better-sqlite3";
import { openSqliteRepository } from "../../src/server/storage/sqlite.ts";
import { openPostgresRepository } from "../../src/server/storage/postgres.ts";
import { createServer as createTcpServer, connect as tcpConnect, type Server as TcpServer, type Socket as TcpSocket } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverSettingsFromEnv, startServer, StorageError, type RunningServer, type StartServerOptions } from "../../src/server/index.ts";
import { BACKENDS, backend, type FreshDb } from "./helpers/backends.ts";
import { open, rawRequest, sendAndWait } from "./helpers/raw-http.ts";
import { FIXED_NOW, postJson, projectKb, testServer } from "./helpers/server.ts";

async function listen(options: Partial<StartServerOptions> & Pick<StartServerOptions, "db">): Promise<RunningServer> {
  return startServer({ kb: projectKb(), port: 0, now: () => FIXED_NOW, rateLimit: false, logError: () => {}, ...options });
}

const openFds = () => readdirSync("/proc/self/fd").length;
/** Polls until fewer than `limit` descriptors are open, at most 10 s; whether it got there. */
async function fdsSettleBelow(limit: number): Promise<boolean> {
  for (let i = 0; i < 100; i++) {
    if (openFds() < limit) return true;
    await settle(100);
  }
  return false;
}
const settle = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A small built site: a page, a code's JSON under /api/ and the 404 page, each larger than a socket's buffers (≥ 64 KB). */
function makeDist(): string {
  const dist = mkdtempSync(join(tmpdir(), "fixpath-round-two-"));
  const put = (path: string, body: string) => {
    mkdirSync(join(dist, path, ".."), { recursive: true });
    writeFileSync(join(dist, path), body);
  };
  put("index.html", "<!doctype html><title>Fixpath</title><p>home</p>");
  put("404.html", `<!doctype html><title>Not found</title>${"<p>Nothing here.</p>".repeat(4000)}`);
  put("codes/caa50021/index.html", `<!doctype html><title>CAA50021</title>${"<p>Step text, with a command. </p>".repeat(2000)}`);
  put("api/codes/caa50021.json", JSON.stringify({ code: "caa50021", steps: Array.from({ length: 8000 }, (_, i) => `step-${i}`) }));
  return dist;
}

describe("1. no file descriptor or memory a client can hold after it leaves", () => {
  const be = backend("sqlite");
  let db: FreshDb;
  let dist: string;
  let server: RunningServer;
  beforeAll(async () => {
    dist = makeDist();
    db = await be.fresh();
    // No bound on pipelining here: the stream guard alone must hold.
    server = await listen({ db: db.repo, distDir: dist, limits: { maxPipelined: 0 } });
  });
  afterAll(async () => {
    await server.close();
    await db.dispose();
    rmSync(dist, { recursive: true, force: true });
    await be.stop();
  });

  it.each([
    ["/api/codes/caa50021.json", {}],
    ["/codes/caa50021/", { "if-none-match": '"nope"' }],
    ["/codes/caa50021/", { range: "bytes=0-65535" }],
    ["/codes/nope/", {}],
  ])("pipelined GETs of %s %j closed unread leave no open files behind", async (url, headers) => {
    const before = openFds();
    const extra = Object.entries(headers).map(([k, v]) => `${k}: ${v}\r\n`).join("");
    const burst = `GET ${url} HTTP/1.1\r\nhost: 127.0.0.1\r\n${extra}\r\n`.repeat(50);
    for (let round = 0; round < 5; round++) {
      const sockets = await Promise.all(Array.from({ length: 10 }, () => open(server.port)));
      for (const s of sockets) s.write(burst);
      await settle(100);
      for (const s of sockets) s.destroy();
    }
    // Closing a file is asynchronous: wait (at most 10 s) for the count to come back down.
    expect(await fdsSettleBelow(before + 20)).toBe(true);
  });
});

describe("1. bounds on pipelining and on connections", () => {
  const be = backend("sqlite");
  let db: FreshDb;
  let dist: string;
  beforeAll(async () => {
    dist = makeDist();
    db = await be.fresh();
  });
  afterAll(async () => {
    await db.dispose();
    rmSync(dist, { recursive: true, force: true });
    await be.stop();
  });
  const answers = (text: string) => text.match(/HTTP\/1\.1 \d{3} /g)?.length ?? 0;

  it("closes a connection that pipelines more requests than the bound, and answers the ones before", async () => {
    const bounded = await listen({ db: db.repo, distDir: dist, limits: { maxPipelined: 16 } });
    const unbounded = await listen({ db: db.repo, distDir: dist, limits: { maxPipelined: 0 } });
    try {
      const forty = "GET / HTTP/1.1\r\nhost: 127.0.0.1\r\n\r\n".repeat(39) + "GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n";
      const cut = await sendAndWait(bounded.port, forty, 5_000);
      expect(cut.closed).toBe(true);
      expect(answers(cut.text)).toBeLessThanOrEqual(16);
      const whole = await sendAndWait(unbounded.port, forty, 5_000);
      expect(answers(whole.text)).toBe(40);
    } finally {
      await bounded.close();
      await unbounded.close();
    }
  });

  it("closes connections beyond the global cap at once, whatever their address, and takes new ones once others close", async () => {
    const server = await listen({ db: db.repo, distDir: dist, limits: { maxConnections: 3, maxConnectionsPerAddress: 0 } });
    try {
      const held = await Promise.all([open(server.port), open(server.port), open(server.port)]);
      await settle(100);
      const refused = await sendAndWait(server.port, "GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n", 2_000);
      expect(refused.closed).toBe(true);
      expect(refused.status).toBeUndefined();
      for (const s of held) s.destroy();
      await settle(200);
      const taken = await sendAndWait(server.port, "GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n", 2_000);
      expect(taken.status).toBe(200);
    } finally {
      await server.close();
    }
  });

  it("reads FIXPATH_MAX_CONNECTIONS from the environment", () => {
    expect(serverSettingsFromEnv({ FIXPATH_MAX_CONNECTIONS: "500" }).limits.maxConnections).toBe(500);
    expect(() => serverSettingsFromEnv({ FIXPATH_MAX_CONNECTIONS: "many" })).toThrow(/FIXPATH_MAX_CONNECTIONS is "many"/);
  });
});

const OUTCOME = { code: "CAA50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed" };
const rawPost = (port: number) => rawRequest(port, "POST /api/outcomes HTTP/1.1", { "content-type": "application/json" }, JSON.stringify(OUTCOME));

describe("1. a per-address limit for static requests, and limits on a clock that never steps back", () => {
  const be = backend("sqlite");
  let db: FreshDb;
  let dist: string;
  beforeAll(async () => {
    dist = makeDist();
    db = await be.fresh();
  });
  afterAll(async () => {
    await db.dispose();
    rmSync(dist, { recursive: true, force: true });
    await be.stop();
  });

  it("limits pages and files per client apart from the API, the KB's JSON files among them", async () => {
    const app = await testServer({ db: db.repo, distDir: dist, rateLimit: { burst: 2, perSecond: 0.001 }, staticRateLimit: { burst: 5, perSecond: 0.001 } });
    try {
      const statuses: number[] = [];
      for (const url of ["/", "/codes/caa50021/", "/api/codes/caa50021.json", "/api/codes/caa50021.json", "/codes/nope/", "/"]) statuses.push((await app.inject({ method: "GET", url })).statusCode);
      expect(statuses).toEqual([200, 200, 200, 200, 404, 429]);
      // The API's own budget is untouched by the pages, and the other way round.
      expect((await postJson(app, "/api/outcomes", OUTCOME)).statusCode).toBe(201);
      expect((await app.inject({ method: "GET", url: "/", remoteAddress: "192.0.2.9" })).statusCode).toBe(200);
    } finally {
      await app.close();
    }
  });

  it("is on by default with a budget a browser does not reach (a hundred page loads at once)", async () => {
    const app = await testServer({ db: db.repo, distDir: dist, rateLimit: undefined, monotonicMs: () => 0 });
    try {
      const statuses = new Set<number>();
      for (let i = 0; i < 600; i++) statuses.add((await app.inject({ method: "GET", url: "/" })).statusCode);
      expect([...statuses]).toEqual([200]);
      expect((await app.inject({ method: "GET", url: "/" })).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it("does not reset every client's limit when the wall clock steps back", async () => {
    let wall = FIXED_NOW.getTime();
    const app = await testServer({ db: db.repo, now: () => new Date(wall), rateLimit: { burst: 2, perSecond: 0.001 } });
    try {
      for (let i = 0; i < 2; i++) expect((await postJson(app, "/api/outcomes", OUTCOME)).statusCode).toBe(201);
      expect((await postJson(app, "/api/outcomes", OUTCOME)).statusCode).toBe(429);
      wall -= 3_600_000;
      expect((await postJson(app, "/api/outcomes", OUTCOME)).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe.each(BACKENDS)("2 and 3. feedback comments are redacted, then measured (%s)", (name) => {
  const be = backend(name);
  let db: FreshDb;
  let app: Awaited<ReturnType<typeof testServer>>;
  const logged: string[] = [];
  beforeAll(async () => {
    await be.start();
    db = await be.fresh();
    app = await testServer({ db: db.repo, logError: (m) => logged.push(m) });
  });
  afterAll(async () => {
    await app.close();
    await db.dispose();
    await be.stop();
  });
  const feedback = (comment: string) => postJson(app, "/api/feedback", { page: "caa50021", helpful: false, comment });

  it("refuses a comment that redaction makes longer than 1,000 characters with 422 and what to do, not 503", async () => {
    const res = await feedback(`${"x".repeat(990)} a@b.co ok`);
    expect(res.statusCode).toBe(422);
    expect(res.json().issues[0]).toMatchObject({ code: "api/too-long", path: "body.comment", received: "1003 characters" });
    expect(logged).toEqual([]);
  });

  it("takes a comment over 1,000 characters that redaction brings under, and stores it redacted", async () => {
    const address = "ana.maria.perez-gonzalez.longname@contoso.example.com";
    const res = await feedback(`${"y".repeat(980)} ${address}`);
    expect(res.statusCode).toBe(201);
    const rows = await db.rows("feedback");
    expect(String(rows.at(-1)!.comment)).toBe(`${"y".repeat(980)} [email-1]`);
  });

  it("stores none of what row 3 found kept: e-mail in any script, phone forms, SIDs, profile paths, IP addresses", async () => {
    const comment = "I am ana.pérez@contoso.com (also jörg@müller.de, ana＠contoso.com), call 555.123.4567 or 5551234567; SID S-1-5-21-1004336348-1177238915-682003330-1001, folder C:\\Users\\anaperez\\OneDrive, proxy 192.168.1.20 and fe80::1c2d:3e4f:5a6b:7c8d. Error CAA50021 (3399811105).";
    expect((await feedback(comment)).statusCode).toBe(201);
    const stored = String((await db.rows("feedback")).at(-1)!.comment);
    for (const leaked of ["ana.p", "jörg", "müller", "contoso", "555", "4567", "1004336348", "anaperez", "192.168", "fe80"]) expect(stored).not.toContain(leaked);
    expect(stored).toContain("CAA50021 (3399811105)");
    expect(logged).toEqual([]);
  });
});

describe("4. deleting the WAL while the server runs loses no acknowledged write", () => {
  const row = (i: number) => ({ code: "caa50021", app: "onedrive" as const, stepId: "clean-restart", outcome: "fixed" as const, reason: null, day: `2026-03-${String(10 + (i % 5))}` });
  /** What a crash right now would leave: the main file and the WAL under its name (a deleted WAL has none). */
  const rowsAfterCrash = (file: string, dir: string): number => {
    const copy = join(dir, "after-crash", "fixpath.sqlite");
    mkdirSync(join(dir, "after-crash"), { recursive: true });
    copyFileSync(file, copy);
    if (existsSync(`${file}-wal`)) copyFileSync(`${file}-wal`, `${copy}-wal`);
    const db = new Database(copy);
    try {
      return (db.prepare("select count(*) as n from outcomes").get() as { n: number }).n;
    } catch {
      return 0; // not even the tables: the restart would have made an empty database
    } finally {
      db.close();
    }
  };

  it.each(["-wal", "-shm", "-wal and -shm"])("moves every commit into the main file and goes on with a new %s", async (which) => {
    const dir = mkdtempSync(join(tmpdir(), "fixpath-wal-"));
    const file = join(dir, "fixpath.sqlite");
    const repo = await openSqliteRepository({ file });
    try {
      for (let i = 0; i < 20; i++) await repo.addOutcomes([row(i)]);
      for (const suffix of which === "-wal and -shm" ? ["-wal", "-shm"] : [which]) rmSync(`${file}${suffix}`);
      for (let i = 0; i < 20; i++) await repo.addOutcomes([row(i)]);
      expect(rowsAfterCrash(file, dir)).toBe(40);
      // And the database goes on under its own names.
      await repo.addOutcomes([row(0)]);
      expect((await repo.countRows()).outcomes).toBe(41);
      expect(readdirSync(dir).sort()).toEqual(["after-crash", "fixpath.sqlite", "fixpath.sqlite-shm", "fixpath.sqlite-wal"]);
    } finally {
      await repo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("5. a database locked by another process does not freeze the server", () => {
  it("waits for the lock without blocking the event loop, then stores the write", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fixpath-locked-"));
    const file = join(dir, "fixpath.sqlite");
    const repo = await openSqliteRepository({ file });
    // An operator's sqlite3 holding a write transaction open.
    const operator = new Database(file);
    try {
      operator.exec("begin immediate");
      const events: string[] = [];
      const write = repo.addOutcomes([{ code: "caa50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed", reason: null, day: "2026-03-14" }]).then(
        () => events.push("stored"),
        (e: Error) => events.push(`failed: ${e.message}`),
      );
      // Set after the write began: it runs first only if the write does not hold the event loop.
      await new Promise<void>((resolve) => setTimeout(() => { events.push("timer"); resolve(); }, 20));
      operator.exec("commit");
      await write;
      expect(events).toEqual(["timer", "stored"]);
      expect((await repo.countRows()).outcomes).toBe(1);
    } finally {
      operator.close();
      await repo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** A TCP relay to PostgreSQL that can stall, as a server stopped with SIGSTOP does: connections stay open, nothing comes back. */
async function stallableRelay(target: URL): Promise<{ url: (u: string) => string; stall(): void; close(): Promise<void> }> {
  let stalled = false;
  const sockets = new Set<TcpSocket>();
  const server: TcpServer = createTcpServer((client) => {
    const upstream = tcpConnect({ host: target.hostname, port: Number(target.port || 5432) });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on("error", () => {});
      s.on("close", () => sockets.delete(s));
    }
    client.on("data", (d) => void (stalled || upstream.write(d)));
    upstream.on("data", (d) => void (stalled || client.write(d)));
    client.on("close", () => upstream.destroy());
    upstream.on("close", () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  return {
    url: (u) => {
      const v = new URL(u);
      v.hostname = "127.0.0.1";
      v.port = String(port);
      return v.toString();
    },
    stall: () => (stalled = true),
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** Resolves "done" when `work` settles, "hung" after `ms`. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<"done" | "hung"> {
  let timer: NodeJS.Timeout | undefined;
  const result = await Promise.race([work.then(() => "done" as const, () => "done" as const), new Promise<"hung">((resolve) => (timer = setTimeout(() => resolve("hung"), ms)))]);
  clearTimeout(timer);
  return result;
}

describe("6. a PostgreSQL server that stops answering", () => {
  const be = backend("postgres");
  let db: FreshDb;
  beforeAll(async () => {
    await be.start();
    db = await be.fresh();
  });
  afterAll(async () => {
    await db.dispose();
    await be.stop();
  });

  it("fails a write in time (503) and lets the server stop", async () => {
    const relay = await stallableRelay(new URL(db.url!));
    const logged: string[] = [];
    const repo = await openPostgresRepository({ url: relay.url(db.url!), queryTimeoutMs: 300, closeDeadlineMs: 300, logError: (m) => logged.push(m) });
    const server = await listen({ db: repo, closeDeadlineMs: 300, logError: (m) => logged.push(m) });
    try {
      expect((await rawPost(server.port)).status).toBe(201);
      relay.stall();
      const answer = await rawPost(server.port);
      expect(answer.status).toBe(503);
      expect(await settlesWithin(server.close(), 5_000)).toBe("done");
      expect(await settlesWithin(repo.close(), 5_000)).toBe("done");
    } finally {
      await relay.close();
    }
  });

  it("says once in the log that connections were lost, not once per connection and not never", async () => {
    const relay = await stallableRelay(new URL(db.url!));
    const logged: string[] = [];
    const repo = await openPostgresRepository({ url: relay.url(db.url!), logError: (m) => logged.push(m) });
    try {
      // Three connections at rest in the pool, then all three cut.
      await Promise.all([repo.countRows(), repo.countRows(), repo.countRows()]);
      await relay.close();
      for (let i = 0; i < 50 && logged.length === 0; i++) await settle(20);
      await settle(100);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/PostgreSQL connection .* was lost/);
    } finally {
      await repo.close();
    }
  });
});

describe("7. the operator page cannot be brute-forced", () => {
  const be = backend("sqlite");
  let db: FreshDb;
  beforeAll(async () => {
    db = await be.fresh();
  });
  afterAll(async () => {
    await db.dispose();
    await be.stop();
  });
  const TOKEN = "operator-token-for-round-two-0123456789";

  it("limits guesses at /operator/ as the API is limited; once the budget is spent the right token waits too", async () => {
    const app = await testServer({ db: db.repo, operatorToken: TOKEN, rateLimit: { burst: 5, perSecond: 0.001 } });
    try {
      const wrong = { authorization: `Basic ${Buffer.from("x:guess").toString("base64")}` };
      const statuses: number[] = [];
      for (let i = 0; i < 7; i++) statuses.push((await app.inject({ method: "GET", url: "/operator/", headers: wrong })).statusCode);
      expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
      expect((await app.inject({ method: "GET", url: "/operator/", headers: { authorization: `Bearer ${TOKEN}` } })).statusCode).toBe(429);
    } finally {
      await app.close();
    }
  });

  it.each([
    ["aaaaaaaaaaaaaaaa", /fewer than 8 different characters/],
    ["abababababababababababab", /fewer than 8 different characters/],
    ["short-token", /shorter than 16 characters/],
  ])("refuses the weak token %s at start, with the fix", async (token, why) => {
    await expect(testServer({ db: db.repo, operatorToken: token })).rejects.toThrow(why);
    await expect(testServer({ db: db.repo, operatorToken: token })).rejects.toThrow(/Fix: set FIXPATH_OPERATOR_TOKEN to a random secret/);
  });
});

describe("8. the proxy setting cannot hand a client its own rate-limit identity", () => {
  const be = backend("sqlite");
  let db: FreshDb;
  beforeAll(async () => {
    db = await be.fresh();
  });
  afterAll(async () => {
    await db.dispose();
    await be.stop();
  });

  it.each(["true", "on", "TRUE"])("refuses FIXPATH_TRUST_PROXY=%s with what to write instead", (value) => {
    expect(() => serverSettingsFromEnv({ FIXPATH_TRUST_PROXY: value })).toThrow(/FIXPATH_TRUST_PROXY is .*Fix: list the proxy's addresses/);
  });

  it("counts a forwarded value that is not an address as the connection's own address", async () => {
    const app = await testServer({ db: db.repo, trustProxy: 1, rateLimit: { burst: 2, perSecond: 0.001 } });
    try {
      const statuses: number[] = [];
      for (let i = 0; i < 4; i++) statuses.push((await postJson(app, "/api/outcomes", OUTCOME, { "x-forwarded-for": `made-up-name-${i}` })).statusCode);
      expect(statuses).toEqual([201, 201, 429, 429]);
    } finally {
      await app.close();
    }
  });
});

describe("10. a damaged database or another application's file is refused at start, with a fix", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "fixpath-damaged-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("refuses a database whose inner pages are damaged (a StorageError: exit 2 from fixpath start)", async () => {
    const file = join(dir, "damaged.sqlite");
    const repo = await openSqliteRepository({ file });
    const rows = Array.from({ length: 3000 }, (_, i) => ({ code: "caa50021", app: "onedrive" as const, stepId: "clean-restart", outcome: "no-change" as const, reason: "unclear" as const, day: `2026-03-${String(10 + (i % 9))}` }));
    await repo.addOutcomes(rows);
    await repo.close();
    // Scribble over the pages after the first few (the tables' inner pages), as a bad disk would.
    const fd = openSync(file, "r+");
    for (const page of [6, 9, 12]) writeSync(fd, Buffer.alloc(4096, 0xa5), 0, 4096, page * 4096);
    closeSync(fd);
    const opening = openSqliteRepository({ file });
    await expect(opening).rejects.toBeInstanceOf(StorageError);
    await expect(openSqliteRepository({ file })).rejects.toThrow(/is damaged.*Fix: .*restore .* from a backup/);
  });

  it("refuses another application's SQLite file and adds nothing to it", async () => {
    const file = join(dir, "other-app.sqlite");
    const other = new Database(file);
    other.exec("create table contacts (id integer primary key, name text); insert into contacts (name) values ('ana')");
    other.close();
    await expect(openSqliteRepository({ file })).rejects.toThrow(/belongs to another application \(it holds the tables contacts .*Fix: set FIXPATH_DB/);
    const check = new Database(file, { readonly: true });
    try {
      expect((check.prepare("select name from sqlite_master where type = 'table'").all() as { name: string }[]).map((t) => t.name)).toEqual(["contacts"]);
    } finally {
      check.close();
    }
  });
});

describe("12. headers on every answer", () => {
  const be = backend("sqlite");
  let db: FreshDb;
  let dist: string;
  let server: RunningServer;
  beforeAll(async () => {
    dist = makeDist();
    db = await be.fresh();
    server = await listen({ db: db.repo, distDir: dist });
  });
  afterAll(async () => {
    await server.close();
    await db.dispose();
    rmSync(dist, { recursive: true, force: true });
    await be.stop();
  });

  it.each([
    ["a request without Host", "GET / HTTP/1.1\r\nconnection: close\r\n\r\n", 400],
    ["an Expect the server cannot meet", "GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nexpect: 200-ok\r\nconnection: close\r\n\r\n", 417],
  ])("answers %s with the security headers and a JSON body", async (_what, request, status) => {
    const res = await sendAndWait(server.port, request, 5_000);
    expect(res.status).toBe(status);
    expect(res.headers["content-security-policy"]).toBeDefined();
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(res.headers["x-frame-options"]).toBe("DENY");
    expect(res.text).toContain('"ok":false');
  });

  it("sends the 404 page with no-store, not the cache policy of its file", async () => {
    const res = await sendAndWait(server.port, "GET /codes/nope/ HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n", 5_000);
    expect(res.status).toBe(404);
    expect(res.headers["cache-control"]).toBe("no-store");
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.text).toContain("<title>Not found</title>");
  });

  it("sends Strict-Transport-Security only when set (FIXPATH_HSTS_MAX_AGE), on pages and API alike", async () => {
    expect((await sendAndWait(server.port, "GET / HTTP/1.1\r\nhost: 127.0.0.1\r\nconnection: close\r\n\r\n", 5_000)).headers["strict-transport-security"]).toBeUndefined();
    const settings = serverSettingsFromEnv({ FIXPATH_HSTS_MAX_AGE: "31536000" });
    expect(settings.hstsMaxAgeSeconds).toBe(31536000);
    expect(() => serverSettingsFromEnv({ FIXPATH_HSTS_MAX_AGE: "1y" })).toThrow(/FIXPATH_HSTS_MAX_AGE is "1y".*Fix:/);
    const app = await testServer({ db: db.repo, distDir: dist, ...settings });
    try {
      for (const url of ["/", "/api/stats/caa50021/onedrive", "/codes/nope/"]) expect((await app.inject({ method: "GET", url })).headers["strict-transport-security"]).toBe("max-age=31536000");
    } finally {
      await app.close();
    }
  });
});

describe("11. the log is not one line per spelling of a URL", () => {
  const be = backend("sqlite");
  let db: FreshDb;
  beforeAll(async () => {
    db = await be.fresh();
  });
  afterAll(async () => {
    await db.dispose();
    await be.stop();
  });

  it("holds back a repeated failure however the path was percent-encoded", async () => {
    const broken = new Proxy(db.repo, { get: (target, key) => (key === "addOutcomes" ? async () => { throw new StorageError("disk on fire"); } : Reflect.get(target, key, target) as unknown) });
    const logged: string[] = [];
    const app = await testServer({ db: broken, logError: (m) => logged.push(m) });
    try {
      const letters = "api/outcomes";
      for (let i = 0; i < 50; i++) {
        // A different set of letters percent-encoded each time.
        const path = [...letters].map((c, j) => (c !== "/" && (i >> j) & 1 ? `%${c.charCodeAt(0).toString(16)}` : c)).join("");
        const res = await app.inject({ method: "POST", url: `/${path}`, payload: OUTCOME });
        expect(res.statusCode).toBe(503);
      }
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain("POST /api/outcomes: disk on fire");
    } finally {
      await app.close();
    }
  });
});

describe("9. a disk without room is refused at start, not after saying \"running\"", () => {
  it("refuses to start when the database's disk has less free space than the floor, naming the space and the fix", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fixpath-full-"));
    // The real free space of this disk, against a floor no disk meets.
    const repo = await openSqliteRepository({ file: join(dir, "fixpath.sqlite"), minFreeBytes: Number.MAX_SAFE_INTEGER });
    try {
      await expect(repo.checkWritable()).rejects.toThrow(/has [\d.]+ MB free, less than .*Fix: free some disk space/);
      await expect(listen({ db: repo })).rejects.toBeInstanceOf(StorageError);
      const roomy = await openSqliteRepository({ file: join(dir, "fixpath.sqlite"), minFreeBytes: 1 });
      await expect(roomy.checkWritable()).resolves.toBeUndefined();
      await roomy.close();
    } finally {
      await repo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
