/**
 * The parts of the diagnostic that the first question does not need, each a chunk of its own
 * (`import()`; site/src/lib/islands-fs.ts splits the bundle there): the step card with "Did this
 * fix it?", its capture check and the reason question (step.ts), "find out first"
 * (find-out.ts), how a diagnostic ends (ends.ts, which fetches the report panel and the
 * hand-over, `diagnose-end.ts`, when it shows), the choice between the person's answer and the
 * analyzer's (conflict.ts), the code and app pickers (pick.ts), and the engine's reader of
 * stored sessions and findings (reader.ts: src/engine/session-parse.ts with zod/mini), fetched
 * at start when there is one to read. The comparison of two captures is an island of its own
 * (`diagnose-check`, verify.ts).
 *
 * A view that needs a part not loaded yet keeps the screen as it is until the part is in (no
 * flash; the session is saved before). Once the first view is on screen, the parts every
 * diagnostic goes on to (step, find out, ends) are fetched while the browser is idle, so, as
 * before the split, the diagnostic goes on without a connection once the page has loaded.
 *
 * Each part imports the island (`import "../diagnose.ts"`) although it only runs after it:
 * esbuild puts a file in a chunk by which entries reach it, so without that line every
 * combination of parts sharing a file would make one more chunk for the first load to fetch.
 * With it, the first load is the entry and one chunk, and the code a part shares with the island
 * is never fetched twice (one module, one URL).
 */
import type * as ConflictPart from "./conflict.ts";
import type * as EndsPart from "./ends.ts";
import type * as FindOutPart from "./find-out.ts";
import type * as PickPart from "./pick.ts";
import type * as StepPart from "./step.ts";
import type * as ParsePart from "./reader.ts";
import type * as EndBundle from "../diagnose-end.ts";

export interface Part<T> {
  /** The part's module, once it is loaded. */
  module: T | undefined;
  /** Loads the part (once; after a failure, the next call tries again). */
  load(): Promise<T>;
}

function part<T>(importer: () => Promise<T>): Part<T> {
  let pending: Promise<T> | undefined;
  const p: Part<T> = {
    module: undefined,
    load() {
      pending ??= importer().then(
        (m) => (p.module = m),
        (e: unknown) => {
          pending = undefined;
          throw e;
        },
      );
      return pending;
    },
  };
  return p;
}

export const stepPart: Part<typeof StepPart> = part(() => import("./step.ts"));
export const findOutPart: Part<typeof FindOutPart> = part(() => import("./find-out.ts"));
export const endsPart: Part<typeof EndsPart> = part(() => import("./ends.ts"));
export const conflictPart: Part<typeof ConflictPart> = part(() => import("./conflict.ts"));
export const pickPart: Part<typeof PickPart> = part(() => import("./pick.ts"));
/** The report panel and the hand-over (`diagnose-end.ts`): fetched when a diagnostic ends (ends.ts). */
export const endPart: Part<typeof EndBundle> = part(() => import("../diagnose-end.ts"));
/** The session reader (zod/mini): for a stored session or the analyzer's findings, at start. */
export const parsePart: Part<typeof ParsePart> = part(() => import("./reader.ts"));

let warmed = false;

/** Fetches the parts every diagnostic goes on to, once, when the browser is idle. */
export function warmParts(): void {
  if (warmed) return;
  warmed = true;
  const go = (): void => {
    for (const p of [stepPart, findOutPart, endsPart] as Part<unknown>[]) void p.load().catch(() => undefined);
  };
  if (typeof requestIdleCallback === "function") requestIdleCallback(go, { timeout: 2000 });
  else setTimeout(go, 200);
}
