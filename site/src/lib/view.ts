/**
 * What the pages show, derived from the knowledge base: badges, sources split by kind, code forms
 * for redirects, families for the home page, labels for apps and shells. Pure: no I/O, no clock.
 * Content text comes from the knowledge base; the words here are UI chrome only.
 */
import { APPS, type App } from "../../../src/model/index.ts";
import { codeForms, displayCode, parseCode } from "../../../src/model/index.ts";
import { codeFamily } from "../../../src/lookup/families.ts";
import { pageTitle, type KnowledgeBase } from "../../../src/model/index.ts";
import { pageUrl } from "../../../src/model/index.ts";
import type { CodeHub, PageLink, Source } from "../../../src/model/index.ts";

/** App names (one definition, in the model). */
export { APP_NAMES as APP_LABELS } from "../../../src/model/index.ts";

/**
 * How a step is shown (badges, step labels, instruction groups, command heads): one copy in the
 * model, shared with the CLI's `fixpath show` and diagnostic.
 */
export { SHELL_LABELS, STEP_LABELS, avoidBadges, commandView, instructionGroups, isCommand, stepBadges } from "../../../src/model/index.ts";
export type { Badge,   } from "../../../src/model/index.ts";

/** The anchor of a step on its scenario page (page URLs are built in src/model/urls.ts). */
export { stepAnchor } from "../../../src/model/index.ts";

/** A related-page link: its URL (absent when planned) and its text. */
export function linkView(kb: KnowledgeBase, link: PageLink): { href?: string; title: string } {
  const title = link.title ?? pageTitle(kb, link.page) ?? link.page;
  return link.planned ? { title } : { href: pageUrl(link.page.toLowerCase()), title };
}

/** "26 November 2026" from "2026-11-26" (UTC, no clock read). */
export function formatDate(iso: string): string {
  const months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"];
  const [y, m, d] = iso.split("-").map(Number);
  return `${d} ${months[(m ?? 1) - 1]} ${y}`;
}

/** The apps of a hub that have a scenario page, in the design's order. */
export function scenarioApps(kb: KnowledgeBase, code: string): App[] {
  return APPS.filter((app) => kb.scenarios.has(`${code}/${app}`));
}

/** Every written form of a hub's code and aliases (`CAA50021`, `0xCAA50021`, `3399811105`), without duplicates. */
export function hubForms(hub: CodeHub): string[] {
  const forms: string[] = [];
  for (const written of [hub.id, ...hub.aliases]) {
    const key = parseCode(written);
    for (const f of key ? [written, ...codeForms(key)] : [written]) if (!forms.includes(f)) forms.push(f);
  }
  return forms;
}

/**
 * Hubs grouped for the home page by the catalogue's families (src/lookup/families.ts: what a code's
 * shape says), largest family first, codes in id order; codes the catalogue has no family for
 * come last, under "Other codes".
 */
export function catalogueGroups(kb: KnowledgeBase): { id: string; family: string; hubs: CodeHub[] }[] {
  const groups = new Map<string, { id: string; family: string; hubs: CodeHub[] }>();
  for (const hub of [...kb.codes.values()].sort((a, b) => a.id.localeCompare(b.id))) {
    const key = parseCode(hub.id) ?? parseCode(hub.aliases[0] ?? "");
    const fam = key ? codeFamily(key) : undefined;
    const id = fam?.id ?? "other";
    const group = groups.get(id) ?? { id, family: fam ? familyHeading(fam.name) : "Other codes", hubs: [] };
    group.hubs.push(hub);
    groups.set(id, group);
  }
  return [...groups.values()].sort((a, b) => Number(a.id === "other") - Number(b.id === "other") || b.hubs.length - a.hubs.length || a.family.localeCompare(b.family));
}

/** "a OneDrive sign-in or account code" → "OneDrive sign-in or account codes". */
export function familyHeading(name: string): string {
  const bare = name.replace(/^an? /, "").replace(/\bcode\b/, "codes");
  return bare.charAt(0).toUpperCase() + bare.slice(1);
}

/** A code as the home page lists it, one form per kind: `CAA50021`, `AADSTS50126`, and `0x` + eight hex digits for the rest (`0x80090016` beside `0xC0090016`). */
export function listedCode(id: string): string {
  const key = parseCode(id);
  if (!key || key.startsWith("aadsts:") || /^caa/i.test(id)) return displayCode(id);
  return `0x${key.slice(4).toUpperCase()}`;
}

/** The code as people usually see it on screen (the model's one display rule). */
export { displayCode } from "../../../src/model/index.ts";


/**
 * Markdown with the anchors of a page's own items written as code (`` `leave-rejoin` ``) turned
 * into links to them, named by their titles: people read "Leave and rejoin", never a slug.
 */
export function linkAnchors(text: string, items: readonly { id: string; title: string }[]): string {
  const titles = new Map(items.map((i) => [i.id, i.title]));
  return text.replace(/`([a-z0-9-]+)`/g, (whole, id: string) => (titles.has(id) ? `[${titles.get(id)!}](#${id})` : whole));
}

/** Sources by id, split into official (Microsoft) and community, unknown ids dropped. */
export function splitSources(kb: KnowledgeBase, ids: readonly string[]): { official: Source[]; community: Source[] } {
  const official: Source[] = [];
  const community: Source[] = [];
  for (const id of new Set(ids)) {
    const s = kb.sources.get(id);
    if (!s) continue;
    (s.kind === "official" ? official : community).push(s);
  }
  return { official, community };
}

/**
 * The apps a chooser offers: with an organisation's `apps:` (those in use), only those of `all`,
 * unless none of them is (then every one, so a chooser is never empty). Pages of the other apps
 * stay reachable by their links. The diagnostic's app chooser applies the same rule.
 */
export function appsOffered<T extends string>(all: readonly T[], inUse: readonly string[]): T[] {
  const offered = all.filter((a) => inUse.includes(a));
  return inUse.length > 0 && offered.length > 0 ? offered : [...all];
}
