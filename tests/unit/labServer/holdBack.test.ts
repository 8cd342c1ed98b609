/**
 * What a refused removal or correction of an interview holds back among the operations about to be sent
 * (electron/labServer/refused.ts): the deletions the removal caused, the codings placed on the refused text.
 */
import { describe, expect, it } from 'vitest';
import { holdBack } from '../../../electron/labServer/refused';
import type { Op } from '../../../shared/labServer/ops';

type Sent = { opId: string; op: Op };
const removal = (interview: string): Sent => ({ opId: `rm ${interview}`, op: { kind: 'delete', target: 'interviews', rowId: interview, owner: null } });
const correction = (interview: string): Sent => ({ opId: `fix ${interview}`, op: { kind: 'text', target: 'interviews', rowId: interview, text: 'new text' } });
const deletion = (id: string, target: 'codings' | 'memos'): Sent => ({ opId: id, op: { kind: 'delete', target, rowId: id, owner: 'ana' } });
const put = (id: string, interview: string): Sent => ({ opId: id, op: { kind: 'put', target: 'codings', rowId: id, row: { id, interview_id: interview } } });

/** Outbox entries: a row before the first change not sent (base), and the row as it was when deleted (after). */
function entries(rows: Record<string, { target: string; base?: unknown; after?: unknown }>) {
  return new Map(
    Object.entries(rows).map(([opId, r]) => [
      opId,
      { opId, target: r.target, rowId: opId, base: r.base === undefined ? null : JSON.stringify(r.base), after: r.after === undefined ? null : JSON.stringify(r.after) },
    ]),
  );
}

function held(heads: Sent[], ops: Sent[], entryOf: ReturnType<typeof entries>) {
  const parts: string[] = [];
  const rest = holdBack(heads, ops, entryOf, (o, reason, partOf) => parts.push(`${o.opId} with ${partOf}: ${reason}`));
  return { parts, rest: rest.map((o) => o.opId) };
}

describe('what a refused change of an interview holds back', () => {
  it("a removal: the deletions of its codings (one never sent, known by the row it had when deleted) and of the memos on them and on it; not another interview's", () => {
    const entryOf = entries({
      sent: { target: 'codings', base: { id: 'sent', interview_id: 'client' }, after: { id: 'sent', interview_id: 'client' } },
      unsent: { target: 'codings', base: null, after: { id: 'unsent', interview_id: 'client' } },
      other: { target: 'codings', base: { id: 'other', interview_id: 'therapist' } },
      onCoding: { target: 'memos', base: null, after: { id: 'onCoding', target_kind: 'coding', target_id: 'unsent' } },
      onInterview: { target: 'memos', base: { id: 'onInterview', target_kind: 'interview', target_id: 'client' } },
      onCode: { target: 'memos', base: { id: 'onCode', target_kind: 'code', target_id: 'client' } },
    });
    const ops = ['sent', 'unsent', 'other'].map((id) => deletion(id, 'codings')).concat(['onCoding', 'onInterview', 'onCode'].map((id) => deletion(id, 'memos')));
    expect(held([removal('client')], ops, entryOf)).toEqual({
      parts: ['sent', 'unsent', 'onCoding', 'onInterview'].map((id) => `${id} with rm client: held back with the refused removal of its interview`),
      rest: ['other', 'onCode'],
    });
  });

  it('a correction: the codings of its interview about to be sent (placed on its text), not their deletions nor other interviews\' codings', () => {
    const ops = [put('c1', 'client'), put('t1', 'therapist'), deletion('d1', 'codings'), put('c2', 'client')];
    const entryOf = entries({ d1: { target: 'codings', base: { id: 'd1', interview_id: 'client' } } });
    expect(held([correction('client')], ops, entryOf)).toEqual({
      parts: ['c1', 'c2'].map((id) => `${id} with fix client: held back with the refused correction of its transcript`),
      rest: ['t1', 'd1'],
    });
  });

  it('nothing refused, nothing held back', () => {
    const ops = [put('c1', 'client'), deletion('d1', 'codings')];
    expect(held([], ops, entries({}))).toEqual({ parts: [], rest: ['c1', 'd1'] });
  });
});
