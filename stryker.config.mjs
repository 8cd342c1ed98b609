// Mutation testing of the modules that carry Dyad's promises (docs/mutation.md has the scores and how to run it).
// The machine this runs on is small and shared: one module at a time, its own tests only, one or two processes.
//   npm run test:mutation -- --mutate shared/export/deidentify.ts
// picks that module's tests from MODULES below (tests/mutation.vitest.config.ts reads them from
// DYAD_MUTATION_TESTS, which the Stryker worker processes inherit); DYAD_MUTATION_TESTS set by hand wins.

// Where the merge's database writer lives.
const MERGE_WRITER = 'electron/team/write.ts';

/** Each module (or glob of modules) with the unit and integration tests that guard its promise. */
export const MODULES = {
  'shared/export/deidentify.ts': ['tests/unit/export/deidentify*.test.ts'],
  'shared/coding/offsets.ts': ['tests/unit/coding/offsets*.test.ts'],
  'shared/agreement/units.ts': ['tests/unit/agreement/units*.test.ts'],
  'shared/refi/positions.ts': ['tests/unit/refi/positions*.test.ts'],
  // Its unit tests read small project documents written in the test (tests/unit/refi/qdeProject.ts): seconds a
  // mutant, where the import tests through real .qdpx archives (tests/integration/refi/) took about 25 s.
  'shared/refi/toSnapshot.ts': ['tests/unit/refi/toSnapshot-*.test.ts'],
  // The alignment of client and therapist units, one entry per file (types.ts and index.ts hold no code to mutate);
  // speed.test.ts (large sessions timed against a budget) stays out: a time budget is no oracle for a mutant.
  ...Object.fromEntries(
    ['align', 'decisions', 'match', 'rows', 'sequence'].map((f) => [`shared/align/${f}.ts`, ['tests/unit/align/examples.test.ts', 'tests/unit/align/properties.test.ts', 'tests/unit/align/edges.test.ts', 'tests/unit/align/match.test.ts']]),
  ),
  'electron/core/alignment.ts': ['tests/integration/alignment/**/*.test.ts', 'tests/integration/analysis/alignments.test.ts'],
  // The in-memory tests of undo and corrections (memoryFixture.ts): a mutant costs seconds, not the minutes of the
  // file-backed undo.test.ts, structure-edits-undo.test.ts, merge-undo.test.ts and model-based.test.ts. One entry
  // per file, so that each has the incremental file that scripts/mutation-changed.mjs looks for.
  'electron/core/coding/undo.ts': ['tests/integration/coding/undo-promises.test.ts', 'tests/integration/coding/structure-undo-promises.test.ts'],
  'electron/core/coding/undoStructure.ts': ['tests/integration/coding/undo-promises.test.ts', 'tests/integration/coding/structure-undo-promises.test.ts'],
  'electron/core/coding/corrections.ts': [
    'tests/integration/coding/corrections-promises.test.ts',
    'tests/integration/coding/corrections.test.ts',
    'tests/integration/coding/undo-promises.test.ts',
  ],
  // The planner's fast unit tests only: the property tests (tests/unit/merge/properties.test.ts, 30 s a run) and the
  // writer's comparison (merge-writer.test.ts, a real .dyad) cover nearly every mutant, and would cost minutes each.
  // Both stay in the normal suite; merge-writer.test.ts guards MERGE_WRITER below.
  // One entry per file, each with its own incremental file (index.ts and types.ts hold no code to mutate).
  ...Object.fromEntries(
    ['apply', 'codes', 'conflicts', 'content', 'ids', 'links', 'normalise', 'plan', 'structure', 'textMap'].map((f) => [
      `shared/merge/${f}.ts`,
      ['apply', 'codes', 'content', 'links', 'planner', 'rules', 'structure', 'textMap'].map((t) => `tests/unit/merge/${t}.test.ts`),
    ]),
  ),
  // The writer's rows, undo and progress in an in-memory database (merge-write-rows: a second for every mutant). The
  // real-file tests of the writer (merge-writer against the planner, merge-undo, merge-links, merge-write-large,
  // merge-write-ids: half a minute or more a mutant here) kill nothing more and stay in the normal suite.
  [MERGE_WRITER]: ['tests/integration/team/merge-write-rows.test.ts'],
  // lock.test.ts (races of two processes, 200 rounds: a minute and a half a mutant) is left out; lock-open.test.ts
  // has a second Dyad in a child process, which runs the active mutant too (tests/integration/project/children.ts).
  'electron/core/lock.ts': ['tests/integration/project/lock-note.test.ts', 'tests/integration/project/lock-open.test.ts'],
};

/** The modules named after --mutate on the command line (Stryker reads the same flag after this file). */
function mutatedOnCommandLine(argv) {
  const at = argv.findIndex((a) => a === '--mutate' || a === '-m' || a.startsWith('--mutate='));
  if (at < 0) return [];
  const value = argv[at].startsWith('--mutate=') ? argv[at].slice('--mutate='.length) : argv[at + 1] ?? '';
  return value.split(',').map((m) => m.trim().replace(/:\d.*$/, '')).filter(Boolean);
}

const asked = mutatedOnCommandLine(process.argv);
if (!process.env.DYAD_MUTATION_TESTS) {
  const tests = asked.length === 0 ? Object.values(MODULES).flat() : asked.flatMap((m) => {
    const found = MODULES[m] ?? Object.entries(MODULES).find(([glob]) => globMatches(glob, m))?.[1];
    if (!found) throw new Error(`stryker.config.mjs: no tests listed for ${m} in MODULES; add them there or set DYAD_MUTATION_TESTS`);
    return found;
  });
  process.env.DYAD_MUTATION_TESTS = [...new Set(tests)].join(',');
}

// One report per module run, so runs of different modules keep their own (reports/mutation/ is gitignored).
export const reportNameOf = (modules) => (modules.length === 0 ? 'all' : modules.join('+').replace(/[^A-Za-z0-9.]+/g, '-'));
const reportName = reportNameOf(asked);

function globMatches(glob, file) {
  const pattern = glob.replace(/[.]/g, '\\.').replace(/\*/g, '[^/]*');
  return new RegExp(`^${pattern}$`).test(file);
}

/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'tests/mutation.vitest.config.ts', related: false },
  coverageAnalysis: 'perTest',
  concurrency: Number(process.env.DYAD_MUTATION_CONCURRENCY ?? 1),
  mutate: Object.keys(MODULES).filter((m) => m !== 'electron/core/lock.ts' || asked.includes(m)),
  reporters: ['clear-text', 'progress', 'json', 'html'],
  jsonReporter: { fileName: `reports/mutation/${reportName}.json` },
  htmlReporter: { fileName: `reports/mutation/${reportName}.html` },
  incremental: process.env.DYAD_MUTATION_INCREMENTAL === '1',
  // The bar of docs/mutation.md; scripts/mutation-changed.mjs sets it to 85 so that CI fails below it.
  thresholds: { high: 90, low: 85, break: process.env.DYAD_MUTATION_BREAK ? Number(process.env.DYAD_MUTATION_BREAK) : null },
  incrementalFile: `docs/mutation/incremental/${reportName}.json`,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
  timeoutMS: 30_000,
  timeoutFactor: 3,
};
