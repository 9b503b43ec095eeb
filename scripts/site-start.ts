// Node-only: `npm start` for the site until `fixpath start` calls these functions: build when stale, then serve.
import { defaultDistDir, ensureSiteBuilt } from "./site-build.ts";
import { serve } from "./site-serve.ts";

const port = Number(process.env.PORT ?? 4321);
const built = await ensureSiteBuilt({ verbose: false });
if (built) console.log(`built ${built.pages} pages in ${(built.ms / 1000).toFixed(1)} s`);
await serve(defaultDistDir(), port);
console.log(`Fixpath is running at http://localhost:${port}/  (Ctrl+C to stop)`);
