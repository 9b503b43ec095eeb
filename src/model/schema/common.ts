/** Building blocks shared by the content schemas: ids, Markdown, apps, dates, source lists. */
import { z } from "zod";
import { APPS } from "../facts.ts";

/** A field description, carried into the generated JSON Schema. */
export const d = (description: string) => ({ description });

export const Id = z
  .string()
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: "an id in kebab-case: lower-case letters, digits and single dashes" })
  .meta(d("A stable kebab-case id; it is also the URL anchor (`#fix-<id>` for steps)."));

/** Markdown: inline formatting, `code` and links. Raw HTML is refused by the rule rules/raw-html.ts. */
export const Markdown = z.string().min(1).meta(d("Markdown text (inline formatting, `code`, links). No raw HTML."));

export const AppSchema = z.enum(APPS).meta(d("An app: onedrive, outlook, teams or office (Microsoft 365 Apps activation)."));

export const ReviewedSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { message: "a date written YYYY-MM-DD" })
  .meta(d("The day a person last checked this page against its sources, YYYY-MM-DD."));

export const SourceRefs = z
  .array(Id)
  .min(1)
  .meta(d("Ids of entries in content/sources.yaml that back this item. At least one."));
