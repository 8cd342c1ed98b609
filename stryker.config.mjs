// Mutation testing of the modules that carry Dyad's promises (docs/mutation.md has the scores and how to run it).
// The machine this runs on is small and shared: one module at a time, its own tests only, one or two processes.
//   DYAD_MUTATION_TESTS=tests/unit/coding/offsets.test.ts npm run test:mutation -- --mutate shared/coding/offsets.ts
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner', '@stryker-mutator/typescript-checker'],
  vitest: { configFile: 'tests/mutation.vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.DYAD_MUTATION_CONCURRENCY ?? 1),
  mutate: [
    'shared/merge/*.ts',
    'electron/team/write.ts',
    'shared/refi/positions.ts',
    'shared/refi/toSnapshot.ts',
    'shared/align/*.ts',
    'electron/core/alignment.ts',
    'electron/core/coding/undo*.ts',
    'shared/coding/offsets.ts',
    'electron/core/coding/corrections.ts',
    'shared/agreement/units.ts',
    'shared/export/deidentify.ts',
  ],
  reporters: ['clear-text', 'progress', 'json'],
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  incremental: true,
  incrementalFile: 'reports/stryker-incremental.json',
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 20_000,
};
