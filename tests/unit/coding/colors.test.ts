import { describe, expect, it } from 'vitest';
import { CODE_PALETTE, COLOR_PATTERN } from '../../../shared/coding/colors';

/** Hue (0–360) and saturation (0–1, HSL) of #RRGGBB. */
function hueSat(hex: string): { hue: number; sat: number } {
  const n = parseInt(hex.slice(1), 16);
  const [r, g, b] = [(n >> 16) & 255, (n >> 8) & 255, n & 255].map((v) => v / 255) as [number, number, number];
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const d = max - min;
  const l = (max + min) / 2;
  const sat = d === 0 ? 0 : d / (1 - Math.abs(2 * l - 1));
  let hue = 0;
  if (d) hue = max === r ? 60 * (((g - b) / d) % 6) : max === g ? 60 * ((b - r) / d + 2) : 60 * ((r - g) / d + 4);
  return { hue: (hue + 360) % 360, sat };
}

describe('the default code colours', () => {
  it('are valid, distinct colours', () => {
    for (const c of CODE_PALETTE) expect(c).toMatch(COLOR_PATTERN);
    expect(new Set(CODE_PALETTE).size).toBe(CODE_PALETTE.length);
  });

  it('hold no blue that a tinted passage would share with the browser selection (hue 190°–235°)', () => {
    // Chromium's and the view's selection are blues around 210°; a code tinted like it reads as "selected".
    const near = CODE_PALETTE.filter((c) => {
      const { hue, sat } = hueSat(c);
      return sat > 0.25 && hue >= 190 && hue <= 235;
    });
    expect(near).toEqual([]);
    expect(hueSat('#56B4E9').hue).toBeGreaterThan(190); // the old second default, which the check would catch
  });
});
