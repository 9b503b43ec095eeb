/**
 * Serves the built site from `distDir`: correct content types, brotli/gzip (precompressed
 * `.br`/`.gz` siblings when the build wrote them, on the fly otherwise), ETag/Last-Modified, a
 * redirect from `/codes/x` to `/codes/x/`, and the site's own `404.html` for misses.
 */
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve, sep } from "node:path";
import fastifyCompress from "@fastify/compress";
import fastifyStatic from "@fastify/static";
import type { FastifyInstance, FastifyReply } from "fastify";
import { readSiteIntoMemory, serveSiteFromMemory } from "./static-memory.ts";

/** An island bundle named by its content hash, as the site build writes it: `/js/search.1a2b3c4d5e.js`. */
const HASHED_BUNDLE = /^\/js\/[\w-]+\.[0-9a-f]{8,}\.m?js$/;

/**
 * Cache policy: hashed files (Astro's `_astro/` assets, the islands' `/js/<name>.<hash>.js`)
 * forever, since a new build gives them a new name; HTML always revalidated; the rest for an hour.
 */
export function cacheControlFor(path: string): string {
  // `path` is the file's path inside the site, from its root: `/js/search.1a2b3c4d5e.js`.
  if (path.startsWith("/_astro/") || HASHED_BUNDLE.test(path)) return "public, max-age=31536000, immutable";
  if (path.endsWith(".html")) return "public, max-age=0, must-revalidate";
  return "public, max-age=3600";
}

/** Checks `distDir` and returns its absolute path; the error says how to build the site. */
export function checkDistDir(distDir: string): string {
  const abs = resolve(distDir);
  if (!existsSync(abs) || !statSync(abs).isDirectory()) {
    throw new Error(`no built site at ${abs}. Fix: build the site first (it writes its dist folder), or pass the folder that holds index.html.`);
  }
  return abs;
}

/**
 * Registers the static file routes. `memory` (default true) answers plain requests for the site's
 * files from a copy read at start (static-memory.ts); false leaves every request to @fastify/static.
 */
export async function registerStaticSite(app: FastifyInstance, distDir: string, options: { memory?: boolean } = {}): Promise<{ send404: (reply: FastifyReply) => FastifyReply }> {
  const root = checkDistDir(distDir);
  if (options.memory !== false) serveSiteFromMemory(app, readSiteIntoMemory(root, cacheControlFor));
  // The 404 page is held in memory: sent from disk it would get the file's cache policy
  // (@fastify/static's setHeaders runs last) and open a file for every miss.
  const page404 = existsSync(join(root, "404.html")) ? readFileSync(join(root, "404.html")) : undefined;
  await app.register(fastifyStatic, {
    root,
    prefix: "/",
    index: ["index.html"],
    redirect: true,
    preCompressed: true,
    dotfiles: "ignore",
    cacheControl: false,
    setHeaders: (reply, path) => {
      // Judged by the path inside the site (so a dist folder under some `js/` folder changes
      // nothing), without the `.br`/`.gz` of a precompressed sibling.
      const inSite = `/${relative(root, path).split(sep).join("/")}`.replace(/\.(?:br|gz)$/, "");
      reply.header("cache-control", cacheControlFor(inSite));
    },
  });
  return {
    send404: (reply) => {
      if (page404) return reply.code(404).type("text/html; charset=utf-8").header("cache-control", "no-store").send(page404);
      return reply.code(404).type("text/plain; charset=utf-8").header("cache-control", "no-store").send("Not found\n");
    },
  };
}

/** Compression for API and page responses alike (brotli preferred, then gzip; 1 KB and up). */
export async function registerCompression(app: FastifyInstance): Promise<void> {
  await app.register(fastifyCompress, { global: true, threshold: 1024, encodings: ["br", "gzip"] });
}
