import { useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { useStore } from '../../store';
import { useJobProgress } from '../common/useJobProgress';
import { DoneNote } from '../common/DoneNote';
import { counts, plural } from '../../util/plural';

type Preview = Output<'refi.previewQdpx'>;
type Role = 'client' | 'therapist' | 'other';
interface Draft {
  skip: boolean;
  dyad: string;
  session: string;
  role: Role;
}

const draftOf = (s: Preview['sources'][number]): Draft =>
  s.proposed ? { skip: false, dyad: s.proposed.dyad, session: String(s.proposed.session), role: s.proposed.role } : { skip: false, dyad: '', session: '1', role: 'client' };
const complete = (d: Draft) => d.skip || (d.dyad.trim() !== '' && Number.isInteger(Number(d.session)) && Number(d.session) >= 1);

/** A REFI-QDA project (.qdpx) brought in: read, each source assigned to a dyad, session and role (or skipped), written. */
export function ExchangeImport() {
  const reportError = useStore((s) => s.reportError);
  const notify = useStore((s) => s.notify);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const jobs = useJobProgress();
  const running = jobs.running;
  const [done, setDone] = useState<string | null>(null);

  async function read(file: File) {
    setPreview(null);
    setDone(null);
    const job = useStore.getState().previewQdpx(await useStore.getState().sourceOf(file), jobs.onProgress);
    jobs.begin(`Reading ${file.name}…`, job.cancel);
    try {
      const p = await job.result;
      setPreview(p);
      setDrafts(Object.fromEntries(p.sources.map((s) => [s.id, draftOf(s)])));
    } catch (e) {
      reportError(e, `Could not read ${file.name}`);
    } finally {
      jobs.end();
    }
  }

  async function importQdc(file: File) {
    try {
      const r = await useStore.getState().importQdc(await useStore.getState().sourceOf(file));
      notify('success', `Codebook “${r.name}” added with ${plural(r.codes, 'code')}.${r.warnings.length ? ` ${r.warnings.join(' ')}` : ''}`);
    } catch (e) {
      reportError(e, `Could not import ${file.name}`);
    }
  }

  async function write() {
    if (!preview) return;
    const assignments = preview.sources.map((s) => {
      const d = drafts[s.id]!;
      return d.skip ? { sourceId: s.id, skip: true as const } : { sourceId: s.id, dyad: d.dyad.trim(), session: Number(d.session), role: d.role };
    });
    const job = useStore.getState().importQdpx({ stagingId: preview.stagingId, assignments }, jobs.onProgress);
    jobs.begin(`Importing ${preview.fileName}…`, job.cancel);
    try {
      const r = await job.result;
      setDone(`Imported ${counts([[r.interviewIds.length, 'interview'], [r.codes, 'code'], [r.codings, 'coding'], [r.memos, 'memo'], [r.coders, 'coder']])} from ${preview.fileName}.${r.warnings.length ? ` ${r.warnings.join(' ')}` : ''}`);
      setPreview(null);
      await useStore.getState().refreshTree();
      await useStore.getState().refreshCodebooks();
    } catch (e) {
      reportError(e, `Could not import ${preview.fileName}`);
    } finally {
      jobs.end();
    }
  }

  const set = (id: string, patch: Partial<Draft>) => setDrafts((d) => ({ ...d, [id]: { ...d[id]!, ...patch } }));
  const ready = preview !== null && preview.sources.every((s) => complete(drafts[s.id]!)) && preview.sources.some((s) => !drafts[s.id]!.skip);

  return (
    <div className="an-card" aria-label="Import from other software">
      <h2 className="an-h2">Import a REFI-QDA project or codebook</h2>
      <p className="an-muted">A .qdpx project is read first and nothing is written until you have said which dyad, session and role each source is.</p>
      <div className="an-row">
        <label className="btn">
          Choose a .qdpx project…
          <input
            type="file"
            accept=".qdpx"
            className="visually-hidden"
            aria-label="Choose a REFI-QDA project (.qdpx)"
            disabled={running !== null}
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void read(f);
            }}
          />
        </label>
        <label className="btn">
          Add a .qdc codebook…
          <input
            type="file"
            accept=".qdc"
            className="visually-hidden"
            aria-label="Choose a REFI-QDA codebook (.qdc)"
            onChange={(e) => {
              const f = e.target.files?.[0];
              e.target.value = '';
              if (f) void importQdc(f);
            }}
          />
        </label>
      </div>
      {jobs.progress}
      <DoneNote text={done} />
      {preview ? (
        <div className="xc-preview">
          <h3 className="an-h2">{preview.fileName}</h3>
          <p className="an-muted">
            {preview.origin ? `From ${preview.origin} · ` : ''}
            {[plural(preview.sources.length, 'source'), plural(preview.codes, 'code'), plural(preview.codings, 'coding'), plural(preview.memos, 'memo'), plural(preview.users.length, 'coder')].join(' · ')}
          </p>
          {preview.warnings.length ? (
            <ul className="xc-warnings">
              {preview.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          ) : null}
          <table className="an-table xc-sources" aria-label="Sources to import">
            <thead>
              <tr>
                <th scope="col">Source</th>
                <th scope="col" className="num">
                  Words
                </th>
                <th scope="col" className="num">
                  Codings
                </th>
                <th scope="col">Import</th>
                <th scope="col">Dyad</th>
                <th scope="col">Session</th>
                <th scope="col">Role</th>
              </tr>
            </thead>
            <tbody>
              {preview.sources.map((s) => {
                const d = drafts[s.id]!;
                return (
                  <tr key={s.id}>
                    <td title={s.fromDyad ? 'Dyad, session and role as Dyad wrote them' : s.proposed ? 'Read from the source’s name' : 'Not told by the file: say which it is'}>{s.name}</td>
                    <td className="num">{s.wordCount}</td>
                    <td className="num">{s.codings}</td>
                    <td>
                      <input type="checkbox" aria-label={`Import ${s.name}`} checked={!d.skip} onChange={(e) => set(s.id, { skip: !e.target.checked })} />
                    </td>
                    <td>
                      <input className={`input input--dyad${!d.skip && !d.dyad.trim() ? ' is-invalid' : ''}`} aria-label={`Dyad of ${s.name}`} disabled={d.skip} value={d.dyad} onChange={(e) => set(s.id, { dyad: e.target.value })} />
                    </td>
                    <td>
                      <input className="input input--session" type="number" min={1} aria-label={`Session of ${s.name}`} disabled={d.skip} value={d.session} onChange={(e) => set(s.id, { session: e.target.value })} />
                    </td>
                    <td>
                      <select className="input" aria-label={`Role of ${s.name}`} disabled={d.skip} value={d.role} onChange={(e) => set(s.id, { role: e.target.value as Role })}>
                        <option value="client">client</option>
                        <option value="therapist">therapist</option>
                        <option value="other">other</option>
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="an-actions">
            <button type="button" className="btn btn--primary" disabled={!ready || running !== null} onClick={() => void write()}>
              Import {plural(preview.sources.filter((s) => !drafts[s.id]!.skip).length, 'source')}
            </button>
            <button type="button" className="btn btn--quiet" onClick={() => setPreview(null)}>
              Cancel
            </button>
            {!ready ? <span className="an-muted">Give each source to import a dyad and a session number.</span> : null}
          </div>
        </div>
      ) : null}
    </div>
  );
}
