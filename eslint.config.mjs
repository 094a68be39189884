// Lint configuration (ESLint flat config): recommended rules for JavaScript and TypeScript.
import js from "@eslint/js";
import tseslint from "typescript-eslint";
import globals from "globals";

export default tseslint.config(
  { ignores: ["node_modules/", "lib/dist/", "reports/", "coverage/", ".venv/", ".jupyter/"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.js"],
    languageOptions: { sourceType: "commonjs", globals: globals.node },
    rules: { "@typescript-eslint/no-require-imports": "off" },
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      // Reference values and published coefficients are written with all their digits on purpose.
      "no-loss-of-precision": "off",
    },
  },
);
