import { useRef, useState } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { useStore } from '../../store';
import { draftProblem } from '../../store/importSlice';
import { Modal } from '../common/Modal';
import { ProgressBar } from '../common/ProgressBar';
import { PreviewTable } from './PreviewTable';

const ACCEPT = '.txt,.docx,.vtt,.srt,.md';

/** Choose transcripts → see what Dyad found in each → assign dyad, session, role and speakers → import. */
export function ImportDialog() {
  const open = useStore((s) => s.importOpen);
  if (!open) return null;
  return <ImportDialogBody />;
}

function ImportDialogBody() {
  const { stage, files, preview, drafts, error, jobId, pattern } = useStore(
    useShallow((s) => ({
      stage: s.importStage,
      files: s.importFiles,
      preview: s.preview,
      drafts: s.drafts,
      error: s.importError,
      jobId: s.importJobId,
      pattern: s.info?.settings.fileNamePattern ?? 'D{dyad}_S{session}_{role}',
    })),
  );
  const job = useStore((s) => (s.importJobId ? s.jobs[s.importJobId] : undefined));
  const close = useStore((s) => s.closeImport);
  const previewFiles = useStore((s) => s.previewFiles);
  const commit = useStore((s) => s.commitImport);
  const cancelJob = useStore((s) => s.cancelImportJob);

  const chosen = preview ? preview.items.filter((it) => it.ok && drafts[it.index]?.include) : [];
  const blocked = chosen.filter((it) => draftProblem(drafts[it.index]!) !== null);
  const busy = stage === 'reading' || stage === 'committing';

  const footer = (
    <>
      <div className="modal__footer-msg">
        {error ? (
          <span className="text-error" role="alert">
            {error}
          </span>
        ) : blocked.length ? (
          <span className="text-warn">
            Fill in dyad and session for {blocked.map((b) => b.name).join(', ')}.
          </span>
        ) : null}
      </div>
      <button type="button" className="btn" onClick={close}>
        {busy ? 'Cancel and close' : 'Close'}
      </button>
      {stage === 'preview' || stage === 'committing' ? (
        <button type="button" className="btn btn--primary" disabled={busy || chosen.length === 0 || blocked.length > 0} onClick={() => void commit()}>
          Import {chosen.length} file{chosen.length === 1 ? '' : 's'}
        </button>
      ) : null}
    </>
  );

  return (
    <Modal title="Import transcripts" onClose={close} footer={footer} wide>
      {stage === 'choose' || stage === 'preview' ? <FilePicker onFiles={(f) => void previewFiles(f)} compact={stage === 'preview'} pattern={pattern} /> : null}
      {busy ? (
        <div className="import__progress">
          <ProgressBar
            done={job?.done ?? 0}
            total={job?.total ?? 0}
            message={job?.message ?? (stage === 'reading' ? 'Reading files…' : 'Importing…')}
            onCancel={jobId ? () => void cancelJob() : undefined}
          />
          {stage === 'reading' ? <p className="import__files">{files.join(' · ')}</p> : null}
        </div>
      ) : null}
      {preview && stage !== 'reading' ? <PreviewTable items={preview.items} disabled={busy} /> : null}
    </Modal>
  );
}

function FilePicker({ onFiles, compact, pattern }: { onFiles: (files: File[]) => void; compact: boolean; pattern: string }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      className={`picker${compact ? ' picker--compact' : ''}${over ? ' is-over' : ''}`}
      onDragOver={(e) => {
        e.preventDefault();
        setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        onFiles([...e.dataTransfer.files]);
      }}
    >
      <input
        ref={input}
        id="import-files"
        type="file"
        multiple
        accept={ACCEPT}
        className="visually-hidden"
        onChange={(e) => {
          const files = [...(e.target.files ?? [])];
          e.target.value = '';
          onFiles(files);
        }}
      />
      <button type="button" className={`btn${compact ? '' : ' btn--primary'}`} onClick={() => input.current?.click()}>
        {compact ? 'Choose other files…' : 'Choose transcript files…'}
      </button>
      {compact ? null : (
        <div className="picker__help">
          <p>Or drop files here. Plain text, Word (.docx), WebVTT, SubRip and Markdown transcripts.</p>
          <p>
            Files named like <code>{pattern.replace('{dyad}', '04').replace('{session}', '1').replace('{role}', 'client')}</code> are assigned to
            their dyad, session and role automatically; for the others you fill them in before importing. Nothing is written until you press
            Import.
          </p>
        </div>
      )}
    </div>
  );
}
