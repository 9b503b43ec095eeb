/**
 * Evidence → the diagnostic's facts, only where the paste supports them, each with the lines
 * it rests on. Every fact not listed stays unknown; `unknown` says why for the ones people expect.
 *
 * - `hybridJoined`: true for AzureAdJoined YES + DomainJoined YES; false when Device State shows
 *   AzureAdJoined NO or DomainJoined NO; unknown otherwise (including contradictory output).
 * - `managed`: true on a device joined to Microsoft Entra ID (AzureAdJoined YES), hybrid or not:
 *   the design counts an Entra-joined or hybrid-joined device as the organisation's device for
 *   every safety rule (issue 21). Never false from this output: MDM URLs describe the tenant's
 *   enrollment settings, not this device, and no field proves a device is unmanaged. A work
 *   account merely registered on the PC (WorkplaceJoined YES) is not management: its cause says so.
 * - `windowsServer`, `isAdmin`: no field of `dsregcmd /status` proves either.
 */
import type { FactName, FactValue, Facts } from "../../model/facts.ts";
import { factsFromEvidence, type FactSupport, type FactsFromEvidence, type UnknownFact } from "../facts.ts";
import { deriveDsregcmdState, type DsregcmdState } from "./derive.ts";
import type { DsregcmdEvidence } from "./parse.ts";

/** The facts this evidence supports, each with its lines; pure. */
export function toFacts(evidence: DsregcmdEvidence, state: DsregcmdState = deriveDsregcmdState(evidence)): FactsFromEvidence {
  const facts: Facts = {};
  const support: FactSupport[] = [];
  const unknown: UnknownFact[] = [];
  const set = (fact: FactName, value: FactValue, lines: number[], because: string) => {
    facts[fact] = value;
    support.push({ fact, value, lines, because });
  };

  const { azureAdJoined: a, domainJoined: d } = evidence.deviceState;
  const join = state.joinType;
  const joinLines = join.lines.length > 0 ? { lines: join.lines } : {};
  if (join.value === "hybrid-joined") {
    set("hybridJoined", true, join.lines, join.reason);
  } else if (join.value !== "unknown") {
    set("hybridJoined", false, join.lines, join.reason);
  } else if (a?.value === false) {
    set("hybridJoined", false, [a.line], "AzureAdJoined NO");
  } else if (d?.value === false) {
    set("hybridJoined", false, [d.line], "DomainJoined NO");
  } else {
    unknown.push({ fact: "hybridJoined", cause: join.reason, ...joinLines });
  }

  if (facts.hybridJoined === true) {
    set("managed", true, join.lines, "hybrid joined, which Fixpath counts as a managed device");
  } else if (join.value === "entra-joined") {
    set("managed", true, join.lines, "joined to Microsoft Entra ID (AzureAdJoined YES), which makes it your organisation's device");
  } else if (join.value === "registered") {
    unknown.push({
      fact: "managed",
      cause: "a work account registered on this PC (WorkplaceJoined YES) lets apps sign in with it, but does not put the PC under your organisation's management",
      ...joinLines,
    });
  } else {
    unknown.push({
      fact: "managed",
      cause: "MDM URLs show the tenant's enrollment settings, not whether this device is enrolled, and no field of dsregcmd /status shows Intune enrollment, BitLocker or Company Portal",
    });
  }
  unknown.push({ fact: "windowsServer", cause: "dsregcmd /status does not print the Windows edition" });
  unknown.push({ fact: "isAdmin", cause: "an elevated run can use someone else's administrator password" });
  return factsFromEvidence(facts, support, unknown);
}
