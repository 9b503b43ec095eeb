/** Walks over the parts of content files that several rules read. */
import type { PathSegment } from "../issue.ts";
import { factsRead } from "../conditions.ts";
import type { PageLink, Scenario } from "../schema/index.ts";
import type { RuleContext } from "./context.ts";

/** Every list of source ids in every page, with its file and path. */
export function* sourceLists(ctx: RuleContext): Generator<{ file: string; refs: readonly string[]; path: PathSegment[] }> {
  for (const { file, data: hub } of ctx.hubs) {
    yield { file, refs: hub.references, path: ["references"] };
    yield { file, refs: hub.meaningSources, path: ["meaningSources"] };
    for (const [i, m] of hub.messages.entries()) yield { file, refs: m.sources, path: ["messages", i, "sources"] };
    for (const [i, c] of hub.caveats.entries()) yield { file, refs: c.sources, path: ["caveats", i, "sources"] };
  }
  for (const { file, data: sc } of ctx.scenarios) {
    yield { file, refs: sc.references, path: ["references"] };
    yield { file, refs: sc.meaningSources, path: ["meaningSources"] };
    for (const [i, c] of sc.caveats.entries()) yield { file, refs: c.sources, path: ["caveats", i, "sources"] };
    for (const [i, c] of sc.causes.entries()) yield { file, refs: c.sources, path: ["causes", i, "sources"] };
    for (const [i, t] of sc.triggers.entries()) if (t.sources) yield { file, refs: t.sources, path: ["triggers", i, "sources"] };
    for (const [i, step] of sc.steps.entries()) {
      yield { file, refs: step.sources, path: ["steps", i, "sources"] };
      for (const [j, c] of step.caveats.entries()) yield { file, refs: c.sources, path: ["steps", i, "caveats", j, "sources"] };
    }
    for (const [i, a] of sc.avoid.entries()) yield { file, refs: a.sources, path: ["avoid", i, "sources"] };
    for (const [i, stop] of sc.stops.entries()) yield { file, refs: stop.sources, path: ["stops", i, "sources"] };
  }
  for (const { file, data: cl } of ctx.checklists) {
    yield { file, refs: cl.references, path: ["references"] };
    for (const [i, item] of cl.items.entries()) {
      yield { file, refs: item.sources, path: ["items", i, "sources"] };
      for (const [j, c] of item.caveats.entries()) yield { file, refs: c.sources, path: ["items", i, "caveats", j, "sources"] };
    }
  }
}

/** Every page's `related` links, with its file. */
export function* relatedLinks(ctx: RuleContext): Generator<{ file: string; links: readonly PageLink[] }> {
  for (const e of [...ctx.hubs, ...ctx.scenarios, ...ctx.checklists]) yield { file: e.file, links: e.data.related };
}

/** Every page with its whole content, for rules over all of its text. */
export function allPages(ctx: RuleContext): { file: string; data: unknown }[] {
  return [...ctx.hubs, ...ctx.scenarios, ...ctx.checklists];
}

/** Calls `visit` for every string in a page, except commands (`run`) and `$schema`. */
export function walkStrings(value: unknown, path: PathSegment[], visit: (text: string, path: PathSegment[]) => void): void {
  if (typeof value === "string") visit(value, path);
  else if (Array.isArray(value)) value.forEach((v, i) => walkStrings(v, [...path, i], visit));
  else if (value && typeof value === "object") {
    for (const [k, v] of Object.entries(value)) if (k !== "run" && k !== "$schema") walkStrings(v, [...path, k], visit);
  }
}

/** The facts a scenario's step and stop conditions read, each with the path of its first test. */
export function conditionsRead(sc: Scenario): Map<string, PathSegment[]> {
  const read = new Map<string, PathSegment[]>();
  sc.steps.forEach((s, i) => s.when && factsRead(s.when, ["steps", i, "when"], read));
  sc.stops.forEach((s, i) => factsRead(s.when, ["stops", i, "when"], read));
  return read;
}
