/**
 * Every page a finding links to, in one table so the targets are easy to adjust. URLs follow
 * shared/design.md: scenario steps are `#fix-<step id>`, admin checklist items are `#<item id>`.
 */
import { checklistUrl, stepUrl } from "../model/urls.ts";

export interface LinkTarget {
  href: string;
  /** Link text. */
  title: string;
}

const step = (id: string): string => stepUrl("caa50021", "onedrive", id);
const item = (id: string): string => checklistUrl("caa50021", id);

export const LINKS = {
  // Steps of the CAA50021 OneDrive scenario.
  checkDeviceRegistration: { href: step("check-device-registration"), title: "Check the device registration" },
  checkAccessWorkOrSchool: { href: step("check-access-work-or-school"), title: "Check Access work or school" },
  cleanupWamAccounts: { href: step("cleanup-wam-accounts"), title: "Clean up the Windows sign-in accounts" },
  // Items of the CAA50021 admin checklist.
  deviceObjectState: { href: item("device-object-state"), title: "Admin: the device object in Entra" },
  deviceSettings: { href: item("device-settings"), title: "Admin: device settings" },
  conditionalAccess: { href: item("conditional-access"), title: "Admin: Conditional Access" },
  networkEndpoints: { href: item("network-endpoints"), title: "Admin: network endpoints and proxy" },
  dualState: { href: item("dual-state"), title: "Admin: registered and hybrid joined at once" },
  prtHealth: { href: item("prt-health"), title: "Admin: primary refresh token health" },
  hybridJoinDiagnostics: { href: item("hybrid-join-diagnostics"), title: "Admin: hybrid join diagnostics" },
  leaveRejoin: { href: item("leave-rejoin"), title: "Admin: leave and rejoin" },
} as const satisfies Record<string, LinkTarget>;

