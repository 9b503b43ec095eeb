/**
 * The content model: one zod schema per concept, one file each (as Starlight does). Field
 * descriptions live in `.meta({ description })` so the generated JSON Schema (`schema/`) carries
 * them into editors. Rules across files (ids, references, facts) are in `../rules/`, not here.
 *
 * Full zod: only the loader entry (`src/model/load/index.ts`) imports this; the light entry
 * (`src/model/index.ts`) re-exports its types only.
 */
import { ChecklistSchema } from "./checklist.ts";
import { CodeHubSchema } from "./code-hub.ts";
import { ScenarioSchema } from "./scenario.ts";
import { SourcesFileSchema } from "./sources.ts";

export * from "./avoid.ts";
export * from "./caveat.ts";
export * from "./checklist.ts";
export * from "./code-hub.ts";
export * from "./condition.ts";
export * from "./instruction.ts";
export * from "./message.ts";
export * from "./page-link.ts";
export * from "./question.ts";
export * from "./scenario.ts";
export * from "./sources.ts";
export * from "./step.ts";
export * from "./stop.ts";

/** The schema for each `kind:` of content file. */
export const CONTENT_SCHEMAS = {
  code: CodeHubSchema,
  scenario: ScenarioSchema,
  checklist: ChecklistSchema,
  sources: SourcesFileSchema,
} as const;
export type ContentKind = keyof typeof CONTENT_SCHEMAS;
