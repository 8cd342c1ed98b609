/**
 * Every kind of exported document, opened in LibreOffice and printed: whole words in table headers, a sensible
 * page count, and first pages kept as PNGs (test-results/office/) for a person to look at.
 */
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AgreementReport } from '../../../electron/team/agreement';
import { exportReport } from '../../../electron/export/agreementReport';
import { listCodebooks } from '../../../electron/core/coding';
import { updateDyad } from '../../../electron/core/dyads';
import { exportCodebookDocument } from '../../../electron/export/codebookDocument';
import { exportDialogue, exportExcerpts } from '../../../electron/export/run';
import { openStudy, type Study } from './fixture';
import { officeMissing, printAll, type Printed } from './office';

let s: Study;
let printed: Map<string, Printed>;
const file = (name: string) => join(s.dir, name);

function agreement(): AgreementReport {
  const fig = (percent: number, kappa: number, alpha: number, units: number, disagreements: number) => ({ percent, kappa, alpha, units, disagreements });
  return {
    title: 'Agreement between Ana and Ben',
    generatedAt: '2026-12-07T09:00:00.000Z',
    unit: 'char',
    coders: [
      { id: 'a', name: 'Ana' },
      { id: 'b', name: 'Ben' },
    ],
    interviews: { compared: 5, leftOut: [] },
    codes: [
      { codeId: 'r', path: 'Alliance/Relationship rupture', ...fig(0.912, 0.61, 0.6, 4210, 3), codings: [12, 9] },
      { codeId: 's', path: 'Shame', ...fig(0.97, 0.8, 0.79, 4210, 1), codings: [4, 5] },
    ] as AgreementReport['codes'],
    overall: fig(0.94, 0.7, 0.69, 8420, 4),
    notes: ['Percent agreement: the share of units on which the coders agree.', 'Krippendorff’s alpha corrects for chance.'],
  };
}

beforeAll(async () => {
  if (officeMissing) return;
  s = openStudy();
  await exportExcerpts(s.db, 15, { format: 'docx', codeIds: [s.ids.alliance, s.ids.rupture, s.ids.shame], includeMemos: true, path: file('excerpts-word.docx') });
  await exportDialogue(s.db, 15, { format: 'docx', codeIds: [s.ids.rupture], path: file('dialogue.docx') });
  updateDyad(s.db, s.ids.dyad4, { name: '04' });
  await exportExcerpts(s.db, 15, { format: 'xlsx', codeIds: [s.ids.repair, s.ids.shame], filters: { dyadIds: [s.ids.dyad4] }, path: file('two-rows.xlsx') });
  updateDyad(s.db, s.ids.dyad4, { name: '4' });
  await exportExcerpts(s.db, 15, { format: 'xlsx', codeIds: [s.ids.shame, s.ids.rupture, s.ids.repair], path: file('excerpts-sheet.xlsx') });
  await exportReport(agreement(), { path: file('agreement-sheet.xlsx') });
  await exportReport(agreement(), { path: file('agreement-word.docx') });
  const book = listCodebooks(s.db)[0]!;
  await exportCodebookDocument(s.db, book.id, file('codebook.docx'), 'Study');
  printed = printAll(['excerpts-word.docx', 'dialogue.docx', 'two-rows.xlsx', 'excerpts-sheet.xlsx', 'agreement-sheet.xlsx', 'agreement-word.docx', 'codebook.docx'].map(file));
}, 300_000);
afterAll(() => s?.close());

const words = (p: Printed) => p.text.replace(/\s+/gu, ' ');
/** Every word of `phrase` is printed whole (cells wrap, so the words of one cell may sit on several lines). */
const hasWords = (p: Printed, phrase: string) => {
  // A line may break after "/" ("Alliance/" "Relationship").
  const printed = new Set(p.text.split(/\s+|(?<=\/)/u));
  return phrase.split(/\s+|(?<=\/)/u).filter((w) => !printed.has(w));
};

describe.skipIf(!!officeMissing)('exported documents printed by LibreOffice', () => {
  it('prints a workbook of a few rows on one page (the excerpts; the Codes sheet is hidden), its headers whole', () => {
    const p = printed.get(file('two-rows.xlsx'))!;
    expect(p.pages).toBe(1);
    // The dyad as written, a text cell.
    expect(p.text).toMatch(/^\s*Shame\s+04\s/mu);
    for (const h of ['Code', 'Dyad', 'Session', 'Speaker', 'Session time', 'Interview time', 'Coder', 'Text', 'Attribution']) expect(words(p)).toContain(h);
  });

  it('prints the whole of a long excerpt in the workbook (rows tall enough, text wrapped)', () => {
    const p = printed.get(file('excerpts-sheet.xlsx'))!;
    expect(hasWords(p, 'Here Anna asked about my sister Zoë and something *softened*, a <small> thing.')).toEqual([]);
    // One page for the excerpts (the ids at the right are not printed); the hidden Codes sheet is not printed.
    expect(p.pages).toBe(1);
    expect(p.text).not.toContain('Definition');
    expect(p.text).not.toMatch(/[0-9a-f]{8}-[0-9a-f]{4}-/u);
    // Times are time values, shown as hh:mm:ss.
    expect(p.text).toMatch(/00:31:05\s+00:05:00/u);
  });

  it('prints the agreement workbook and document with whole header words', () => {
    for (const [f, pages] of [['agreement-sheet.xlsx', 2], ['agreement-word.docx', 1]] as const) {
      const p = printed.get(file(f))!;
      // The workbook: the table, then its "About" sheet.
      expect(p.pages).toBe(pages);
      expect(hasWords(p, "Code Units (characters) Percent agreement Cohen's kappa Krippendorff's alpha Disagreements Codings by Ana Ben")).toEqual([]);
      expect(hasWords(p, 'Alliance/Relationship rupture')).toEqual([]);
    }
  });

  it('prints the excerpts, the dialogue and the codebook documents', () => {
    const ex = printed.get(file('excerpts-word.docx'))!;
    expect(words(ex)).toContain('I could not make eye contact with Anna Maria.');
    expect(ex.pages).toBeLessThanOrEqual(3);
    const dialogue = printed.get(file('dialogue.docx'))!;
    expect(words(dialogue)).toMatch(/Client\s+Therapist/u);
    const book = printed.get(file('codebook.docx'))!;
    for (const h of ['Code', 'Definition', 'Inclusion', 'Exclusion', 'Example']) expect(words(book)).toContain(h);
  });
});
