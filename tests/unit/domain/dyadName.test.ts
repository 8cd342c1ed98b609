import { describe, expect, it } from 'vitest';
import { dyadNameKey, findDyadName } from '../../../shared/domain/dyadName';

describe('dyad names', () => {
  it('takes "4", "04", "D04", "d4", "Dyad 4" and "D_04" for the same numbered dyad', () => {
    const keys = ['4', '04', 'D04', 'd4', 'Dyad 4', 'D_04', ' 4 '].map(dyadNameKey);
    expect(new Set(keys).size).toBe(1);
    expect(dyadNameKey('40')).not.toBe(dyadNameKey('4'));
    expect(dyadNameKey('0')).toBe(dyadNameKey('D00'));
  });

  it('compares other names without case, and never makes a name into a number', () => {
    expect(dyadNameKey(' Rowan ')).toBe(dyadNameKey('rowan'));
    expect(dyadNameKey('A4')).not.toBe(dyadNameKey('4'));
    expect(dyadNameKey('Pilot 4')).not.toBe(dyadNameKey('4'));
  });

  it('prefers the same spelling over the same number', () => {
    const dyads = [{ name: '4' }, { name: 'D04' }];
    expect(findDyadName(dyads, 'D04')).toBe(dyads[1]);
    expect(findDyadName(dyads, '04')).toBe(dyads[0]);
    expect(findDyadName([{ name: '4' }], 'Dyad 04')?.name).toBe('4');
    expect(findDyadName([{ name: '4' }], '5')).toBeUndefined();
  });
});
