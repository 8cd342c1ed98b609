/** `dyad new`, `import`, `list`, `align`, `session`, `interview`: the project's transcripts and how they are filed. */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import { DyadError } from '../../../shared/api/errors';
import { ROLES, type Role } from '../../../shared/domain/types';
import { formatTime } from '../../../shared/import/time';
import { UsageError } from '../io';
import { type CliProject, printWarnings, type Warning, warningsOf, withProject } from '../project';
import { command, json, plural, whole } from '../spec';

const TRANSCRIPT_EXTENSIONS = ['.txt', '.text', '.docx', '.vtt', '.srt', '.md'];

const MEDIA_EXTENSIONS = 'mp4, webm, mov, m4a, mp3, wav, ogg';

const FILE_ARG: [string, string] = ['FILE', 'the project file (.dyad)'];

export const cmdNew = command({
  summary: 'create an empty project',
  usage: ['dyad new FILE'],
  args: [FILE_ARG],
  options: {},
  examples: ['dyad new study.dyad'],
  async run({ positionals: [file, ...more] }, io) {
    if (!file || more.length) throw new UsageError('give one FILE');
    if (existsSync(file)) throw new DyadError('conflict', `${file} already exists; Dyad will not overwrite it.`);
    const path = await withProject(file, async (p) => p.path, { create: true });
    io.out(`Created ${path}`);
    return 0;
  },
});

/** Files named on the command line, with folders expanded to the transcripts directly inside them. */
function expandPaths(paths: string[]): string[] {
  const files: string[] = [];
  for (const p of paths) {
    if (!existsSync(p)) throw new DyadError('not-found', `${p} does not exist.`);
    if (statSync(p).isDirectory()) {
      for (const f of readdirSync(p).sort()) {
        const full = join(p, f);
        if (statSync(full).isFile() && TRANSCRIPT_EXTENSIONS.some((e) => f.toLowerCase().endsWith(e))) files.push(full);
      }
    } else files.push(p);
  }
  return files;
}

export const cmdImport = command({
  summary: 'import transcripts (files, or folders of them)',
  usage: ['dyad import FILE [--dyad NAME --session N --role client|therapist|other] [--json] PATH…'],
  args: [FILE_ARG, ['PATH…', `transcripts (${TRANSCRIPT_EXTENSIONS.join(' ')}) or folders of them`]],
  options: {
    dyad: { type: 'string', arg: 'NAME', help: 'the dyad of every file (default: from the file name)' },
    session: { type: 'string', arg: 'N', help: 'the session number of every file (default: from the file name)' },
    role: { type: 'string', arg: 'ROLE', help: `the role of every file: ${ROLES.join(', ')} (default: from the file name)` },
    ...json,
  },
  notes: [
    "Without --dyad, --session and --role, each file's name says them, by the project's file-name pattern",
    '(e.g. D04_S1_client.docx; see `dyad settings`). Every warning of the reader is printed as',
    '"warning: FILE: …". All the files are imported, or none.',
  ],
  examples: ['dyad import study.dyad transcripts/', 'dyad import study.dyad --dyad 4 --session 2 --role therapist "session two.docx"'],
  async run({ values, positionals: [file, ...paths] }, io) {
    if (!file || !paths.length) throw new UsageError('give the project FILE and at least one PATH');
    if (values.role && !ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    const session = values.session !== undefined ? whole(values.session, '--session') : undefined;
    const files = expandPaths(paths);
    if (!files.length) throw new DyadError('not-found', `No transcript files (${TRANSCRIPT_EXTENSIONS.join(' ')}) in ${paths.join(', ')}.`);
    return withProject(file, async (p) => {
      const preview = await p.call('import.preview', {
        files: files.map((f) => ({ name: basename(f), dataBase64: readFileSync(f).toString('base64') })),
      });
      const bad = preview.items.filter((s) => !s.ok);
      if (bad.length) throw new DyadError('bad-file', bad.map((b) => b.error ?? `${b.name} could not be read.`).join('\n'));
      const warnings: Warning[] = preview.items.flatMap((s) => warningsOf(s.name, s.warnings));
      const settings = (await p.call('project.info', {})).settings;
      const items = preview.items.map((s) => {
        const dyad = values.dyad ?? s.proposed?.dyad;
        const sess = session ?? s.proposed?.session;
        const role = (values.role as Role | undefined) ?? s.proposed?.role;
        if (!dyad || !sess || !role) {
          throw new DyadError(
            'invalid-input',
            `${s.name}: cannot tell its dyad, session and role from the file name (pattern ${settings.fileNamePattern}); give --dyad, --session and --role.`,
          );
        }
        return { index: s.index, dyad, session: sess, role, speakerRoles: Object.fromEntries(s.speakers.map((x) => [x.label, x.role])) };
      });
      const { interviewIds } = await p.call('import.commit', { stagingId: preview.stagingId, items });
      if (values.json) {
        io.out(JSON.stringify({ interviewIds, warnings }, null, 2));
        return 0;
      }
      printWarnings(io, warnings);
      for (const [i, s] of preview.items.entries()) {
        const turns = s.speakers.reduce((n, x) => n + x.turns, 0);
        io.out(`Imported ${s.name} → dyad ${items[i]!.dyad}, session ${items[i]!.session}, ${items[i]!.role} (${turns} turns, ${s.moments.length} recall moments)`);
      }
      return 0;
    });
  },
});

export const cmdList = command({
  summary: 'dyads, sessions and interviews',
  usage: ['dyad list FILE [--json]'],
  args: [FILE_ARG],
  options: { ...json },
  examples: ['dyad list study.dyad', 'dyad list study.dyad --json'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length) throw new UsageError('give one FILE');
    return withProject(file, async (p) => {
      const tree = await p.call('dyads.list', {});
      const media = await p.call('media.list', {});
      if (values.json) {
        io.out(JSON.stringify({ project: p.name, dyads: tree, media }, null, 2));
        return 0;
      }
      if (!tree.length) io.out('No dyads yet. Import transcripts with `dyad import`.');
      if (media.some((m) => !m.found)) io.out(`Some recordings are missing: \`dyad relink ${file} FOLDER\` finds them there by file name.`);
      for (const d of tree) {
        const attrs = Object.entries(d.attributes)
          .map(([k, v]) => `${k}: ${v}`)
          .join(', ');
        io.out(`dyad ${d.name}${attrs ? `  (${attrs})` : ''}`);
        for (const s of d.sessions) {
          io.out(`  session ${s.number}${s.date ? ` — ${s.date}` : ''}`);
          const recording = media.find((m) => m.kind === 'session' && m.sessionId === s.id);
          if (recording) io.out(`    recording ${mediumLine(recording)}`);
          for (const i of s.interviews) {
            io.out(`    ${i.role.padEnd(9)} ${i.sourceName}  ${i.wordCount} words, ${i.turnCount} turns, ${i.momentCount} moments  [${i.id}]`);
            const audio = media.find((m) => m.interviewId === i.id);
            if (audio) io.out(`              recording ${mediumLine(audio)}`);
          }
        }
      }
      return 0;
    }, { readOnly: true });
  },
});

/** A recording as the researcher reads it: its path, and where Dyad looked when it is not there. */
const mediumLine = (m: { storedPath: string; resolvedPath: string; found: boolean }) =>
  m.found ? m.storedPath : `${m.storedPath}  (missing: Dyad looked at ${m.resolvedPath})`;

const sessionOptions = {
  dyad: { type: 'string', arg: 'NAME', help: 'the dyad ("4", "D04" and "04" are one dyad)' },
  session: { type: 'string', arg: 'N', help: 'the session number' },
} as const;

/** The session a --dyad and --session name. */
async function findSession(p: CliProject, dyad: string, session: string): Promise<string> {
  const r = await p.call('names.resolve', { dyads: [dyad], sessions: [whole(session, '--session')] });
  return r.sessionIds[0]!;
}

export const cmdAlign = command({
  summary: 'the session lined up moment by moment',
  usage: ['dyad align FILE --dyad NAME --session N [--json]'],
  args: [FILE_ARG],
  options: { ...sessionOptions, ...json },
  examples: ['dyad align study.dyad --dyad 4 --session 1', 'dyad align study.dyad --dyad D04 --session 1 --json'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length || !values.dyad || !values.session) throw new UsageError('give FILE, --dyad and --session');
    whole(values.session, '--session');
    return withProject(file, async (p) => {
      const sessionId = await findSession(p, values.dyad!, values.session!);
      const a = await p.call('sessions.align', { sessionId });
      const s = await p.call('sessions.get', { sessionId });
      const texts = new Map(s.interviews.map((i) => [i.id, i.text]));
      const side = (x: (typeof a.rows)[number]['client']) =>
        x && { ...x, sessionTimeLabel: x.sessionTime === null ? null : formatTime(x.sessionTime), text: (texts.get(x.interviewId) ?? '').slice(x.start, x.end).trim() };
      const rows = a.rows.map((r) => ({
        sessionTime: r.sessionTime,
        sessionTimeLabel: r.sessionTime === null ? null : formatTime(r.sessionTime),
        match: r.match,
        delta: r.delta,
        client: side(r.client),
        therapist: side(r.therapist),
      }));
      if (values.json) {
        io.out(JSON.stringify({ dyad: s.dyad.name, session: s.session.number, toleranceSeconds: a.toleranceSeconds, rows }, null, 2));
        return 0;
      }
      for (const r of rows) {
        const c = r.client ? r.client.label : '—';
        const t = r.therapist ? r.therapist.label : '—';
        io.out(`${(r.sessionTimeLabel ?? '').padEnd(9)} ${r.match.padEnd(6)} client ${c.padEnd(24)} therapist ${t}`);
      }
      return 0;
    }, { readOnly: true });
  },
});

export const cmdSession = command({
  summary: "a session's details: its date, recording and interviews; set the date or recording (undoable)",
  usage: ['dyad session FILE --dyad NAME --session N [--date YYYY-MM-DD] [--recording PATH | --no-recording] [--json]'],
  args: [FILE_ARG],
  options: {
    ...sessionOptions,
    date: { type: 'string', arg: 'DATE', help: 'set the date of the session ("" clears it)' },
    recording: { type: 'string', arg: 'PATH', help: `attach the session's recording (${MEDIA_EXTENSIONS}); beside the project it is stored relative to it` },
    'no-recording': { type: 'boolean', help: 'detach the recording (the file itself is left alone)' },
    ...json,
  },
  examples: ['dyad session study.dyad --dyad 4 --session 1', 'dyad session study.dyad --dyad 4 --session 1 --date 2026-03-02 --json'],
  async run({ values, positionals: [file, ...more] }, io) {
    if (!file || more.length || !values.dyad || !values.session) throw new UsageError('give FILE, --dyad and --session');
    if (values.recording !== undefined && values['no-recording']) throw new UsageError('give --recording or --no-recording, not both');
    whole(values.session, '--session');
    return withProject(file, async (p) => {
      const sessionId = await findSession(p, values.dyad!, values.session!);
      const clear = (v: string | undefined) => (v === undefined ? undefined : v.trim() === '' ? null : v.trim());
      const recordingPath = values['no-recording'] ? null : values.recording === undefined ? undefined : clear(resolveOrEmpty(values.recording));
      if (values.date !== undefined || recordingPath !== undefined) {
        if (recordingPath) assertFile(recordingPath);
        await p.call('sessions.update', { sessionId, date: clear(values.date), recordingPath });
      }
      const s = await p.call('sessions.get', { sessionId });
      const interviews = s.interviews.map(({ text: _t, turns: _u, moments: _m, ...summary }) => summary);
      const media = (await p.call('media.list', {})).filter((m) => m.sessionId === sessionId);
      const recording = media.find((m) => m.kind === 'session') ?? null;
      if (values.json) {
        io.out(JSON.stringify({ dyad: s.dyad, session: s.session, recording, interviews, media }, null, 2));
        return 0;
      }
      io.out(`dyad ${s.dyad.name}, session ${s.session.number}`);
      io.out(`  date:      ${s.session.date ?? '(none)'}`);
      io.out(`  recording: ${recording ? mediumLine(recording) : '(none)'}`);
      for (const i of interviews) io.out(`  ${i.role.padEnd(9)}  ${i.sourceName}  ${i.wordCount} words, ${i.turnCount} turns, ${i.momentCount} moments  [${i.id}]`);
      if (!interviews.length) io.out('  (no interviews)');
      return 0;
    });
  },
});

const resolveOrEmpty = (v: string) => (v.trim() === '' ? '' : resolve(v));

/** A recording named on the command line must be there: a typo would otherwise be attached and found missing later. */
function assertFile(path: string): void {
  if (!existsSync(path) || !statSync(path).isFile()) throw new DyadError('not-found', `${path} does not exist or is not a file; nothing was changed.`);
}

export const cmdInterview = command({
  summary: "an interview's details and what deleting it would take; change its role or delete it (undoable)",
  usage: ['dyad interview FILE (INTERVIEW | --interview ID) [--role ROLE | --delete] [--audio PATH | --no-audio] [--json]'],
  args: [FILE_ARG, ['INTERVIEW', 'its id or the file name it was imported from (see `dyad list`)']],
  options: {
    interview: { type: 'string', arg: 'ID', help: 'the interview, instead of INTERVIEW' },
    audio: { type: 'string', arg: 'PATH', help: `attach the interview's own recording (${MEDIA_EXTENSIONS}); beside the project it is stored relative to it` },
    'no-audio': { type: 'boolean', help: "detach the interview's recording (the file itself is left alone)" },
    role: { type: 'string', arg: 'ROLE', help: `change its role: ${ROLES.join(', ')}` },
    delete: { type: 'boolean', help: 'delete it with its codings and memos (a session or dyad left empty goes too)' },
    ...json,
  },
  examples: ['dyad interview study.dyad D04_S1_client.docx', 'dyad interview study.dyad D04_S1_client.docx --role therapist', 'dyad interview study.dyad 0b6f…-uuid --delete'],
  async run({ values, positionals: [file, positional, ...more] }, io) {
    if (positional !== undefined && values.interview !== undefined) throw new UsageError('give INTERVIEW or --interview, not both');
    const ref = positional ?? values.interview;
    if (!file || !ref || more.length) throw new UsageError('give FILE and INTERVIEW');
    if (values.role && values.delete) throw new UsageError('give --role or --delete, not both');
    if (values.audio !== undefined && values['no-audio']) throw new UsageError('give --audio or --no-audio, not both');
    if (values.delete && (values.audio !== undefined || values['no-audio'])) throw new UsageError('give --audio or --delete, not both');
    const audioPath = values['no-audio'] ? null : values.audio === undefined ? undefined : resolveOrEmpty(values.audio) || null;
    if (audioPath) assertFile(audioPath);
    if (values.role && !ROLES.includes(values.role as Role)) throw new UsageError(`--role must be one of ${ROLES.join(', ')}`);
    return withProject(file, async (p) => {
      const [interviewId] = (await p.call('names.resolve', { interviews: [ref] })).interviewIds;
      if (values.delete) {
        const r = await p.call('interviews.delete', { interviewId: interviewId! });
        if (values.json) io.out(JSON.stringify(r, null, 2));
        else {
          const gone = [r.sessionRemoved && 'its session, now empty', r.dyadRemoved && 'its dyad, now empty'].filter(Boolean);
          io.out(`Deleted ${r.sourceName} with ${plural(r.codings, 'coding')} and ${plural(r.memos, 'memo')}${gone.length ? `, and ${gone.join(' and ')}` : ''}. \`dyad undo ${file}\` takes it back.`);
        }
        return 0;
      }
      const summary = values.role ? await p.call('interviews.setRole', { interviewId: interviewId!, role: values.role as Role }) : null;
      if (audioPath !== undefined) await p.call('interviews.setAudio', { interviewId: interviewId!, audioPath });
      const recording = (await p.call('media.list', {})).find((m) => m.interviewId === interviewId) ?? null;
      const i = await p.call('interviews.get', { interviewId: interviewId! });
      const usage = await p.call('interviews.usage', { interviewId: interviewId! });
      const { text: _t, turns: _u, moments: _m, ...rest } = i;
      if (values.json) {
        io.out(JSON.stringify({ interview: rest, recording, usage }, null, 2));
        return 0;
      }
      if (summary) io.out(`${i.sourceName} is now the ${summary.role}'s interview.`);
      io.out(`${i.sourceName}  [${i.id}]`);
      io.out(`  ${i.role}, ${i.wordCount} words, ${i.turnCount} turns, ${i.momentCount} recall moments`);
      io.out(`  ${plural(usage.codings, 'coding')} by ${plural(usage.coders, 'coder')}, ${plural(usage.memos, 'memo')}`);
      io.out(`  recording: ${recording ? mediumLine(recording) : '(none)'}`);
      return 0;
    });
  },
});


export const cmdRelink = command({
  summary: 'find missing recordings in a folder by their file names and attach them (undoable)',
  usage: ['dyad relink FILE FOLDER [--json]'],
  args: [FILE_ARG, ['FOLDER', 'where the recordings are now (searched with its subfolders)']],
  options: { ...json },
  notes: ['Every session and interview whose recording is missing is looked for at once; `dyad list` shows which are missing.'],
  examples: ['dyad relink study.dyad /media/usb/recordings'],
  async run({ values, positionals: [file, folder, ...more] }, io) {
    if (!file || !folder || more.length) throw new UsageError('give FILE and FOLDER');
    return withProject(file, async (p) => {
      const r = await p.call('media.relink', { folder: resolve(folder) });
      if (values.json) {
        io.out(JSON.stringify(r, null, 2));
        return r.missing.length ? 1 : 0;
      }
      for (const x of r.relinked) io.out(`Relinked ${x.label}: ${x.to}`);
      for (const x of r.missing) io.out(`Still missing ${x.label}: no file named ${basename(x.storedPath.replaceAll('\\', '/'))} in ${folder} (Dyad looked at ${x.resolvedPath})`);
      if (!r.relinked.length && !r.missing.length) io.out('No recording is missing.');
      return r.missing.length ? 1 : 0;
    });
  },
});
