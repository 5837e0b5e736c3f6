// eslint (flat config) for every JavaScript file of the repository; `make lint` runs it with
// prettier --check. Formatting is prettier's job, so no stylistic rules here.
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    ignores: [
      "target/**",
      "pkg/**",
      "**/node_modules/**",
      "www/vendor/**",
      "test-output/**",
      "fuzz/target/**",
      "fuzz/corpus/**",
      "fuzz/artifacts/**",
    ],
  },
  js.configs.recommended,
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    languageOptions: {
      ecmaVersion: 2024,
      sourceType: "module",
      // The package and the page run in browsers, Node, Deno, Bun and workerd; tests and
      // scripts in Node. Globals of each are allowed everywhere; feature checks guard their use.
      globals: { ...globals.browser, ...globals.node, ...globals.serviceworker, Deno: "readonly", Bun: "readonly" },
    },
    rules: {
      "no-unused-vars": ["error", { argsIgnorePattern: "^_", caughtErrors: "none", varsIgnorePattern: "^_" }],
      "no-constant-condition": ["error", { checkLoops: false }],
      eqeqeq: ["error", "smart"],
      "prefer-const": "error",
      "no-var": "error",
    },
  },
  {
    files: ["**/*.cjs"],
    languageOptions: { sourceType: "commonjs" },
  },
];
