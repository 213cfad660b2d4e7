// Flat ESLint config: type-aware typescript-eslint rules plus the folder boundaries from STYLE.md.
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Each folder may not import across these lines; the runtime a file needs is visible from its path. */
const boundaries = [
  {
    files: ['src-main/shared/**/*.ts'],
    patterns: [
      {
        group: ['node:*', 'electron', 'better-sqlite3', 'fastify', 'react', 'react-dom'],
        message: 'src-main/shared is pure TypeScript: no Node, Electron, DOM or React.',
      },
      {
        group: ['**/engine/**', '**/server/**', '../*.ts', '../index'],
        message: 'src-main/shared imports nothing from the rest of src-main.',
      },
    ],
  },
  {
    files: ['src-main/engine/**/*.ts'],
    patterns: [
      {
        group: ['electron', 'electron/*'],
        message: 'The engine is plain Node: never import electron.',
      },
      {
        group: ['**/server/**', '**/src-renderer/**', 'react', 'react-dom'],
        message: 'The engine does not depend on a shell or the renderer.',
      },
    ],
  },
  {
    files: ['src-main/server/**/*.ts', 'src-main/cli/**/*.ts'],
    patterns: [
      {
        group: ['electron', 'electron/*'],
        message:
          'The server shell and the Node command lines run in plain Node: never import electron.',
      },
    ],
  },
  {
    files: ['src-main/index.ts', 'src-main/electron/**/*.ts'],
    patterns: [
      {
        group: ['**/server/**', '**/web/**', '**/src-renderer/**'],
        message: 'The desktop shell drives the engine directly, not through another shell.',
      },
    ],
  },
  {
    files: ['src-preload/**/*.ts'],
    patterns: [
      {
        group: ['node:*', 'better-sqlite3', 'react', 'react-dom'],
        message: 'The preload runs sandboxed: electron and src-main/shared only.',
      },
      {
        group: [
          '**/src-main/*',
          '!**/src-main/shared',
          '**/src-main/*/**',
          '!**/src-main/shared/**',
        ],
        message: 'The preload imports only src-main/shared.',
      },
    ],
  },
  {
    files: ['src-renderer/**/*.{ts,tsx}'],
    patterns: [
      {
        group: ['node:*', 'electron', 'better-sqlite3'],
        message: 'The renderer runs in a browser sandbox.',
      },
      {
        group: ['**/src-main/engine/**', '**/src-main/server/**', '**/src-main/index*'],
        message: 'The renderer imports only src-main/shared.',
      },
    ],
  },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'test-results/**', 'playwright-report/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        project: ['./tsconfig.node.json', './tsconfig.web.json'],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/switch-exhaustiveness-check': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      '@typescript-eslint/no-confusing-void-expression': ['error', { ignoreArrowShorthand: true }],
      // Row types for SQL results are named by the caller (`db.all<MeetingRow>(...)`) on purpose.
      '@typescript-eslint/no-unnecessary-type-parameters': 'off',
      'no-restricted-syntax': [
        'error',
        { selector: 'ExportDefaultDeclaration', message: 'Use named exports.' },
      ],
    },
  },
  {
    // The rules of hooks (and the React Compiler's checks) for the renderer's components and hooks.
    ...reactHooks.configs.flat.recommended,
    files: ['src-renderer/**/*.{ts,tsx}'],
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    // Fastify route handlers are async by contract: they return the payload (or throw) even when
    // the engine call inside is synchronous.
    files: ['src-main/server/routes/**/*.ts'],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // Tests read JSON responses whose shape is what they assert; typing each one adds noise, not safety.
    files: ['test/**/*.ts'],
    rules: {
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // Config files are loaded by their tools, which want a default export.
    files: ['*.config.ts', '*.config.js'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  ...boundaries.map(({ files, patterns }) => ({
    files,
    rules: { 'no-restricted-imports': ['error', { patterns }] },
  })),
);
