/** One URL for every page type of the site, for the tests that visit them all. */
export const PAGE_TYPES: [name: string, path: string][] = [
  ["home", "/"],
  ["hub", "/codes/caa50021/"],
  ["scenario", "/codes/caa50021/onedrive/"],
  ["checklist", "/codes/caa50021/admin/"],
  ["diagnose", "/diagnose/?code=caa50021&app=onedrive"],
  ["analyze", "/analyze/"],
  // A mistyped code in the address: the 404 page offers the code one slip away.
  ["not-found", "/codes/caa5002l/"],
];
