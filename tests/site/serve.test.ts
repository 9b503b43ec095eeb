import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { request, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serve } from "../../scripts/site-serve.ts";

let server: Server;
let port = 0;

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: "127.0.0.1", port, path, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
    });
    req.on("error", reject);
    req.end();
  });
}

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "fixpath-serve-"));
  mkdirSync(join(dir, "codes", "caa50021"), { recursive: true });
  mkdirSync(join(dir, "js"));
  writeFileSync(join(dir, "index.html"), "<!doctype html><title>home</title>" + "x".repeat(2000));
  writeFileSync(join(dir, "codes", "caa50021", "index.html"), "<title>hub</title>");
  writeFileSync(join(dir, "404.html"), "<title>not found</title>");
  writeFileSync(join(dir, "js", "search.abc.js"), "export {};");
  writeFileSync(join(dir, "favicon.svg"), "<svg/>");
  writeFileSync(join(dir, "secret.txt"), "inside");
  server = await serve(dir, 0);
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("serve(distDir, port)", () => {
  it("serves a folder's index.html with an HTML content type", async () => {
    const res = await get("/codes/caa50021/");
    expect(res.status).toBe(200);
    expect(res.headers["content-type"]).toBe("text/html; charset=utf-8");
    expect(res.body.toString()).toContain("hub");
  });

  it("compresses text with gzip when the client accepts it", async () => {
    const res = await get("/", { "accept-encoding": "gzip, br" });
    expect(res.headers["content-encoding"]).toBe("gzip");
    expect(gunzipSync(res.body).toString()).toContain("home");
    expect(res.body.length).toBeLessThan(500);
  });

  it("redirects a folder without its trailing slash, keeping the query", async () => {
    const res = await get("/codes/caa50021?x=1");
    expect(res.status).toBe(301);
    expect(res.headers.location).toBe("/codes/caa50021/?x=1");
  });

  it("answers unknown paths with the 404 page and status 404", async () => {
    const res = await get("/codes/nope/");
    expect(res.status).toBe(404);
    expect(res.body.toString()).toContain("not found");
  });

  it("refuses paths that leave the folder", async () => {
    for (const path of ["/../package.json", "/%2e%2e/package.json", "/codes/..%2f..%2fetc/passwd"]) expect((await get(path)).status, path).toBe(404);
  });

  it("sets content types for scripts and icons, and caches hashed scripts", async () => {
    const js = await get("/js/search.abc.js");
    expect(js.headers["content-type"]).toBe("text/javascript; charset=utf-8");
    expect(js.headers["cache-control"]).toContain("immutable");
    expect((await get("/favicon.svg")).headers["content-type"]).toBe("image/svg+xml");
  });
});
