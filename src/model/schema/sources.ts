import { z } from "zod";
import { d, Id } from "./common.ts";

export const SOURCE_KINDS = ["official", "community"] as const;

export const SourcesFileSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal("sources").meta(d("This file is the source registry.")),
    sources: z
      .array(
        z.strictObject({
          id: Id,
          title: z.string().min(1).meta(d("The source's own title.")),
          url: z.url({ protocol: /^https$/ }).meta(d("Where it is published (https).")),
          kind: z
            .enum(SOURCE_KINDS)
            .meta(d("`official`: Microsoft documentation. `community`: third-party pages, forums, field practice.")),
          note: z.string().optional().meta(d("What to keep in mind when citing it.")),
        }),
      )
      .min(1),
  })
  .meta(d("The source registry: content/sources.yaml."));

export type SourcesFile = z.output<typeof SourcesFileSchema>;
export type Source = SourcesFile["sources"][number];
