/**
 * The hand-over to IT: where the report goes, in the words and links a person needs. Pure: the
 * site and the CLI pass the organisation's contact (`fixpath.config.yaml` → `it`) and the report
 * text they already rendered.
 *
 * A `mailto:` link carries the report in its body, but mail clients take only so much: the link is
 * cut to `MAILTO_MAX` characters at a line boundary, and the body then says that the full report
 * is in the file the page downloaded beside it.
 */
import type { ItContact } from "../model/config.ts";

/** The longest `mailto:` link made, in characters: under what common mail clients and browsers accept (about 2,000). */
export const MAILTO_MAX = 1900;

export interface Handover {
  /** "Contoso Service Desk". */
  team: string;
  /** The ways to reach the team, in words, for screens and the text report ("Phone: +44 …"). */
  lines: string[];
  /** `mailto:` with subject and as much of the report as fits; absent without an e-mail address. */
  mailto?: string;
  /** Whether the mail body holds only part of the report (the full one is downloaded beside it). */
  cut: boolean;
  /** The ticket page, to open with the report copied. */
  ticketUrl?: string;
}

export interface HandoverInput {
  it: ItContact;
  /** The subject line, e.g. "CAA50021 in OneDrive: not fixed by the self-help steps". */
  subject: string;
  /** The redacted report as plain text or Markdown. */
  report: string;
  /** The name of the file the full report is saved as, for the note when the body is cut. */
  fileName: string;
}

/** How to hand over to the organisation's IT team. */
export function renderHandover(input: HandoverInput): Handover {
  const { it } = input;
  const lines: string[] = [];
  if (it.email) lines.push(`E-mail: ${it.email}`);
  if (it.ticketUrl) lines.push(`Tickets: ${it.ticketUrl}`);
  if (it.phone) lines.push(`Phone: ${it.phone}`);
  if (it.hours) lines.push(`Hours: ${it.hours}`);
  const out: Handover = { team: it.name, lines, cut: false };
  if (it.ticketUrl) out.ticketUrl = it.ticketUrl;
  if (it.email) Object.assign(out, mailtoFor(it.email, input));
  return out;
}

function mailtoFor(email: string, input: HandoverInput): { mailto: string; cut: boolean } {
  const head = `mailto:${encodeURIComponent(email).replace(/%40/g, "@")}?subject=${encodeURIComponent(input.subject)}&body=`;
  const whole = head + encodeURIComponent(input.report);
  if (whole.length <= MAILTO_MAX) return { mailto: whole, cut: false };
  const note = `\n\n[The report is longer than an e-mail link can carry. The full report is in the file ${input.fileName}, saved when you pressed Send to IT: please attach it.]`;
  const room = MAILTO_MAX - head.length - encodeURIComponent(note).length;
  const kept: string[] = [];
  let used = 0;
  for (const line of input.report.split("\n")) {
    const cost = encodeURIComponent((kept.length ? "\n" : "") + line).length;
    if (used + cost > room) break;
    kept.push(line);
    used += cost;
  }
  return { mailto: head + encodeURIComponent(kept.join("\n") + note), cut: true };
}
