import { defineConfig } from 'vitest/config';

// Three projects: unit (pure functions, shared/ and electron/ without files), integration (real SQLite files in
// a temp folder, the command line, the HTTP server), e2e (the renderer in Chromium against `dyad serve`).
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 60_000,
          hookTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 180_000,
          fileParallelism: false,
          // A real browser on a shared, loaded machine: one retry for a test that failed, which Vitest reports as
          // "(retry x1)" beside it, so a flaky test stays visible and is fixed at its cause (as selection-bubble's
          // and coding's were). A test that fails twice fails the run.
          // DYAD_E2E_RETRY=0 turns it off, to hunt flakes.
          retry: Number(process.env.DYAD_E2E_RETRY ?? 1),
        },
      },
    ],
  },
});
