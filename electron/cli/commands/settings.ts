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

const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

export const cmdCompact = command({
  summary: "give back the disk space removals left in the project file, and merge the search index's parts",
  usage: ['dyad compact FILE [--check] [--json]'],
  args: [['FILE', 'the project file (.dyad)']],
  options: {
    check: { type: 'boolean', help: 'only say how big the file is and how much compacting would give back' },
    ...json,
  },
  notes: [
    'Removing interviews, undoing a merge or clearing codings leaves free space inside the file, kept for what comes',
    'next. Compacting writes the file again without it: seconds on a large study, and it needs free disk space',
    'about the size of the file while it runs. Nothing in the project changes; Undo keeps its history.',
  ],
  examples: ['dyad compact study.dyad --check', 'dyad compact study.dyad'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length) throw new UsageError('give one FILE');
    return withProject(file, async (p) => {
      const { disk } = await p.call('project.info', {});
      if (values.check) {
        if (values.json) io.out(JSON.stringify(disk, null, 2));
        else {
          io.out(`${file}: ${megabytes(disk.bytes)} on disk, ${megabytes(disk.reclaimableBytes)} of it free space.`);
          io.out(disk.worthCompacting ? `Worth compacting: dyad compact ${file}` : 'Not worth compacting now.');
        }
        return 0;
      }
      const done = await p.call('project.compact', {});
      if (values.json) io.out(JSON.stringify(done, null, 2));
      else io.out(`Compacted ${file}: ${megabytes(done.before)} → ${megabytes(done.after)} in ${(done.ms / 1000).toFixed(1)} s.`);
      return 0;
    });
  },
});
