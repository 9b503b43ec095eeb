// The site held in memory (src/server/static-memory.ts) answers as @fastify/static does: every
// file of a built site, with and without each Accept-Encoding, GET and HEAD, through a server with
// the copy and one without, compared status, headers and body. One difference is intended: a file
// without a precompressed sibling is compressed on the fly by @fastify/compress in both, but from
// the copy it is a buffer of known size, so it gets a Content-Length instead of chunks and stays
// uncompressed under the 1 KB threshold (a stream from disk is compressed whatever its size).
// What the copy leaves alone (ranges, revalidation, redirects, misses, dot files, other methods)
// is checked to be answered as before.
import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from "node:zlib";
import type { FastifyInstance } from "fastify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSiteIntoMemory, MEMORY_FILE_MAX } from "../../src/server/static-memory.ts";
import { cacheControlFor } from "../../src/server/static-site.ts";
import { backend, type FreshDb } from "./helpers/backends.ts";
import { testServer } from "./helpers/server.ts";

const be = backend("sqlite");
let db: FreshDb;
let dist: string;
let withCopy: FastifyInstance;
let withoutCopy: FastifyInstance;
/** The copy as the server holds it, read once. */
let table: ReturnType<typeof readSiteIntoMemory>;

const PAGE = `<!doctype html><html><head><title>CAA50021 in OneDrive</title></head><body>${"<p>Step text, with a command. </p>".repeat(200)}</body></html>`;

beforeAll(async () => {
  dist = mkdtempSync(join(tmpdir(), "fixpath-memory-"));
  const put = (path: string, body: string | Buffer) => {
    mkdirSync(join(dist, path, ".."), { recursive: true });
    writeFileSync(join(dist, path), body);
  };
  put("index.html", "<!doctype html><title>Fixpath</title><p>home</p>");
  put("404.html", "<!doctype html><title>Not found</title>");
  put("codes/caa50021/onedrive/index.html", PAGE);
  put("codes/caa50021/onedrive/index.html.br", brotliCompressSync(PAGE));
  put("codes/caa50021/onedrive/index.html.gz", gzipSync(PAGE));
  put("codes/0x8004de40/index.html", PAGE.replace("CAA50021", "0x8004DE40"));
  put("codes/0x8004de40/index.html.gz", gzipSync(PAGE.replace("CAA50021", "0x8004DE40")));
  put("_astro/site.abc123.css", "body{color:#111}".repeat(200));
  put("js/search.1a2b3c4d5e.js", "export const search = 1;\n");
  put("js/search.1a2b3c4d5e.js.br", brotliCompressSync("export const search = 1;\n"));
  put("favicon.svg", '<svg xmlns="http://www.w3.org/2000/svg"></svg>');
  put("codes.json", JSON.stringify({ codes: Array.from({ length: 100 }, (_, i) => `code-${i}`) }));
  put("api/codes/caa50021.json", JSON.stringify({ code: "caa50021", title: "CAA50021" }).repeat(1));
  put("download.gz", gzipSync("a file that is gzip itself"));
  put("big.bin", Buffer.alloc(MEMORY_FILE_MAX + 1, 7));
  put(".env", "SECRET=1");
  put(".well/secret.txt", "hidden");
  await be.start();
  db = await be.fresh();
  withCopy = await testServer({ db: db.repo, distDir: dist });
  withoutCopy = await testServer({ db: db.repo, distDir: dist, siteInMemory: false });
  table = readSiteIntoMemory(dist, cacheControlFor);
});
afterAll(async () => {
  await withCopy.close();
  await withoutCopy.close();
  db.dispose();
  rmSync(dist, { recursive: true, force: true });
  await be.stop();
});

type Req = { method: "GET" | "HEAD" | "POST"; url: string; headers?: Record<string, string> };

async function both(req: Req) {
  const [a, b] = await Promise.all([withCopy.inject(req), withoutCopy.inject(req)]);
  const strip = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => k !== "date"));
  return { copy: { status: a.statusCode, headers: strip(a.headers), body: a.rawPayload }, disk: { status: b.statusCode, headers: strip(b.headers), body: b.rawPayload } };
}

const PATHS = ["/", "/index.html", "/404.html", "/codes/caa50021/onedrive/", "/codes/caa50021/onedrive/index.html", "/codes/caa50021/onedrive/?from=search", "/codes/%63aa50021/onedrive/", "/codes/0x8004de40/", "/_astro/site.abc123.css", "/js/search.1a2b3c4d5e.js", "/favicon.svg", "/codes.json", "/api/codes/caa50021.json", "/download.gz", "/big.bin"];
const ENCODINGS = [undefined, "br", "gzip", "br, gzip", "gzip;q=1, br;q=0.5", "deflate", "*", "identity", "br;q=0"];

describe("the site held in memory", () => {
  it("holds the site's files (not dot files, not the oversized one) under their paths and their folders'", () => {
    expect([...table.keys()].sort()).toEqual(
      ["/", "/404.html", "/_astro/site.abc123.css", "/codes.json", "/api/codes/caa50021.json", "/codes/0x8004de40/", "/codes/0x8004de40/index.html", "/codes/caa50021/onedrive/", "/codes/caa50021/onedrive/index.html", "/download.gz", "/favicon.svg", "/index.html", "/js/search.1a2b3c4d5e.js"].sort(),
    );
    expect([...table.get("/codes/caa50021/onedrive/")!.variants.keys()]).toEqual(["br", "gzip"]);
    expect(statSync(join(dist, "big.bin")).size).toBeGreaterThan(MEMORY_FILE_MAX);
  });

  it.each(PATHS.flatMap((url) => ENCODINGS.flatMap((enc) => (["GET", "HEAD"] as const).map((method) => [method, url, enc] as const))))("%s %s with Accept-Encoding %s: the same answer as from disk", async (method, url, enc) => {
    const { copy, disk } = await both({ method, url, ...(enc ? { headers: { "accept-encoding": enc } } : {}) });
    expect(copy.status).toBe(disk.status);
    const file = table.get(url.split("?")[0]!.replace("%63", "c"));
    const precompressed = file !== undefined && [...file.variants.values()].some((v) => v.headers.etag === disk.headers.etag);
    if (file !== undefined && disk.headers["content-encoding"] !== undefined && !precompressed) {
      // Compressed on the fly (see the top of this file): same headers but the framing, same content.
      const framing = ["content-encoding", "content-length", "transfer-encoding"];
      const rest = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).filter(([k]) => !framing.includes(k)));
      expect(rest(copy.headers)).toEqual(rest(disk.headers));
      if (method === "HEAD") return;
      const decode = (r: { headers: Record<string, unknown>; body: Buffer }) => (r.headers["content-encoding"] === "br" ? brotliDecompressSync(r.body) : r.headers["content-encoding"] === "gzip" ? gunzipSync(r.body) : r.body);
      expect(decode(copy).equals(decode(disk))).toBe(true);
      expect(copy.headers["content-encoding"] === undefined).toBe(file.body.length < 1024);
      expect(Number(copy.headers["content-length"])).toBe(copy.body.length);
      return;
    }
    expect(copy.headers).toEqual(disk.headers);
    expect(copy.body.equals(disk.body)).toBe(true);
  });

  it.each([
    ["a range", { range: "bytes=0-9" }, 206],
    ["a revalidation by ETag", { "if-none-match": "*" }, 304],
    ["a revalidation by date", { "if-modified-since": new Date(Date.now() + 86_400_000).toUTCString() }, 304],
  ])("leaves %s to @fastify/static, which answers it as before", async (_what, headers, status) => {
    const { copy, disk } = await both({ method: "GET", url: "/codes/caa50021/onedrive/", headers });
    expect(copy.status).toBe(status);
    expect(copy.headers).toEqual(disk.headers);
    expect(copy.body.equals(disk.body)).toBe(true);
  });

  it.each(["/codes/caa50021/onedrive", "/.env", "/.well/secret.txt", "/codes/caa50021/onedrive/index.html.br", "/%2e%2e/etc/passwd", "/codes/nope/", "/codes/%E0%A4%A/"])("answers %s as @fastify/static does (redirect, refusal or the site's 404)", async (url) => {
    const { copy, disk } = await both({ method: "GET", url });
    expect(copy.status).toBe(disk.status);
    expect(copy.headers).toEqual(disk.headers);
    expect(copy.body.equals(disk.body)).toBe(true);
    expect(copy.body.toString()).not.toContain("SECRET");
  });

  it("answers the machine-readable KB under /api/ from the copy: no file is opened for it", async () => {
    const own = mkdtempSync(join(tmpdir(), "fixpath-memory-api-"));
    mkdirSync(join(own, "api", "codes"), { recursive: true });
    writeFileSync(join(own, "api", "codes", "caa50021.json"), JSON.stringify({ code: "caa50021" }));
    const server = await testServer({ db: db.repo, distDir: own });
    try {
      // Gone from disk after the start: only the copy can still answer.
      rmSync(join(own, "api"), { recursive: true });
      const r = await server.inject({ method: "GET", url: "/api/codes/caa50021.json" });
      expect(r.statusCode).toBe(200);
      expect(r.json()).toEqual({ code: "caa50021" });
    } finally {
      await server.close();
      rmSync(own, { recursive: true, force: true });
    }
  });

  it("never answers a POST from the copy", async () => {
    const { copy, disk } = await both({ method: "POST", url: "/codes/caa50021/onedrive/" });
    expect(copy.status).toBe(disk.status);
    expect(copy.status).toBeGreaterThanOrEqual(400);
  });

  it("sends the security headers with a page from the copy", async () => {
    const r = await withCopy.inject({ method: "GET", url: "/codes/caa50021/onedrive/" });
    expect(r.headers["content-security-policy"]).toBeDefined();
    expect(r.headers["x-content-type-options"]).toBe("nosniff");
  });
});
