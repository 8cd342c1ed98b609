/**
 * The commands a researcher scripts, each a call of the handler table: sessions, interviews, codes, coders, memos,
 * undo/redo, the generic `dyad call`; help for every command; warnings printed and in --json.
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../electron/cli/main';
import { appRoot } from '../../../electron/core/paths';
import { tempDir } from '../../helpers/tmp';
import { dyad, dyadJson } from '../../helpers/cli';

const tmp = tempDir();
afterAll(() => tmp.cleanup());
const demo = join(appRoot(), 'demo', 'transcripts');
const file = tmp.path('study.dyad');

const json = dyadJson;

beforeAll(async () => {
  expect((await dyad('new', file)).code).toBe(0);
  for (const f of ['D01_S1_client.txt', 'D01_S1_therapist.txt']) copyFileSync(join(demo, f), tmp.path(f));
  expect((await dyad('import', file, tmp.path('D01_S1_client.txt'), tmp.path('D01_S1_therapist.txt'))).code).toBe(0);
});

describe('help', () => {
  it('every command prints its usage, every option and an example, with --help and with dyad help, exit 0', async () => {
    for (const [name, c] of Object.entries(commands)) {
      const a = await dyad(name, '--help');
      expect(a.code, name).toBe(0);
      expect(a.out).toContain(`dyad ${name} — `);
      expect(a.out).toMatch(/Usage:\n {2}dyad /);
      for (const o of Object.keys(c.options)) expect(a.out, `${name} --${o}`).toContain(`--${o}`);
      expect(a.out).toMatch(/Examples?:\n {2}dyad /);
      const b = await dyad('help', name);
      expect(b).toEqual(a);
    }
  });

  it('an unknown option names the command’s real options (exit 2); an unknown command lists the commands', async () => {
    const r = await dyad('list', file, '--jsn');
    expect(r.code).toBe(2);
    expect(r.err).toContain('dyad list has no option --jsn. Its options: --json.');
    const e = await dyad('export', file, '--fromat', 'md');
    expect(e.err).toMatch(/dyad export has no option --fromat\. Its options: --format, --code, --dialogue, /);
    const u = await dyad('help', 'frobnicate');
    expect(u.code).toBe(2);
    expect(u.err).toMatch(/unknown command "frobnicate"[\s\S]*retrieve/);
  });
});

describe('sessions and interviews', () => {
  it('shows a session, sets its date (undoable), and names the sessions there are when asked for one that is not', async () => {
    const s = await json('session', file, '--dyad', 'D01', '--session', '1', '--date', '2026-03-02');
    expect(s.session).toMatchObject({ number: 1, date: '2026-03-02' });
    expect(s.dyad.name).toBe('1');
    expect(s.interviews.map((i: { role: string }) => i.role).sort()).toEqual(['client', 'therapist']);
    expect(s.interviews[0].text).toBeUndefined();
    expect((await dyad('session', file, '--dyad', '1', '--session', '1')).out).toMatch(/date: +2026-03-02/);
    expect((await dyad('undo', file)).out).toMatch(/^Undid: Edit the details of dyad 1, session 1/);
    expect((await json('session', file, '--dyad', '1', '--session', '1')).session.date).toBeNull();
    const none = await dyad('session', file, '--dyad', '1', '--session', '4');
    expect(none.code).toBe(1);
    expect(none.err).toMatch(/No session 4 for dyad 1 in study\.dyad\. Its sessions: dyad 1 session 1\./);
  });

  it('changes an interview’s role and deletes it, both undoable', async () => {
    const r = await json('interview', file, 'D01_S1_therapist.txt', '--role', 'other');
    expect(r.interview).toMatchObject({ sourceName: 'D01_S1_therapist.txt', role: 'other' });
    expect(r.usage).toMatchObject({ codings: 0, memos: 0 });
    await dyad('undo', file);
    const d = await dyad('interview', file, 'D01_S1_therapist.txt', '--delete');
    expect(d.out).toMatch(/^Deleted D01_S1_therapist\.txt with 0 codings and 0 memos/);
    expect((await json('list', file)).dyads[0].sessions[0].interviews).toHaveLength(1);
    expect((await dyad('redo', file)).out).toBe('Nothing to redo.\n');
    await dyad('undo', file);
    expect((await json('list', file)).dyads[0].sessions[0].interviews).toHaveLength(2);
    expect((await dyad('interview', file, 'nope.txt')).err).toMatch(/study\.dyad has no interview nope\.txt/);
  });
});

describe('codes, coders, memos, undo', () => {
  it('adds, renames, moves, merges and deletes codes, each undoable', async () => {
    expect((await dyad('codes', 'new', file, 'Rupture', '--color', '#CC3333')).out).toBe('Added code "Rupture" (#CC3333)\n');
    expect((await dyad('codes', 'new', file, 'Rupture/Withdrawal', '--definition', 'Moving away')).code).toBe(0);
    expect((await dyad('codes', 'new', file, 'Shame')).code).toBe(0);
    expect((await dyad('codes', 'new', file, 'Embarrassment')).code).toBe(0);
    const missing = await dyad('codes', 'new', file, 'Repair/Humour');
    expect(missing.code).toBe(1);
    expect(missing.err).toMatch(/No code "Repair" at the top/);
    expect((await dyad('codes', 'rename', file, 'Rupture/Withdrawal', 'Withdrawal rupture')).out).toBe('Renamed "Rupture/Withdrawal" to "Rupture/Withdrawal rupture"\n');
    expect((await dyad('codes', 'move', file, 'Shame', '--to', 'Rupture')).out).toBe('Moved "Shame" to "Rupture/Shame"\n');
    const client = (await json('list', file)).dyads[0].sessions[0].interviews.find((i: { role: string }) => i.role === 'client');
    expect((await dyad('code', file, '--interview', client.id, '--start', '0', '--end', '10', '--code', 'Embarrassment', '--coder', 'Ana')).code).toBe(0);
    expect((await dyad('codes', 'merge', file, 'Embarrassment', '--into', 'Rupture/Shame')).out).toMatch(/^Merged "Embarrassment" into "Rupture\/Shame": 1 coding, 0 sub-codes, 0 memos moved/);
    const book = (await json('codebook', file)).codebooks[0];
    expect(book.codes.map((c: { name: string }) => c.name)).toEqual(['Rupture']);
    expect(book.codes[0].children.map((c: { name: string }) => c.name)).toEqual(['Withdrawal rupture', 'Shame']);
    const del = await dyad('codes', 'delete', file, 'Rupture/Shame');
    expect(del.out).toMatch(/^Deleted "Rupture\/Shame" with 1 coding, 0 sub-codes/);
    expect((await dyad('undo', file)).out).toMatch(/^Undid: /);
    expect((await json('codebook', file)).codebooks[0].codes[0].children).toHaveLength(2);
    expect((await dyad('codes', 'frob', file, 'X')).code).toBe(2);
    expect((await dyad('codes', 'move', file, 'Shame')).err).toMatch(/give --to PARENT-PATH or --top/);
  });

  it('lists coders and chooses the current one', async () => {
    const coders = await json('coders', file, '--current', 'Ben');
    expect(coders.map((c: { name: string; isCurrent: boolean }) => [c.name, c.isCurrent])).toEqual([
      ['Ana', false],
      ['Ben', true],
    ]);
    expect((await dyad('coders', file)).out).toMatch(/^\* Ben {2}0 codings/m);
  });

  it('writes, lists, edits, searches and deletes memos on codes, sessions and the project', async () => {
    const m = await json('memo', 'add', file, '--on', 'code:Shame', '--title', 'Scope', '--text', 'Only the self, not the scene.');
    expect(m).toMatchObject({ targetKind: 'code', title: 'Scope', coderName: 'Ben' });
    await json('memo', 'add', file, '--on', 'session:D01/1', '--text', 'Long silence after the stop at 12:34.', '--coder', 'Ana');
    await json('memo', 'add', file, '--on', 'project', '--text', 'Pilot round.');
    expect(await json('memo', 'list', file, '--on', 'session:1/1')).toHaveLength(1);
    expect(await json('memo', 'list', file)).toHaveLength(3);
    expect((await json('memo', 'edit', file, m.id, '--text', 'Only the self.')).text).toBe('Only the self.');
    expect((await json('memo', 'search', file, 'silence')).map((x: { coderName: string }) => x.coderName)).toEqual(['Ana']);
    expect((await dyad('memo', 'delete', file, m.id)).out).toMatch(/^Deleted memo "Scope" on /);
    expect(await json('memo', 'list', file, '--on', 'code:Shame')).toEqual([]);
    expect((await dyad('memo', 'add', file, '--on', 'dyad:9', '--text', 'x')).err).toMatch(/study\.dyad has no dyad "9"\. Its dyads: 1\./);
    expect((await dyad('memo', 'add', file, '--on', 'pizza:1', '--text', 'x')).code).toBe(2);
  });
});

describe('dyad call reaches every method', () => {
  it('calls a method by name with JSON input, checked by the contract', async () => {
    const r = await dyad('call', file, 'names.resolve', '--input', '{"dyads":["D01"],"sessions":[1]}');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.out);
    expect(out.dyadIds).toHaveLength(1);
    expect(out.sessionIds).toHaveLength(1);
    const bad = await dyad('call', file, 'codes.create', '--input', '{"name":""}');
    expect(bad.code).toBe(1);
    expect(bad.err).toMatch(/Invalid input for codes\.create at name/);
    expect((await dyad('call', file, 'nothing.here')).err).toMatch(/Unknown call: nothing\.here/);
    expect((await dyad('call', file, 'dyads.list', '--input', '{nope')).code).toBe(2);
    const piped = spawnSync(process.execPath, [join(appRoot(), 'bin', 'dyad.js'), 'call', file, 'coders.ensure', '--input', '-'], { input: '{"name":"Cleo"}', encoding: 'utf8' });
    expect(piped.stderr).toBe('');
    expect(JSON.parse(piped.stdout)).toMatchObject({ name: 'Cleo' });
    const list = await dyad('call', '--list');
    expect(list.out).toMatch(/^names\.resolve +Ids of dyads/m);
    expect(list.out).toMatch(/^analysis\.retrieve +/m);
  });
});

describe('warnings', () => {
  it('prints every warning of an import as "warning: FILE: …" and puts them in --json', async () => {
    const odd = tmp.path('D02_S1_client.txt');
    writeFileSync(odd, 'I: Where did it stop?\nC: [video 00:75:99] Here, I think.\nI: And then?\nC: [video 00:12:34] I went quiet.\n');
    const r = await dyad('import', file, odd);
    expect(r.code).toBe(0);
    expect(r.err).toMatch(/^warning: D02_S1_client\.txt: Session-time markers with a time that cannot be read were skipped: "\[video 00:75:99\]"/m);
    const again = tmp.path('D03_S1_client.txt');
    copyFileSync(odd, again);
    const j = await dyad('import', file, again, '--json');
    expect(j.err).toBe('');
    expect(JSON.parse(j.out).warnings).toEqual([{ file: 'D03_S1_client.txt', message: expect.stringMatching(/cannot be read/) }]);
  });
});
