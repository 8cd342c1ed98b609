import { readFileSync, statSync } from 'node:fs';
import { basename, join } from 'node:path';
import { alignSession } from '../../electron/core/alignment';
import { commitStaged, stageFiles } from '../../electron/core/importer';
import { Project } from '../../electron/core/project';
import type { BenchContext } from './context';
import { time } from './report';
import { writeSyntheticStudy } from './synthetic';

/** Import of the whole synthetic study, opening the project, aligning a session. */
export async function benchFoundation(ctx: BenchContext): Promise<void> {
  const { report, shape, dir } = ctx;
  report.section(`Foundation — synthetic study: ${shape.dyads} dyads × ${shape.sessions} sessions × 2 interviews × ${shape.words} words`);
  const gen = await time(() => writeSyntheticStudy(join(dir, 'transcripts'), shape));
  const files = gen.value;
  report.add('generate transcripts', gen.ms, 'ms');
  const file = ctx.projectPath;
  const project = Project.open(file, { create: true });
  const sources = files.map((f) => ({ name: basename(f), bytes: readFileSync(f) }));
  const stage = await time(() => stageFiles(sources, project.settings()));
  const items = stage.value.map((s) => ({ index: s.index, ...s.proposed!, speakerRoles: s.speakerRoles }));
  const commit = await time(() => commitStaged(project, stage.value, items));
  const words = stage.value.reduce((n, s) => n + (s.parsed?.text.split(/\s+/).length ?? 0), 0);
  report.add(`read + parse ${files.length} files (${(words / 1e6).toFixed(2)} M words)`, stage.ms, 'ms');
  report.add('write interviews, turns, moments, search index', commit.ms, 'ms');
  report.add('import the whole study (parse + write + index)', stage.ms + commit.ms, 'ms', 15000);
  project.close();
  // What a study costs on disk (issue 17): transcripts, turns, moments and the search index, closed (WAL folded in).
  const mb = statSync(file).size / 1048576;
  report.add(`project file after the import (${(words / 1e6).toFixed(2)} M words)`, mb, 'MB');
  report.add('  per million words', mb / (words / 1e6), 'MB');

  const opens: number[] = [];
  for (let i = 0; i < 5; i++) {
    const o = await time(() => Project.open(file));
    o.value.close();
    opens.push(o.ms);
  }
  report.add('open the project (median of 5)', opens.sort((a, b) => a - b)[2]!, 'ms', 200);

  const p = Project.open(file);
  const sessionId = (p.db.prepare('SELECT id FROM sessions LIMIT 1').get() as { id: string }).id;
  alignSession(p.db, sessionId, 15); // warm statement cache
  const al = await time(() => alignSession(p.db, sessionId, 15));
  report.add(`align a session (${al.value.rows.length} rows)`, al.ms, 'ms');
  p.close();
}
