// Writes schema/*.schema.json from the zod schemas.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderJsonSchemas } from "../src/model/load/index.ts";
import { renderPlanJsonSchema } from "../src/engine/plan-contract.ts";
import { readLibraryIds } from "../src/model/content-fs.ts";

const dir = join(import.meta.dirname, "..", "schema");
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries({ ...renderJsonSchemas(readLibraryIds(join(import.meta.dirname, "..", "content"))), "plan.schema.json": renderPlanJsonSchema() })) {
  writeFileSync(join(dir, name), text);
  console.log(`wrote schema/${name}`);
}
