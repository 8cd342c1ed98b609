import { useEffect, useMemo, useState } from 'react';
import type { CodeNode, CodebookTree } from '../../../../shared/coding/types';
import type { Output } from '../../../../shared/api/contract';
import { messageOf } from '../../api/errors';
import { useStore } from '../../store';
import { Modal } from '../common/Modal';
import { flattenCodes, rankCodes, subtreeIds } from '../coding/model/codeList';
import { DialogFooter } from '../common/DialogFooter';
import { useDialogAction } from '../common/useDialogAction';

const n = (k: number, word: string) => `${k} ${word}${k === 1 ? '' : 's'}`;

/** Merge a code into another: choose the target; the confirmation says what moves. */
export function MergeDialog({ book, source, onClose }: { book: CodebookTree; source: CodeNode; onClose(): void }) {
  const [query, setQuery] = useState('');
  const [targetId, setTargetId] = useState<string | null>(null);
  const [usage, setUsage] = useState<Output<'codes.usage'> | null>(null);
  const { busy, problem, setProblem, run } = useDialogAction();
  const excluded = useMemo(() => new Set(subtreeIds(source)), [source]);
  const candidates = useMemo(() => rankCodes(flattenCodes(book.codes), query).filter((f) => !excluded.has(f.code.id)), [book, query, excluded]);
  const target = flattenCodes(book.codes).find((f) => f.code.id === targetId)?.code ?? null;

  useEffect(() => {
    useStore
      .getState()
      .codeUsage(source.id)
      .then(setUsage)
      .catch((e) => setProblem(messageOf(e)));
  }, [source.id]);

  const merge = async () => {
    if (!target) return;
    await run(async () => {
      const s = useStore.getState();
      const r = await s.mergeCodes(source.id, target.id);
      s.focusCode(target.id);
      const parts = [n(r.movedCodings, 'coding') + ' moved'];
      if (r.collapsedDuplicates) parts.push(`${n(r.collapsedDuplicates, 'identical coding')} collapsed`);
      if (r.movedSubCodes) parts.push(`${n(r.movedSubCodes, 'sub-code')} moved`);
      if (r.mergedSubCodes) parts.push(`${n(r.mergedSubCodes, 'sub-code')} merged`);
      if (r.movedMemos) parts.push(`${n(r.movedMemos, 'memo')} moved`);
      s.notify('success', `Merged “${source.name}” into “${target.name}”: ${parts.join(', ')}.`);
      onClose();
    });
  };

  return (
    <Modal
      title={`Merge “${source.name}” into another code`}
      onClose={onClose}
      footer={
        <DialogFooter problem={problem} onCancel={onClose}>
          <button type="button" className="btn btn--primary" disabled={!target || busy} onClick={() => void merge()}>
            {target ? `Merge into “${target.name}”` : 'Merge'}
          </button>
        </DialogFooter>
      }
    >
      <div className="form form--tight">
        <label className="form__field">
          <span className="form__label">Merge into</span>
          <input className="input" placeholder="Find a code" value={query} onChange={(e) => setQuery(e.target.value)} aria-label="Find the code to merge into" />
        </label>
        <ul className="pick-list" role="listbox" aria-label="Codes to merge into">
          {candidates.map((f) => (
            <li
              key={f.code.id}
              role="option"
              aria-selected={f.code.id === targetId}
              tabIndex={0}
              className={`pick-list__item${f.code.id === targetId ? ' is-on' : ''}`}
              style={{ paddingLeft: 10 + f.depth * 16 }}
              onClick={() => setTargetId(f.code.id)}
              onKeyDown={(e) => (e.key === 'Enter' || e.key === ' ') && (e.preventDefault(), setTargetId(f.code.id))}
            >
              <span className="swatch" style={{ background: f.code.color }} aria-hidden />
              <span className="pick-list__name">{f.code.name}</span>
              <span className="pick-list__count">{n(f.code.codingCount, 'coding')}</span>
            </li>
          ))}
        </ul>
        <div className="confirm-box" aria-live="polite">
          {usage ? (
            <>
              <p>
                “{source.name}” has <strong>{n(usage.codingCount, 'coding')}</strong>
                {usage.subCodeCount ? (
                  <>
                    , <strong>{n(usage.subCodeCount, 'sub-code')}</strong> (with {n(usage.subCodeCodingCount, 'coding')})
                  </>
                ) : null}
                {usage.memoCount ? <>, {n(usage.memoCount, 'memo')}</> : null}.
              </p>
              {target ? (
                <p>
                  They move to “{target.name}” (now {n(target.codingCount, 'coding')}), which keeps its name, colour, definition and shortcut. A coding
                  identical to one “{target.name}” already has (same passage, same coder) becomes one. “{source.name}” is then removed. Undo restores
                  everything.
                </p>
              ) : (
                <p className="muted">Choose the code that remains.</p>
              )}
            </>
          ) : (
            <p className="muted">Counting what “{source.name}” holds…</p>
          )}
        </div>
      </div>
    </Modal>
  );
}
