/** Retrieval of coded excerpts on the hand-checked study (fixture.ts smallStudy). */
import { afterAll, describe, expect, it } from 'vitest';
import { retrieve, type RetrieveInput } from '../../../electron/core/analysis/retrieve';
import { tempDir } from '../../helpers/tmp';
import { smallStudy, useSmallStudy } from './fixture';

const study = useSmallStudy('dyad-retrieve-');

const get = (code: string, extra: Partial<RetrieveInput> = {}) => retrieve(study().project.db, { code: study().code(code), ...extra }, 15);
const texts = (r: ReturnType<typeof get>) => r.excerpts.map((e) => e.text);

describe('one code', () => {
  it('returns each coding as an excerpt, in dyad, session, role and text order', () => {
    const r = get('Rupture/Withdrawal');
    expect(r.code.path).toBe('Rupture/Withdrawal');
    expect(r.total).toBe(3);
    expect(texts(r)).toEqual(['felt unseen when she looked at her notes', 'I wanted to leave', 'the client withdraw, I looked at my notes and lost her']);
    expect(r.excerpts.map((e) => [e.dyadName, e.sessionNumber, e.role])).toEqual([
      ['1', 1, 'client'],
      ['1', 1, 'client'],
      ['1', 1, 'therapist'],
    ]);
  });

  it('attributes each excerpt: speaker, session time of its recall moment, interview time of its turn, coder', () => {
    const [first, second, third] = get('Rupture/Withdrawal').excerpts;
    expect(second).toMatchObject({ speaker: 'C', speakerRole: 'participant', sessionTime: 60, interviewTime: 15, coders: ['Ben'], codePath: 'Rupture/Withdrawal' });
    expect(second!.codings).toHaveLength(1);
    expect(second!.codings[0]).toMatchObject({ coderName: 'Ben', of: 'code', codePath: 'Rupture/Withdrawal' });
    expect(second!.codingIds).toEqual([second!.codings[0]!.id]);
    expect(first!.coders).toEqual(['Ana']);
    expect(third).toMatchObject({ speaker: 'T', sessionTime: 62, interviewTime: null });
    // The excerpt's offsets point at its text in the interview.
    for (const e of [first!, second!, third!]) expect(study().text(e.interviewId).slice(e.start, e.end)).toBe(e.text);
    const moment = study().project.db.prepare('SELECT session_time FROM moments WHERE id = ?').pluck().get(second!.momentId);
    expect(moment).toBe(60);
  });

  it('gives context cut at word boundaries', () => {
    const e = get('Rupture/Withdrawal', { contextChars: 12 }).excerpts[1]!;
    expect(e.before).toBe('her notes. ');
    expect(e.after).toBe('.\n\nI: [video');
    expect(get('Repair').excerpts[0]!.before).toBe('');
  });

  it('includes subcodes when asked', () => {
    expect(get('Rupture').total).toBe(3);
    const r = get('Rupture', { includeSubcodes: true });
    expect(r.total).toBe(7);
    expect(r.excerpts.map((e) => e.codePath)).toEqual([
      'Rupture/Withdrawal',
      'Rupture/Withdrawal',
      'Rupture/Confrontation',
      'Rupture/Withdrawal',
      'Rupture',
      'Rupture',
      'Rupture',
    ]);
  });

  it('filters by role, dyad, session, coder and dyad attribute', () => {
    expect(get('Rupture/Withdrawal', { roles: ['therapist'] }).total).toBe(1);
    expect(texts(get('Rupture/Withdrawal', { coderIds: [study().coder('Ben')] }))).toEqual(['I wanted to leave']);
    expect(get('Alliance/Trust', { dyadIds: [study().dyad('2')] }).total).toBe(2);
    expect(get('Unseen', { sessionIds: [study().session('2', 2)] }).excerpts.map((e) => e.text)).toEqual(['felt unseen again']);
    expect(texts(get('Alliance/Trust', { attributes: { modality: ['in-person'] } }))).toEqual(['I trusted him from the start', 'warm']);
    expect(get('Alliance/Trust', { attributes: { modality: ['online'], clinic: ['South'] } }).total).toBe(0);
    expect(get('Unseen', { roles: ['other'] }).excerpts[0]).toMatchObject({ role: 'other', text: 'the client hesitated', sessionTime: 35 });
  });

  it('turns without session-time markers still name the speaker and have no session time', () => {
    expect(get('Unseen', { sessionIds: [study().session('2', 2)] }).excerpts[0]).toMatchObject({ speaker: 'C', sessionTime: null, momentId: null });
  });

  it('pages', () => {
    const all = texts(get('Rupture', { includeSubcodes: true }));
    const page = get('Rupture', { includeSubcodes: true, offset: 2, limit: 3 });
    expect(page.total).toBe(7);
    expect(page.offset).toBe(2);
    expect(texts(page)).toEqual(all.slice(2, 5));
  });

  it('refuses an unknown code', () => {
    expect(() => retrieve(study().project.db, { code: 'nope' }, 15)).toThrow(/no code with id nope/);
  });
});

describe('combinations', () => {
  it('and-overlap: the passages coded with both', () => {
    const r = get('Rupture/Withdrawal', { combine: { op: 'and-overlap', other: study().code('Unseen') } });
    expect(r.other?.path).toBe('Unseen');
    expect(texts(r)).toEqual(['felt unseen']);
    const e = r.excerpts[0]!;
    expect(e.codings.map((c) => [c.codePath, c.of])).toEqual([
      ['Rupture/Withdrawal', 'code'],
      ['Unseen', 'other'],
    ]);
    expect(e.codingIds).toHaveLength(2);
    expect(get('Repair', { combine: { op: 'and-overlap', other: study().code('Unseen') } }).total).toBe(0);
  });

  it('but-not: the codings that do not touch the other code', () => {
    expect(texts(get('Rupture/Withdrawal', { combine: { op: 'but-not', other: study().code('Unseen') } }))).toEqual([
      'I wanted to leave',
      'the client withdraw, I looked at my notes and lost her',
    ]);
  });

  it('same-moment, same side: the other code anywhere in the same recall moment', () => {
    const r = get('Rupture/Withdrawal', { combine: { op: 'same-moment', other: study().code('Unseen') } });
    expect(texts(r)).toEqual(['felt unseen when she looked at her notes', 'I wanted to leave']);
    expect(r.excerpts[1]!.codings.map((c) => [c.codePath, c.of])).toEqual([
      ['Rupture/Withdrawal', 'code'],
      ['Unseen', 'other'],
    ]);
    expect(get('Repair', { combine: { op: 'same-moment', other: study().code('Alliance/Trust') } }).total).toBe(0);
  });

  it('same-moment across the sides: the other code in the partner moment the alignment pairs', () => {
    const other = (code: string, with_: string, scope: RetrieveInput['sameMomentScope'], extra: Partial<RetrieveInput> = {}) =>
      get(code, { combine: { op: 'same-moment', other: study().code(with_) }, sameMomentScope: scope, ...extra });
    const r = other('Repair', 'Alliance/Trust', 'other-side');
    expect(texts(r)).toEqual(['I tried to repair it']);
    const partner = r.excerpts[0]!.codings.find((c) => c.of === 'other')!;
    expect(partner.interviewId).toBe(study().interview('1', 1, 'client'));
    expect(study().text(partner.interviewId).slice(partner.start, partner.end)).toBe('felt some trust again');
    expect(texts(other('Alliance/Trust', 'Repair', 'other-side'))).toEqual(['felt some trust again']);
    // The role filter narrows the excerpts, not where the partner code is looked for.
    expect(texts(other('Alliance/Trust', 'Repair', 'other-side', { roles: ['client'] }))).toEqual(['felt some trust again']);
    expect(other('Alliance/Trust', 'Repair', 'other-side', { roles: ['therapist'] }).total).toBe(0);
    // The hand link pairs dyad 2's 4:00 and 7:00.
    expect(texts(other('Rupture', 'Rupture', 'other-side', { dyadIds: [study().dyad('2')] }))).toEqual(['rupture when he laughed', 'hurt him when I laughed']);
    expect(other('Rupture/Confrontation', 'Rupture', 'other-side', { includeSubcodes: false }).total).toBe(0);
  });

  it('same-moment on either side is the union of both', () => {
    const either = get('Rupture/Withdrawal', { combine: { op: 'same-moment', other: study().code('Unseen') }, sameMomentScope: 'either-side' });
    // Same side for the client's two; the therapist's 1:02 is paired with the client's 1:00, where Unseen is.
    expect(texts(either)).toEqual(['felt unseen when she looked at her notes', 'I wanted to leave', 'the client withdraw, I looked at my notes and lost her']);
    const same = get('Rupture/Withdrawal', { combine: { op: 'same-moment', other: study().code('Unseen') }, sameMomentScope: 'same-side' });
    const across = get('Rupture/Withdrawal', { combine: { op: 'same-moment', other: study().code('Unseen') }, sameMomentScope: 'other-side' });
    expect(texts(across)).toEqual(['the client withdraw, I looked at my notes and lost her']);
    expect(new Set(texts(either))).toEqual(new Set([...texts(same), ...texts(across)]));
  });
});

describe('the codings behind an excerpt', () => {
  const tmp = tempDir('dyad-retrieve-partners-');
  afterAll(() => tmp.cleanup());
  it('list partners that start together in the order they were made, whichever coder made them', () => {
    const t = smallStudy(tmp.path('partners.dyad'));
    try {
      const c11 = t.interview('1', 1, 'client');
      const at = t.find(c11, 'I felt unseen');
      // Made after Ana's coding of "I felt unseen", starting at the same character, by each coder in turn.
      const ben = t.codeSpan(c11, 'Unseen', 'Ben', at, at + 'I felt unseen when'.length);
      const ana = t.codeSpan(c11, 'Unseen', 'Ana', at, at + 'I felt unseen when she'.length);
      const r = retrieve(t.project.db, { code: t.code('Rupture/Withdrawal'), combine: { op: 'same-moment', other: t.code('Unseen') } }, 15);
      const first = r.excerpts.find((e) => e.text === 'felt unseen when she looked at her notes')!;
      const partners = first.codings.filter((c) => c.of === 'other' && c.start === at);
      expect(partners.map((c) => c.end - c.start)).toEqual(['I felt unseen'.length, 'I felt unseen when'.length, 'I felt unseen when she'.length]);
      expect(partners.slice(1).map((c) => c.id)).toEqual([ben, ana]);
    } finally {
      t.close();
    }
  });
});
