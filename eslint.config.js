// @ts-check
import js from "@eslint/js";
import tseslint from "typescript-eslint";

/** The pure core runs in the browser too: no Node built-ins, no clock, no randomness. */
const CORE = ["src/model/**", "src/engine/**", "src/evidence/**", "src/lookup/**", "src/report/**"];

/** src/ is the product: it never reaches into the scripts, benchmarks or the site around it. */
const NOT_FROM_SRC = [
  { group: ["**/scripts", "**/scripts/**"], message: "src/ never imports from scripts/: move the code into src/ (a *-fs.ts file when it does I/O) and let the script wrap it." },
  { group: ["**/bench", "**/bench/**"], message: "src/ never imports from bench/." },
  { group: ["**/site", "**/site/**"], message: "src/ never imports from site/: the site uses src/, not the other way round." },
];

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
    files: ["src/**"],
    rules: { "no-restricted-imports": ["error", { patterns: NOT_FROM_SRC }] },
  },
  {
    // One URL builder (src/model/urls.ts): a page address written by hand drifts from it.
    files: ["src/**/*.ts", "site/src/**/*.ts"],
    ignores: ["src/model/urls.ts"],
    rules: {
      "no-restricted-syntax": [
        "error",
        { selector: "TemplateLiteral[quasis.0.value.raw=/^\\/codes\\//]", message: "Build page addresses with src/model/urls.ts (hubUrl, scenarioUrl, stepUrl, checklistUrl, pageUrl)." },
        { selector: "Literal[value=/^\\/codes\\//]", message: "Build page addresses with src/model/urls.ts (hubUrl, scenarioUrl, stepUrl, checklistUrl, pageUrl)." },
      ],
    },
  },
  {
    // Replaces the block above for the core (ESLint does not merge a rule's options), so it repeats NOT_FROM_SRC.
    files: CORE,
    ignores: ["**/*-fs.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: ["node:*"], message: "The core is pure: do I/O in a shell (src/cli, src/server) or a *-fs.ts file." },
            { group: ["**/cli/**", "**/server/**"], message: "The core never imports a shell." },
            ...NOT_FROM_SRC,
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
