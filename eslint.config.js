import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "data/**", "dist/**", "public/build/**", "coverage/**", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-explicit-any": "error",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/consistent-type-imports": "error",
      "no-console": "off",
    },
  },
  {
    // Data access in one layer (issue 10): routes and views call their area's queries, repository or
    // service functions, so every query is found, reviewed and bounded in one place. Every .tsx file
    // renders (a view, or a route that renders one), so all of them are covered, with the .ts route
    // files. Type-only imports (`Db`, row types) stay allowed.
    files: ["src/**/*.tsx", "src/**/routes.ts", "src/**/*-routes.ts", "src/**/routes/**/*.ts", "src/**/*-form.ts"],
    ignores: ["src/**/*.test.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["drizzle-orm", "drizzle-orm/*", "pg", "pg/*", "**/db/client"],
              allowTypeImports: true,
              message: "No SQL in routes or views: put the query in the area's queries.ts, repository or service file and call it from here.",
            },
          ],
        },
      ],
      "no-restricted-syntax": [
        "error",
        {
          selector: "TaggedTemplateExpression[tag.name='sql']",
          message: "No raw SQL in routes or views: put the query in the area's queries.ts, repository or service file and call it from here.",
        },
        {
          // The query builder needs no drizzle import once a table is in hand (`db.select().from(users)`).
          selector: "CallExpression[callee.property.name=/^(select|selectDistinct|insert|update|delete|execute|query|transaction)$/]:matches([callee.object.name=/^(db|tx)$/], [callee.object.property.name='db'])",
          message: "No queries in routes or views: put the query in the area's queries.ts, repository or service file and call it from here.",
        },
      ],
    },
  },
  {
    // Small progressive-enhancement scripts served to browsers.
    files: ["public/**/*.js"],
    languageOptions: {
      globals: { window: "readonly", document: "readonly", EventSource: "readonly", fetch: "readonly", console: "readonly", setTimeout: "readonly", clearTimeout: "readonly", URL: "readonly", FormData: "readonly", navigator: "readonly" },
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: { process: "readonly", console: "readonly", URL: "readonly", setTimeout: "readonly" } },
  },
);
