/**
 * A knowledge base of any size for the lookup's benchmark and its size test: the real one grown
 * with copies of its hubs under new codes (`0xCB000001`, …), each with its scenarios and checklist,
 * titles renamed to the new code and the rest of the text kept (messages too), until it holds
 * `pages` pages. Pure.
 */
import { listPages, parseCode, type KnowledgeBase } from "../../src/model/index.ts";

/** The real knowledge base grown to `pages` pages with copies of its hubs under new codes. */
export function growKnowledgeBase(kb: KnowledgeBase, pages: number): KnowledgeBase {
  const codes = new Map(kb.codes);
  const scenarios = new Map(kb.scenarios);
  const checklists = new Map(kb.checklists);
  const codeIndex = new Map(kb.codeIndex);
  const hubs = [...kb.codes.values()];
  let count = listPages(kb).length;
  for (let i = 1; count < pages; i++) {
    const hub = hubs[(i - 1) % hubs.length]!;
    const id = `0xcb${i.toString(16).padStart(6, "0")}`;
    const rename = (text: string) => text.split(hub.id).join(id).replace(new RegExp(hub.id, "gi"), id.toUpperCase());
    codes.set(id, { ...hub, id, aliases: [], title: rename(hub.title) });
    codeIndex.set(parseCode(id)!, id);
    count++;
    for (const [pageId, sc] of kb.scenarios) {
      if (!pageId.startsWith(`${hub.id}/`) || count >= pages) continue;
      scenarios.set(`${id}/${sc.app}`, { ...sc, code: id, title: rename(sc.title) });
      count++;
    }
    const cl = kb.checklists.get(hub.id);
    if (cl && count < pages) {
      checklists.set(id, { ...cl, code: id, title: rename(cl.title) });
      count++;
    }
  }
  return { ...kb, codes, scenarios, checklists, codeIndex };
}
