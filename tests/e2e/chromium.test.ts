// Which Chromium the browser tests run (tests/helpers/chromium.ts): the choice order, and the npm
// package's Chromium really launching and rendering, so a machine without a system Chromium works.
import { chromium } from "playwright-core";
import { describe, expect, it } from "vitest";
import { chooseChromium, resolveChromium, SYSTEM_CHROMIUM } from "../helpers/chromium.ts";

const files = (...present: string[]) => (path: string) => present.includes(path);

describe("chooseChromium", () => {
  it.each<[string, Record<string, string | undefined>, string[], { source: string; path?: string }]>([
    ["CHROME_PATH first, even with a system Chromium", { CHROME_PATH: "/opt/chrome/chrome" }, ["/opt/chrome/chrome", SYSTEM_CHROMIUM], { source: "CHROME_PATH", path: "/opt/chrome/chrome" }],
    ["the system Chromium when CHROME_PATH is unset", {}, [SYSTEM_CHROMIUM], { source: "system", path: SYSTEM_CHROMIUM }],
    ["the system Chromium when CHROME_PATH is blank", { CHROME_PATH: "  " }, [SYSTEM_CHROMIUM], { source: "system", path: SYSTEM_CHROMIUM }],
    ["the npm package when there is no system Chromium", {}, [], { source: "npm package" }],
    ["the npm package when the system one is hidden", { FIXPATH_NO_SYSTEM_CHROMIUM: "1" }, [SYSTEM_CHROMIUM], { source: "npm package" }],
    ["CHROME_PATH even when the system one is hidden", { CHROME_PATH: "/opt/c", FIXPATH_NO_SYSTEM_CHROMIUM: "1" }, ["/opt/c"], { source: "CHROME_PATH", path: "/opt/c" }],
  ])("%s", (_name, env, present, expected) => {
    expect(chooseChromium(env, files(...present))).toEqual(expected);
  });

  it("looks for the system Chromium where it is told to", () => {
    expect(chooseChromium({}, files("/usr/lib/chromium/chromium"), "/usr/lib/chromium/chromium")).toEqual({ source: "system", path: "/usr/lib/chromium/chromium" });
    expect(chooseChromium({}, files(SYSTEM_CHROMIUM), "/nowhere/chromium")).toEqual({ source: "npm package" });
  });

  it("refuses a CHROME_PATH that names no file, saying how to fix it", () => {
    expect(() => chooseChromium({ CHROME_PATH: "/nope/chrome" }, files(SYSTEM_CHROMIUM))).toThrow(/CHROME_PATH is \/nope\/chrome, but there is no file there\. Fix: point CHROME_PATH at/);
  });
});

describe("the npm package's Chromium (what a machine without one gets)", () => {
  it("launches under playwright-core and runs a page's script", async () => {
    const found = await resolveChromium({ FIXPATH_NO_SYSTEM_CHROMIUM: "1" });
    expect(found.source).toBe("npm package");
    expect(found.executablePath).not.toBe(SYSTEM_CHROMIUM);
    const browser = await chromium.launch({ executablePath: found.executablePath, args: found.args, headless: true });
    try {
      const page = await browser.newPage();
      await page.setContent(`<p id="out">waiting</p><script>document.getElementById("out").textContent = "ran " + (6 * 7);</script>`);
      expect(await page.textContent("#out")).toBe("ran 42");
    } finally {
      await browser.close();
    }
  }, 120_000);
});
