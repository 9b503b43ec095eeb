/**
 * What the analyzer found on this device, carried to the next diagnostic opened in the same
 * browser for the IT report (the findings describe the PC, whichever guide runs). Kept in this
 * browser's storage only, never sent, and taken once.
 */
import type { FindingGroup } from "../../../src/engine/session.ts";

const KEY = "fixpath:analyzer-findings";

/** Keeps `group` for the next diagnostic opened in this browser. */
export function saveHandoff(group: FindingGroup): void {
  try {
    localStorage.setItem(KEY, JSON.stringify(group));
  } catch {
    /* storage full or off: the report then goes without the findings */
  }
}

/** The findings kept by the analyzer, removed as they are taken. */
export function takeHandoff(): FindingGroup | undefined {
  try {
    const raw = localStorage.getItem(KEY);
    if (!raw) return undefined;
    localStorage.removeItem(KEY);
    return JSON.parse(raw) as FindingGroup;
  } catch {
    return undefined;
  }
}
