/**
 * `fixpath show <code> [--app <app>] [--base-url <url>]`: a page in the terminal without starting
 * the diagnostic: the quick answer, the steps numbered as the page numbers them, what not to do and
 * when to stop. Without --app, a code with one app's page shows it; with several, the code's quick
 * answer and one `fixpath show` line per app.
 */
import { APPS, APP_NAMES, displayCode, hubUrl, scenarioUrl, type App, type KnowledgeBase, type Scenario } from "../model/index.ts";
import { buildLookupIndex, lookupAnswer } from "../lookup/index.ts";
import type { Content } from "./content.ts";
import { EXIT, UserError, writeLine, type CliIo } from "./io.ts";
import { linkTo, siteBaseUrl } from "./links.ts";
import { plainMd, renderStepCard } from "./step-text.ts";
import { wrap } from "./text.ts";

export interface ShowArgs {
  code: string;
  app?: string;
  baseUrl?: string;
}

export function runShow(given: ShowArgs, io: CliIo, content: Content): number {
  // A page's id or address as written on the site (caa50021/onedrive, /codes/caa50021/onedrive/) names the app too.
  const path = /^\/?(?:codes\/)?([^/\s]+)\/(onedrive|outlook|teams|office)\/?$/i.exec(given.code.trim());
  const args: ShowArgs = path && given.app === undefined ? { ...given, code: path[1]!, app: path[2]!.toLowerCase() } : given;
  if (args.app !== undefined && !(APPS as readonly string[]).includes(args.app)) {
    throw new UserError(`fixpath show: there is no app "${args.app}"\n  Fix: use one of ${APPS.join(", ")}, e.g. fixpath show ${args.code} --app onedrive`);
  }
  const kb = content.kb();
  const base = siteBaseUrl(io, "show", args.baseUrl);
  // The lookup reads the code in any form (and a look-alike reading of it), and never a neighbour.
  const answer = lookupAnswer(buildLookupIndex(kb), args.code, { limit: 1 });
  const hubId = answer.answer.kind === "page" && answer.answer.match !== "message" ? answer.answer.result.code : undefined;
  if (!hubId) {
    const near = answer.didYouMean.map((d) => displayCode(d.code));
    const missing = answer.missing[0];
    throw new UserError(
      `fixpath show: ${missing ? `there is no page for ${missing.code} yet` : `"${args.code.slice(0, 40)}" is not an error code Fixpath knows`}` +
        `\n  Fix: check the code on screen${near.length ? ` (did you mean ${near.join(" or ")}? that is a different error)` : ""}, or search with fixpath lookup "${args.code.slice(0, 40)}"`,
      EXIT.problems,
    );
  }
  const apps = APPS.filter((a) => kb.scenarios.has(`${hubId}/${a}`));
  const app = (args.app as App | undefined) ?? (apps.length === 1 ? apps[0] : undefined);
  if (app && !apps.includes(app)) {
    throw new UserError(`fixpath show: ${displayCode(hubId)} has no page for ${APP_NAMES[app]}${apps.length ? `\n  Fix: use --app ${apps.join(", --app ")}` : `\n  Fix: leave out --app: fixpath show ${displayCode(hubId)}`}`);
  }
  const text = app ? renderScenario(kb.scenarios.get(`${hubId}/${app}`)!, base) : renderHub(kb, hubId, apps, base);
  writeLine(io.stdout, text);
  return EXIT.ok;
}

/** A code hub: its quick answer and where each app's page is. */
function renderHub(kb: KnowledgeBase, hubId: string, apps: readonly App[], base: string | undefined): string {
  const hub = kb.codes.get(hubId)!;
  const lines = [hub.title, linkTo(base, hubUrl(hubId)), "", "Quick answer", wrap(plainMd(hub.quickAnswer), { indent: "  " })];
  if (apps.length) {
    lines.push("", "The steps depend on the app:");
    const width = Math.max(...apps.map((a) => APP_NAMES[a].length));
    for (const a of apps) lines.push(`  ${APP_NAMES[a].padEnd(width)}  fixpath show ${displayCode(hubId)} --app ${a}`);
  }
  if (hub.safety) lines.push("", "Safety", wrap(plainMd(hub.safety), { indent: "  " }));
  return lines.join("\n");
}

/** A scenario page in words: quick answer, steps, what not to do, when to stop. */
export function renderScenario(sc: Scenario, base: string | undefined): string {
  const lines = [sc.title, linkTo(base, scenarioUrl(sc.code, sc.app)), "", "Quick answer", wrap(plainMd(sc.quickAnswer), { indent: "  " })];
  const first = sc.steps.filter((s) => s.tier === "first-line");
  const advanced = sc.steps.filter((s) => s.tier === "advanced");
  lines.push("", "Fixes to try first (in order)");
  first.forEach((s, i) => lines.push("", ...indented(renderStepCard(s, i + 1))));
  if (advanced.length) {
    lines.push("", "Advanced fixes (only if the steps above did not fix it)");
    advanced.forEach((s, i) => lines.push("", ...indented(renderStepCard(s, first.length + i + 1))));
  }
  if (sc.avoid.length) {
    lines.push("", "What not to do");
    for (const a of sc.avoid) {
      lines.push(wrap(`Don't: ${plainMd(a.title)}${a.neverOnManaged ? " (never on a PC your organisation manages)" : ""}`, { first: "  - ", indent: "    " }));
      lines.push(wrap(plainMd(a.why), { indent: "    " }));
    }
  }
  lines.push("", "When to stop and get help");
  for (const s of sc.stops) lines.push(wrap(plainMd(s.title), { first: "  - ", indent: "    " }));
  lines.push("", `Guided, one step at a time: fixpath diagnose ${displayCode(sc.code)} --app ${sc.app}`);
  return lines.join("\n");
}

/** Lines (each possibly wrapped over several) indented by two spaces. */
function indented(lines: readonly string[]): string[] {
  return lines.flatMap((l) => l.split("\n")).map((l) => (l ? `  ${l}` : l));
}
