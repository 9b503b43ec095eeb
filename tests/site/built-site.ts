// Test helper: the built site (built once for all test files, under a lock) and a server for it.
import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { defaultDistDir, ensureSiteBuiltLocked } from "../../scripts/site-build.ts";
import { serve } from "../../scripts/site-serve.ts";

/** Builds site/dist if it is stale (once, whichever test file gets there first); returns its path. */
export async function builtSite(): Promise<string> {
  await ensureSiteBuiltLocked();
  return defaultDistDir();
}

/** Serves the built site on a free port. */
export async function serveSite(dist: string): Promise<{ server: Server; origin: string }> {
  const server = await serve(dist, 0);
  const { port } = server.address() as AddressInfo;
  return { server, origin: `http://127.0.0.1:${port}` };
}
