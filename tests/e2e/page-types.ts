/** One URL for every page type of the site, for the tests that visit them all. */
export const PAGE_TYPES: [name: string, path: string][] = [
  ["home", "/"],
  ["hub", "/codes/caa50021/"],
  ["scenario", "/codes/caa50021/onedrive/"],
  ["checklist", "/codes/caa50021/admin/"],
  ["diagnose", "/diagnose/?code=caa50021&app=onedrive"],
  ["analyze", "/analyze/"],
  ["not-found", "/no-such-page/"],
];
