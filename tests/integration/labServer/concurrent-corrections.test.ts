/**
 * Two leads correcting the same transcript at once, offline: both corrections survive, in the server's order, and
 * every replica (both leads and a coder) ends with the same text, speaker turns and codings, whichever lead syncs
 * first. The rule where the two edits touch the same characters (electron/labServer/rebase.ts): the later edit
 * replaces what remains of its range after the earlier one; what the earlier one typed is never removed by an edit
 * that had not seen it, and the same correction made by both is made once.
 *
 * A coder's codings made against the text before either correction land on the same characters everywhere.
 */
import { afterAll, beforeAll, expect, it } from 'vitest';
import * as C from '../../../electron/core/coding';
import type { Db } from '../../../electron/core/database';
import { inviteCoder } from '../../../electron/labServer/members';
import { joinProject, publishProject } from '../../../electron/labServer/publish';
import { describeWithPostgres, startCluster, type Cluster } from '../../helpers/postgres';
import { makeStudy, readableCodings, spanOf, textOf, type Study } from '../team/fixture';
import { sync, withOpen } from './fixture';

const TURN = 'I could not look at her. I felt small, like a child caught out.';

interface Correction {
  /** The words replaced (their first occurrence in the turn's text). */
  words: string;
  replacement: string;
}

/** Each case: Lea's correction, Ben's, and the turn after both, with Lea's first in the server's order and Ben's first. */
const CASES: { name: string; lea: Correction; ben: Correction; leaFirst: string; benFirst: string; codings?: string[] }[] = [
  {
    name: 'apart in the same turn',
    lea: { words: 'could not', replacement: "couldn't" },
    ben: { words: 'caught out.', replacement: 'caught out, really.' },
    leaFirst: "I couldn't look at her. I felt small, like a child caught out, really.",
    benFirst: "I couldn't look at her. I felt small, like a child caught out, really.",
    // Text typed at a coding's end does not extend it; a coding across the corrected words takes in the correction.
    codings: ["I couldn't look at her | Shame | {ana}", 'like a child caught out | Rupture/Withdrawal | {ana}', 'Relief, honestly | Trust | {ana}', 'I felt small | Shame | Ben'],
  },
  {
    name: 'side by side (one ends where the other starts)',
    lea: { words: 'small', replacement: 'tiny' },
    ben: { words: ', like', replacement: ' — like' },
    leaFirst: 'I could not look at her. I felt tiny — like a child caught out.',
    benFirst: 'I could not look at her. I felt tiny — like a child caught out.',
    codings: ['I could not look at her | Shame | {ana}', 'like a child caught out | Rupture/Withdrawal | {ana}', 'Relief, honestly | Trust | {ana}', 'I felt tiny | Shame | Ben'],
  },
  {
    name: 'overlapping: both new wordings stay, what either replaced goes',
    lea: { words: 'felt small, like', replacement: 'was small as' },
    ben: { words: 'small, like a chil', replacement: 'tiny like a ki' },
    leaFirst: 'I could not look at her. I was small astiny like a kid caught out.',
    benFirst: 'I could not look at her. I was small astiny like a kid caught out.',
  },
  {
    name: "one inside the other: the inner correction's word stays, after the outer one's new wording",
    lea: { words: 'could not look at her', replacement: 'avoided her eyes' },
    ben: { words: 'look', replacement: 'glance' },
    leaFirst: 'I avoided her eyesglance. I felt small, like a child caught out.',
    benFirst: 'I avoided her eyesglance. I felt small, like a child caught out.',
  },
  {
    name: 'the same correction by both is made once',
    lea: { words: 'a child', replacement: 'a kid' },
    ben: { words: 'a child', replacement: 'a kid' },
    leaFirst: 'I could not look at her. I felt small, like a kid caught out.',
    benFirst: 'I could not look at her. I felt small, like a kid caught out.',
  },
  {
    name: 'one empties the turn, the other corrects a word in it: that word is what is left',
    lea: { words: TURN, replacement: '' },
    ben: { words: 'small', replacement: 'tiny' },
    leaFirst: 'tiny',
    benFirst: 'tiny',
  },
];

/** The speaker turns and codings of a replica, as a researcher reads them. */
function stateOf(db: Db, interviewId: string) {
  const text = textOf(db, interviewId);
  return {
    text,
    turns: (db.prepare('SELECT speaker, start, "end" FROM turns WHERE interview_id = ? ORDER BY seq').all(interviewId) as { speaker: string; start: number; end: number }[]).map(
      (t) => `${t.speaker}: ${text.slice(t.start, t.end)}`,
    ),
    codings: readableCodings(db),
    codingSpans: db.prepare('SELECT id, start, "end" FROM codings ORDER BY id').all(),
  };
}

describeWithPostgres('two leads correcting the same transcript at once', () => {
  let cluster: Cluster;
  let study: Study;
  let run = 0;
  beforeAll(async () => {
    cluster = await startCluster();
    study = makeStudy();
  });
  afterAll(() => {
    cluster?.stop();
    study?.cleanup();
  });

  /** A fresh team: Lea (lead, published), Ben (second lead), Ana (coder), all synced. */
  async function team() {
    run++;
    const lea = study.copy(`lea-${run}.dyad`);
    const ana = study.path(`ana-${run}.dyad`);
    const ben = study.path(`ben-${run}.dyad`);
    await withOpen(lea, async (p) => {
      C.setCurrentCoder(p.db, 'Lea');
      await publishProject(p, cluster.adminUrl);
    });
    const urls = await withOpen(lea, async (p) => [
      (await inviteCoder(p.db, 'lea', lea, `ana${run}`)).joinUrl,
      (await inviteCoder(p.db, 'lea', lea, `ben${run}`, { lead: true })).joinUrl,
    ]);
    await joinProject(urls[0]!, ana);
    await joinProject(urls[1]!, ben);
    return { lea, ana, ben };
  }

  const correct = (path: string, c: Correction) =>
    withOpen(path, (p) => {
      const id = study.clientId;
      const turn = spanOf(p.db, id, TURN);
      const at = textOf(p.db, id).indexOf(c.words, turn.start);
      C.correctInterview(p.db, { interviewId: id, start: at, end: at + c.words.length, replacement: c.replacement });
    });

  for (const c of CASES) {
    for (const leaFirst of [true, false]) {
      it(`${c.name} — ${leaFirst ? "Lea's" : "Ben's"} correction reaches the server first`, async () => {
        const { lea, ana, ben } = await team();
        // Ana codes against the text before either correction, offline; so does Ben before correcting.
        await withOpen(ana, (p) => {
          const id = study.clientId;
          C.addCoding(p.db, { interviewId: id, ...spanOf(p.db, id, 'I could not look at her'), codeId: C.findCodeByPath(p.db, null, 'Shame')!.id });
          C.addCoding(p.db, { interviewId: id, ...spanOf(p.db, id, 'like a child caught out'), codeId: C.findCodeByPath(p.db, null, 'Rupture/Withdrawal')!.id });
          C.addCoding(p.db, { interviewId: id, ...spanOf(p.db, id, 'Relief, honestly'), codeId: C.findCodeByPath(p.db, null, 'Trust')!.id });
        });
        await withOpen(ben, (p) => {
          C.setCurrentCoder(p.db, 'Ben');
          const id = study.clientId;
          C.addCoding(p.db, { interviewId: id, ...spanOf(p.db, id, 'I felt small'), codeId: C.findCodeByPath(p.db, null, 'Shame')!.id });
        });
        await correct(lea, c.lea);
        await correct(ben, c.ben);
        const [first, second] = leaFirst ? [lea, ben] : [ben, lea];
        await sync(first);
        // When Ben's reaches the server first, Ana syncs in between: her codings are sent on the text after Ben's
        // correction only, older than Lea's.
        if (!leaFirst) await sync(ana);
        await sync(second);
        for (const path of [ana, first, second, ana]) await sync(path);

        const states = await Promise.all([lea, ben, ana].map((path) => withOpen(path, (p) => stateOf(p.db, study.clientId))));
        const expected = leaFirst ? c.leaFirst : c.benFirst;
        expect(states[0]!.turns).toContain(`C: ${expected}`);
        expect(states[1]).toEqual(states[0]);
        expect(states[2]).toEqual(states[0]);
        // The other turns are untouched, and every coding outside the corrected words is kept.
        expect(states[0]!.turns).toContain('C: Relief, honestly. She stopped pushing and I could breathe again.');
        expect(states[0]!.codings).toContain('D07_S1_client.txt | Relief, honestly | Trust | ana' + run);
        const outboxes = await Promise.all([lea, ben, ana].map((path) => withOpen(path, (p) => (p.db.prepare('SELECT count(*) AS n FROM team_outbox').get() as { n: number }).n)));
        expect(outboxes).toEqual([0, 0, 0]);
        if (c.codings) expect(states[0]!.codings).toEqual(c.codings.map((line) => `D07_S1_client.txt | ${line.replace('{ana}', `ana${run}`)}`).sort());
      }, 60_000);
    }
  }
});
