// Astro config for the Fixpath site. Content comes from the YAML knowledge base (../content, or
// FIXPATH_CONTENT), rendered from data by one dynamic route per page kind; no content collections.
import { fileURLToPath } from "node:url";
import { defineConfig } from "astro/config";
import { writeRedirectPages } from "./src/lib/redirects-fs.ts";

const contentDir = process.env.FIXPATH_CONTENT || fileURLToPath(new URL("../content", import.meta.url));
const coreDir = fileURLToPath(new URL("../src", import.meta.url));

/** `npm run dev`: reload the browser when the knowledge base or the core changes (Vite does not watch them). */
const watchKnowledgeBase = {
  name: "fixpath-watch-content",
  hooks: {
    "astro:server:setup": ({ server }) => {
      server.watcher.add([contentDir, coreDir]);
      server.watcher.on("all", (_event, file) => {
        if (file.startsWith(contentDir) || (file.startsWith(coreDir) && !file.includes("/cli/") && !file.includes("/server/"))) {
          server.ws.send({ type: "full-reload" });
        }
      });
    },
  },
};

/** Static redirect pages for every other form of every code, written after the build (see redirects-fs.ts). */
const redirectPages = {
  name: "fixpath-redirect-pages",
  hooks: {
    "astro:build:done": ({ dir, logger }) => {
      const n = writeRedirectPages(fileURLToPath(dir));
      logger.info(`${n} code-form redirect pages written`);
    },
  },
};

export default defineConfig({
  outDir: process.env.FIXPATH_SITE_OUT || "./dist",
  trailingSlash: "ignore",
  compressHTML: true,
  devToolbar: { enabled: false },
  integrations: [watchKnowledgeBase, redirectPages],
  build: { format: "directory", inlineStylesheets: "always" },
  vite: {
    server: { fs: { allow: [".."] } },
    build: { assetsInlineLimit: 0 },
  },
});
