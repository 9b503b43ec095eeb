import { z } from "zod";
import { d } from "./common.ts";

/** A reference to another page: `caa50021`, `caa50021/onedrive`, `caa50021/admin`. */
export const PageLinkSchema = z
  .strictObject({
    page: z
      .string()
      .regex(/^[a-z0-9]+(?:\/(?:onedrive|outlook|teams|office|admin))?$/i, {
        message: "a page id: <code>, <code>/<app> or <code>/admin",
      })
      .meta(d("The page id: `<code>` for a hub, `<code>/<app>` for a scenario, `<code>/admin` for a checklist.")),
    title: z.string().min(1).optional().meta(d("Link text. Defaults to the page's title; required when planned.")),
    planned: z
      .boolean()
      .default(false)
      .meta(d("The page is not written yet: it renders as plain text instead of a link. Default false.")),
  })
  .meta(d("A link to another Fixpath page."));

export type PageLink = z.output<typeof PageLinkSchema>;
