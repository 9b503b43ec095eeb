// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** The pure core runs in the browser too: no Node built-ins, no clock, no randomness. */
const CORE = ["src/model/**", "src/engine/**", "src/evidence/**", "src/lookup/**", "src/report/**"];

export default tseslint.config(
  { ignores: ["node_modules", "dist", "site/dist", "site/.astro", "coverage", "test-results"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      globals: { console: "readonly", process: "readonly", URL: "readonly", TextDecoder: "readonly", TextEncoder: "readonly" },
    },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: CORE,
    ignores: ["**/*-fs.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "The core is pure: do I/O in a shell (src/cli, src/server) or a *-fs.ts file." },
            { group: ["**/cli/**", "**/server/**"], message: "The core never imports a shell." },
          ],
        },
      ],
      "no-restricted-globals": [
        "error",
        { name: "process", message: "The core is pure: pass what you need in." },
        { name: "Date", message: "The core reads no clock: pass `now` in." },
      ],
      "no-restricted-properties": [
        "error",
        { object: "Math", property: "random", message: "The core is deterministic." },
        { object: "Date", property: "now", message: "The core reads no clock: pass `now` in." },
        { object: "console", property: "log", message: "The core does not log: return data." },
      ],
    },
  },
);
