import { z } from "zod";
import { AppSchema, d, SourceRefs } from "./common.ts";
import { SOURCE_KINDS } from "./sources.ts";

export const MessageSchema = z
  .strictObject({
    text: z.string().min(1).meta(d("The message exactly as shown on screen.")),
    apps: z.array(AppSchema).default([]).meta(d("Where it is shown. Default: not tied to one app.")),
    kind: z.enum(SOURCE_KINDS).meta(d("`official` when Microsoft documents the wording, `community` otherwise.")),
    sources: SourceRefs,
  })
  .meta(d("A message people see with this code."));

