/**
 * `dyad settings`: the project's settings, and the session-time marker patterns a transcriber's own way of noting
 * stops needs. With --find-moments, the moments those patterns mark in transcripts imported before them are added.
 */
import { parseArgs } from 'node:util';
import { formatTime } from '../../../shared/import/time';
import { rescanMoments } from '../../core/rescan-moments';
import { type CliIo, UsageError } from '../io';
import { withProject } from './basic';

const USAGE =
  'dyad settings FILE [--tolerance SECONDS] [--file-pattern P] [--marker-pattern REGEX]… [--no-marker-patterns] [--find-moments] [--json]';

export function cmdSettings(args: string[], io: CliIo): number {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      tolerance: { type: 'string' },
      'file-pattern': { type: 'string' },
      'marker-pattern': { type: 'string', multiple: true },
      'no-marker-patterns': { type: 'boolean' },
      'find-moments': { type: 'boolean' },
      json: { type: 'boolean' },
    },
  });
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new UsageError(USAGE);
  if (values['marker-pattern'] && values['no-marker-patterns']) throw new UsageError('give --marker-pattern or --no-marker-patterns, not both');
  let tolerance: number | undefined;
  if (values.tolerance !== undefined) {
    tolerance = Number(values.tolerance);
    if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 3600) throw new UsageError('--tolerance must be a number of seconds from 0 to 3600');
  }
  return withProject(file, (project) => {
    const patterns = values['no-marker-patterns'] ? [] : values['marker-pattern'];
    const settings = project.updateSettings({ alignToleranceSeconds: tolerance, fileNamePattern: values['file-pattern'], customMarkerPatterns: patterns });
    const found = values['find-moments'] ? rescanMoments(project.db, settings.customMarkerPatterns, true) : null;
    if (values.json) {
      io.out(JSON.stringify({ settings, ...(found ? { foundMoments: found } : {}) }, null, 2));
      return 0;
    }
    io.out(`Pairing tolerance: ${settings.alignToleranceSeconds} s`);
    io.out(`File-name pattern: ${settings.fileNamePattern}`);
    io.out(`Marker patterns:   ${settings.customMarkerPatterns.length ? settings.customMarkerPatterns.join('   ') : '(none; the built-in forms only)'}`);
    if (found) {
      io.out(`Added ${found.moments} recall moment${found.moments === 1 ? '' : 's'} in ${found.interviews} interview${found.interviews === 1 ? '' : 's'}${found.moments ? ':' : '.'}`);
      for (const m of found.sample) io.out(`  ${m.sourceName}  ${m.label}  → ${formatTime(m.sessionTime)}`);
      if (found.moments > found.sample.length) io.out(`  … and ${found.moments - found.sample.length} more`);
    }
    return 0;
  });
}
