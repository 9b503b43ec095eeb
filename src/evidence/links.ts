/**
 * Every page a finding links to, in one table so the targets are easy to adjust. URLs follow
 * shared/design.md: scenario steps are `#fix-<step id>`, admin checklist items are `#<item id>`.
 */

export interface LinkTarget {
  href: string;
  /** Link text. */
  title: string;
}

const ONEDRIVE = "/codes/caa50021/onedrive/";
const ADMIN = "/codes/caa50021/admin/";

export const LINKS = {
  // Steps of the CAA50021 OneDrive scenario.
  checkDeviceRegistration: { href: `${ONEDRIVE}#fix-check-device-registration`, title: "Check the device registration" },
  checkAccessWorkOrSchool: { href: `${ONEDRIVE}#fix-check-access-work-or-school`, title: "Check Access work or school" },
  cleanupWamAccounts: { href: `${ONEDRIVE}#fix-cleanup-wam-accounts`, title: "Clean up the Windows sign-in accounts" },
  // Items of the CAA50021 admin checklist.
  deviceObjectState: { href: `${ADMIN}#device-object-state`, title: "Admin: the device object in Entra" },
  deviceSettings: { href: `${ADMIN}#device-settings`, title: "Admin: device settings" },
  conditionalAccess: { href: `${ADMIN}#conditional-access`, title: "Admin: Conditional Access" },
  networkEndpoints: { href: `${ADMIN}#network-endpoints`, title: "Admin: network endpoints and proxy" },
  dualState: { href: `${ADMIN}#dual-state`, title: "Admin: registered and hybrid joined at once" },
  prtHealth: { href: `${ADMIN}#prt-health`, title: "Admin: primary refresh token health" },
  hybridJoinDiagnostics: { href: `${ADMIN}#hybrid-join-diagnostics`, title: "Admin: hybrid join diagnostics" },
  leaveRejoin: { href: `${ADMIN}#leave-rejoin`, title: "Admin: leave and rejoin" },
} as const satisfies Record<string, LinkTarget>;

export type LinkId = keyof typeof LINKS;
