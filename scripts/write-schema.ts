// Writes schema/*.schema.json from the zod schemas.
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderJsonSchemas } from "../src/model/load/index.ts";

const dir = join(import.meta.dirname, "..", "schema");
mkdirSync(dir, { recursive: true });
for (const [name, text] of Object.entries(renderJsonSchemas())) {
  writeFileSync(join(dir, name), text);
  console.log(`wrote schema/${name}`);
}
