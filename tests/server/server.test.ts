// The HTTP shell: the built site, security headers, the rate limit, errors without stack traces,
// and startServer. Storage here is SQLite; api.test.ts covers both databases.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildCsp, DEFAULT_CSP, portFromEnv, startServer, type Repository } from "../../src/server/index.ts";
import { backend, type FreshDb } from "./helpers/backends.ts";
import { rawRequest } from "./helpers/raw-http.ts";
import { FIXED_NOW, issueCodes, postJson, projectKb, testServer } from "./helpers/server.ts";

const OUTCOME = { code: "CAA50021", app: "onedrive", stepId: "clean-restart", outcome: "fixed" };
const be = backend("sqlite");
let db: FreshDb;
let dist: string;
const PAGE = `<!doctype html><html><head><title>CAA50021 in OneDrive</title><link rel="stylesheet" href="/_astro/site.abc123.css"></head><body>${"<p>Step text. </p>".repeat(200)}</body></html>`;

beforeAll(async () => {
  await be.start();
  dist = mkdtempSync(join(tmpdir(), "fixpath-dist-"));
  mkdirSync(join(dist, "codes", "caa50021", "onedrive"), { recursive: true });
  mkdirSync(join(dist, "_astro"));
  writeFileSync(join(dist, "index.html"), "<!doctype html><title>Fixpath</title><p>home</p>");
  writeFileSync(join(dist, "404.html"), "<!doctype html><title>Not found</title><p>No such page. Try the lookup.</p>");
  writeFileSync(join(dist, "codes", "caa50021", "onedrive", "index.html"), PAGE);
  writeFileSync(join(dist, "_astro", "site.abc123.css"), "body{color:#111}".repeat(200));
  writeFileSync(join(dist, "_astro", "island.def456.js"), "export const x = 1;\n".repeat(100));
  // The islands as the site build names them (`<name>.<10 hex of the content hash>.js`), and a
  // file there without a hash, which may change under the same name.
  mkdirSync(join(dist, "js"));
  writeFileSync(join(dist, "js", "search.1a2b3c4d5e.js"), "export const search = 1;\n");
  writeFileSync(join(dist, "js", "search.1a2b3c4d5e.js.br"), brotliCompressSync(Buffer.from("export const search = 1;\n")));
  writeFileSync(join(dist, "js", "loader.js"), "export const loader = 1;\n");
  writeFileSync(join(dist, "favicon.svg"), '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  writeFileSync(join(dist, "codes.json"), JSON.stringify({ codes: Array.from({ length: 100 }, (_, i) => `code-${i}`) }));
  // A precompressed sibling, as a build step may write: served as is when the client takes br.
  writeFileSync(join(dist, "big.txt"), "plain ".repeat(500));
  writeFileSync(join(dist, "big.txt.br"), brotliCompressSync(Buffer.from("from the .br file")));
  writeFileSync(join(dist, ".env"), "SECRET=1");
});
afterAll(async () => {
  rmSync(dist, { recursive: true, force: true });
  await be.stop();
});
beforeEach(async () => {
  db = await be.fresh();
});
afterEach(() => db.dispose());

describe("the built site", () => {
  let app: FastifyInstance;
  beforeEach(async () => {
    app = await testServer({ db: db.repo, distDir: dist });
  });
  afterEach(() => app.close());

  it.each([
    ["/", "text/html; charset=utf-8", "public, max-age=0, must-revalidate"],
    ["/codes/caa50021/onedrive/", "text/html; charset=utf-8", "public, max-age=0, must-revalidate"],
    ["/_astro/site.abc123.css", "text/css; charset=utf-8", "public, max-age=31536000, immutable"],
    ["/_astro/island.def456.js", "application/javascript; charset=utf-8", "public, max-age=31536000, immutable"],
    ["/js/search.1a2b3c4d5e.js", "application/javascript; charset=utf-8", "public, max-age=31536000, immutable"],
    ["/js/loader.js", "application/javascript; charset=utf-8", "public, max-age=3600"],
    ["/favicon.svg", "image/svg+xml", "public, max-age=3600"],
    ["/codes.json", "application/json; charset=utf-8", "public, max-age=3600"],
  ])("serves %s as %s with cache policy %s", async (url, type, cache) => {
    const res = await app.inject({ method: "GET", url });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe(type);
    expect(res.headers["cache-control"]).toBe(cache);
  });

  it("compresses with brotli when asked, else gzip, else not at all", async () => {
    const url = "/codes/caa50021/onedrive/";
    const br = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip, deflate, br" } });
    expect(br.headers["content-encoding"]).toBe("br");
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(br.rawPayload).toString()).toBe(PAGE);
    const gz = await app.inject({ method: "GET", url, headers: { "accept-encoding": "gzip" } });
    expect(gz.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(gz.rawPayload).toString()).toBe(PAGE);
    expect(gz.rawPayload.length).toBeLessThan(PAGE.length / 5);
    const plain = await app.inject({ method: "GET", url, headers: { "accept-encoding": "identity" } });
    expect(plain.headers["content-encoding"]).toBeUndefined();
    expect(plain.body).toBe(PAGE);
  });

  it("keeps a hashed island immutable when it serves its precompressed sibling", async () => {
    const res = await app.inject({ method: "GET", url: "/js/search.1a2b3c4d5e.js", headers: { "accept-encoding": "br" } });
    expect(res.headers["content-encoding"]).toBe("br");
    expect(res.headers["cache-control"]).toBe("public, max-age=31536000, immutable");
  });

  it("serves a precompressed .br sibling when there is one", async () => {
    const res = await app.inject({ method: "GET", url: "/big.txt", headers: { "accept-encoding": "br" } });
    expect(res.headers["content-encoding"]).toBe("br");
    expect(brotliDecompressSync(res.rawPayload).toString()).toBe("from the .br file");
  });

  it("answers misses with the site's 404.html and status 404", async () => {
    for (const url of ["/codes/caa59999/", "/nothing", "/.env", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd"]) {
      const res = await app.inject({ method: "GET", url });
      expect(res.statusCode, url).toBe(404);
      expect(res.headers["content-type"], url).toBe("text/html; charset=utf-8");
      expect(res.body, url).toContain("No such page. Try the lookup.");
      expect(res.body).not.toContain("SECRET");
    }
  });

  it("redirects a page URL without its trailing slash", async () => {
    const res = await app.inject({ method: "GET", url: "/codes/caa50021/onedrive" });
    expect(res.statusCode).toBe(301);
    expect(res.headers.location).toBe("/codes/caa50021/onedrive/");
  });

  // Raw request lines: app.inject and HTTP clients resolve "." and ".." segments before sending.
  const raw = async (path: string) => {
    if (!app.server.listening) await app.listen({ port: 0, host: "127.0.0.1" });
    const res = await rawRequest((app.server.address() as AddressInfo).port, `GET ${path} HTTP/1.1`);
    return { status: res.status, location: res.headers.location, type: res.headers["content-type"], text: res.text };
  };

  it("sends a page address with doubled slashes to the page it means, in one redirect, and never to another host", async () => {
    for (const [url, to] of [
      ["//codes/caa50021/onedrive/", "/codes/caa50021/onedrive/"],
      ["/codes//caa50021///onedrive//?from=mail", "/codes/caa50021/onedrive/?from=mail"],
      ["//evil.example/", "/evil.example/"],
      ["//", "/"],
    ]) {
      const res = await app.inject({ method: "GET", url: url! });
      expect(res.statusCode, url).toBe(301);
      expect(res.headers.location, url).toBe(to);
      expect(res.headers["cache-control"], url).toBe("no-store");
    }
    expect((await app.inject({ method: "GET", url: "/codes/caa50021/onedrive/?from=mail" })).statusCode).toBe(200);
    // A backslash may read as "//" to a browser: no redirect, the 404 page.
    const slash = await raw("/\\evil.example//");
    expect(slash.status).toBe(404);
    expect(slash.location).toBeUndefined();
    expect(slash.type).toBe("text/html; charset=utf-8");
  });

  it("answers a dot segment in a page address with the 404 page, and in an API address with the API's 404", async () => {
    for (const url of ["/codes/caa50021/./onedrive/", "/codes/caa50021/x/../onedrive/", "/codes/caa50021/%2e%2e/"]) {
      const res = await raw(url);
      expect(res.status, url).toBe(404);
      expect(res.type, url).toBe("text/html; charset=utf-8");
      expect(res.text, url).toContain("No such page. Try the lookup.");
    }
    const api = await raw("/api//stats/caa50021/onedrive");
    expect(api.status).toBe(404);
    expect(api.type).toBe("application/json; charset=utf-8");
    expect(api.text).toContain('"api/not-found"');
  });

  it("answers HEAD without a body and revalidation with 304", async () => {
    const head = await app.inject({ method: "HEAD", url: "/" });
    expect(head.statusCode).toBe(200);
    expect(head.body).toBe("");
    const etag = String(head.headers.etag);
    const again = await app.inject({ method: "GET", url: "/", headers: { "if-none-match": etag } });
    expect(again.statusCode).toBe(304);
  });

  it("keeps API misses as JSON, not the HTML page", async () => {
    const res = await app.inject({ method: "GET", url: "/api/nothing" });
    expect(res.statusCode).toBe(404);
    expect(issueCodes(res)).toEqual(["api/not-found"]);
  });

  it("refuses a dist folder that does not exist, saying how to fix it", async () => {
    await expect(testServer({ db: db.repo, distDir: join(dist, "missing") })).rejects.toThrow(/no built site at .*missing\. Fix: build the site first/);
  });
});

describe("security headers", () => {
  const expected = {
    "content-security-policy": DEFAULT_CSP,
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "x-frame-options": "DENY",
    "cross-origin-opener-policy": "same-origin",
  };

  it("are on pages, API answers, 404s and errors alike", async () => {
    const app = await testServer({ db: db.repo, distDir: dist });
    try {
      const responses = await Promise.all([
        app.inject({ method: "GET", url: "/" }),
        app.inject({ method: "GET", url: "/nothing" }),
        postJson(app, "/api/outcomes", OUTCOME),
        postJson(app, "/api/outcomes", "{"),
        app.inject({ method: "GET", url: "/api/stats/caa50021/onedrive" }),
      ]);
      for (const res of responses) expect(res.headers).toMatchObject(expected);
    } finally {
      await app.close();
    }
    expect(DEFAULT_CSP).toContain("script-src 'self';");
    expect(DEFAULT_CSP).not.toContain("unsafe-inline");
    expect(DEFAULT_CSP).toContain("frame-ancestors 'none'");
  });

  it("take the CSP given to createServer (inline scripts by hash)", async () => {
    const csp = buildCsp({ scriptHashes: ["sha256-AbC+/123="], inlineStyles: true });
    expect(csp).toContain("script-src 'self' 'sha256-AbC+/123=';");
    expect(csp).toContain("style-src 'self' 'unsafe-inline';");
    const app = await testServer({ db: db.repo, distDir: dist, csp });
    try {
      expect((await app.inject({ method: "GET", url: "/" })).headers["content-security-policy"]).toBe(csp);
    } finally {
      await app.close();
    }
    expect(() => buildCsp({ scriptHashes: ["alert(1)"] })).toThrow(/is not of the form sha256-<base64>/);
  });

  it("API answers are never cached", async () => {
    const app = await testServer({ db: db.repo });
    try {
      expect((await postJson(app, "/api/outcomes", OUTCOME)).headers["cache-control"]).toBe("no-store");
      expect((await app.inject({ method: "GET", url: "/api/stats/search-misses" })).headers["cache-control"]).toBe("no-store");
    } finally {
      await app.close();
    }
  });
});

describe("rate limit", () => {
  it("answers 429 with Retry-After past the burst, refills with time, and leaves pages alone", async () => {
    let now = FIXED_NOW.getTime();
    const app = await testServer({ db: db.repo, distDir: dist, monotonicMs: () => now, rateLimit: { burst: 3, perSecond: 0.5 } });
    try {
      for (let i = 0; i < 3; i++) expect((await postJson(app, "/api/outcomes", OUTCOME)).statusCode).toBe(201);
      const limited = await postJson(app, "/api/outcomes", OUTCOME);
      expect(limited.statusCode).toBe(429);
      expect(limited.headers["retry-after"]).toBe("2");
      expect(issueCodes(limited)).toEqual(["api/rate-limited"]);
      expect((await app.inject({ method: "GET", url: "/api/stats/caa50021/onedrive" })).statusCode).toBe(429);
      expect((await app.inject({ method: "GET", url: "/" })).statusCode).toBe(200);
      // Another client has its own bucket.
      expect((await postJson(app, "/api/outcomes", OUTCOME)).statusCode).toBe(429);
      expect((await app.inject({ method: "POST", url: "/api/outcomes", payload: OUTCOME, remoteAddress: "192.0.2.7" })).statusCode).toBe(201);
      now += 2000;
      expect((await postJson(app, "/api/outcomes", OUTCOME)).statusCode).toBe(201);
      expect((await postJson(app, "/api/outcomes", OUTCOME)).statusCode).toBe(429);
      expect((await db.repo.countRows()).outcomes).toBe(5);
    } finally {
      await app.close();
    }
  });

  it("is on by default", async () => {
    const app = await testServer({ db: db.repo, rateLimit: undefined, monotonicMs: () => 0 });
    try {
      const codes: number[] = [];
      for (let i = 0; i < 101; i++) codes.push((await app.inject({ method: "GET", url: "/api/stats/caa50021/onedrive" })).statusCode);
      expect(codes.slice(0, 100).every((c) => c === 200)).toBe(true);
      expect(codes[100]).toBe(429);
    } finally {
      await app.close();
    }
  });
});

describe("failures", () => {
  const broken = (repo: Repository): Repository => Object.assign(Object.create(Object.getPrototypeOf(repo) as object) as Repository, repo, {
    addOutcomes: async () => {
      throw new Error("SQLITE_FULL: database or disk is full at /secret/path/fixpath.sqlite");
    },
    tallyOutcomes: async () => {
      throw new TypeError("Cannot read properties of undefined (reading 'x')");
    },
  });

  it("a storage failure is 503 'nothing was recorded', with no stack trace or path in the answer", async () => {
    const logged: string[] = [];
    const app = await testServer({ db: broken(db.repo), logError: (m) => logged.push(m) });
    try {
      const res = await postJson(app, "/api/outcomes", OUTCOME);
      expect(res.statusCode).toBe(503);
      expect(issueCodes(res)).toEqual(["api/storage-unavailable"]);
      expect(res.body).not.toMatch(/SQLITE|secret|at .*\.ts|Error/);
      expect(logged.join("\n")).toContain("SQLITE_FULL");
    } finally {
      await app.close();
    }
  });

  it("a read failure is 503 too, with the cause only in the log", async () => {
    const logged: string[] = [];
    const app = await testServer({ db: broken(db.repo), logError: (m) => logged.push(m) });
    try {
      const res = await app.inject({ method: "GET", url: "/api/stats/caa50021/onedrive" });
      expect(res.statusCode).toBe(503);
      expect(res.body).not.toMatch(/reading 'x'|\.ts:\d+|TypeError/);
      expect(logged.join("\n")).toContain("reading 'x'");
    } finally {
      await app.close();
    }
  });

  it("a bug is 500 'this should never happen', with no stack trace in the answer, and logged", async () => {
    const logged: string[] = [];
    const app = await testServer({ db: db.repo, now: () => new Date(Number.NaN), logError: (m) => logged.push(m) });
    try {
      const res = await postJson(app, "/api/outcomes", OUTCOME);
      expect(res.statusCode).toBe(500);
      expect(issueCodes(res)).toEqual(["api/internal"]);
      expect(res.body).not.toMatch(/RangeError|Invalid time|\.ts:\d+| {4}at /);
      expect(logged).toHaveLength(1);
      expect(logged[0]).toMatch(/RangeError: Invalid time value/);
      expect((await db.repo.countRows()).outcomes).toBe(0);
    } finally {
      await app.close();
    }
  });
});

describe("startServer", () => {
  const get = (url: string) =>
    new Promise<{ status: number; body: string }>((resolve, reject) => {
      request(url, (res) => {
        let body = "";
        res.on("data", (c: Buffer) => (body += c.toString()));
        res.on("end", () => resolve({ status: res.statusCode ?? 0, body }));
      })
        .on("error", reject)
        .end();
    });

  it("listens on loopback, serves site and API on one port, and drains writes on close", async () => {
    const server = await startServer({ kb: projectKb(), db: db.repo, distDir: dist, port: 0, rateLimit: false });
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await get(`${server.url}/`)).body).toContain("home");
    const posts = Array.from({ length: 20 }, () => postJson(server.app, "/api/outcomes", OUTCOME));
    await server.close();
    expect((await Promise.all(posts)).every((r) => r.statusCode === 201)).toBe(true);
    expect((await db.repo.countRows()).outcomes).toBe(20);
  });

  it("says what to do when the port is taken", async () => {
    const first = await startServer({ kb: projectKb(), db: db.repo, port: 0 });
    try {
      await expect(startServer({ kb: projectKb(), db: db.repo, port: first.port })).rejects.toThrow(`port ${first.port} on 127.0.0.1 is already in use. Fix: stop the other server, or set PORT to another port.`);
    } finally {
      await first.close();
    }
  });

  it("reads PORT, defaulting to 4321", () => {
    expect(portFromEnv({})).toBe(4321);
    expect(portFromEnv({ PORT: " 8080 " })).toBe(8080);
    expect(() => portFromEnv({ PORT: "80a" })).toThrow('PORT is "80a", not a port number. Fix: set PORT to a whole number from 1 to 65535, or unset it for 4321.');
    expect(() => portFromEnv({ PORT: "70000" })).toThrow(/not a port number/);
  });
});
