// Node-only: which Chromium the browser tests and the Lighthouse bench run, so `npm test` works on
// a bare machine. One place decides, in this order:
//   1. CHROME_PATH, when set (it must name a file);
//   2. Debian's /usr/bin/chromium, when present (FIXPATH_NO_SYSTEM_CHROMIUM=1 hides it, to try 3);
//   3. the Chromium shipped inside the @sparticuz/chromium devDependency (its binary is in the
//      package and is unpacked into the temp folder on first use; nothing is downloaded).
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { existsSync } from "node:fs";

/** Debian's Chromium (`apt-get install -y chromium`). */
export const SYSTEM_CHROMIUM = "/usr/bin/chromium";

/** Where the Chromium comes from. */
export type ChromiumSource = "CHROME_PATH" | "system" | "npm package";

export interface ChromiumChoice {
  source: ChromiumSource;
  /** The executable (for the npm package: known only once it is unpacked). */
  path?: string;
}

/** Flags every browser test launches with (headless on a shared machine, no network chatter). */
export const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"] as const;

/**
 * The choice alone, without unpacking anything: CHROME_PATH, else the system Chromium when it
 * exists (unless FIXPATH_NO_SYSTEM_CHROMIUM=1), else the npm package. Throws when CHROME_PATH
 * names no file, since the person asked for that one.
 */
export function chooseChromium(env: Record<string, string | undefined>, exists: (path: string) => boolean = existsSync, systemPath: string = SYSTEM_CHROMIUM): ChromiumChoice {
  const wanted = env.CHROME_PATH?.trim();
  if (wanted) {
    if (!exists(wanted)) throw new Error(`CHROME_PATH is ${wanted}, but there is no file there. Fix: point CHROME_PATH at a Chromium or Chrome executable, or unset it to use ${systemPath} or the Chromium of the @sparticuz/chromium package.`);
    return { source: "CHROME_PATH", path: wanted };
  }
  if (env.FIXPATH_NO_SYSTEM_CHROMIUM !== "1" && exists(systemPath)) return { source: "system", path: systemPath };
  return { source: "npm package" };
}

export interface ResolvedChromium {
  source: ChromiumSource;
  executablePath: string;
  /** Launch flags: CHROMIUM_ARGS, plus what the packaged build needs. */
  args: string[];
}

/** The Chromium to launch: `chooseChromium`, unpacking the npm package's build when it is the one. */
export async function resolveChromium(env: Record<string, string | undefined> = process.env): Promise<ResolvedChromium> {
  const choice = chooseChromium(env);
  if (choice.path) return { source: choice.source, executablePath: choice.path, args: [...CHROMIUM_ARGS] };
  const { default: packaged } = await import("@sparticuz/chromium");
  let executablePath: string;
  try {
    executablePath = await packaged.executablePath();
  } catch (e) {
    throw new Error(`no Chromium found: CHROME_PATH is not set, ${SYSTEM_CHROMIUM} is missing, and the @sparticuz/chromium package could not unpack its build (${e instanceof Error ? e.message : String(e)}). Fix: run npm install, or apt-get install -y chromium, or set CHROME_PATH.`);
  }
  // The packaged build runs without a zygote process; its other flags (web security off, insecure
  // content allowed) would weaken what the tests check, so they are left out.
  return { source: choice.source, executablePath, args: [...CHROMIUM_ARGS, "--no-zygote"] };
}

/** A fresh headless Chromium profile in `profileDir` (desktop-sized by default), launched through `resolveChromium`. */
export async function launchBrowser(profileDir: string, viewport: { width: number; height: number } = { width: 1280, height: 900 }): Promise<BrowserContext> {
  const browser = await resolveChromium();
  return chromium.launchPersistentContext(profileDir, { executablePath: browser.executablePath, headless: true, args: browser.args, viewport });
}

/** A new page of `ctx` at `url`; an uncaught error in the page fails the test, naming `path`. */
export async function openPage(ctx: BrowserContext, url: string, path: string, viewport?: { width: number; height: number }): Promise<Page> {
  const page = await ctx.newPage();
  if (viewport) await page.setViewportSize(viewport);
  page.on("pageerror", (e) => {
    throw new Error(`page error on ${path}: ${e.message}`);
  });
  await page.goto(url);
  return page;
}
