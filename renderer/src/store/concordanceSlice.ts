import type { StateCreator } from 'zustand';
import type { Input, Output } from '../../../shared/api/contract';
import { call } from '../api/client';
import type { All } from './types';

export type ConcordanceFilters = Omit<Input<'analysis.concordance'>, 'codeIds'>;
export type ConcordanceCategory = Input<'analysis.concordanceRows'>['category'];
type Interview = Output<'sessions.get'>['interviews'][number];

/** The moments behind one number, with the turns of their interviews (each coded passage is shown in its turn). */
export interface ConcordanceMoments {
  rows: Output<'analysis.concordanceRows'>;
  turns: Map<string, { text: string; turns: Interview['turns'] }>;
}

export interface ConcordanceSlice {
  readConcordance(filters: ConcordanceFilters): Promise<Output<'analysis.concordance'>>;
  readConcordanceMoments(codeId: string, category: ConcordanceCategory, filters: ConcordanceFilters): Promise<ConcordanceMoments>;
  /** The table with its totals as CSV or Excel, through the one save model (dialog in the app, download in the browser). */
  exportConcordance(format: 'csv' | 'xlsx', filters: ConcordanceFilters): Promise<Output<'analysis.exportConcordance'> | null>;
}

const KINDS = { csv: { name: 'CSV table', extensions: ['csv'] }, xlsx: { name: 'Excel workbook', extensions: ['xlsx'] } } as const;

export const createConcordanceSlice: StateCreator<All, [], [], ConcordanceSlice> = (_set, get) => ({
  readConcordance: (filters) => call('analysis.concordance', filters),
  async readConcordanceMoments(codeId, category, filters) {
    const rows = await call('analysis.concordanceRows', { codeId, category, ...filters });
    const turns = new Map<string, { text: string; turns: Interview['turns'] }>();
    // Read when the list opens, not kept: the interviews may be edited meanwhile.
    await Promise.all(
      [...new Set(rows.rows.map((r) => r.sessionId))].map(async (sessionId) => {
        const d = await call('sessions.get', { sessionId });
        for (const i of d.interviews) turns.set(i.id, { text: i.text, turns: i.turns });
      }),
    );
    return { rows, turns };
  },
  exportConcordance: (format, filters) =>
    get().saveFile({ defaultName: `Concordance.${format}`, kind: { name: KINDS[format].name, extensions: [...KINDS[format].extensions] }, write: (path) => call('analysis.exportConcordance', { ...filters, format, ...(path ? { path } : {}) }) }),
});
