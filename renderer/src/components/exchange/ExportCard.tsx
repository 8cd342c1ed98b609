import { useState } from 'react';
import { useStore } from '../../store';
import { counts, plural } from '../../util/plural';
import { safeName } from './paths';
import { useJobProgress } from '../common/useJobProgress';
import { DoneNote } from '../common/DoneNote';
import { SaveNote } from '../export/SaveNote';

const KINDS = {
  qdpx: { name: 'REFI-QDA project', extensions: ['qdpx'] },
  qdc: { name: 'REFI-QDA codebook', extensions: ['qdc'] },
  docx: { name: 'Word document', extensions: ['docx'] },
  md: { name: 'Markdown', extensions: ['md'] },
};

/**
 * The project as a REFI-QDA project, and a codebook as a REFI-QDA codebook or an appendix table, saved the way every
 * export is (the store's saveFile: the save dialog in the app, a download in the browser).
 */
export function ExchangeExport() {
  const info = useStore((s) => s.info);
  const codebooks = useStore((s) => s.codebooks);
  const reportError = useStore((s) => s.reportError);
  const saveFile = useStore((s) => s.saveFile);
  const [codebookId, setCodebookId] = useState('');
  const jobs = useJobProgress();
  const running = jobs.running;
  const [written, setWritten] = useState<string | null>(null);
  const book = codebooks.find((b) => b.id === codebookId) ?? codebooks[0];

  async function exportQdpx() {
    setWritten(null);
    try {
      const r = await saveFile({
        defaultName: `${safeName(info?.name ?? 'project')}.qdpx`,
        kind: KINDS.qdpx,
        write: async (path) => {
          const job = useStore.getState().exportQdpx(path ? { path } : {}, jobs.onProgress);
          jobs.begin('Writing the REFI-QDA project…', job.cancel);
          try {
            return await job.result;
          } finally {
            jobs.end();
          }
        },
      });
      if (r) setWritten(`Saved ${r.path ?? r.fileName}: ${counts([[r.sources, 'source'], [r.codes, 'code'], [r.codings, 'coding'], [r.memos, 'memo'], [r.coders, 'coder']])}.`);
    } catch (e) {
      reportError(e, 'Could not export the project as .qdpx');
    }
  }

  /** The codebook as .qdc, or as the appendix table (.docx, .md). */
  async function exportCodebook(ext: 'qdc' | 'docx' | 'md') {
    if (!book) return;
    setWritten(null);
    try {
      const r = await saveFile({
        defaultName: `${safeName(ext === 'qdc' ? book.name : `Codebook ${book.name}`)}.${ext}`,
        kind: KINDS[ext],
        write: (path) =>
          ext === 'qdc'
            ? useStore.getState().exportQdc({ codebookId: book.id, ...(path ? { path } : {}) })
            : useStore.getState().exportCodebookDocument({ codebookId: book.id, ...(path ? { path } : { format: ext }) }),
      });
      if (r) setWritten(`Saved ${r.path ?? r.fileName}: ${plural(r.codes, 'code')} of “${book.name}”${ext === 'qdc' ? '' : ', as a table of definitions, inclusion and exclusion criteria and examples'}.`);
    } catch (e) {
      reportError(e, `Could not export the codebook as .${ext}`);
    }
  }

  return (
    <div className="an-card" aria-label="Export for other software">
      <h2 className="an-h2">Export for NVivo, ATLAS.ti, MAXQDA, QualCoder</h2>
      <SaveNote />
      <div className="an-row">
        <div className="an-field xc-path">
          <span className="an-field__label">Whole project (.qdpx): transcripts, codes, codings, memos, coders</span>
        </div>
        <div className="an-field">
          <button type="button" className="btn btn--primary" disabled={running !== null} onClick={() => void exportQdpx()}>
            Export .qdpx…
          </button>
        </div>
      </div>
      {jobs.progress}
      <div className="an-row">
        {codebooks.length > 1 ? (
          <label className="an-field" htmlFor="xc-codebook">
            <span className="an-field__label">Codebook</span>
            <select id="xc-codebook" className="input" value={book?.id ?? ''} onChange={(e) => setCodebookId(e.target.value)}>
              {codebooks.map((b) => (
                <option key={b.id} value={b.id}>
                  {b.name} ({plural(b.codeCount, 'code')})
                </option>
              ))}
            </select>
          </label>
        ) : null}
        <div className="an-field xc-path">
          <span className="an-field__label">
            Codebook{book && codebooks.length <= 1 ? ` “${book.name}”, ${plural(book.codeCount, 'code')}` : ''}: .qdc for other QDA software, or a table for a paper’s appendix
          </span>
        </div>
        <div className="an-field xc-buttons">
          <button type="button" className="btn" disabled={!book} onClick={() => void exportCodebook('qdc')}>
            Export .qdc…
          </button>
          <button type="button" className="btn" disabled={!book} onClick={() => void exportCodebook('docx')}>
            Word table…
          </button>
          <button type="button" className="btn" disabled={!book} onClick={() => void exportCodebook('md')}>
            Markdown table…
          </button>
        </div>
      </div>
      <DoneNote text={written} />
    </div>
  );
}
