/**
 * Sessions in the browser's localStorage: one per code and app (`fixpath:session:<code>:<app>`),
 * written after every answer and every step outcome, and a pointer to the one used last, so the
 * diagnostic can offer to continue wherever it is opened. Storage can be unavailable (private
 * mode): the diagnostic then works without resuming.
 */
import type { App } from "../../../../src/model/index.ts";
import { parseSession, type Session } from "../../../../src/engine/session.ts";
import { sessionKey } from "../../lib/answers-url.ts";

const LAST_KEY = "fixpath:last-session";

/** The saved session for this code and app, if it is readable and has anything in it. */
export function readStored(code: string, app: string): Session | undefined {
  try {
    const text = localStorage.getItem(sessionKey(code, app));
    if (!text) return undefined;
    const parsed = parseSession(text);
    if (parsed.ok && parsed.session.code === code && parsed.session.app === app) return started(parsed.session) ? parsed.session : undefined;
    localStorage.removeItem(sessionKey(code, app));
  } catch {
    // Unavailable storage: nothing to resume.
  }
  return undefined;
}

/** Saves a session and, once it holds an answer, remembers it as the one used last. */
export function saveSession(session: Session): void {
  try {
    localStorage.setItem(sessionKey(session.code, session.app), JSON.stringify(session));
    if (started(session)) localStorage.setItem(LAST_KEY, JSON.stringify({ code: session.code, app: session.app }));
  } catch {
    // See readStored.
  }
}

/** The session used last on this device (for the plain `/diagnose/` page), if it can be continued. */
export function lastSession(): { code: string; app: App; session: Session } | undefined {
  try {
    const last = JSON.parse(localStorage.getItem(LAST_KEY) ?? "null") as { code?: unknown; app?: unknown } | null;
    if (!last || typeof last.code !== "string" || typeof last.app !== "string") return undefined;
    const session = readStored(last.code, last.app);
    return session ? { code: session.code, app: session.app, session } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether a session holds anything worth continuing. */
function started(session: Session): boolean {
  return session.history.length > 0 || Object.keys(session.facts).length > 0;
}
