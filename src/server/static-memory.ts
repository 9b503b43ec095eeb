/**
 * The built site held in memory in front of @fastify/static. Under API load every file that
 * @fastify/static sends costs several turns of the event loop (stat, open, read, close), each
 * queued behind the API's work, so a page waited behind hundreds of API answers (`npm run bench --
 * server`, "GET a code page while the API is under load"). Read once at start, a page is answered
 * in the turn its request arrives.
 *
 * Hand-written, because no maintained Fastify plugin serves a folder from memory. It answers only
 * the plain case, a GET or HEAD without `Range` and without conditional headers, and with the
 * headers @fastify/static would send (content type, ETag and Last-Modified as @fastify/send makes
 * them, the encoding chosen among the `.br`/`.gz` siblings as @fastify/static chooses it, with the
 * same libraries); `tests/server/static-memory.test.ts` compares the two answer for answer.
 * Everything else (ranges, revalidation, redirects, misses) goes on to @fastify/static.
 *
 * Only paths that name one of the site's files are held: the table is built from the folder, and
 * a request can only select one of its entries, so nothing from a request reaches the file system.
 */
import { readFileSync, readdirSync, statSync, type Stats } from "node:fs";
import { join } from "node:path";
import negotiator from "@fastify/accept-negotiator";
import send from "@fastify/send";
import type { FastifyInstance } from "fastify";

/** Files larger than this stay on disk (served by @fastify/static). */
export const MEMORY_FILE_MAX = 1024 * 1024;
/** At most this much of the site is held. */
export const MEMORY_TOTAL_MAX = 64 * 1024 * 1024;

/** The encodings @fastify/static tries, in its order, and the sibling file each is read from. */
const ENCODINGS = [
  ["br", ".br"],
  ["gzip", ".gz"],
  ["deflate", ".deflate"],
] as const;
type EncodingName = (typeof ENCODINGS)[number][0];

interface Held {
  body: Buffer;
  headers: Record<string, string>;
}

interface HeldFile extends Held {
  variants: Map<EncodingName, Held>;
}

/** @fastify/static's content type: @fastify/send's table, `application/octet-stream` when it has none (the default @fastify/static sets). */
function contentType(path: string): string {
  const type = send.mime.getType(path) || "application/octet-stream";
  return send.isUtf8MimeType(type) ? `${type}; charset=utf-8` : type;
}

/** The headers @fastify/send gives a file, with @fastify/static's Vary and our cache policy. */
function headersFor(stat: Stats, type: string, cacheControl: string, encoding?: EncodingName): Record<string, string> {
  return {
    "accept-ranges": "bytes",
    "last-modified": stat.mtime.toUTCString(),
    etag: `W/"${stat.size.toString(16)}-${stat.mtime.getTime().toString(16)}"`,
    "content-type": type,
    "cache-control": cacheControl,
    vary: "accept-encoding",
    ...(encoding ? { "content-encoding": encoding } : {}),
  };
}

/** Every file under `root` as `[path inside the site, absolute path]`, dot files left out (as @fastify/static does). */
function siteFiles(root: string, dir = "", out: [string, string][] = []): [string, string][] {
  for (const entry of readdirSync(join(root, dir), { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const inSite = `${dir}/${entry.name}`;
    if (entry.isDirectory()) siteFiles(root, inSite, out);
    else if (entry.isFile()) out.push([inSite, join(root, inSite)]);
  }
  return out;
}

/** Reads the site into a table by request path (`/codes/x/` and `/codes/x/index.html` both name the page). */
export function readSiteIntoMemory(root: string, cacheControlFor: (path: string) => string): Map<string, HeldFile> {
  const table = new Map<string, HeldFile>();
  const files = siteFiles(root);
  const all = new Set(files.map(([p]) => p));
  let total = 0;
  for (const [path, abs] of files) {
    // A sibling of a file that exists is that file's encoding, not a page of its own here.
    if (ENCODINGS.some(([, ext]) => path.endsWith(ext) && all.has(path.slice(0, -ext.length)))) continue;
    const parts = [[undefined, abs] as const, ...ENCODINGS.filter(([, ext]) => all.has(path + ext)).map(([name, ext]) => [name, abs + ext] as const)];
    const stats = parts.map(([, file]) => statSync(file));
    const size = stats.reduce((n, st) => n + st.size, 0);
    // Too large to hold (the file or one of its encodings): all of it is left to @fastify/static.
    if (stats.some((st) => st.size > MEMORY_FILE_MAX) || total + size > MEMORY_TOTAL_MAX) continue;
    total += size;
    const type = contentType(path);
    const cache = cacheControlFor(path);
    const variants = new Map<EncodingName, Held>();
    parts.forEach(([name, file], i) => {
      if (name) variants.set(name, { body: readFileSync(file), headers: headersFor(stats[i]!, type, cache, name) });
    });
    const body = readFileSync(abs);
    const stat = stats[0]!;
    const held: HeldFile = { body, headers: headersFor(stat, type, cache), variants };
    table.set(path, held);
    if (path.endsWith("/index.html")) table.set(path.slice(0, -"index.html".length), held);
  }
  return table;
}

/** The encoding @fastify/static would send for this Accept-Encoding, among the siblings there are. */
function chooseEncoding(acceptEncoding: string | undefined, file: HeldFile): Held {
  if (acceptEncoding === undefined || file.variants.size === 0) return file;
  const header = acceptEncoding.toLowerCase().replace(/\*/g, "gzip");
  const left: EncodingName[] = ENCODINGS.map(([name]) => name);
  for (;;) {
    const chosen = negotiator(header, left);
    if (!chosen) return file;
    const variant = file.variants.get(chosen);
    if (variant) return variant;
    left.splice(left.indexOf(chosen), 1);
  }
}

/** Answers plain GET and HEAD requests for the site's files from memory; the rest goes on. */
export function serveSiteFromMemory(app: FastifyInstance, table: ReadonlyMap<string, HeldFile>): void {
  app.addHook("onRequest", async (request, reply) => {
    const method = request.method;
    if (method !== "GET" && method !== "HEAD") return;
    const url = request.url;
    // `/api/*.json` (the machine-readable KB) too: the table holds only the site's files, so an
    // API route can never be answered from it.
    if (url.charCodeAt(0) !== 0x2f) return;
    const h = request.headers;
    if (h.range !== undefined || h["if-none-match"] !== undefined || h["if-modified-since"] !== undefined || h["if-match"] !== undefined || h["if-unmodified-since"] !== undefined) return;
    const q = url.indexOf("?");
    let path = q < 0 ? url : url.slice(0, q);
    if (path.includes("%")) {
      try {
        path = decodeURIComponent(path);
      } catch {
        return;
      }
    }
    const file = table.get(path);
    if (!file) return;
    const held = chooseEncoding(h["accept-encoding"], file);
    reply.headers(held.headers);
    return reply.send(held.body);
  });
}
