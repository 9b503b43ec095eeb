/** `fixpath list [--content <dir>] [--json]`: every page, with its id, URL and title. */
import { listPages } from "../model/index.ts";
import type { Content } from "./content.ts";
import { EXIT, writeLine, type CliIo } from "./io.ts";
import { linkTo, siteBaseUrl } from "./links.ts";

export interface ListArgs {
  content: string;
  json: boolean;
  baseUrl?: string;
}

export function runList(args: ListArgs, io: CliIo, content: Content): number {
  const base = siteBaseUrl(io, "list", args.baseUrl);
  const pages = listPages(content.kb(args.content)).map((p) => ({ ...p, url: linkTo(base, p.url) }));
  if (args.json) {
    writeLine(io.stdout, JSON.stringify(pages, null, 2));
    return EXIT.ok;
  }
  const width = Math.max(...pages.map((p) => p.id.length));
  const urlWidth = Math.max(...pages.map((p) => p.url.length));
  for (const p of pages) writeLine(io.stdout, `${p.id.padEnd(width)}  ${p.url.padEnd(urlWidth)}  ${p.title}`);
  return EXIT.ok;
}
