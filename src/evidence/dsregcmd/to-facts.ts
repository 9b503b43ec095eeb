/**
 * Evidence → the diagnostic's facts, only where the paste supports them, each with the lines
 * it rests on. Every fact not listed stays unknown; `notes` say why for the ones people expect.
 *
 * - `hybridJoined`: true for AzureAdJoined YES + DomainJoined YES; false when Device State shows
 *   AzureAdJoined NO or DomainJoined NO; unknown otherwise (including contradictory output).
 * - `managed`: true on a device joined to Microsoft Entra ID (AzureAdJoined YES), hybrid or not:
 *   the design counts an Entra-joined or hybrid-joined device as the organisation's device for
 *   every safety rule (issue 21). Never false from this output: MDM URLs describe the tenant's
 *   enrollment settings, not this device, and no field proves a device is unmanaged. A work
 *   account merely registered on the PC (WorkplaceJoined YES) is not management: a note says so.
 * - `windowsServer`, `isAdmin`: no field of `dsregcmd /status` proves either.
 */
import type { FactName, FactValue, Facts } from "../../model/facts.ts";
import { deriveDsregcmdState, type DsregcmdState } from "./derive.ts";
import type { DsregcmdEvidence } from "./parse.ts";

export interface FactSupport {
  fact: FactName;
  value: FactValue;
  lines: number[];
  because: string;
}

export interface FactsFromEvidence {
  facts: Facts;
  support: FactSupport[];
  /** Why facts people might expect stay unknown. */
  notes: string[];
}

/** The facts this evidence supports, each with its lines; pure. */
export function toFacts(evidence: DsregcmdEvidence, state: DsregcmdState = deriveDsregcmdState(evidence)): FactsFromEvidence {
  const facts: Facts = {};
  const support: FactSupport[] = [];
  const notes: string[] = [];
  const set = (fact: FactName, value: FactValue, lines: number[], because: string) => {
    facts[fact] = value;
    support.push({ fact, value, lines, because });
  };

  const { azureAdJoined: a, domainJoined: d } = evidence.deviceState;
  const join = state.joinType;
  if (join.value === "hybrid-joined") {
    set("hybridJoined", true, join.lines, join.reason);
  } else if (join.value !== "unknown") {
    set("hybridJoined", false, join.lines, join.reason);
  } else if (a?.value === false) {
    set("hybridJoined", false, [a.line], "AzureAdJoined NO");
  } else if (d?.value === false) {
    set("hybridJoined", false, [d.line], "DomainJoined NO");
  } else {
    notes.push(`Hybrid join stays unknown: ${join.reason}.`);
  }

  if (facts.hybridJoined === true) {
    set("managed", true, join.lines, "hybrid joined, which Fixpath counts as a managed device");
  } else if (join.value === "entra-joined") {
    set("managed", true, join.lines, "joined to Microsoft Entra ID (AzureAdJoined YES), which makes it your organisation's device");
  } else if (join.value === "registered") {
    notes.push(
      "Whether the device is managed stays unknown: a work account registered on this PC (WorkplaceJoined YES) lets apps sign in with it, but does not put the PC under your organisation's management.",
    );
  } else {
    notes.push(
      "Whether the device is managed stays unknown: MDM URLs show the tenant's enrollment settings, not whether this device is enrolled, and no field of dsregcmd /status shows Intune enrollment, BitLocker or Company Portal.",
    );
  }
  notes.push("Windows Server or not stays unknown: dsregcmd /status does not print the Windows edition.");
  notes.push("Administrator rights stay unknown: an elevated run can use someone else's administrator password.");
  return { facts, support, notes };
}
