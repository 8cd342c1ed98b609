import { useRef, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { isCancelled, messageOf } from '../../api/errors';
import { useStore } from '../../store';
import { MergeReview } from './MergeReview';
import { MergeSummary } from './MergeSummary';
import { useJobProgress } from '../common/useJobProgress';

type Preview = Output<'merge.preview'>;
type Applied = Output<'merge.apply'>;

/** Merge another coder's copy (.dyad), a REFI-QDA project (.qdpx) or a codebook (.qdc): choose, review, merge. */
export function MergePage() {
  const reportError = useStore((s) => s.reportError);
  const [path, setPath] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [applied, setApplied] = useState<Applied | null>(null);
  const jobs = useJobProgress();
  const running = jobs.running;
  const [error, setError] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);

  async function read(source: { path: string } | { dataBase64: string; name: string } | { uploadId: string; name: string }, label: string) {
    setError(null);
    setApplied(null);
    setPreview(null);
    setChoices({});
    const job = useStore.getState().previewMerge(source, jobs.onProgress);
    jobs.begin(`Reading ${label}…`, job.cancel);
    try {
      setPreview(await job.result);
    } catch (e) {
      // Shown in the card, where the researcher chose the file; a cancelled read is only a note.
      if (isCancelled(e)) reportError(e);
      else setError(messageOf(e));
    } finally {
      jobs.end();
    }
  }

  async function chooseFile(files: FileList | null) {
    const file = files?.[0];
    if (!file) return;
    try {
      await read(await useStore.getState().sourceOf(file), file.name);
    } catch (e) {
      reportError(e, `Could not read ${file.name}`);
    }
    if (fileInput.current) fileInput.current.value = '';
  }

  async function choose(conflictId: string, optionId: string) {
    if (!preview) return;
    const next = { ...choices, [conflictId]: optionId };
    setChoices(next);
    // A choice can make conflicts appear or go (a rename taken frees a name): the core reviews the plan again.
    try {
      setPreview(await useStore.getState().reviewMerge({ planId: preview.planId, choices: next }));
    } catch (e) {
      reportError(e, 'Could not review the merge with this choice');
    }
  }

  async function apply() {
    if (!preview) return;
    const name = preview.summary.from;
    const job = useStore.getState().applyMerge({ planId: preview.planId, choices }, jobs.onProgress);
    jobs.begin(`Merging ${name}…`, job.cancel);
    try {
      const result = await job.result;
      setApplied(result);
      setPreview(null);
      useStore.getState().notify('success', result.changed ? `Merged ${name}.` : `${name} had nothing new to merge.`);
    } catch (e) {
      reportError(e, `Could not merge ${name}`);
    } finally {
      jobs.end();
    }
  }

  function reset() {
    setPreview(null);
    setApplied(null);
    setChoices({});
    setError(null);
  }

  return (
    <section className="page team-page" aria-label="Merge a coder's project">
      <header className="page__header">
        <div>
          <h1>Merge a coder’s project</h1>
          <p className="page__sub">
            Bring another coder’s copy of this study (.dyad), a REFI-QDA project (.qdpx) or a codebook (.qdc) into this project. You see what would change
            before anything is written.
          </p>
        </div>
      </header>

      {!preview && !applied ? (
        <div className="team-card team-source">
          <div className="team-source__row">
            <button type="button" className="btn btn--primary" disabled={running !== null} onClick={() => fileInput.current?.click()}>
              Choose a file…
            </button>
            <input
              ref={fileInput}
              type="file"
              accept=".dyad,.qdpx,.qdc"
              className="visually-hidden team-source__file"
              aria-label="The coder's project file to merge"
              onChange={(e) => void chooseFile(e.target.files)}
            />
            <span className="team-muted">or type where it is on this computer:</span>
          </div>
          <form
            className="team-source__row"
            onSubmit={(e) => {
              e.preventDefault();
              const p = path.trim();
              if (p) void read({ path: p }, p.split(/[\\/]/).pop() ?? p);
            }}
          >
            <input
              className="input team-source__path"
              placeholder="/Users/…/Study (Sam).dyad"
              aria-label="Path of the file to merge"
              value={path}
              onChange={(e) => setPath(e.target.value)}
            />
            <button type="submit" className="btn" disabled={!path.trim() || running !== null}>
              Preview merge
            </button>
          </form>
          {error ? (
            <p className="text-error" role="alert">
              {error}
            </p>
          ) : null}
        </div>
      ) : null}

      {running ? (
        <div className="team-card" aria-live="polite">
          {jobs.progress}
        </div>
      ) : null}

      {preview && !running ? <MergeReview preview={preview} choices={choices} onChoose={(c, o) => void choose(c, o)} onMerge={() => void apply()} onCancel={reset} /> : null}
      {applied ? <MergeSummary result={applied} onAnother={reset} /> : null}
    </section>
  );
}
