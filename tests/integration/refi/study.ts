/**
 * A generated, fictional IPR study as a ProjectSnapshot, for REFI-QDA round trips and measurements: dyads with
 * attributes and dated sessions, client and therapist interviews with speaker turns and recall moments, a
 * hierarchical codebook with definitions, criteria, examples and shortcuts, codings by several coders, and memos
 * on every kind of target. Texts can carry characters outside the BMP (🙂, 𝄞) and CRLF line ends, where UTF-16
 * offsets and REFI's code points part ways. Deterministic for a given seed.
 */
import { createHash } from 'node:crypto';
import type { ProjectSnapshot, SnapshotCode, SnapshotInterview, SnapshotMemo } from '../../../shared/snapshot/types';
import { rng } from '../../bench/synthetic';

export interface StudyOptions {
  dyads: number;
  sessions: number;
  wordsPerInterview: number;
  codingsPerInterview: number;
  seed?: number;
  /** Put 🙂 and 𝄞 into the texts (default true). */
  astral?: boolean;
  /** Use CRLF line ends in every other interview (default true). */
  crlf?: boolean;
}

const WORDS = (
  'I you we it the and but so then felt think really just maybe that this there when because session moment trust shame ' +
  'withdraw quiet looked away eyes room chair voice tone pause silence noticed wanted said remember tried reach understand ' +
  'seen unseen safe uneasy tense relief warm distant close goal task bond rupture repair sorry afraid hopeful tired'
).split(' ');

/** A UUID derived from a label, so ids are stable between runs but look like Dyad's. */
export function uuidOf(...parts: (string | number)[]): string {
  const h = createHash('sha1').update(parts.join('/')).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const hms = (s: number) => [Math.floor(s / 3600), Math.floor((s % 3600) / 60), s % 60].map((n) => String(n).padStart(2, '0')).join(':');

export function generateStudy(o: StudyOptions): ProjectSnapshot {
  const random = rng(o.seed ?? 7);
  const pick = <T>(xs: readonly T[]) => xs[Math.floor(random() * xs.length)]!;
  const astral = o.astral ?? true;
  const crlf = o.crlf ?? true;

  const coders = [
    { id: uuidOf('coder', 1), name: 'Amara Osei' },
    { id: uuidOf('coder', 2), name: 'Jonas Lindqvist' },
    { id: uuidOf('coder', 3), name: 'Renée <Dubois> & "co"' },
  ];
  const codebooks = [
    { id: uuidOf('codebook', 1), name: 'Relational processes' },
    { id: uuidOf('codebook', 2), name: 'Pilot themes' },
  ];
  const codes: SnapshotCode[] = [];
  const addCode = (book: number, parentId: string | null, name: string, position: number, extra: Partial<SnapshotCode> = {}) => {
    const c: SnapshotCode = {
      id: uuidOf('code', book, name),
      codebookId: codebooks[book - 1]!.id,
      parentId,
      name,
      color: pick(['#E07A5F', '#3d405b', '#81B29A', '#f2cc8f', '#888888']),
      definition: '',
      inclusion: '',
      exclusion: '',
      example: '',
      shortcut: null,
      position,
      ...extra,
    };
    codes.push(c);
    return c;
  };
  const rupture = addCode(1, null, 'Alliance rupture', 0, {
    definition: 'A strain in the collaboration between client and therapist.\nIncludes withdrawal and confrontation.',
    inclusion: 'Silence after an intervention; disagreement on tasks',
    exclusion: 'Ordinary pauses for thought',
    example: '"I just stared at the floor" 🙂',
    shortcut: '1',
  });
  addCode(1, rupture.id, 'Withdrawal', 0, {
    definition: 'Moving away from the other.\nExample: this line starts like a label but belongs to the definition',
    shortcut: '2',
  });
  addCode(1, rupture.id, 'Confrontation', 1, { definition: 'Moving against the other.', exclusion: 'Assertive requests' });
  const repair = addCode(1, null, 'Repair', 1, { definition: 'Definition: written with its own label inside' });
  addCode(1, repair.id, 'Meta-communication', 0, { example: 'Talking about what happened between us\r\nacross two lines' });
  addCode(1, null, 'Shame', 2, { definition: '  leading spaces and a tab\tkept  ' });
  addCode(1, null, "No man's land", 3);
  addCode(2, null, 'Feeling unseen', 0, { definition: 'Not being recognised 𝄞', inclusion: 'Explicit statements' });
  addCode(2, null, 'Trust', 1);
  const codable = codes;

  const dyads: ProjectSnapshot['dyads'] = [];
  const interviews: SnapshotInterview[] = [];
  let n = 0;
  for (let d = 1; d <= o.dyads; d++) {
    const dyadName = String(d);
    const sessions = [];
    for (let s = 1; s <= o.sessions; s++) sessions.push({ id: uuidOf('session', d, s), number: s, date: s % 2 ? `2026-0${1 + (s % 9)}-1${s % 10}` : null });
    dyads.push({
      id: uuidOf('dyad', d),
      name: dyadName,
      attributes: { modality: pick(['CBT', 'psychodynamic', 'integrative']), setting: pick(['in person', 'online']), ...(d % 2 ? { 'age band': '25–34' } : {}) },
      sessions,
    });
    for (let s = 1; s <= o.sessions; s++) {
      for (const role of ['client', 'therapist'] as const) {
        n++;
        const nl = crlf && n % 2 === 0 ? '\r\n' : '\n';
        const id = uuidOf('interview', d, s, role);
        let text = `IPR interview, ${role}, dyad ${d}, session ${s}${nl}${nl}`;
        const turns: SnapshotInterview['turns'] = [];
        const moments: SnapshotInterview['moments'] = [];
        let words = 0;
        let t = 30;
        let speaker = 'I';
        while (words < o.wordsPerInterview) {
          const count = speaker === 'I' ? 5 + Math.floor(random() * 10) : 12 + Math.floor(random() * 40);
          const said: string[] = [];
          for (let k = 0; k < count; k++) {
            let w = pick(WORDS);
            if (astral && random() < 0.02) w = random() < 0.5 ? '🙂' : '𝄞';
            else if (random() < 0.01) w = 'café';
            said.push(w);
          }
          const label = `${speaker}: `;
          let marker = '';
          if (speaker === 'I' && random() < 0.5) {
            t += 10 + Math.floor(random() * 50);
            marker = `[video ${hms(t)}] `;
          }
          const lineStart = text.length;
          if (marker) moments.push({ id: uuidOf('moment', id, moments.length), sessionTime: t, offset: lineStart + label.length, label: marker.trim() });
          const start = lineStart + label.length + marker.length;
          const body = said.join(' ') + (speaker === 'I' ? '?' : '.');
          text += `${label}${marker}${body}${nl}${nl}`;
          turns.push({ id: uuidOf('turn', id, turns.length), seq: turns.length, speaker: speaker === 'I' ? 'I' : role === 'client' ? 'C' : 'T', speakerRole: speaker === 'I' ? 'interviewer' : 'participant', start, end: start + body.length, interviewTime: turns.length % 3 ? null : turns.length * 7.5 });
          words += count;
          speaker = speaker === 'I' ? 'P' : 'I';
        }
        interviews.push({ id, dyad: dyadName, session: s, role, sourceName: `D${String(d).padStart(2, '0')}_S${s}_${role}.txt`, text, turns, moments });
      }
    }
  }

  const codings: ProjectSnapshot['codings'] = [];
  const keys = new Set<string>();
  for (const i of interviews) {
    for (let k = 0; k < o.codingsPerInterview; k++) {
      const turn = pick(i.turns);
      // Whole turns and parts of turns, so passages start and end inside and around the emoji.
      let start = turn.start;
      let end = turn.end;
      if (random() < 0.5) {
        const spaces = [...i.text.slice(turn.start, turn.end).matchAll(/ /g)].map((m) => turn.start + m.index! + 1);
        if (spaces.length > 2) {
          start = pick(spaces);
          end = Math.max(start + 1, Math.min(turn.end, start + 20 + Math.floor(random() * 60)));
          // never split a surrogate pair
          if (/[\uDC00-\uDFFF]/.test(i.text[end] ?? '')) end++;
        }
      }
      const code = pick(codable);
      const coder = pick(coders);
      const key = `${i.id}/${code.id}/${coder.id}/${start}/${end}`;
      if (keys.has(key)) continue;
      keys.add(key);
      codings.push({ id: uuidOf('coding', i.id, k), interviewId: i.id, codeId: code.id, coderId: coder.id, start, end, createdAt: `2026-03-0${1 + (k % 9)}T10:${String(k % 60).padStart(2, '0')}:00.000Z` });
    }
  }

  const memos: SnapshotMemo[] = [];
  const memo = (targetKind: SnapshotMemo['targetKind'], targetId: string, title: string, text: string, coderId: string | null, extra: Partial<SnapshotMemo> = {}) =>
    memos.push({ id: uuidOf('memo', memos.length), targetKind, targetId, coderId, title, text, createdAt: '2026-04-01T09:00:00.000Z', updatedAt: '2026-04-02T17:30:00.000Z', ...extra });
  memo('project', '', 'Study log', 'Line one\r\nLine two with <angle> & "quotes"\n\tindented', coders[0]!.id);
  memo('code', rupture.id, 'On ruptures', 'Ruptures cluster in early sessions 🙂', coders[1]!.id);
  if (codings[0]) memo('coding', codings[0].id, '', 'Why I coded this', coders[2]!.id);
  memo('interview', interviews[0]!.id, 'Interview note', 'The recording stopped twice.', null);
  memo('dyad', dyads[0]!.id, 'Dyad overview', 'Both sides mention the chair.', coders[0]!.id, { targetName: dyads[0]!.name });
  memo('session', dyads[0]!.sessions[0]!.id, 'Session 1', 'First session, uneasy start.', null);

  return { name: 'Generated study', coders, codebooks, codes, dyads, interviews, codings, memos };
}
