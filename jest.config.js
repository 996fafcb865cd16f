// Packages published only as ES modules (OpenID Connect: client, provider, JOSE): jest runs
// CommonJS, so they are transpiled like the tests (tsx and Node load them as they are).
const ESM_ONLY = '(openid-client|oauth4webapi|oidc-provider|jose)';

/** @type {import('jest').Config} */
const shared = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.ts'],
  transform: {
    // Type checking is done once by `npm run typecheck`; tests only transpile.
    '^.+\\.ts$': '<rootDir>/test/support/esbuildTransform.js',
    [`/node_modules/${ESM_ONLY}/.+\\.js$`]: '<rootDir>/test/support/esbuildTransform.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!${ESM_ONLY}/)`],
};

module.exports = {
  projects: [
    // `npm run test:unit`: pure rules, the knowledge engine and the bot's dialogs in memory; no Redis, no processes.
    { ...shared, displayName: 'unit', roots: ['<rootDir>/test/unit'] },
    {
      ...shared,
      displayName: 'integration',
      roots: ['<rootDir>/test/integration', '<rootDir>/test/browser'],
      // One private redis-server per test run (never the default port's data), and the service compiled once.
      globalSetup: '<rootDir>/test/support/globalSetup.ts',
      globalTeardown: '<rootDir>/test/support/globalTeardown.ts',
    },
  ],
  reporters: ['default', '<rootDir>/test/support/summaryReporter.js'],
  // A ceiling for a hung test, not a speed goal: waits inside end as soon as their condition holds.
  testTimeout: 600_000,
  maxWorkers: 2,
};
