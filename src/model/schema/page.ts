/** The fields every page file (hub, scenario, checklist) starts with. */
import { z } from "zod";
import { CaveatSchema } from "./caveat.ts";
import { d, ReviewedSchema, SourceRefs } from "./common.ts";
import { PageLinkSchema } from "./page-link.ts";

export const PageBase = {
  title: z.string().min(1).meta(d("The page title (h1).")),
  description: z.string().min(1).max(200).meta(d("One sentence for search results and link previews, at most 200 characters.")),
  reviewed: ReviewedSchema,
  references: SourceRefs.meta(d("The page's references: ids in content/sources.yaml. At least one.")),
  related: z.array(PageLinkSchema).default([]).meta(d("Related pages, in the order shown. Default none.")),
  caveats: z.array(CaveatSchema).default([]).meta(d("Page-level caveats where sources disagree. Default none.")),
};
