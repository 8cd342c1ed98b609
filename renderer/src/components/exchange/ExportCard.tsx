import { useEffect, useState } from 'react';
import { call, startJob } from '../../api/client';
import { useStore } from '../../store';
import { counts, plural } from '../../util/plural';
import { besideProject, safeName, withExtension } from './paths';
import { useJobProgress } from '../common/useJobProgress';
import { DoneNote } from '../common/DoneNote';


/** The project as a REFI-QDA project, and a codebook as a REFI-QDA codebook, written next to the project file. */
export function ExchangeExport() {
  const info = useStore((s) => s.info);
  const codebooks = useStore((s) => s.codebooks);
  const reportError = useStore((s) => s.reportError);
  const [qdpxPath, setQdpxPath] = useState('');
  const [codebookId, setCodebookId] = useState('');
  const [qdcPath, setQdcPath] = useState('');
  const jobs = useJobProgress();
  const running = jobs.running;
  const [written, setWritten] = useState<string | null>(null);

  useEffect(() => {
    if (info && !qdpxPath) setQdpxPath(besideProject(info.path, `${safeName(info.name)}.qdpx`));
  }, [info, qdpxPath]);
  const book = codebooks.find((b) => b.id === codebookId) ?? codebooks[0];
  useEffect(() => {
    if (book) setQdcPath(besideProject(info?.path, `${safeName(book.name)}.qdc`));
  }, [book?.id, book?.name, info?.path]); // the book's id and name, not the object, which is new on every load

  async function exportQdpx() {
    const job = startJob('refi.exportQdpx', { path: qdpxPath.trim() }, jobs.onProgress);
    setWritten(null);
    jobs.begin('Writing the REFI-QDA project…', job.cancel);
    try {
      const r = await job.result;
      setWritten(`Wrote ${r.path}: ${counts([[r.sources, 'source'], [r.codes, 'code'], [r.codings, 'coding'], [r.memos, 'memo'], [r.coders, 'coder']])}.`);
    } catch (e) {
      reportError(e, 'Could not export the project as .qdpx');
    } finally {
      jobs.end();
    }
  }

  /** The codebook as .qdc, or as the appendix table (.docx, .md): the path's extension follows the button. */
  async function exportCodebook(ext: '.qdc' | '.docx' | '.md') {
    if (!book) return;
    const path = withExtension(qdcPath.trim(), ext);
    setQdcPath(path);
    try {
      const r = ext === '.qdc' ? await call('refi.exportQdc', { codebookId: book.id, path }) : await call('codebooks.exportDocument', { codebookId: book.id, path });
      setWritten(`Wrote ${r.path}: ${plural(r.codes, 'code')} of “${book.name}”${ext === '.qdc' ? '' : ', as a table of definitions, inclusion and exclusion criteria and examples'}.`);
    } catch (e) {
      reportError(e, `Could not export the codebook as ${ext}`);
    }
  }

  return (
    <div className="an-card" aria-label="Export for other software">
      <h2 className="an-h2">Export for NVivo, ATLAS.ti, MAXQDA, QualCoder</h2>
      <p className="an-muted">The file is written on this computer, at the path below (next to the project file unless you change it).</p>
      <div className="an-row">
        <label className="an-field xc-path" htmlFor="xc-qdpx">
          <span className="an-field__label">Whole project (.qdpx): transcripts, codes, codings, memos, coders</span>
          <input id="xc-qdpx" className="input" value={qdpxPath} spellCheck={false} onChange={(e) => setQdpxPath(e.target.value)} />
        </label>
        <div className="an-field">
          <button type="button" className="btn btn--primary" disabled={!qdpxPath.trim().toLowerCase().endsWith('.qdpx') || running !== null} onClick={() => void exportQdpx()}>
            Export .qdpx
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
        <label className="an-field xc-path" htmlFor="xc-qdc">
          <span className="an-field__label">
            Codebook{book && codebooks.length <= 1 ? ` “${book.name}”, ${plural(book.codeCount, 'code')}` : ''}: .qdc for other QDA software, or a table for a paper’s appendix
          </span>
          <input id="xc-qdc" className="input" value={qdcPath} spellCheck={false} onChange={(e) => setQdcPath(e.target.value)} />
        </label>
        <div className="an-field xc-buttons">
          <button type="button" className="btn" disabled={!book || !qdcPath.trim()} onClick={() => void exportCodebook('.qdc')}>
            Export .qdc
          </button>
          <button type="button" className="btn" disabled={!book || !qdcPath.trim()} onClick={() => void exportCodebook('.docx')}>
            Word table
          </button>
          <button type="button" className="btn" disabled={!book || !qdcPath.trim()} onClick={() => void exportCodebook('.md')}>
            Markdown table
          </button>
        </div>
      </div>
      <DoneNote text={written} />
    </div>
  );
}
