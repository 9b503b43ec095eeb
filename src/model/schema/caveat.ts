import { z } from "zod";
import { d, Markdown, SourceRefs } from "./common.ts";

export const CaveatSchema = z
  .strictObject({
    text: Markdown.meta(d("Where sources disagree or a fact is unconfirmed, in plain words.")),
    sources: SourceRefs,
  })
  .meta(d("A caveat: what is disputed or unconfirmed, and by whom."));

export type Caveat = z.output<typeof CaveatSchema>;
