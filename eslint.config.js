// ESLint checks what Prettier cannot: the line limit on comments and strings, likely mistakes
// (typescript-eslint's recommended rules, without type information so it stays fast) and the
// project's "one way to do each thing" decisions, each with a message that says the rule.
// Prettier does the formatting; eslint-config-prettier turns off the rules that would fight it.
import js from '@eslint/js';
import stylistic from '@stylistic/eslint-plugin';
import prettier from 'eslint-config-prettier';
import { defineConfig, globalIgnores } from 'eslint/config';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const RAW_D1 =
  "No raw D1 (.prepare, a binding's batch, env.DB): reads and writes go through drizzle on the one client " +
  "from db/client.ts, c.get('db') in a request, database(env.DB) once where there is no request.";

// Prettier keeps code within 120 columns where it can; this also holds comments and long strings
// (split a long text into concatenated pieces). A regular expression is left whole: cut into
// strings for new RegExp() it is easier to get wrong than to read.
const LINE_LIMIT = { code: 120, comments: 120, tabWidth: 2, ignoreUrls: true, ignoreRegExpLiterals: true };

export default defineConfig([
  globalIgnores([
    '**/node_modules/',
    '**/dist/',
    '**/build/',
    '.wrangler/',
    // What the load bench and the CPU profile write (git-ignored): a bundle of the Worker, not our source.
    'bench-results/',
    'test/artifacts/',
    'db/migrations/',
    'db/seed/.generated/',
    'web/public/',
  ]),
  js.configs.recommended,
  tseslint.configs.recommended,
  prettier,
  {
    name: 'masar/all',
    files: ['**/*.{js,mjs,cjs,ts,tsx}'],
    plugins: { '@stylistic': stylistic },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      '@stylistic/max-len': ['error', LINE_LIMIT],
      // `{}` is the identity of an intersection in conditional types (the admin routes' responses).
      '@typescript-eslint/no-empty-object-type': 'off',
      // A leading underscore says "deliberately unused" (a callback's position, a rest sibling).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          caughtErrorsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          ignoreRestSiblings: true,
        },
      ],
    },
  },
  {
    name: 'masar/node-scripts',
    files: ['**/*.{js,mjs,cjs}'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    name: 'masar/no-raw-d1',
    files: ['api/**/*.{ts,tsx}', 'db/**/*.{ts,mjs}'],
    ignores: [
      'db/client.ts',
      'api/middleware/db.ts',
      'api/middleware/d1-metering.ts',
      'api/index.ts',
      'api/env.ts',
      'db/import.mjs',
      'db/seed/store-documents.mjs',
    ],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: "CallExpression[callee.property.name='prepare']", message: RAW_D1 },
        {
          selector:
            "CallExpression[callee.property.name='batch']" +
            ':matches([callee.object.name=/^d1$/i], [callee.object.property.name=/^(d1|DB)$/])',
          message: `Several writes that must land together use db.batch([...]) with drizzle statements. ${RAW_D1}`,
        },
        { selector: "MemberExpression[property.name='DB']", message: RAW_D1 },
        { selector: "ObjectPattern > Property[key.name='DB']", message: RAW_D1 },
        {
          selector: 'TSTypeReference[typeName.name=/^(D1Database|D1PreparedStatement|DrizzleD1Database)$/]',
          message:
            'Functions take `db: Database` from db/client.ts (one client over both schemas), not D1 or drizzle types.',
        },
      ],
    },
  },
  {
    name: 'masar/pages-do-not-import-routes',
    files: ['api/pages/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '(^|/)routes/',
              message:
                'Pages and API routes are siblings: put what both need in api/queries/, api/schemas/ ' +
                'or api/domain/ and import it from there.',
            },
          ],
        },
      ],
    },
  },
  {
    name: 'masar/tests',
    files: ['test/**/*.{ts,tsx,js,mjs}'],
    rules: {
      // A test's name is one sentence that people search for: it stays on one line.
      '@stylistic/max-len': ['error', { ...LINE_LIMIT, ignorePattern: '^\\s*(describe|it|test|bench)(\\.\\w+)*\\(' }],
      // Tests read JSON bodies of any shape; their assertions, not their types, check them.
      '@typescript-eslint/no-explicit-any': 'off',
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.name='expect'][arguments.0.type='Literal']",
          message: 'A test asserts real behaviour: expect() of a literal value can never fail.',
        },
        {
          selector: "MemberExpression[object.name=/^(describe|it|test|bench|suite)$/][property.name='only']",
          message: '.only would silently skip every other test in CI: remove it before committing.',
        },
      ],
    },
  },
]);
