// Issue 28, row by row: what a hostile client on loopback could still do after issue 15. Raw
// sockets (node:net) where a real client would not misbehave; every wait is bounded.
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serverSettingsFromEnv, startServer, type RunningServer, type StartServerOptions } from "../../src/server/index.ts";
import { backend, type FreshDb } from "./helpers/backends.ts";
import { open, sendAndWait } from "./helpers/raw-http.ts";
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
