/**
 * How a person finds out an answer they said they don't know ("I don't know" turns into help,
 * issue 21): the ways beyond the question's own help, in words, one table for the site and the
 * CLI. The evidence bundle settles the facts listed in `src/evidence/bundle/to-facts.ts`
 * (`BUNDLE_FACTS`); `dsregcmd /status` alone settles the join (`src/evidence/dsregcmd/to-facts.ts`).
 */
import type { FactName } from "../model/index.ts";

/** A way to find out, in words; `analyzer` marks the one that pastes evidence into Fixpath's analyzer. */
export interface FindOutWay {
  text: string;
  analyzer?: true;
}

const ASK_IT: FindOutWay = { text: "Ask your IT team or helpdesk: they can tell, and the report lists what you have done so far." };

const WAYS: Partial<Record<FactName, readonly FindOutWay[]>> = {
  managed: [
    {
      text: "Run the read-only evidence bundle and paste its output into Fixpath's analyzer: a PC joined to Microsoft Entra ID (hybrid joined or not), an Intune enrollment or the Company Portal app settles it, and the analyzer shows the line it read.",
      analyzer: true,
    },
    ASK_IT,
  ],
  hybridJoined: [
    {
      text: "Run `dsregcmd /status` (or the evidence bundle) and paste the output into Fixpath's analyzer: `DomainJoined : YES` together with `AzureAdJoined : YES` under Device State means hybrid joined.",
      analyzer: true,
    },
    ASK_IT,
  ],
  isAdmin: [
    { text: "Run the read-only evidence bundle from an ordinary window and paste its output into Fixpath's analyzer: it reads your group memberships.", analyzer: true },
    ASK_IT,
  ],
  windowsServer: [
    { text: "Press Win+R, type `winver` and press Enter: the window names the edition. The evidence bundle reads it too.", analyzer: true },
    ASK_IT,
  ],
  multipleUsersAffected: [{ text: "Ask a colleague who uses the same app, or your IT team, whether they see the same error today." }],
};

/** The ways to find out a fact, beyond its question's help: the analyzer where evidence settles it, and IT. */
export function findOutWays(fact: FactName): readonly FindOutWay[] {
  return WAYS[fact] ?? [ASK_IT];
}
