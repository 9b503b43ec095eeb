// Issue 15, attack by attack: the rate limit on the matched route, control characters and
// row-by-row retries, slow clients, personal data, faults at start and while running, and the
// smaller items. Raw sockets (node:net) where a real client would not misbehave; loopback only.
import { rmSync, statSync, writeFileSync } from "node:fs";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { main } from "../../src/cli/main.ts";
import { startServer, StorageError, type RunningServer, type StartServerOptions } from "../../src/server/index.ts";
import { LATEST_VERSION } from "../../src/server/storage/migrations.ts";
import { openSqliteRepository } from "../../src/server/storage/sqlite.ts";
import { createWriteBatcher } from "../../src/server/write-batcher.ts";
import { isRowRejection, type FeedbackRecord } from "../../src/server/storage/repository.ts";
import { fakeIo } from "../helpers/io.ts";
import { BACKENDS, backend, type FreshDb } from "./helpers/backends.ts";
import { open, collect, rawRequest, sendAndWait } from "./helpers/raw-http.ts";
import { FIXED_NOW, postJson, projectKb } from "./helpers/server.ts";

const OUTCOME = JSON.stringify({ code: "CAA50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed" });
const JSON_HEADERS = { "content-type": "application/json" };

async function listen(options: Partial<StartServerOptions> & Pick<StartServerOptions, "db">): Promise<RunningServer> {
  return startServer({ kb: projectKb(), port: 0, now: () => FIXED_NOW, rateLimit: false, logError: () => {}, ...options });
}

describe("1. the rate limit cannot be walked around", () => {
  const be = backend("sqlite");
  let db: FreshDb;
  let server: RunningServer;
  beforeAll(() => be.start());
  afterAll(() => be.stop());
  beforeEach(async () => {
    db = await be.fresh();
    server = await listen({ db: db.repo, rateLimit: { burst: 3, perSecond: 0.001 } });
  });
  afterEach(async () => {
    await server.close();
    await db.dispose();
  });

  it("limits on the matched route: an encoded path and an absolute-form request line share the bucket", async () => {
    for (let i = 0; i < 3; i++) expect((await rawRequest(server.port, "POST /api/outcomes HTTP/1.1", JSON_HEADERS, OUTCOME)).status).toBe(201);
    const attempts = ["POST /%61pi/outcomes HTTP/1.1", "POST /%61%70%69/outcomes HTTP/1.1", `POST http://127.0.0.1:${server.port}/api/outcomes HTTP/1.1`, "POST http://elsewhere.example/api/outcomes HTTP/1.1", "POST /api/%6Futcomes HTTP/1.1"];
    for (const line of attempts) {
      const res = await rawRequest(server.port, line, JSON_HEADERS, OUTCOME);
      expect(res.status, line).toBe(429);
    }
    expect((await rawRequest(server.port, "GET /%61pi/stats/caa50021/onedrive HTTP/1.1")).status).toBe(429);
    expect((await db.repo.countRows()).outcomes).toBe(3);
  });

  it("does not throw or log when the connection is reset right after the headers", async () => {
    const logged: string[] = [];
    const limited = await listen({ db: db.repo, rateLimit: { burst: 1000, perSecond: 1000 }, logError: (m) => logged.push(m) });
    try {
      for (let i = 0; i < 30; i++) {
        const socket = await open(limited.port);
        socket.write(`POST /api/outcomes HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n{"code":`);
        socket.resetAndDestroy();
      }
      // Still answering, and nothing was logged for the resets.
      expect((await rawRequest(limited.port, "POST /api/outcomes HTTP/1.1", JSON_HEADERS, OUTCOME)).status).toBe(201);
      await new Promise((r) => setTimeout(r, 200));
      expect(logged).toEqual([]);
    } finally {
      await limited.close();
    }
  });

  it("ignores X-Forwarded-For unless trustProxy names the proxy", async () => {
    const spoof = (i: number) => rawRequest(server.port, "POST /api/outcomes HTTP/1.1", { ...JSON_HEADERS, "x-forwarded-for": `203.0.113.${i}` }, OUTCOME);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await spoof(i)).status);
    expect(statuses).toEqual([201, 201, 201, 429, 429]);
    const behindProxy = await listen({ db: db.repo, rateLimit: { burst: 1, perSecond: 0.001 }, trustProxy: ["127.0.0.1"] });
    try {
      const viaProxy = (ip: string) => rawRequest(behindProxy.port, "POST /api/outcomes HTTP/1.1", { ...JSON_HEADERS, "x-forwarded-for": ip }, OUTCOME);
      expect((await viaProxy("203.0.113.1")).status).toBe(201);
      expect((await viaProxy("203.0.113.1")).status).toBe(429);
      expect((await viaProxy("203.0.113.2")).status).toBe(201);
    } finally {
      await behindProxy.close();
    }
  });
});

describe.each(BACKENDS)("2. one bad row never fails another's write (%s)", (name) => {
  const be = backend(name);
  let db: FreshDb;
  beforeAll(() => be.start(), 90_000);
  afterAll(() => be.stop());
  beforeEach(async () => {
    db = await be.fresh();
  });
  afterEach(() => db.dispose());

  it("refuses control characters at validation with 422, naming the field; the 39 good writes sent with it are stored", async () => {
    const server = await listen({ db: db.repo });
    try {
      const bodies = Array.from({ length: 40 }, (_, i) => ({ page: "caa50021", helpful: false, comment: i === 17 ? "bad\u0000byte" : `comment ${i}` }));
      const results = await Promise.all(bodies.map((b) => postJson(server.app, "/api/feedback", b)));
      expect(results.filter((r) => r.statusCode === 201)).toHaveLength(39);
      expect(results[17]!.statusCode).toBe(422);
      expect(results[17]!.json().issues[0]).toMatchObject({ code: "api/control-character", path: "body.comment" });
      for (const [url, body, path] of [
        ["/api/search-misses", { query: "caa5ffff\u0000" }, "body.query"],
        ["/api/outcomes", { code: "CAA50021\u0007", app: "onedrive", stepId: "clean-restart", outcome: "fixed" }, "body.code"],
        ["/api/feedback", { page: "caa50021\u001b", helpful: true }, "body.page"],
      ] as const) {
        const res = await postJson(server.app, url, body);
        expect(res.statusCode, url).toBe(422);
        expect(res.json().issues[0]).toMatchObject({ code: "api/control-character", path });
      }
      // Tabs and line breaks stay allowed in a comment.
      expect((await postJson(server.app, "/api/feedback", { page: "caa50021", helpful: false, comment: "line 1\n\tline 2\r\n" })).statusCode).toBe(201);
      expect((await db.repo.countRows()).feedback).toBe(40);
    } finally {
      await server.close();
    }
  });

  it("writes a batch the database refuses again row by row, storing every good row", async () => {
    const row = (comment: string): FeedbackRecord => ({ page: "caa50021", helpful: false, reason: null, comment, day: "2026-03-14" });
    const batcher = createWriteBatcher<FeedbackRecord>((rows) => db.repo.addFeedback(rows), { retryRowsWhen: isRowRejection });
    // A comment over the column's 1,000-character check: refused by both databases.
    const rows = [row("a"), row("b"), row("x".repeat(1001)), row("d")];
    const results = await Promise.allSettled(rows.map((r) => batcher.write(r)));
    expect(results.map((r) => r.status)).toEqual(["fulfilled", "fulfilled", "rejected", "fulfilled"]);
    expect((await db.rows("feedback")).map((r) => r.comment)).toEqual(["a", "b", "d"]);
  });
});

describe("3. slow clients", () => {
  const be = backend("sqlite");
  let db: FreshDb;
  let server: RunningServer;
  beforeAll(() => be.start());
  afterAll(() => be.stop());
  beforeEach(async () => {
    db = await be.fresh();
    server = await listen({ db: db.repo, limits: { requestTimeoutMs: 600, headersTimeoutMs: 400, keepAliveTimeoutMs: 300, maxConnectionsPerAddress: 6 } });
  });
  afterEach(async () => {
    await server.close();
    await db.dispose();
  });

  it("answers a stalled body with 408 (security headers included) and closes the connection", async () => {
    const res = await sendAndWait(server.port, `POST /api/outcomes HTTP/1.1\r\nhost: x\r\ncontent-type: application/json\r\ncontent-length: 100\r\n\r\n{"code":"CAA`, 5_000);
    expect(res.closed).toBe(true);
    expect(res.status).toBe(408);
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.ms).toBeLessThan(4_000);
  });

  it("closes a connection whose headers never end", async () => {
    const res = await sendAndWait(server.port, "GET / HTTP/1.1\r\nhost: x\r\nx-slow: 1\r\n", 5_000);
    expect(res.closed).toBe(true);
    expect(res.ms).toBeLessThan(4_000);
  });

  it("closes an idle keep-alive connection", async () => {
    const socket = await open(server.port);
    const res = await collect(socket, 5_000, () => socket.write("GET /api/stats/caa50021/onedrive HTTP/1.1\r\nhost: x\r\n\r\n"));
    expect(res.status).toBe(200);
    expect(res.closed).toBe(true);
    expect(res.ms).toBeLessThan(4_000);
  });

  it("caps the connections one address holds open; the others keep working", async () => {
    const sockets = await Promise.all(Array.from({ length: 9 }, () => open(server.port)));
    const closedSoon = await Promise.all(sockets.map((s) => new Promise<boolean>((resolve) => {
      const timer = setTimeout(() => resolve(false), 300);
      s.once("close", () => {
        clearTimeout(timer);
        resolve(true);
      });
      s.on("error", () => {});
    })));
    expect(closedSoon.filter(Boolean)).toHaveLength(3);
    const alive = sockets.find((s, i) => !closedSoon[i])!;
    const res = await collect(alive, 3_000, () => alive.write("GET /api/stats/caa50021/onedrive HTTP/1.1\r\nhost: x\r\nconnection: close\r\n\r\n"));
    expect(res.status).toBe(200);
    for (const s of sockets) s.destroy();
  });
});

describe.each(BACKENDS)("5. personal data (%s)", (name) => {
  const be = backend(name);
  let db: FreshDb;
  beforeAll(() => be.start(), 90_000);
  afterAll(() => be.stop());
  beforeEach(async () => {
    db = await be.fresh();
  });
  afterEach(() => db.dispose());

  it("stores feedback comments without e-mail addresses, GUIDs or phone numbers", async () => {
    const server = await listen({ db: db.repo });
    try {
      const comment = "Still broken. Reach me at ana.perez@contoso.com or +44 20 7946 0958, device {5f3c1b2a-8d4e-4f6a-9b7c-1d2e3f4a5b6c}; error CAA50021.";
      expect((await postJson(server.app, "/api/feedback", { page: "caa50021", helpful: false, comment })).statusCode).toBe(201);
      const stored = String((await db.rows("feedback"))[0]!.comment);
      expect(stored).toBe("Still broken. Reach me at [email-1] or [phone-1], device [guid-1]; error CAA50021.");
    } finally {
      await server.close();
    }
  });
});

describe("5. the SQLite file", () => {
  it("is created readable and writable by its owner only (0600)", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fixpath-mode-"));
    try {
      const repo = await openSqliteRepository({ file: join(dir, "data", "fixpath.sqlite") });
      await repo.addOutcomes([{ code: "caa50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed", reason: null, day: "2026-03-14" }]);
      expect(statSync(join(dir, "data", "fixpath.sqlite")).mode & 0o777).toBe(0o600);
      expect(statSync(join(dir, "data", "fixpath.sqlite-wal")).mode & 0o777).toBe(0o600);
      await repo.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("6. faults at start are the operator's to fix: a message with the fix, exit 2", () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "fixpath-start-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const start = async (env: Record<string, string>) => {
    const io = fakeIo({ env });
    const code = await main(["start"], io);
    return { code, err: io.err() };
  };

  it("a damaged database file", async () => {
    const file = join(dir, "corrupt.sqlite");
    writeFileSync(file, Buffer.alloc(8192, 0x5a));
    const { code, err } = await start({ FIXPATH_DB: file });
    expect(code).toBe(2);
    expect(err).toMatch(/is damaged or is not a Fixpath database .*Fix: restore it from a backup/);
    expect(err).not.toMatch(/internal error|should never happen|\s+at .*\.ts:\d+/);
  });

  it("a schema from a newer Fixpath", async () => {
    const file = join(dir, "newer.sqlite");
    const repo = await openSqliteRepository({ file });
    await repo.close();
    const Database = (await import("better-sqlite3")).default;
    const raw = new Database(file);
    raw.prepare("insert into schema_migrations (version, name, applied_on) values (?, 'from the future', '2030-01-01')").run(LATEST_VERSION + 1);
    raw.close();
    const { code, err } = await start({ FIXPATH_DB: file });
    expect(code).toBe(2);
    expect(err).toMatch(new RegExp(`schema version ${LATEST_VERSION + 1}.*Fix: upgrade Fixpath`));
  });

  it("PostgreSQL not running", async () => {
    const { code, err } = await start({ FIXPATH_DB: "postgres://fixpath:secret@127.0.0.1:1/fixpath" });
    expect(code).toBe(2);
    expect(err).toMatch(/cannot use the PostgreSQL database postgres:\/\/fixpath:\*\*\*@127\.0\.0\.1:1\/fixpath.*Fix: check that the server is running/);
    expect(err).not.toContain("secret");
  });

  it("a server setting that is not a number", async () => {
    const { code, err } = await start({ FIXPATH_DB: ":memory:", FIXPATH_MAX_CONNECTIONS_PER_ADDRESS: "lots" });
    expect(code).toBe(2);
    expect(err).toMatch(/FIXPATH_MAX_CONNECTIONS_PER_ADDRESS is "lots".*Fix:/);
  });
});

describe.each(BACKENDS)("6. a database that cannot be written stops the start (%s)", (name) => {
  const be = backend(name);
  let db: FreshDb;
  beforeAll(() => be.start(), 90_000);
  afterAll(() => be.stop());
  beforeEach(async () => {
    db = await be.fresh();
  });
  afterEach(() => db.dispose());

  it("startServer refuses, saying so, instead of running with every write failing", async () => {
    // Every insert refused, as on a read-only file, user or replica (the tests run as root, so a
    // file mode would not stop them): a trigger on the table the check writes to.
    await db.exec(
      name === "sqlite"
        ? "create trigger refuse_writes before insert on schema_migrations begin select raise(abort, 'attempt to write a readonly database'); end;"
        : "create function refuse_writes() returns trigger language plpgsql as $$ begin raise exception 'cannot execute INSERT in a read-only transaction' using errcode = '25006'; end $$; create trigger refuse_writes before insert on schema_migrations for each row execute function refuse_writes();",
    );
    const err = await listen({ db: db.repo }).then(
      async (s) => {
        await s.close();
        return undefined;
      },
      (e: unknown) => e,
    );
    expect(err).toBeInstanceOf(StorageError);
    expect((err as Error).message).toMatch(/cannot be written.*Fix:/);
  });
});

describe("6. a SQLite file deleted while running", () => {
  it("is detected: writes are no longer acknowledged, and it is logged once, loudly", async () => {
    const dir = mkdtempSync(join(tmpdir(), "fixpath-deleted-"));
    const file = join(dir, "fixpath.sqlite");
    const repo = await openSqliteRepository({ file });
    const logged: string[] = [];
    const server = await listen({ db: repo, logError: (m) => logged.push(m) });
    try {
      expect((await postJson(server.app, "/api/outcomes", JSON.parse(OUTCOME))).statusCode).toBe(201);
      for (const f of [file, `${file}-wal`, `${file}-shm`]) rmSync(f, { force: true });
      const after = await Promise.all(Array.from({ length: 20 }, () => postJson(server.app, "/api/outcomes", JSON.parse(OUTCOME))));
      expect(after.map((r) => r.statusCode)).toEqual(Array(20).fill(503));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/fixpath\.sqlite was deleted while the server was running; writes are no longer acknowledged.*Fix:/);
      expect((await postJson(server.app, "/api/feedback", { page: "caa50021", helpful: true })).statusCode).toBe(503);
    } finally {
      await server.close();
      await repo.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe("7. smaller items", () => {
  const be = backend("sqlite");
  let db: FreshDb;
  let server: RunningServer;
  beforeAll(() => be.start());
  afterAll(() => be.stop());
  beforeEach(async () => {
    db = await be.fresh();
    server = await listen({ db: db.repo });
  });
  afterEach(async () => {
    await server.close();
    await db.dispose();
  });

  it("a request Node cannot parse gets 400 with the security headers", async () => {
    const res = await sendAndWait(server.port, "THIS IS NOT HTTP\r\n\r\n", 3_000);
    expect(res.status).toBe(400);
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-content-type-options"]).toBe("nosniff");
    expect(JSON.parse(res.text.slice(res.text.indexOf("\r\n\r\n") + 4))).toMatchObject({ ok: false, status: 400 });
  });

  it("headers that are too large get 431 with the security headers", async () => {
    const res = await sendAndWait(server.port, `GET / HTTP/1.1\r\nhost: x\r\nx-big: ${"a".repeat(20_000)}\r\n\r\n`, 3_000);
    expect(res.status).toBe(431);
    expect(res.headers["content-security-policy"]).toContain("default-src 'self'");
    expect(res.headers["x-frame-options"]).toBe("DENY");
  });

  it("stops reading a 100 MB body once it answered 415", async () => {
    const socket = await open(server.port);
    socket.on("error", () => {});
    let text = "";
    socket.on("data", (c: Buffer) => (text += c.toString("latin1")));
    const closed = new Promise<void>((r) => socket.once("close", () => r()));
    socket.write(`POST /api/outcomes HTTP/1.1\r\nhost: x\r\ncontent-type: text/plain\r\ncontent-length: ${100 * 1024 * 1024}\r\n\r\n`);
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let written = 0;
    let isClosed = false;
    void closed.then(() => (isClosed = true));
    const deadline = performance.now() + 8_000;
    while (!isClosed && written < 32 * 1024 * 1024 && performance.now() < deadline) {
      const ok = socket.write(chunk);
      written += chunk.length;
      if (!ok) await Promise.race([new Promise((r) => socket.once("drain", r)), closed, new Promise((r) => setTimeout(r, 500))]);
    }
    socket.destroy();
    expect(text).toMatch(/^HTTP\/1\.1 415/);
    expect(isClosed).toBe(true);
    expect(written).toBeLessThan(32 * 1024 * 1024);
  });
});
