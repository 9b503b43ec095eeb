/** `fixpath list [--content <dir>] [--json]`: every page, with its id, URL and title. */
import { listPages } from "../model/index.ts";
import type { Content } from "./content.ts";
import { EXIT, writeLine, type CliIo } from "./io.ts";

export interface ListArgs {
  content: string;
  json: boolean;
}

export function runList(args: ListArgs, io: CliIo, content: Content): number {
  const pages = listPages(content.kb(args.content));
  if (args.json) {
    writeLine(io.stdout, JSON.stringify(pages, null, 2));
    return EXIT.ok;
  }
  const width = Math.max(...pages.map((p) => p.id.length));
  for (const p of pages) writeLine(io.stdout, `${p.id.padEnd(width)}  ${p.url.padEnd(width + 9)}  ${p.title}`);
  return EXIT.ok;
}
