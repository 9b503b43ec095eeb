/**
 * The engine's reader of what comes from outside a session (a stored session, the analyzer's
 * findings), with zod/mini: a part of its own (parts.ts), fetched at start when there is one.
 */
import "../diagnose.ts"; // loaded after the island: keeps its code in one chunk (parts.ts)
export { attachFindings, parseSession } from "../../../../src/engine/session-parse.ts";
