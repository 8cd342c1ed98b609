/** Code colours are #RRGGBB, stored upper-case. */
export const COLOR_PATTERN = /^#[0-9a-fA-F]{6}$/;

/**
 * Distinct, colour-blind-friendlier defaults (Okabe–Ito plus a few), given to new codes in turn. No light or
 * mid blue: a passage tinted with it looks like the browser's selection (Okabe–Ito's sky and blue are replaced
 * by Tol's wine and olive).
 */
export const CODE_PALETTE = [
  '#E69F00',
  '#882255',
  '#009E73',
  '#F0E442',
  '#999933',
  '#D55E00',
  '#CC79A7',
  '#999999',
  '#8C6BB1',
  '#66A61E',
  '#E7298A',
  '#A6761D',
] as const;

export const normaliseColor = (c: string): string => c.toUpperCase();

export function paletteColor(index: number): string {
  return CODE_PALETTE[((index % CODE_PALETTE.length) + CODE_PALETTE.length) % CODE_PALETTE.length]!;
}
