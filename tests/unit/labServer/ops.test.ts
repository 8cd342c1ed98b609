import { describe, expect, it } from 'vitest';
import { describeOp, ownerOf, refusal, type Op } from '../../../shared/labServer/ops';

const ana = { coderId: 'ana-id', lead: false };
const coding = (coderId: string): Op => ({ kind: 'put', target: 'codings', rowId: 'c1', row: { id: 'c1', coder_id: coderId } });

describe('who may push which operation', () => {
  it("a coder pushes their own codings, memos and coder row, nothing of anyone else's", () => {
    expect(refusal(coding('ana-id'), ana)).toBeNull();
    expect(refusal(coding('ben-id'), ana)).toBe("only a lead changes another coder's codings");
    expect(refusal({ kind: 'delete', target: 'memos', rowId: 'm', owner: 'ana-id' }, ana)).toBeNull();
    expect(refusal({ kind: 'put', target: 'coders', rowId: 'ana-id', row: {} }, ana)).toBeNull();
    expect(refusal({ kind: 'put', target: 'coders', rowId: 'ben-id', row: {} }, ana)).toBe('only a lead adds or changes other coders');
  });

  it('the codebook and the transcripts are the leads’', () => {
    const rename: Op = { kind: 'set', target: 'codes', rowId: 'k', field: 'name', value: 'Guilt' };
    expect(refusal(rename, ana)).toBe('only a lead changes the codebook');
    expect(refusal({ kind: 'text', target: 'interviews', rowId: 'i', text: '' }, ana)).toBe('only a lead corrects transcripts');
    expect(refusal({ kind: 'put', target: 'turns', rowId: 't', row: {} }, ana)).toBe('only a lead corrects transcripts');
    const removal: Op = { kind: 'delete', target: 'interviews', rowId: 'i', owner: null };
    expect(refusal(removal, ana)).toBe('only a lead removes interviews');
    expect(refusal(removal, { coderId: 'lea', lead: true })).toBeNull();
    expect(describeOp(removal)).toBe('the removal of an interview');
    expect(refusal(rename, { coderId: 'lea', lead: true })).toBeNull();
    expect(refusal(coding('ben-id'), { coderId: 'lea', lead: true })).toBeNull();
  });

  it('names operations for messages and finds whose row it is', () => {
    expect(describeOp({ kind: 'set', target: 'codes', rowId: 'k', field: 'parent_id', value: null })).toBe('the parent of a code');
    expect(describeOp({ kind: 'delete', target: 'codings', rowId: 'c', owner: null })).toBe('the deletion of a coding');
    expect(ownerOf(coding('ana-id'))).toBe('ana-id');
    expect(ownerOf({ kind: 'set', target: 'codes', rowId: 'k', field: 'name', value: 'x' })).toBeNull();
  });
});
