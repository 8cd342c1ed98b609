/** Code matrices on the hand-checked study (fixture.ts smallStudy); expected counts worked out by hand. */
import { describe, expect, it } from 'vitest';
import { codeMatrix, type MatrixInput } from '../../../electron/core/analysis/matrix';
import { useSmallStudy } from './fixture';

const study = useSmallStudy('dyad-matrix-');

const matrix = (input: MatrixInput) => codeMatrix(study().project.db, input);
/** "codings/moments" per column, then the total, for one code. */
const line = (r: ReturnType<typeof matrix>, path: string) => {
  const row = r.rows.find((x) => x.codePath === path);
  if (!row) throw new Error(`no row ${path}`);
  return [...row.cells, row.total].map((c) => `${c.codings}/${c.moments}`);
};

describe('code × role', () => {
  it('counts codings and distinct recall moments per role', () => {
    const r = matrix({ columns: 'role' });
    expect(r.columns.map((c) => c.key)).toEqual(['client', 'therapist', 'other']);
    // Two client codings in the same moment (1:00) count as one moment.
    expect(line(r, 'Rupture/Withdrawal')).toEqual(['2/1', '1/1', '0/0', '3/2']);
    // Dyad 1's 1:00, and a turn of dyad 2's unmarked session 2; the interpreter's note.
    expect(line(r, 'Unseen')).toEqual(['2/2', '0/0', '1/1', '3/3']);
    expect(line(r, 'Rupture')).toEqual(['1/1', '2/2', '0/0', '3/3']);
    expect(line(r, 'Alliance')).toEqual(['0/0', '0/0', '0/0', '0/0']);
  });

  it('lists every code in codebook order with its depth, coded or not', () => {
    const r = matrix({ columns: 'role' });
    expect(r.rows.map((x) => `${'  '.repeat(x.depth)}${x.codePath}`)).toEqual([
      'Rupture',
      '  Rupture/Withdrawal',
      '  Rupture/Confrontation',
      'Repair',
      'Alliance',
      '  Alliance/Trust',
      'Unseen',
    ]);
    expect(r.rows.find((x) => x.codePath === 'Alliance/Trust')!.parentId).toBe(study().code('Alliance'));
  });

  it('aggregates subcodes into their theme, counting a moment once', () => {
    const r = matrix({ columns: 'role', includeSubcodes: true });
    // Client: Withdrawal ×2 at 1:00, Confrontation at 5:00, Rupture at dyad 2's 4:00 → 3 moments.
    expect(line(r, 'Rupture')).toEqual(['4/3', '3/3', '0/0', '7/6']);
    expect(line(r, 'Alliance')).toEqual(line(r, 'Alliance/Trust'));
    expect(line(r, 'Alliance')).toEqual(['2/2', '1/1', '0/0', '3/3']);
  });

  it('leaves out the "other" column when there are no other interviews in scope, and narrows by coder', () => {
    const r = matrix({ columns: 'role', roles: ['client', 'therapist'], coderIds: [study().coder('Ben')] });
    expect(r.columns.map((c) => c.key)).toEqual(['client', 'therapist']);
    expect(line(r, 'Rupture/Withdrawal')).toEqual(['1/1', '0/0', '1/1']);
    expect(line(r, 'Unseen')).toEqual(['1/1', '0/0', '1/1']);
  });
});

describe('code × dyad', () => {
  it('has a column per dyad in scope, in dyad order', () => {
    const r = matrix({ columns: 'dyad' });
    expect(r.columns).toEqual([
      { key: study().dyad('1'), label: '1' },
      { key: study().dyad('2'), label: '2' },
    ]);
    expect(line(r, 'Alliance/Trust')).toEqual(['1/1', '2/2', '3/3']);
    expect(line(r, 'Unseen')).toEqual(['1/1', '2/2', '3/3']);
  });

  it('narrows to the codes asked for and the dyads with an attribute', () => {
    const r = matrix({ columns: 'dyad', codeIds: [study().code('Unseen'), study().code('Repair')], attributes: { modality: ['online'] } });
    expect(r.rows.map((x) => x.codePath)).toEqual(['Repair', 'Unseen']);
    expect(r.columns.map((c) => c.label)).toEqual(['1']);
    expect(line(r, 'Unseen')).toEqual(['1/1', '1/1']);
  });

  it('with subcodes asked for a theme only, counts its subthemes too', () => {
    const r = matrix({ columns: 'dyad', codeIds: [study().code('Rupture')], includeSubcodes: true });
    expect(r.rows.map((x) => x.codePath)).toEqual(['Rupture']);
    expect(line(r, 'Rupture')).toEqual(['5/4', '2/2', '7/6']);
  });
});
