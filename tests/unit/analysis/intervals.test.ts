/**
 * The interval combinations against a per-character reference: a span is the set of character positions it
 * covers, and each combination is stated in terms of those sets.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { coUnit, intersectRuns, union, unitsOverlapping, withoutOverlap, type Span } from '../../../shared/analysis/intervals';

interface Item extends Span {
  id: number;
}

const TEXT = 60;
const spanArb = fc
  .tuple(fc.integer({ min: 0, max: TEXT - 1 }), fc.integer({ min: 1, max: 20 }))
  .map(([start, len]) => ({ start, end: Math.min(TEXT, start + len) }));
const itemsArb = fc.array(spanArb, { maxLength: 12 }).map((spans) => spans.map((s, id) => ({ ...s, id })));
/** Units tile part of the text in order (like recall moments), with optional gaps (like turns). */
const unitsArb = fc
  .array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer({ min: 0, max: 12 })), { minLength: 1, maxLength: 10 })
  .map((parts) => {
    const units: Span[] = [];
    let at = 0;
    for (const [gap, len] of parts) {
      const start = at + gap;
      units.push({ start, end: start + len });
      at = start + len;
    }
    return units;
  });

const chars = (s: Span) => Array.from({ length: Math.max(0, s.end - s.start) }, (_, k) => s.start + k);
const cover = (spans: readonly Span[]) => new Set(spans.flatMap(chars));
const shares = (a: Span, b: Span) => chars(a).some((c) => c >= b.start && c < b.end);
/** Maximal runs of a character set. */
function runs(set: Set<number>): Span[] {
  const out: Span[] = [];
  for (const c of [...set].sort((x, y) => x - y)) {
    const last = out[out.length - 1];
    if (last && last.end === c) last.end = c + 1;
    else out.push({ start: c, end: c + 1 });
  }
  return out;
}

describe('union', () => {
  it('covers exactly the characters of its spans, as maximal runs', () => {
    fc.assert(
      fc.property(itemsArb, (items) => {
        expect(union(items)).toEqual(runs(cover(items)));
      }),
    );
  });
});

describe('and-overlap (intersectRuns)', () => {
  it('gives the maximal runs of characters coded with both codes', () => {
    fc.assert(
      fc.property(itemsArb, itemsArb, (a, b) => {
        const both = new Set([...cover(a)].filter((c) => cover(b).has(c)));
        expect(intersectRuns(a, b).map(({ start, end }) => ({ start, end }))).toEqual(runs(both));
      }),
    );
  });

  it('lists, for each run, exactly the codings of either code that share a character with it', () => {
    fc.assert(
      fc.property(itemsArb, itemsArb, (a, b) => {
        for (const r of intersectRuns(a, b)) {
          expect(r.a.map((x) => x.id).sort()).toEqual(a.filter((x) => shares(x, r)).map((x) => x.id).sort());
          expect(r.b.map((x) => x.id).sort()).toEqual(b.filter((x) => shares(x, r)).map((x) => x.id).sort());
        }
      }),
    );
  });

  it('finds nothing for touching but not overlapping passages', () => {
    expect(intersectRuns([{ start: 0, end: 5 }], [{ start: 5, end: 9 }])).toEqual([]);
  });
});

describe('but-not (withoutOverlap)', () => {
  it('keeps the codings of A that share no character with any coding of B', () => {
    fc.assert(
      fc.property(itemsArb, itemsArb, (a, b) => {
        const bChars = cover(b);
        const expected = a.filter((x) => x.end > x.start && !chars(x).some((c) => bChars.has(c)));
        expect(withoutOverlap(a, b)).toEqual(expected);
      }),
    );
  });
});

describe('units', () => {
  it('unitsOverlapping returns the units sharing a character with the span', () => {
    fc.assert(
      fc.property(unitsArb, spanArb, (units, span) => {
        const expected = units.flatMap((u, k) => (shares(span, u) ? [k] : []));
        expect(unitsOverlapping(units, span)).toEqual(expected);
      }),
    );
  });
});

describe('same-moment (coUnit)', () => {
  /** Reference: a qualifies through unit u when it shares a character with u and some b shares one with a partner of u. */
  function reference(a: Item[], aUnits: Span[], b: Item[], bUnits: Span[], partnersOf: (u: number) => number[]) {
    const out: { id: number; units: number[]; partners: number[] }[] = [];
    for (const x of a) {
      const units: number[] = [];
      const partners = new Set<number>();
      aUnits.forEach((u, k) => {
        if (!shares(x, u)) return;
        let hit = false;
        for (const p of partnersOf(k)) {
          for (const y of b) {
            if (shares(y, bUnits[p]!)) {
              hit = true;
              partners.add(y.id);
            }
          }
        }
        if (hit) units.push(k);
      });
      if (units.length) out.push({ id: x.id, units, partners: [...partners].sort() });
    }
    return out;
  }
  const actual = (r: ReturnType<typeof coUnit<Item, Item>>) => r.map((m) => ({ id: m.item.id, units: m.units, partners: m.partners.map((p) => p.id).sort() }));

  it('on the same side: A and B in one recall moment', () => {
    fc.assert(
      fc.property(unitsArb, itemsArb, itemsArb, (units, a, b) => {
        const same = (u: number) => [u];
        expect(actual(coUnit(a, units, b, units, same))).toEqual(reference(a, units, b, units, same));
      }),
    );
  });

  it('across the two sides: B in the partner moment the alignment gives', () => {
    fc.assert(
      fc.property(unitsArb, unitsArb, itemsArb, itemsArb, fc.integer({ min: 0, max: 3 }), (aUnits, bUnits, a, b, shift) => {
        // Some units have a partner on the other side (shifted by a few rows), some have none.
        const partnersOf = (u: number) => (u + shift < bUnits.length && (u + shift) % 3 !== 0 ? [u + shift] : []);
        expect(actual(coUnit(a, aUnits, b, bUnits, partnersOf))).toEqual(reference(a, aUnits, b, bUnits, partnersOf));
      }),
    );
  });

  it('a coding spanning two moments qualifies through either of them', () => {
    const units = [
      { start: 0, end: 10 },
      { start: 10, end: 20 },
    ];
    const a = [{ id: 1, start: 5, end: 15 }];
    const b = [{ id: 2, start: 18, end: 19 }];
    expect(actual(coUnit(a, units, b, units, (u) => [u]))).toEqual([{ id: 1, units: [1], partners: [2] }]);
  });
});
