// Lint for the whole repository: type-checked TypeScript rules, React hooks, Next, Drizzle
// writes that need a where, and the import boundaries of STYLE.md written down once.
import { builtinModules } from "node:module";
import js from "@eslint/js";
import nextPlugin from "@next/eslint-plugin-next";
import drizzle from "eslint-plugin-drizzle";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// Server modules that browser code may import, beyond every *.schema.ts and *.logic.ts: plain
// constants and the pure readers the model-import Web Worker runs. Each is free of the
// database, services, env and Node APIs; a lint run on the file itself checks that.
const SHARED_SERVER_MODULES = [
  "~/server/domain/errors",
  "~/server/domain/request.limits",
  "~/server/domain/recall/ratings",
  "~/server/domain/settings/settings.limits",
  "~/server/domain/transfer/transfer.limits",
];
const WORKER_SERVER_MODULES = ["~/server/import/arch"];

const escape = (m) => m.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
const serverOnlyFromBrowser = (allowed) => ({
  regex: `^~/server/(?!.*\\.(schema|logic)$)(?!trpc/root$)${allowed.map((m) => `(?!${escape(m.slice("~/server/".length))}(/|$))`).join("")}`,
  message:
    "Browser code imports from server/ only *.schema.ts, pure *.logic.ts, the shared modules listed in eslint.config.mjs and `type AppRouter`.",
});
const appRouterTypeOnly = {
  regex: "^~/server/trpc/root$",
  allowTypeImports: true,
  message: "Browser code imports only `type AppRouter` from the root router.",
};
const noRelativeServer = {
  regex: "^\\.+/(\\.\\./)*server/",
  message: "Import server modules through `~/server/…` so the boundary rules can see them.",
};

// Node built-ins by their bare names; `node:` imports are caught by prefix.
const NODE_BUILTINS = builtinModules.filter((m) => !m.startsWith("_"));

export default tseslint.config(
  {
    ignores: [".next/**", "node_modules/**", "drizzle/**", "test-results/**", "public/**", "data/**", "next-env.d.ts"],
  },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrors: "none" }],
      "@typescript-eslint/consistent-type-imports": "error",
    },
  },
  {
    files: ["**/*.{js,mjs,cjs}"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    plugins: { "react-hooks": reactHooks, "@next/next": nextPlugin },
    rules: {
      ...reactHooks.configs.recommended.rules,
      ...nextPlugin.configs.recommended.rules,
      ...nextPlugin.configs["core-web-vitals"].rules,
    },
  },
  {
    // Inside the canvas, three.js objects (controls, renderer, materials) are mutable by design
    // and R3F's own pattern is to set their fields; the compiler's immutability check, made for
    // React state, would reject every one. The project does not run the React Compiler.
    files: ["app/_scene/**/*.{ts,tsx}"],
    rules: { "react-hooks/immutability": "off" },
  },
  {
    // Tests read untyped JSON (responses, exported files they then break on purpose) and use
    // vitest's asymmetric matchers, which vitest types as any; their tables of async inputs
    // keep one shape whether or not a row awaits. The promise rules stay on here.
    files: ["tests/**/*.ts"],
    rules: {
      "@typescript-eslint/no-unsafe-assignment": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-call": "off",
      "@typescript-eslint/no-unsafe-return": "off",
      "@typescript-eslint/no-unsafe-argument": "off",
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/require-await": "off",
    },
  },
  {
    files: ["server/**/*.ts", "tests/**/*.ts"],
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
    },
  },

  // Boundaries. Browser code: everything under app/ but the server entry points (pages,
  // layouts and route handlers run on the server and may read the session, env and runtime).
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: ["app/**/page.tsx", "app/**/layout.tsx", "app/**/not-found.tsx", "app/**/route.ts", "app/_trpc/server.tsx", "app/_components/site-header.tsx", "app/_workers/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [serverOnlyFromBrowser(SHARED_SERVER_MODULES), appRouterTypeOnly, noRelativeServer] }],
    },
  },
  {
    files: ["app/_workers/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [serverOnlyFromBrowser([...SHARED_SERVER_MODULES, ...WORKER_SERVER_MODULES]), appRouterTypeOnly, noRelativeServer] },
      ],
    },
  },
  {
    files: ["app/_scene/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            serverOnlyFromBrowser(SHARED_SERVER_MODULES),
            appRouterTypeOnly,
            noRelativeServer,
            { group: ["~/app/_trpc/**", "**/_trpc/**"], message: "The scene reads stores; pages and DOM components fetch." },
          ],
        },
      ],
    },
  },
  {
    files: ["server/**/*.ts"],
    ignores: ["server/trpc/**"],
    rules: {
      "no-restricted-imports": ["error", { patterns: [{ regex: "(^|/)trpc(/|$)", message: "Services never import routers or tRPC wiring: routers call services." }] }],
    },
  },
  {
    // Pure logic, and the server modules browser code may import, stay free of the database,
    // services, routers, env, auth and Node APIs (relative imports included).
    files: ["server/**/*.logic.ts", "server/**/*.schema.ts", "server/import/arch/**/*.ts", ...SHARED_SERVER_MODULES.map((m) => `${m.slice(2)}.ts`)],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: NODE_BUILTINS.map((name) => ({ name, message: "Logic is pure: no Node APIs." })),
          patterns: [
            { regex: "^node:", message: "Logic is pure: no Node APIs." },
            { regex: "(^~/server/db|/db)(/|$)|^(drizzle-orm|postgres|@electric-sql/pglite)(/|$)", message: "Logic is pure: no database." },
            {
              regex: "\\.service$|(^|/)(trpc|realtime)(/|$)|(^|/)(auth|env|session|runtime|startup|log)$|^server-only$",
              message: "Logic is pure: no services, routers, realtime, auth, env or session.",
            },
          ],
        },
      ],
    },
  },
);
