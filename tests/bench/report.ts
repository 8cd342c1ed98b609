/** Benchmarks print figures and ratios to targets; they never fail on time. */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';

export interface Figure {
  name: string;
  value: number;
  unit: string;
  target?: number;
  /** The figure's name with its numbers taken out and its section before it: the same figure at another scale. */
  key: string;
  /** For an indented figure ("  CPU time"), the figure it details. */
  parent?: string;
}

/** What a figure is compared with at another scale: the run's scale and its figures by key. */
export interface Baseline {
  scale: string;
  /** When the baseline run ended (ISO), and the load average then. */
  at: string;
  figures: Figure[];
}

/** Figures whose value is a count or a ratio, not a cost: compared across scales they say nothing of linearity. */
const NOT_A_COST = new Set(['×', '', 'rows']);

export class Report {
  readonly figures: Figure[] = [];
  private section_ = '';
  private parent = '';
  private readonly seen = new Map<string, number>();
  private readonly baseline: Map<string, Figure>;

  /**
   * `compare`: the figures of a run at the smaller scale, printed as "N× full" beside each figure (issue 17: a study
   * 4× as large may cost at most 4.4× for every operation). With it, targets in time are left out: they are set
   * for the full scale; a memory target (MB) holds at every scale and stays.
   */
  constructor(private readonly compare?: Baseline) {
    this.baseline = new Map((compare?.figures ?? []).map((f) => [f.key, f]));
  }

  add(name: string, value: number, unit: string, target?: number): void {
    const key = this.keyOf(name);
    const indented = name.startsWith(' ');
    if (!indented) this.parent = name;
    this.figures.push({ name, value, unit, target, key, ...(indented && this.parent ? { parent: this.parent } : {}) });
    const before = this.baseline.get(key);
    const showTarget = target && (!this.compare || unit === 'MB');
    const ratio = showTarget ? `  (${(value / target).toFixed(2)}× target ${target} ${unit})` : '';
    const scaled = before && before.value > 0 && !NOT_A_COST.has(unit) ? `  [${(value / before.value).toFixed(2)}× ${this.compare!.scale}]` : '';
    console.log(`  ${name.padEnd(52)} ${fmt(value).padStart(10)} ${unit}${ratio}${scaled}`);
  }

  section(title: string): void {
    this.section_ = title;
    this.parent = '';
    console.log(`\n${title}`);
  }

  /** Each figure beside its baseline, the costs only (time, memory, size): [figure, ratio]. */
  ratios(): { figure: Figure; before: Figure; ratio: number }[] {
    return this.figures.flatMap((figure) => {
      const before = this.baseline.get(figure.key);
      return before && before.value > 0 && !NOT_A_COST.has(figure.unit) ? [{ figure, before, ratio: figure.value / before.value }] : [];
    });
  }

  /** Keeps this run's figures for a later run at another scale to compare with. */
  save(path: string, scale: string, load: number): void {
    mkdirSync(dirname(path), { recursive: true });
    const run: Baseline & { load: number } = { scale, at: new Date().toISOString(), load, figures: this.figures };
    writeFileSync(path, JSON.stringify(run, null, 1));
  }

  /**
   * Numbers in a name (counts, sizes, the load in a "CPU …, peak …" note) change with the scale and the machine:
   * they go. A name met twice in one section (each "  CPU time" row) is told apart by its order.
   */
  private keyOf(name: string): string {
    const plain = (s: string) => s.replace(/\d[\d,.]*/g, '#');
    const base = `${plain(this.section_)} / ${plain(name)}`;
    const n = (this.seen.get(base) ?? 0) + 1;
    this.seen.set(base, n);
    return n > 1 ? `${base} #${n}` : base;
  }
}

/** The figures a run saved with Report.save, or null when there are none (no run at that scale yet). */
export function readBaseline(path: string): Baseline | null {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Baseline;
  } catch {
    return null;
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
