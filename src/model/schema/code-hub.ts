import { z } from "zod";
import { AppSchema, d, Id, Markdown, SourceRefs } from "./common.ts";
import { MessageSchema } from "./message.ts";
import { PageBase } from "./page.ts";

export const OWNERS = ["client", "device", "network", "tenant"] as const;

export const CodeHubSchema = z
  .strictObject({
    $schema: z.string().optional(),
    kind: z.literal("code").meta(d("This file is a code hub.")),
    id: z
      .string()
      .regex(/^(?:0x)?[0-9a-z]+$/, { message: "the canonical code id, lower-case: caa50021, 0x8004de40, 80070520" })
      .meta(d("The canonical code id: the form users most often see, lower-case.")),
    ...PageBase,
    aliases: z
      .array(z.string().min(1))
      .default([])
      .meta(d("Other forms and codes that lead to this hub (0xCAA50021, 3399811105, …). Default none.")),
    family: z.string().min(1).meta(d("The code family, e.g. 'Windows token broker (WAM / AAD BrokerPlugin)'.")),
    owner: z.enum(OWNERS).meta(d("Who usually owns the fix: client, device, network or tenant.")),
    meaningStatus: z
      .enum(["official", "community", "unconfirmed"])
      .meta(d("Whether Microsoft documents the code's meaning (`official`), only others do, or nobody does.")),
    quickAnswer: Markdown.meta(d("The short answer, at most 60 words.")),
    meaning: Markdown.meta(d("What the code is.")),
    meaningSources: SourceRefs.meta(d("The sources that back the meaning, shown under it on the page like a step's.")),
    messages: z.array(MessageSchema).default([]).meta(d("Messages people see with it. Default none.")),
    rootCause: Markdown.optional().meta(d("The cause shared by every app.")),
    safety: Markdown.optional().meta(d("What is safe to try and what is not.")),
    scenarios: z
      .array(
        z.strictObject({
          app: AppSchema,
          planned: z.boolean().default(false).meta(d("The scenario page is not written yet. Default false.")),
          summary: Markdown.optional().meta(d("One line: when to go to this app's page.")),
        }),
      )
      .default([])
      .meta(d("The app scenarios of this code, each a file content/<code>/<app>.yaml. Default none.")),
    sharedFixes: z
      .array(
        z.strictObject({
          step: Id.meta(d("A step id that exists in the scenario of each app listed.")),
          apps: z.array(AppSchema).min(1).meta(d("The apps whose scenario has this step.")),
          note: Markdown.optional().meta(d("What the fix does for every app, in a sentence.")),
        }),
      )
      .default([])
      .meta(d("Fixes shared by the apps, shown on the hub with links to each scenario's step. Default none.")),
    checklist: z
      .enum(["yes", "planned", "no"])
      .default("no")
      .meta(d("Whether content/<code>/admin.yaml exists (`yes`), is planned, or there is none. Default no.")),
  })
  .meta(d("A code hub: content/<code>/code.yaml."));

export type CodeHub = z.output<typeof CodeHubSchema>;
