// Vitest set-up file (integration and e2e tiers): the in-process CLI (`main(argv, io)`) gets the
// run's shared knowledge base for the packaged content folder, as the compiled bin gets its
// snapshot, instead of reading and checking content/ again on every call. `fixpath validate` still
// reads the YAML (src/cli/content.ts, `preloadContent`).
import { PACKAGED_CONTENT, preloadContent } from "../../src/cli/content.ts";
import { loadProjectKb } from "./kb.ts";

// With FIXPATH_TEST_CONTENT the run is about another folder: the CLI reads the packaged one itself.
if (!process.env.FIXPATH_TEST_CONTENT) preloadContent(PACKAGED_CONTENT, loadProjectKb());
