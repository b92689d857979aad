// Two tiers: unit specs beside the code, and integration specs against the real local
// Postgres and RabbitMQ (each run gets its own database and vhost; see libs/testing).
const preset = require('./jest.preset');

module.exports = {
  projects: [
    {
      ...preset,
      displayName: 'unit',
      testMatch: ['<rootDir>/{apps,libs,tools,bench}/**/*.spec.ts'],
    },
    {
      ...preset,
      displayName: 'integration',
      testMatch: ['<rootDir>/{apps,libs,tools,bench}/**/*.int-spec.ts'],
      globalSetup: '<rootDir>/libs/testing/src/integration/global-setup.ts',
      globalTeardown: '<rootDir>/libs/testing/src/integration/global-teardown.ts',
      testTimeout: 60000,
    },
  ],
};
