/**
 * What a REFI-QDA project holds that Dyad does not import, each kind counted in a warning, so the researcher
 * knows what stayed behind. Only what was really left out is counted: a PDF read through its text is an
 * interview, and its warning counts only the codings of PDF areas that could not come with it.
 */
import type { RefiProject, RefiTextSource } from './model';

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en')} ${n === 1 ? one : many}`;

const KIND_NAMES: Record<string, [string, string]> = {
  PictureSource: ['picture', 'pictures'],
  PDFSource: ['PDF without a text layer', 'PDFs without a text layer'],
  AudioSource: ['audio source', 'audio sources'],
  VideoSource: ['video source', 'video sources'],
};

/** "a, b and c" */
export function listed(items: readonly string[]): string {
  return items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;
}

/** `imported`: the text sources whose text was read (a PDF's representation among them when it was). */
export function notImported(p: RefiProject, imported: readonly RefiTextSource[], where: string, warnings: string[]): void {
  if (p.otherSources.length) {
    const byKind = new Map<string, { n: number; codings: number }>();
    for (const o of p.otherSources) {
      const k = byKind.get(o.kind) ?? { n: 0, codings: 0 };
      k.n++;
      k.codings += o.codings;
      byKind.set(o.kind, k);
    }
    const parts = [...byKind].map(([kind, { n }]) => {
      const [one, many] = KIND_NAMES[kind] ?? [kind, `${kind}s`];
      return plural(n, one, many);
    });
    const codings = p.otherSources.reduce((n, o) => n + o.codings, 0);
    warnings.push(
      `${where}: not imported, as Dyad works with text: ${listed(parts)}` + (codings ? `, with ${plural(codings, 'coding')} of ${p.otherSources.length === 1 ? 'it' : 'them'}.` : '.'),
    );
  }
  const mediaCodings = p.mediaSources.reduce((n, m) => n + m.codings, 0);
  if (mediaCodings) {
    warnings.push(`${where}: not imported: ${plural(mediaCodings, 'coding')} of stretches of audio or video; their recordings and transcripts were imported (Dyad codes the text).`);
  }
  const pdfs = imported.filter((s) => s.pdfAreaCodings !== undefined);
  if (pdfs.length) {
    const areas = pdfs.reduce((n, s) => n + (s.pdfAreaCodings ?? 0), 0);
    warnings.push(
      `${where}: ${plural(pdfs.length, 'PDF source')} ${pdfs.length === 1 ? 'was' : 'were'} imported from ${pdfs.length === 1 ? 'its' : 'their'} text layer` +
        (areas ? `; ${plural(areas, 'coding')} of PDF areas (regions of a page, not text) ${areas === 1 ? 'was' : 'were'} not imported.` : '.'),
    );
  }
  if (p.sets.length) {
    const codeSets = p.sets.filter((s) => s.memberCodes.length && !s.memberSources.length && !s.memberNotes.length).length;
    const documentSets = p.sets.filter((s) => s.memberSources.length && !s.memberCodes.length && !s.memberNotes.length).length;
    const other = p.sets.length - codeSets - documentSets;
    const kinds = [codeSets ? plural(codeSets, 'code set') : '', documentSets ? plural(documentSets, 'document set') : '', other ? plural(other, 'other set') : ''].filter(Boolean);
    warnings.push(`${where}: not imported, as Dyad has no sets: ${listed(kinds)}. The codes and documents in them were imported.`);
  }
  if (p.graphs) warnings.push(`${where}: not imported: ${plural(p.graphs, 'graph')} (networks or maps drawn in the other program).`);
  const sourceVariables = imported.filter((s) => s.variableValues.length).length;
  if (sourceVariables) {
    warnings.push(`${where}: the variables of ${plural(sourceVariables, 'source')} were not imported; in Dyad, attributes belong to dyads, which you assign below.`);
  }
}
