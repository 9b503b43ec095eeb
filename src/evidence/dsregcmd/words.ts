/**
 * The derived device states in words: one table per state type, for every surface that shows them
 * (the IT report, the bundle's device card, two captures compared, the analyzer page, the CLI).
 * Typed by the state's values, so a new value without words does not compile. Pure.
 */
import type { JoinType, PrtState } from "./derive.ts";

/** The join type, as a phrase that reads inside a sentence ("The device is …" / "Join type: …"). */
export const JOIN_WORDS: Record<JoinType, string> = {
  "entra-joined": "Microsoft Entra joined",
  "hybrid-joined": "Microsoft Entra hybrid joined",
  registered: "Microsoft Entra registered (a work account added to Windows)",
  "domain-joined-only": "joined to an on-premises domain only",
  "on-premises-drs-joined": "joined through an on-premises device registration service",
  "not-joined": "not joined to an organisation or registered",
  unknown: "not known from the paste",
};

/** The primary refresh token's state. */
export const PRT_WORDS: Record<PrtState["value"], string> = {
  present: "present",
  missing: "missing",
  failed: "the last attempt to get one failed",
  unknown: "not known from the paste",
};

/** The words with a capital first letter, for a value that stands alone (a card row). */
export function capitalised(words: string): string {
  return words.charAt(0).toUpperCase() + words.slice(1);
}
