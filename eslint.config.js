// Lint rules: `npm run lint` (with prettier --check), run by .ci/run after the typecheck.
const js = require('@eslint/js');
const globals = require('globals');
const tseslint = require('typescript-eslint');

module.exports = tseslint.config(
  { ignores: ['node_modules/', 'dist/', 'coverage/', 'knowledge/drafts/', 'test/bench/results/', 'test/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      // `_name` marks a parameter a signature needs but the body does not use (noUnusedParameters agrees).
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  // CommonJS configuration files and jest's reporter.
  { files: ['*.js', 'test/support/*.js'], rules: { '@typescript-eslint/no-require-imports': 'off' } },
  // Scripts the browser runs: the web chat page and the agent console.
  { files: ['bot/web/static/**/*.js', 'ticketing/console/assets/**/*.js'], languageOptions: { globals: { ...globals.browser } } },
);
