/** How the agreement figures are shown: a fixed number of decimals, and a dash for a figure that is undefined. */
export const UNDEFINED_HELP = 'undefined: every unit has the same value';

export function fixed(v: number | null, decimals = 2): string {
  return v === null || Number.isNaN(v) ? '—' : v.toFixed(decimals);
}

export function percent(v: number | null): string {
  if (v === null || Number.isNaN(v)) return '—';
  // The core gives a proportion (0–1); a value above 1 is already a percentage.
  const p = v <= 1 ? v * 100 : v;
  return `${p.toFixed(1)} %`;
}

export { plural } from '../../util/plural';

export { downloadBase64 } from '../../util/download';
