/**
 * The client–therapist concordance as a table: the same columns, names and totals on the Concordance page and in
 * its CSV and Excel exports, so what the researcher reads on screen is what the file holds.
 *
 * Its share of moments coded on both sides is not called "agreement": that word belongs to inter-coder agreement
 * (two coders on one text), and this is two people's recall of one session, coded by whoever coded.
 */
import { csvRecord, CSV_BOM } from './csv';

export interface ConcordanceCounts {
  codePath: string;
  both: number;
  clientOnly: number;
  therapistOnly: number;
  unpairedClient: number;
  unpairedTherapist: number;
}

/** One place that says what is counted; the page shows it under the table and the workbook on its "About" sheet. */
export const MOMENTS_CODED_NOTE =
  'Moments coded: the aligned recall moments (client and therapist moment at the same session time) on which at least one coding of the code touches that side’s passage. ' +
  'Each moment counts once per code, however many codings or coders it has. ' +
  'The totals add up the codes’ moments, so a moment coded with two codes counts twice there.';

export const SHARE_NOTE = 'Share on both sides: moments coded on both sides ÷ moments coded on either side (both + client only + therapist only).';
export const UNPAIRED_NOTE = 'Unpaired: coded moments of one side with no moment of the partner’s interview to pair with.';

export const CONCORDANCE_HEADERS = ['Code', 'Both sides', 'Client only', 'Therapist only', 'Share on both sides', 'Unpaired client', 'Unpaired therapist'] as const;

/** both ÷ (both + client only + therapist only), or null when no paired moment has the code. */
export function shareOnBothSides(c: Pick<ConcordanceCounts, 'both' | 'clientOnly' | 'therapistOnly'>): number | null {
  const any = c.both + c.clientOnly + c.therapistOnly;
  return any ? c.both / any : null;
}

/** The codes' counts added up, under the name the totals row shows. */
export function concordanceTotals(codes: readonly ConcordanceCounts[]): ConcordanceCounts {
  const t: ConcordanceCounts = { codePath: 'All codes', both: 0, clientOnly: 0, therapistOnly: 0, unpairedClient: 0, unpairedTherapist: 0 };
  for (const c of codes) {
    t.both += c.both;
    t.clientOnly += c.clientOnly;
    t.therapistOnly += c.therapistOnly;
    t.unpairedClient += c.unpairedClient;
    t.unpairedTherapist += c.unpairedTherapist;
  }
  return t;
}

/** A line of the table: the share as a fraction (null: none), for a spreadsheet to format. */
export function concordanceLine(c: ConcordanceCounts): [string, number, number, number, number | null, number, number] {
  return [c.codePath, c.both, c.clientOnly, c.therapistOnly, shareOnBothSides(c), c.unpairedClient, c.unpairedTherapist];
}

/** The codes then the totals, as CSV (RFC 4180, with a byte-order mark for Excel); the share with four decimals. */
export function concordanceCsv(codes: readonly ConcordanceCounts[]): string {
  const lines = [csvRecord([...CONCORDANCE_HEADERS])];
  for (const c of [...codes, concordanceTotals(codes)]) {
    const [code, ...n] = concordanceLine(c);
    lines.push(csvRecord([code, ...n.map((x) => (x === null ? '' : Number(x.toFixed(4))))]));
  }
  return CSV_BOM + lines.join('\r\n') + '\r\n';
}
