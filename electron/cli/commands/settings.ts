/**
 * `dyad settings`: the project's settings, and the session-time marker patterns a transcriber's own way of noting
 * stops needs. With --find-moments, the moments those patterns mark in transcripts imported before them are added.
 */
import { formatTime } from '../../../shared/import/time';
import { UsageError } from '../io';
import { withProject } from '../project';
import { command, json } from '../spec';

export const cmdSettings = command({
  summary: 'project settings: pairing tolerance, file-name pattern, session-time markers of your own',
  usage: ['dyad settings FILE [--tolerance SECONDS] [--file-pattern P] [--marker-pattern REGEX]… [--no-marker-patterns] [--find-moments] [--json]'],
  args: [['FILE', 'the project file (.dyad)']],
  options: {
    tolerance: { type: 'string', arg: 'SECONDS', help: 'how far apart (0–3600 s) a client and a therapist moment may be and still pair' },
    'file-pattern': { type: 'string', arg: 'P', help: 'how file names say dyad, session and role, e.g. D{dyad}_S{session}_{role}' },
    'marker-pattern': { type: 'string', multiple: true, arg: 'REGEX', help: 'a session-time marker of your own; group 1 is the time, e.g. <<(\\d+:\\d\\d)>>' },
    'no-marker-patterns': { type: 'boolean', help: 'remove the marker patterns of your own' },
    'find-moments': { type: 'boolean', help: 'add the moments the patterns mark in transcripts imported earlier (undoable)' },
    ...json,
  },
  examples: ['dyad settings study.dyad', "dyad settings study.dyad --marker-pattern '<<(\\d\\d:\\d\\d:\\d\\d)>>' --find-moments"],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length) throw new UsageError('give one FILE');
    if (values['marker-pattern'] && values['no-marker-patterns']) throw new UsageError('give --marker-pattern or --no-marker-patterns, not both');
    let tolerance: number | undefined;
    if (values.tolerance !== undefined) {
      tolerance = Number(values.tolerance);
      if (!Number.isFinite(tolerance) || tolerance < 0 || tolerance > 3600) throw new UsageError('--tolerance must be a number of seconds from 0 to 3600');
    }
    return withProject(file, async (p) => {
      const patterns = values['no-marker-patterns'] ? [] : values['marker-pattern'];
      const changes = { alignToleranceSeconds: tolerance, fileNamePattern: values['file-pattern'], customMarkerPatterns: patterns };
      const settings = Object.values(changes).some((v) => v !== undefined)
        ? await p.call('project.updateSettings', changes)
        : (await p.call('project.info', {})).settings;
      const found = values['find-moments'] ? await p.call('moments.rescan', { apply: true }) : null;
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
  },
});
