/**
 * A measurement, not a benchmark gate: export and re-import a generated study and print the times. The target
 * is a full study (400 interviews, 4 M words, 100 k codings) in under 20 s for export + import; here a tenth of
 * it keeps the suite quick. Set DYAD_REFI_FULL=1 to run the full size.
 */
import { afterAll, expect, it } from 'vitest';
import { Project } from '../../../electron/core/project';
import { writeSnapshotInto } from '../../../electron/snapshot/write';
import { exportQdpx } from '../../../electron/refi/exportQdpx';
import { automaticAssignments, commitQdpxImport } from '../../../electron/refi/importQdpx';
import { readQdpx } from '../../../electron/refi/readQdpx';
import { tempDir } from '../../helpers/tmp';
import { tableCounts } from './helpers';
import { generateStudy } from './study';

const tmp = tempDir('dyad-refi-speed-');
afterAll(() => tmp.cleanup());

it('exports and re-imports a generated study, printing the times', async () => {
  const full = process.env.DYAD_REFI_FULL === '1';
  const study = generateStudy({ dyads: full ? 100 : 10, sessions: 2, wordsPerInterview: 10_000, codingsPerInterview: 250 });
  const source = Project.open(tmp.path('source.dyad'), { create: true });
  writeSnapshotInto(source.db, study);
  const target = Project.open(tmp.path('target.dyad'), { create: true });
  try {
    const t0 = performance.now();
    await exportQdpx(source.db, tmp.path('study.qdpx'));
    const t1 = performance.now();
    const read = await readQdpx(tmp.path('study.qdpx'));
    const t2 = performance.now();
    commitQdpxImport(target.db, read, automaticAssignments(read, 'D{dyad}_S{session}_{role}'));
    const t3 = performance.now();
    const s = (a: number, b: number) => `${((b - a) / 1000).toFixed(2)} s`;
    console.log(
      `REFI-QDA round trip, ${study.interviews.length} interviews, ${study.interviews.length * 10_000} words, ${study.codings.length} codings: ` +
        `export ${s(t0, t1)}, read ${s(t1, t2)}, write into project ${s(t2, t3)}, total ${s(t0, t3)}`,
    );
    const a = tableCounts(source.db);
    const b = tableCounts(target.db);
    expect(b).toEqual(a);
  } finally {
    source.close();
    target.close();
  }
});
