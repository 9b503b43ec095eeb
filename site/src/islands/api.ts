/**
 * The islands' calls to the outcomes API. Every call fails silently: a static copy of the site
 * has no API, and nothing a person does should stop working or show an error because of that.
 */
import { statsTexts } from "../lib/outcomes.ts";

/**
 * Sends a JSON body; failures are ignored (resolves to whether the server took it). `keepalive`
 * lets it finish when the person leaves the page right after (as a beacon would, with the body
 * visible to dev tools).
 */
export function postJson(url: string, body: object): Promise<boolean> {
  return fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body), keepalive: true }).then(
    (res) => res.ok,
    () => false,
  );
}

/**
 * `GET /api/stats/<code>/<app>` as step id → "Fixed it for N of M who tried it" (steps below the
 * threshold left out), or undefined when there is no API (a static copy) or it failed. The one
 * request also tells the diagnostic whether outcomes can be sent at all.
 */
export async function fetchStats(code: string, app: string): Promise<Map<string, string> | undefined> {
  try {
    const res = await fetch(`/api/stats/${encodeURIComponent(code)}/${encodeURIComponent(app)}`, { headers: { accept: "application/json" } });
    if (!res.ok || !(res.headers.get("content-type") ?? "").includes("application/json")) return undefined;
    return statsTexts(await res.json());
  } catch {
    return undefined;
  }
}
