/**
 * The agreement report measures interviews without reading their text (electron/team/scope.ts): SQLite counts
 * code points, offsets are UTF-16 units. These transcripts have characters beyond U+FFFF (two units each, one code
 * point), accented letters and curly quotes (one unit, several bytes), and a stretch before the first session-time
 * marker that only JavaScript's trim() calls blank (a no-break space): each must count as the text itself says.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import { insertInterview } from '../../../electron/core/interviews';
import { Project } from '../../../electron/core/project';
import { agreementReport, listDisagreements } from '../../../electron/team/agreement';
import { buildConsensus } from '../../../electron/team/consensus';
import type { ParsedTranscript } from '../../../shared/import/types';

let dir: string;
let project: Project;
let client: { id: string; text: string };
let therapist: { id: string; text: string };

/** A transcript from its text: one turn per line after a marker, a marker where "[video" starts a line. */
function parsed(text: string): ParsedTranscript {
  const turns: ParsedTranscript['turns'] = [];
  const moments: ParsedTranscript['moments'] = [];
  let at = 0;
  for (const line of text.split('\n')) {
    const m = /^\[video 00:(\d\d):(\d\d)\]/.exec(line);
    if (m) moments.push({ sessionTime: Number(m[1]) * 60 + Number(m[2]), offset: at, label: m[0] });
    else if (line.includes(': ')) turns.push({ speaker: line.slice(0, line.indexOf(':')), start: at + line.indexOf(': ') + 2, end: at + line.length, interviewTime: null });
    at += line.length + 1;
  }
  return { text, format: 'txt', turns, moments, warnings: [] };
}

const at = (text: string, words: string) => {
  const start = text.indexOf(words);
  if (start < 0) throw new Error(`"${words}" is not in the transcript`);
  return { start, end: start + words.length };
};

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'dyad-agreement-lengths-'));
  project = Project.open(join(dir, 'study.dyad'), { create: true });
  const db = project.db;
  // Before the first marker: a no-break space and a line break, blank to JavaScript, not to SQLite's trim().
  const clientText =
    '\u00a0\n[video 00:01:10]\nC: I smiled 🙂 but I felt “small” 😶 there.\n[video 00:03:05]\nC: Relief 🌿, honestly — she stopped pushing 🙏 and I could breathe 🙂';
  // Before the first marker: words of their own (a unit), with an accented letter.
  const therapistText = 'I: Café talk 🎵 first.\n[video 00:01:12]\nT: I sensed her pull away 🌊 and I pressed harder.\n[video 00:03:10]\nT: I let the silence be 🕊';
  const ids = db.transaction(() => ({
    client: insertInterview(db, 'D01_S1_client.txt', parsed(clientText), { dyad: '1', session: 1, role: 'client', speakerRoles: { C: 'participant' } }),
    therapist: insertInterview(db, 'D01_S1_therapist.txt', parsed(therapistText), { dyad: '1', session: 1, role: 'therapist', speakerRoles: { I: 'interviewer', T: 'participant' } }),
  }))();
  client = { id: ids.client, text: clientText };
  therapist = { id: ids.therapist, text: therapistText };
  const relief = C.createCode(db, { name: 'Relief' });
  const ann = C.ensureCoder(db, 'Ann');
  const ben = C.ensureCoder(db, 'Ben');
  const code = (coderId: string, iv: { id: string; text: string }, words: string) => C.addCoding(db, { interviewId: iv.id, ...at(iv.text, words), codeId: relief.id, coderId });
  // Both run to the very end of the client's text, Ben from further back; both code the therapist's last words.
  code(ann.id, client, 'she stopped pushing 🙏 and I could breathe 🙂');
  code(ben.id, client, 'Relief 🌿, honestly — she stopped pushing 🙏 and I could breathe 🙂');
  code(ann.id, therapist, 'I let the silence be 🕊');
  code(ben.id, therapist, 'I let the silence be 🕊');
});

afterAll(() => {
  project.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('agreement over transcripts beyond ASCII', () => {
  it('by character: every UTF-16 unit of both transcripts is a unit, up to the last emoji', () => {
    const r = agreementReport(project.db, { coders: ['Ann', 'Ben'], unit: 'char' });
    const relief = r.codes[0]!;
    expect(relief.units).toBe(client.text.length + therapist.text.length);
    // Ben alone has "Relief 🌿, honestly — " (up to where Ann starts): everything else agrees.
    const benAlone = client.text.indexOf('she stopped') - client.text.indexOf('Relief 🌿');
    expect(relief.percent).toBeCloseTo(1 - benAlone / relief.units, 12);
    const shown = listDisagreements(project.db, { coders: ['Ann', 'Ben'], unit: 'char' });
    expect(shown.items.map((d) => d.text)).toEqual(['Relief 🌿, honestly — ']);
  });

  it('by recall moment: a stretch before the first marker counts only when it has words; the last moment ends with the text', () => {
    const r = agreementReport(project.db, { coders: ['Ann', 'Ben'], unit: 'moment' });
    // Client: two moments (the no-break space before them is no unit). Therapist: the opening words and two moments.
    expect(r.codes[0]!.units).toBe(2 + 3);
    expect(r.codes[0]!.disagreements).toBe(0);
  });

  it('a consensus takes over the agreed passage to the last character', () => {
    const built = buildConsensus(project.db, { coders: ['Ann', 'Ben'] });
    expect(built.added).toBe(2);
    const texts = (project.db.prepare('SELECT interview_id, start, "end" FROM codings WHERE coder_id = ? ORDER BY start').all(built.coder.id) as { interview_id: string; start: number; end: number }[]).map(
      (k) => (k.interview_id === client.id ? client.text : therapist.text).slice(k.start, k.end),
    );
    expect(texts.sort()).toEqual(['I let the silence be 🕊', 'she stopped pushing 🙏 and I could breathe 🙂']);
  });
});
