import type { CSSProperties } from 'react';

/** "#E69F00" → "230, 159, 0", for rgba() tints. */
function rgbOf(hex: string): string {
  const h = /^#?([0-9a-f]{6})$/i.exec(hex)?.[1] ?? '888888';
  const n = parseInt(h, 16);
  return `${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255}`;
}

const MAX_LINES = 3;
const LINE = 2; // px per underline
const GAP = 1;

/**
 * How a coded piece looks: a light tint per code (translucent layers blend where codes overlap) and one solid
 * underline per code stacked below the text, so two overlapping codes stay two distinct colours. More than three
 * codes on one piece show three lines; the margin stripes still show each coding.
 */
export function codedStyle(codings: readonly { color: string; selected: boolean }[]): CSSProperties {
  if (codings.length === 0) return {};
  const colors = codings.map((c) => c.color);
  const lines = colors.slice(0, MAX_LINES);
  const layers: string[] = [];
  const sizes: string[] = [];
  const positions: string[] = [];
  lines.forEach((c, i) => {
    const solid = `rgb(${rgbOf(c)})`;
    layers.push(`linear-gradient(${solid}, ${solid})`);
    sizes.push(`100% ${LINE}px`);
    positions.push(`0 calc(100% - ${i * (LINE + GAP)}px)`);
  });
  const alpha = colors.length === 1 ? 0.2 : 0.14;
  for (const c of codings.slice(0, 4)) {
    const tint = `rgba(${rgbOf(c.color)}, ${c.selected ? 0.45 : alpha})`;
    layers.push(`linear-gradient(${tint}, ${tint})`);
    sizes.push(`100% calc(100% - ${lines.length * (LINE + GAP)}px)`);
    positions.push('0 0');
  }
  return {
    backgroundImage: layers.join(', '),
    backgroundSize: sizes.join(', '),
    backgroundPosition: positions.join(', '),
    backgroundRepeat: 'no-repeat',
    paddingBottom: lines.length * (LINE + GAP),
  };
}
