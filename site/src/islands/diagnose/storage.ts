/**
 * Sessions in the browser's localStorage: one per code and app (`fixpath:session:<code>:<app>`),
 * written after every answer and every step outcome, and a pointer to the one used last, so the
 * diagnostic can offer to continue wherever it is opened. Storage can be unavailable (private
 * mode): the diagnostic then works without resuming. A stored session is read with zod/mini
 * (src/engine/session-parse.ts), a part fetched only when there is one (parts.ts).
 */
import type { App } from "../../../../src/model/index.ts";
import type { Session, SessionResult } from "../../../../src/engine/session.ts";
import { sessionKey } from "../../lib/answers-url.ts";
import { checkedAnswers, EMPTY_STORE, type SettledStore } from "../../lib/settled.ts";
import { FACT_NAMES } from "../../../../src/model/index.ts";
import { parsePart } from "./parts.ts";

const LAST_KEY = "fixpath:last-session";

/** The saved session's text for this code and app, if any. */
function storedText(code: string, app: string): string | undefined {
  try {
    return localStorage.getItem(sessionKey(code, app)) ?? undefined;
  } catch {
    // Unavailable storage: nothing to resume.
    return undefined;
  }
}

/** Whether a session is saved for this code and app (`readStored` reads it, once the reader is in). */
export function hasStored(code: string, app: string): boolean {
  return storedText(code, app) !== undefined;
}

/**
 * The saved session for this code and app, if it is readable and has anything in it, read with
 * the session reader (`parseSession` of parts.ts's `parsePart`, fetched by the caller first, so
 * the storage is read as it is after the fetch).
 */
export function readStored(code: string, app: string, parseSession: (text: string) => SessionResult): Session | undefined {
  const text = storedText(code, app);
  if (!text) return undefined;
  const parsed = parseSession(text);
  if (parsed.ok && parsed.session.code === code && parsed.session.app === app) return started(parsed.session) ? parsed.session : undefined;
  try {
    localStorage.removeItem(sessionKey(code, app));
  } catch {
    // See storedText.
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

/**
 * The session used last on this device (for the plain `/diagnose/` page), if it can be continued;
 * fetches the session reader when there is one. Rejects when the reader cannot be fetched (the
 * saved sessions are left as they are).
 */
export async function lastSession(): Promise<{ code: string; app: App; session: Session } | undefined> {
  const read = (): { code: string; app: string } | undefined => {
    try {
      const last = JSON.parse(localStorage.getItem(LAST_KEY) ?? "null") as { code?: unknown; app?: unknown } | null;
      return last && typeof last.code === "string" && typeof last.app === "string" ? { code: last.code, app: last.app } : undefined;
    } catch {
      return undefined;
    }
  };
  const before = read();
  if (!before || !hasStored(before.code, before.app)) return undefined;
  const { parseSession } = await parsePart.load();
  const last = read();
  const session = last && readStored(last.code, last.app, parseSession);
  return session ? { code: session.code, app: session.app, session } : undefined;
}

/** Whether a session holds anything worth continuing. */
function started(session: Session): boolean {
  return session.history.length > 0 || Object.keys(session.facts).length > 0;
}

/** The browser storage key of what came from outside a session (the analyzer, a link) and the differences waiting for the person. */
function settledKey(code: string, app: string): string {
  return `fixpath:settled:${code}:${app}`;
}

/** The settled answers kept beside a session (where each came from); empty when none or unreadable. */
export function readSettled(code: string, app: string): SettledStore {
  try {
    const data = JSON.parse(localStorage.getItem(settledKey(code, app)) ?? "null") as { facts?: unknown; conflicts?: unknown } | null;
    if (!data) return EMPTY_STORE;
    const facts = checkedAnswers(data.facts);
    const conflicts = Array.isArray(data.conflicts) ? FACT_NAMES.filter((f) => (data.conflicts as unknown[]).includes(f) && facts[f] !== undefined) : [];
    return { facts, conflicts };
  } catch {
    return EMPTY_STORE;
  }
}

/** Keeps the settled answers beside the session (removed when there are none). */
export function saveSettled(code: string, app: string, store: SettledStore): void {
  try {
    if (Object.keys(store.facts).length === 0) localStorage.removeItem(settledKey(code, app));
    else localStorage.setItem(settledKey(code, app), JSON.stringify(store));
  } catch {
    // See readStored.
  }
}
