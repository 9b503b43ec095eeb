import type { FastifyInstance } from "fastify";
import type { KnowledgeBase } from "../../../src/model/index.ts";
import { createServer, type CreateServerOptions } from "../../../src/server/index.ts";
import { loadProjectKb } from "../../helpers/kb.ts";

let kb: KnowledgeBase | undefined;
/** The project's knowledge base, loaded once per test file. */
export function projectKb(): KnowledgeBase {
  kb ??= loadProjectKb();
  return kb;
}

/** A fixed clock: 2026-03-14 at 23:59:59 UTC (a day boundary is near, on purpose). */
export const FIXED_NOW = new Date("2026-03-14T23:59:59.000Z");

/** createServer with the project KB, a fixed clock and no rate limit unless given. */
export async function testServer(options: Partial<CreateServerOptions> & Pick<CreateServerOptions, "db">): Promise<FastifyInstance> {
  return createServer({ kb: projectKb(), now: () => FIXED_NOW, rateLimit: false, logError: () => {}, ...options });
}

/** POSTs `body` as JSON (objects are serialised; strings are sent as they are). */
export async function postJson(app: FastifyInstance, url: string, body: unknown, headers: Record<string, string> = {}) {
  return app.inject({ method: "POST", url, payload: typeof body === "string" ? body : JSON.stringify(body), headers: { "content-type": "application/json", ...headers } });
}

/** The issue codes of an error response. */
export function issueCodes(res: { json(): unknown }): string[] {
  const body = res.json() as { issues?: { code: string }[] };
  return (body.issues ?? []).map((i) => i.code);
}
