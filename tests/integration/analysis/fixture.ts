/**
 * Builds small fictional studies for the analysis tests as real `.dyad` files: interviews through
 * insertInterview (so turns, recall moments and the search index are what an import writes), codes, coders and
 * codings by direct inserts. Codings are placed by quoting the passage, so tests read like what a researcher did.
 */
import { afterAll, beforeAll } from 'vitest';
import { Project } from '../../../electron/core/project';
import { insertInterview } from '../../../electron/core/interviews';
import { newId, now } from '../../../electron/core/ids';
import type { Role, SpeakerRole } from '../../../shared/domain/types';
import type { ParsedTranscript } from '../../../shared/import/types';
import { tempDir } from '../../helpers/tmp';

export interface FixtureTurn {
  speaker: string;
  text: string;
  /** Session time (seconds) of a "[video hh:mm:ss]" marker at the start of this turn. */
  at?: number;
  /** Interview clock at the turn. */
  clock?: number;
}

export interface FixtureInterview {
  dyad: string;
  session: number;
  role: Role;
  turns: FixtureTurn[];
}

const pad = (n: number) => String(n).padStart(2, '0');
export const hms = (s: number) => `${pad(Math.floor(s / 3600))}:${pad(Math.floor((s % 3600) / 60))}:${pad(s % 60)}`;

/** The transcript as an importer would store it: "S: [video …] words", turns separated by a blank line. */
export function transcript(turns: readonly FixtureTurn[]): ParsedTranscript {
  let text = '';
  const parsed: ParsedTranscript = { text: '', format: 'txt', turns: [], moments: [], warnings: [] };
  turns.forEach((t, i) => {
    if (i) text += '\n\n';
    text += `${t.speaker}: `;
    const start = text.length;
    if (t.at !== undefined) {
      const label = `[video ${hms(t.at)}]`;
      parsed.moments.push({ sessionTime: t.at, offset: text.length, label });
      text += `${label} `;
    }
    text += t.text;
    parsed.turns.push({ speaker: t.speaker, start, end: text.length, interviewTime: t.clock ?? null });
  });
  parsed.text = text;
  return parsed;
}

const SPEAKER_ROLES: Record<string, SpeakerRole> = { I: 'interviewer', C: 'participant', T: 'participant' };

export interface Study {
  project: Project;
  dyad(name: string): string;
  session(dyad: string, number: number): string;
  interview(dyad: string, session: number, role: Role): string;
  code(path: string): string;
  coder(name: string): string;
  text(interviewId: string): string;
  /** Codes the `nth` (from 0) occurrence of `quote` in the interview; returns the coding id. */
  codeQuote(interviewId: string, path: string, coderName: string, quote: string, nth?: number): string;
  codeSpan(interviewId: string, path: string, coderName: string, start: number, end: number): string;
  /** Offset of the `nth` occurrence of `quote` in the interview's text. */
  find(interviewId: string, quote: string, nth?: number): number;
  close(): void;
}

export interface StudySpec {
  interviews: FixtureInterview[];
  attributes?: Record<string, Record<string, string>>;
  /** Code paths "Parent/Child"; parents are created as needed. */
  codes?: string[];
  coders?: string[];
  /** Second codebook's code paths, to test names that repeat across codebooks. */
  otherCodebook?: { name: string; codes: string[] };
}

export function createStudy(file: string, spec: StudySpec): Study {
  const project = Project.open(file, { create: true });
  const db = project.db;
  const codes = new Map<string, string>();
  const coders = new Map<string, string>();
  const interviews = new Map<string, string>();
  db.transaction(() => {
    for (const iv of spec.interviews) {
      const id = insertInterview(db, `D${iv.dyad}_S${iv.session}_${iv.role}.txt`, transcript(iv.turns), {
        dyad: iv.dyad,
        session: iv.session,
        role: iv.role,
        speakerRoles: SPEAKER_ROLES,
      });
      interviews.set(`${iv.dyad}/${iv.session}/${iv.role}`, id);
    }
    for (const [dyad, attrs] of Object.entries(spec.attributes ?? {})) {
      db.prepare('UPDATE dyads SET attributes = ? WHERE name = ?').run(JSON.stringify(attrs), dyad);
    }
    const book = (name: string, paths: string[], prefix: string) => {
      const bookId = newId();
      db.prepare('INSERT INTO codebooks (id, name, created_at) VALUES (?, ?, ?)').run(bookId, name, now());
      paths.forEach((path, position) => {
        const names = path.split('/');
        let parent: string | null = null;
        names.forEach((n, i) => {
          const key = `${prefix}${names.slice(0, i + 1).join('/')}`;
          let id = codes.get(key);
          if (!id) {
            id = newId();
            db.prepare('INSERT INTO codes (id, codebook_id, parent_id, name, position, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
              id,
              bookId,
              parent,
              n,
              position,
              now(),
              now(),
            );
            codes.set(key, id);
          }
          parent = id;
        });
      });
    };
    book('Main', spec.codes ?? [], '');
    if (spec.otherCodebook) book(spec.otherCodebook.name, spec.otherCodebook.codes, `${spec.otherCodebook.name}:`);
    for (const name of spec.coders ?? ['Ana']) {
      const id = newId();
      db.prepare('INSERT INTO coders (id, name, created_at) VALUES (?, ?, ?)').run(id, name, now());
      coders.set(name, id);
    }
  })();
  const get = (m: Map<string, string>, k: string, what: string) => {
    const v = m.get(k);
    if (!v) throw new Error(`fixture: no ${what} ${k}`);
    return v;
  };
  const text = (interviewId: string) => (db.prepare('SELECT text FROM interviews WHERE id = ?').pluck().get(interviewId) as string) ?? '';
  const find = (interviewId: string, quote: string, nth = 0) => {
    const t = text(interviewId);
    let at = -1;
    for (let k = 0; k <= nth; k++) {
      at = t.indexOf(quote, at + 1);
      if (at < 0) throw new Error(`fixture: "${quote}" (#${nth}) is not in the interview`);
    }
    return at;
  };
  const codeSpan = (interviewId: string, path: string, coderName: string, start: number, end: number) => {
    const id = newId();
    db.prepare('INSERT INTO codings (id, interview_id, code_id, coder_id, start, end, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
      id,
      interviewId,
      get(codes, path, 'code'),
      get(coders, coderName, 'coder'),
      start,
      end,
      now(),
    );
    return id;
  };
  return {
    project,
    dyad: (name) => db.prepare('SELECT id FROM dyads WHERE name = ?').pluck().get(name) as string,
    session: (dyad, number) =>
      db.prepare('SELECT s.id FROM sessions s JOIN dyads d ON d.id = s.dyad_id WHERE d.name = ? AND s.number = ?').pluck().get(dyad, number) as string,
    interview: (dyad, session, role) => get(interviews, `${dyad}/${session}/${role}`, 'interview'),
    code: (path) => get(codes, path, 'code'),
    coder: (name) => get(coders, name, 'coder'),
    text,
    find,
    codeSpan,
    codeQuote: (interviewId, path, coderName, quote, nth = 0) => {
      const at = find(interviewId, quote, nth);
      return codeSpan(interviewId, path, coderName, at, at + quote.length);
    },
    close: () => project.close(),
  };
}

/**
 * The hand-checked study of the analysis tests (fictional). Dyad 1 session 1: client stops at 1:00, 2:00, 5:00,
 * therapist at 1:02, 2:05, 3:20 — within the 15 s tolerance 1:00↔1:02 and 2:00↔2:05 pair; 5:00 (client) and
 * 3:20 (therapist) stay alone. Dyad 2 session 1: 0:30↔0:40 pair; 4:00 (client) and 7:00 (therapist) are linked
 * by hand. Dyad 2 session 2: only a client interview, without session-time markers (its units are turns).
 * Dyad 2 session 1 also has an interpreter's interview ("other").
 */
export function smallStudy(file: string): Study {
  const s = createStudy(file, {
    attributes: { '1': { modality: 'online', clinic: 'North' }, '2': { modality: 'In-person', clinic: 'South' } },
    codes: ['Rupture/Withdrawal', 'Rupture/Confrontation', 'Repair', 'Alliance/Trust', 'Unseen'],
    coders: ['Ana', 'Ben'],
    interviews: [
      {
        dyad: '1',
        session: 1,
        role: 'client',
        turns: [
          { speaker: 'I', text: 'What was happening for you here?', at: 60, clock: 10 },
          { speaker: 'C', text: 'I felt unseen when she looked at her notes. I wanted to leave.', clock: 15 },
          { speaker: 'I', text: 'And here?', at: 120, clock: 40 },
          { speaker: 'C', text: 'Here I felt some trust again, she asked about my week.', clock: 44 },
          { speaker: 'I', text: 'What about this moment?', at: 300, clock: 70 },
          { speaker: 'C', text: 'I was angry but I did not say it.', clock: 75 },
        ],
      },
      {
        dyad: '1',
        session: 1,
        role: 'therapist',
        turns: [
          { speaker: 'I', text: 'What were you noticing?', at: 62 },
          { speaker: 'T', text: 'I noticed the client withdraw, I looked at my notes and lost her.' },
          { speaker: 'I', text: 'And then?', at: 125 },
          { speaker: 'T', text: 'I tried to repair it by asking about her week.' },
          { speaker: 'I', text: 'Anything here?', at: 200 },
          { speaker: 'T', text: 'I felt tired, a bit distant.' },
        ],
      },
      {
        dyad: '2',
        session: 1,
        role: 'client',
        turns: [
          { speaker: 'I', text: 'Tell me about this part.', at: 30 },
          { speaker: 'C', text: '😀 I trusted him from the start. It felt like déjà vu.' },
          { speaker: 'I', text: 'And this?', at: 240 },
          { speaker: 'C', text: 'There was a rupture when he laughed.' },
        ],
      },
      {
        dyad: '2',
        session: 1,
        role: 'therapist',
        turns: [
          { speaker: 'I', text: 'What do you see here?', at: 40 },
          { speaker: 'T', text: 'It was warm between us.' },
          { speaker: 'I', text: 'And later?', at: 420 },
          { speaker: 'T', text: 'I realised I had hurt him when I laughed.' },
        ],
      },
      {
        dyad: '2',
        session: 1,
        role: 'other',
        turns: [{ speaker: 'I', text: 'Interpreter notes: the client hesitated.', at: 35 }],
      },
      {
        dyad: '2',
        session: 2,
        role: 'client',
        turns: [
          { speaker: 'I', text: 'How was this session for you?' },
          { speaker: 'C', text: 'I felt unseen again, like last week.' },
        ],
      },
    ],
  });
  const c11 = s.interview('1', 1, 'client');
  const t11 = s.interview('1', 1, 'therapist');
  const c21 = s.interview('2', 1, 'client');
  const t21 = s.interview('2', 1, 'therapist');
  s.codeQuote(c11, 'Unseen', 'Ana', 'I felt unseen');
  s.codeQuote(c11, 'Rupture/Withdrawal', 'Ana', 'felt unseen when she looked at her notes');
  s.codeQuote(c11, 'Rupture/Withdrawal', 'Ben', 'I wanted to leave');
  s.codeQuote(c11, 'Alliance/Trust', 'Ana', 'felt some trust again');
  s.codeQuote(c11, 'Rupture/Confrontation', 'Ana', 'I was angry but I did not say it');
  s.codeQuote(t11, 'Rupture/Withdrawal', 'Ana', 'the client withdraw, I looked at my notes and lost her');
  s.codeQuote(t11, 'Repair', 'Ana', 'I tried to repair it');
  s.codeQuote(t11, 'Rupture', 'Ana', 'I felt tired, a bit distant');
  s.codeQuote(c21, 'Alliance/Trust', 'Ben', 'I trusted him from the start');
  s.codeQuote(c21, 'Rupture', 'Ana', 'rupture when he laughed');
  s.codeQuote(t21, 'Alliance/Trust', 'Ana', 'warm');
  s.codeQuote(t21, 'Rupture', 'Ana', 'hurt him when I laughed');
  s.codeQuote(s.interview('2', 1, 'other'), 'Unseen', 'Ana', 'the client hesitated');
  s.codeQuote(s.interview('2', 2, 'client'), 'Unseen', 'Ben', 'felt unseen again');
  // The hand-drawn link of dyad 2, session 1: the client's 4:00 with the therapist's 7:00.
  const moment = (iv: string, t: number) => s.project.db.prepare('SELECT id FROM moments WHERE interview_id = ? AND session_time = ?').pluck().get(iv, t) as string;
  s.project.db
    .prepare("INSERT INTO moment_links (id, session_id, client_unit_id, therapist_unit_id, kind, created_at) VALUES (?, ?, ?, ?, 'link', ?)")
    .run(newId(), s.session('2', 1), moment(c21, 240), moment(t21, 420), now());
  return s;
}

/**
 * The small study, built once for a test file in a temporary folder and closed after it; read it through the
 * returned function inside tests (it exists from beforeAll on).
 */
export function useSmallStudy(prefix: string): () => Study {
  const tmp = tempDir(prefix);
  let s: Study | undefined;
  beforeAll(() => {
    s = smallStudy(tmp.path('study.dyad'));
  });
  afterAll(() => {
    s?.close();
    tmp.cleanup();
  });
  return () => {
    if (!s) throw new Error('the small study is only there inside tests');
    return s;
  };
}
