/** Benchmarks print figures and ratios to targets; they never fail on time. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: number;
}

export class Report {
  readonly figures: Figure[] = [];
  add(name: string, value: number, unit: string, target?: number): void {
    this.figures.push({ name, value, unit, target });
    const ratio = target ? `  (${(value / target).toFixed(2)}× target ${target} ${unit})` : '';
    console.log(`  ${name.padEnd(52)} ${fmt(value).padStart(10)} ${unit}${ratio}`);
  }
  section(title: string): void {
    console.log(`\n${title}`);
  }
}

const fmt = (v: number) => (v >= 100 ? v.toFixed(0) : v >= 10 ? v.toFixed(1) : v.toFixed(2));

export async function time<T>(fn: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const t0 = performance.now();
  const value = await fn();
  return { ms: performance.now() - t0, value };
}

export function percentile(values: number[], p: number): number {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor((p / 100) * s.length))]!;
}

export const peakRssMb = () => process.resourceUsage().maxRSS / 1024;
