// Lints the web app's TypeScript with type information (typescript-eslint's
// type-checked rules) and React's rules of hooks. `npm run lint` runs it.
import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

export default tseslint.config(
  // Written by `npm run gen` from the server's schemas; the compiler checks them.
  { ignores: ["src/protocol/generated/**"] },
  {
    files: ["src/**/*.{ts,tsx}"],
    extends: [
      js.configs.recommended,
      tseslint.configs.recommendedTypeChecked,
      reactHooks.configs.flat["recommended-latest"],
    ],
    languageOptions: {
      ecmaVersion: 2022,
      globals: globals.browser,
      parserOptions: {
        projectService: true,
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      // React ignores what an event handler returns; the async handlers here report their own failures.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      // These two prepare code for the React Compiler, which this app does not use: resetting
      // state when a prop changes and useLatest's ref written during render are deliberate.
      "react-hooks/set-state-in-effect": "off",
      "react-hooks/refs": "off",
    },
  },
  {
    files: ["src/**/*.test.{ts,tsx}", "src/test/**"],
    rules: {
      // act(async () => …) flushes pending promises even when its callback awaits nothing.
      "@typescript-eslint/require-await": "off",
    },
  },
);
