import { describe, expect, it } from "vitest";
import { LINKS } from "../../src/evidence/index.ts";

// The admin checklist's item ids and the OneDrive scenario's step ids, as the design fixes them.
const ADMIN_ITEMS = ["device-object-state", "device-settings", "licences", "conditional-access", "onedrive-sync-conditional-access", "sign-in-logs", "network-endpoints", "security-software", "dual-state", "prt-health", "hybrid-join-diagnostics", "leave-rejoin"];
const ONEDRIVE_STEPS = ["clean-restart", "unlink-work-account", "cleanup-wam-accounts", "check-access-work-or-school", "repair-onedrive", "reset-onedrive", "clear-credential-manager", "update-onedrive", "check-device-registration"];

describe("link targets", () => {
  it.each(Object.entries(LINKS))("%s points at an existing step or checklist item", (_, link) => {
    const step = /^\/codes\/caa50021\/onedrive\/#fix-([a-z-]+)$/.exec(link.href);
    const item = /^\/codes\/caa50021\/admin\/#([a-z-]+)$/.exec(link.href);
    if (step) expect(ONEDRIVE_STEPS).toContain(step[1]);
    else if (item) expect(ADMIN_ITEMS).toContain(item[1]);
    else expect.fail(`not a step or checklist URL: ${link.href}`);
    expect(link.title.length).toBeGreaterThan(0);
  });
});
