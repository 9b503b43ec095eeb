// Node-only: serves a built site (site/dist) over HTTP with gzip, correct content types and the 404 page.
/**
 * `serve(distDir, port)` is the static server behind `npm start` / `fixpath start`. It is a plain
 * function so the server shell (src/server) can replace it with the full API server later.
 *
 * - `/a/b/` → `a/b/index.html`; `/a/b` → redirect to `/a/b/` when that folder has an index.
 * - Text responses are gzip-compressed when the client accepts it (cached per file and mtime).
 * - Unknown paths get `404.html` with status 404.
 * - Only files inside `distDir` are served (`..` and encoded escapes are refused).
 * - `/js/*` islands carry a content hash: cached for a year; HTML is revalidated every time.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve, sep } from "node:path";
import { gzipSync } from "node:zlib";

/** Content types by extension. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".xml": "application/xml; charset=utf-8",
  ".webmanifest": "application/manifest+json",
};

const COMPRESSIBLE = new Set([".html", ".js", ".mjs", ".css", ".json", ".svg", ".txt", ".xml", ".webmanifest"]);

export interface ServeOptions {
  /** Host to listen on. Default 127.0.0.1 (set 0.0.0.0 to expose it). */
  host?: string;
  /** Called once per request with the method, path and status (for logs). */
  onRequest?: (info: { method: string; path: string; status: number }) => void;
}

/** Starts the static server; resolves once it listens. Close it with `server.close()`. */
export function serve(distDir: string, port: number, options: ServeOptions = {}): Promise<Server> {
  const root = resolve(distDir);
  const gzCache = new Map<string, { mtime: number; body: Buffer }>();

  const find = async (urlPath: string): Promise<{ file: string; redirect?: string } | undefined> => {
    let path: string;
    try {
      path = decodeURIComponent(urlPath);
    } catch {
      return undefined;
    }
    if (path.includes("\0")) return undefined;
    const abs = normalize(join(root, path));
    if (abs !== root && !abs.startsWith(root + sep)) return undefined;
    const info = await stat(abs).catch(() => undefined);
    if (info?.isFile()) return { file: abs };
    if (info?.isDirectory()) {
      const index = join(abs, "index.html");
      if (!(await stat(index).catch(() => undefined))?.isFile()) return undefined;
      return path.endsWith("/") ? { file: index } : { file: index, redirect: `${urlPath}/` };
    }
    return undefined;
  };

  const send = async (req: IncomingMessage, res: ServerResponse, file: string, status: number): Promise<void> => {
    const ext = extname(file).toLowerCase();
    const info = await stat(file);
    let body: Buffer = await readFile(file);
    res.statusCode = status;
    res.setHeader("Content-Type", CONTENT_TYPES[ext] ?? "application/octet-stream");
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Cache-Control", file.includes(`${sep}js${sep}`) ? "public, max-age=31536000, immutable" : "no-cache");
    if (COMPRESSIBLE.has(ext)) {
      res.setHeader("Vary", "Accept-Encoding");
      if (/\bgzip\b/.test(String(req.headers["accept-encoding"] ?? ""))) {
        const hit = gzCache.get(file);
        if (hit && hit.mtime === info.mtimeMs) body = hit.body;
        else {
          body = gzipSync(body, { level: 9 });
          gzCache.set(file, { mtime: info.mtimeMs, body });
        }
        res.setHeader("Content-Encoding", "gzip");
      }
    }
    res.setHeader("Content-Length", body.length);
    res.end(req.method === "HEAD" ? undefined : body);
  };

  const server = createServer((req, res) => {
    const path = (req.url ?? "/").split("?")[0]!.split("#")[0]!;
    const done = (status: number) => options.onRequest?.({ method: req.method ?? "GET", path, status });
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405, { Allow: "GET, HEAD" }).end();
      return done(405);
    }
    void (async () => {
      const found = await find(path);
      if (found?.redirect) {
        const query = (req.url ?? "").includes("?") ? (req.url ?? "").slice((req.url ?? "").indexOf("?")) : "";
        res.writeHead(301, { Location: found.redirect + query }).end();
        return done(301);
      }
      if (found) {
        await send(req, res, found.file, 200);
        return done(200);
      }
      const notFound = join(root, "404.html");
      if ((await stat(notFound).catch(() => undefined))?.isFile()) await send(req, res, notFound, 404);
      else res.writeHead(404, { "Content-Type": "text/plain; charset=utf-8" }).end("Not found\n");
      done(404);
    })().catch(() => {
      if (!res.headersSent) res.writeHead(500, { "Content-Type": "text/plain; charset=utf-8" });
      res.end("Internal error\n");
      done(500);
    });
  });
  return new Promise((resolveListen, reject) => {
    server.once("error", reject);
    server.listen(port, options.host ?? "127.0.0.1", () => {
      server.off("error", reject);
      resolveListen(server);
    });
  });
}
