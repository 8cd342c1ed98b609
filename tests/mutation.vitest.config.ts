import { defineConfig } from 'vitest/config';

// The tests Stryker runs against each mutant (stryker.config.mjs): the unit and integration tests of the module
// being mutated, named in DYAD_MUTATION_TESTS (comma-separated globs); never the e2e suite.
const include = (process.env.DYAD_MUTATION_TESTS ?? 'tests/unit/**/*.test.ts').split(',').map((g) => g.trim()).filter(Boolean);

export default defineConfig({
  test: {
    include,
    environment: 'node',
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
