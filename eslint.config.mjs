// ESLint for the site's own JavaScript (docs/assets/javascripts/); `make test` runs it.
// One style for every script: functions and `var` inside one strict function, double quotes,
// semicolons, two-space indents. Browser globals only.
import js from "@eslint/js";
import stylistic from "@stylistic/eslint-plugin";
import globals from "globals";

export default [
  { ignores: [".venv*/", "site*/", ".cache/"] },
  {
    files: ["docs/assets/javascripts/**/*.js"],
    languageOptions: { ecmaVersion: 2020, sourceType: "script", globals: globals.browser },
    plugins: { "@stylistic": stylistic },
    rules: {
      ...js.configs.recommended.rules,
      strict: ["error", "function"],
      eqeqeq: "error",
      "no-eval": "error",  // the pages' Content-Security-Policy refuses it too
      "no-implied-eval": "error",
      "@stylistic/semi": ["error", "always"],
      "@stylistic/quotes": ["error", "double", { avoidEscape: true }],
      "@stylistic/indent": ["error", 2],
      "@stylistic/brace-style": ["error", "1tbs", { allowSingleLine: true }],
      "@stylistic/comma-dangle": ["error", "never"],
      "@stylistic/space-before-function-paren": ["error", { anonymous: "always", named: "never" }],
      "@stylistic/no-trailing-spaces": "error",
      "@stylistic/eol-last": "error"
    }
  }
];
