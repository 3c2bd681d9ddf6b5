// Four kinds of test (ARCHITECTURE.md): pure specs beside the code, integration specs against real
// SQLite files, PostgreSQL and Redis, end-to-end specs of the app over HTTP, and browser journeys.
const fs = require('node:fs');
const swc = JSON.parse(fs.readFileSync(`${__dirname}/.swcrc`, 'utf8'));
const shared = {
  // jose and openid-client (with its oauth4webapi) ship only ES modules; Jest on Node 20 cannot
  // require them, so they are compiled to CommonJS like our own code.
  transform: {
    '^.+\\.ts$': ['@swc/jest', { ...swc, swcrc: false }],
    '/node_modules/(jose|openid-client|oauth4webapi)/.+\\.js$': ['@swc/jest', { ...swc, swcrc: false }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(jose|openid-client|oauth4webapi)/)'],
  moduleNameMapper: {
    '^@actionplans/(auth|commands|config|domain|event-store|import|notifications|read-models|reminders|testing|web)$':
      '<rootDir>/libs/$1/src',
    '^@actionplans/testing/browser$': '<rootDir>/libs/testing/src/browser',
  },
  testEnvironment: 'node',
  setupFiles: ['<rootDir>/libs/testing/src/quiet-nest-logger.ts'],
};

module.exports = {
  projects: [
    { ...shared, displayName: 'unit', testMatch: ['<rootDir>/{apps,libs}/**/*.spec.ts'] },
    { ...shared, displayName: 'integration', testMatch: ['<rootDir>/{apps,libs,tools}/**/*.int-spec.ts'] },
    { ...shared, displayName: 'e2e', testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'] },
    // Whole journeys in Chromium against the built app (libs/testing/src/browser.ts), beside the pages they drive.
    { ...shared, displayName: 'browser', testMatch: ['<rootDir>/{apps,libs,test}/**/*.browser-spec.ts'] },
  ],
  globalSetup: '<rootDir>/libs/testing/src/global-setup.ts',
  testTimeout: 60000,
};
