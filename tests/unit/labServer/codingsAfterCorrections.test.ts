import { describe, expect, it } from 'vitest';
import { codingsAfterCorrections } from '../../../electron/labServer/codingsAfterCorrections';
import type { Op } from '../../../shared/labServer/ops';

const coding = (id: string, interview: string): { opId: string; op: Op } => ({ opId: id, op: { kind: 'put', target: 'codings', rowId: id, row: { id, interview_id: interview, start: 1, end: 5 } } });
const correction = (id: string, interview: string): { opId: string; op: Op } => ({ opId: id, op: { kind: 'text', target: 'interviews', rowId: interview, text: id } });
const memo = (id: string): { opId: string; op: Op } => ({ opId: id, op: { kind: 'put', target: 'memos', rowId: id, row: { id } } });
const order = (ops: { opId: string }[]) => ops.map((o) => o.opId);

describe('a coding sent as it is now goes after the corrections of its interview', () => {
  it('a coding recorded between a correction and its undoing goes after the undoing, right after it', () => {
    const ops = [correction('fix', 'client'), coding('c1', 'client'), memo('m1'), correction('undo fix', 'client'), memo('m2')];
    expect(order(codingsAfterCorrections(ops))).toEqual(['fix', 'm1', 'undo fix', 'c1', 'm2']);
  });

  it("another interview's corrections do not hold a coding back, nor does a deletion", () => {
    const deletion = { opId: 'd1', op: { kind: 'delete', target: 'codings', rowId: 'd1', owner: null } as Op };
    const ops = [coding('c1', 'client'), deletion, correction('fix', 'therapist'), coding('c2', 'therapist')];
    expect(order(codingsAfterCorrections(ops))).toEqual(['c1', 'd1', 'fix', 'c2']);
  });

  it('codings held back keep their order, whichever correction they wait for', () => {
    const ops = [coding('c1', 'client'), coding('t1', 'therapist'), coding('c2', 'client'), correction('fix client', 'client'), correction('fix therapist', 'therapist')];
    expect(order(codingsAfterCorrections(ops))).toEqual(['fix client', 'c1', 'c2', 'fix therapist', 't1']);
  });
});
