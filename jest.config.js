// Nest 12 and a few of its dependencies ship ESM only: @swc/jest transforms them to CommonJS.
const esmOnly = ['@nestjs', 'file-type', 'load-esm', 'uid', 'cookie', 'strtok3', 'token-types', 'peek-readable', '@tokenizer', 'uint8array-extras', 'content-disposition'];
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
      keepClassNames: true,
    },
    module: { type: 'commonjs' },
  },
];
const common = {
  transform: { '^.+\\.(t|j|mj)s$': swc },
  transformIgnorePatterns: [`node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  testEnvironment: 'node',
  // Overlapping queries on one pg connection fail the test (test/harness/no-overlapping-queries.ts).
  setupFilesAfterEnv: ['<rootDir>/test/harness/no-overlapping-queries.ts'],
};
module.exports = {
  projects: [
    { ...common, displayName: 'unit', testMatch: ['<rootDir>/src/**/*.spec.ts'] },
    {
      ...common,
      displayName: 'integration',
      testMatch: ['<rootDir>/test/**/*.e2e-spec.ts'],
      globalSetup: '<rootDir>/test/harness/global-setup.ts',
      globalTeardown: '<rootDir>/test/harness/global-teardown.ts',
    },
  ],
  maxWorkers: 2,
  // Integration tests start processes and databases; a busy 2-core machine needs headroom.
  testTimeout: 60000,
};
