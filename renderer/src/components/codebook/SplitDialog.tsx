import { useEffect, useMemo, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import type { CodeNode } from '../../../../shared/coding/types';
import { messageOf } from '../../api/errors';
import { useStore } from '../../store';
import { dyadTitle } from '../../util/names';
import { formatTime } from '../../util/time';
import { Modal } from '../common/Modal';
import { useDialogAction } from '../common/useDialogAction';

type Excerpt = Output<'analysis.retrieve'>['excerpts'][number];

interface Row {
  codingId: string;
  text: string;
  where: string;
  coder: string;
}

/** The code's codings as rows of the split list: each coding's own passage and where it is. */
function rowsOf(excerpts: readonly Excerpt[], codeId: string): Row[] {
  const out: Row[] = [];
  for (const x of excerpts) {
    for (const c of x.codings) {
      if (c.codeId !== codeId || c.of !== 'code') continue;
      const text = x.text.slice(Math.max(0, c.start - x.start), Math.max(0, c.end - x.start)) || x.text;
      const when = x.sessionTime !== null ? `, ${formatTime(x.sessionTime)}` : '';
      out.push({ codingId: c.id, text, where: `${x.role}, ${dyadTitle(x.dyadName).toLowerCase()}, session ${x.sessionNumber}${when}`, coder: c.coderName });
    }
  }
  return out;
}

/** Split a code: choose some of its codings (with their text) and move them to a new code beside it. */
export function SplitDialog({ code, onClose }: { code: CodeNode; onClose(): void }) {
  const [rows, setRows] = useState<Row[] | null>(null);
  const [chosen, setChosen] = useState<Set<string>>(new Set());
  const [name, setName] = useState('');
  const { busy, problem, setProblem, run } = useDialogAction();
  useEffect(() => {
    useStore
      .getState()
      .passagesOfCode(code.id)
      .then((r) => setRows(rowsOf(r.excerpts, code.id)))
      .catch((e) => setProblem(messageOf(e)));
  }, [code.id]);
  const count = chosen.size;
  const canSplit = count > 0 && name.trim() !== '' && !busy;
  const toggle = (id: string) =>
    setChosen((s) => {
      const next = new Set(s);
      if (next.has(id)) next.delete(id);
      else next.add(id);
      return next;
    });
  const all = useMemo(() => rows?.map((r) => r.codingId) ?? [], [rows]);

  const split = async () => {
    await run(async () => {
      const s = useStore.getState();
      const r = await s.splitCode({ codeId: code.id, codingIds: [...chosen], name: name.trim(), parentId: code.parentId });
      s.focusCode(r.code.id);
      s.notify('success', `Moved ${r.movedCodings} coding${r.movedCodings === 1 ? '' : 's'} from “${code.name}” to the new code “${r.code.name}”.`);
      onClose();
    });
  };

  return (
    <Modal
      title={`Split “${code.name}”`}
      wide
      onClose={onClose}
      footer={
        <>
          <div className="modal__footer-msg">
            {problem ? (
              <span className="text-error" role="alert">
                {problem}
              </span>
            ) : (
              <span className="muted">
                {count} of {all.length} codings chosen
              </span>
            )}
          </div>
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="btn btn--primary" disabled={!canSplit} onClick={() => void split()}>
            {count ? `Move ${count} coding${count === 1 ? '' : 's'} to “${name.trim() || '…'}”` : 'Split'}
          </button>
        </>
      }
    >
      <div className="form form--tight">
        <label className="form__field">
          <span className="form__label">Name of the new code</span>
          <input className="input" value={name} maxLength={200} onChange={(e) => setName(e.target.value)} placeholder={`e.g. ${code.name} (early sessions)`} />
        </label>
        <div className="split__head">
          <span className="form__label">Codings of “{code.name}” to move</span>
          <button type="button" className="btn btn--small btn--quiet" onClick={() => setChosen(count === all.length ? new Set() : new Set(all))}>
            {count === all.length && count > 0 ? 'Choose none' : 'Choose all'}
          </button>
        </div>
        {rows === null ? <p className="muted">Reading the codings…</p> : null}
        {rows?.length === 0 ? <p className="muted">“{code.name}” has no codings of its own to split off.</p> : null}
        <ul className="split__list">
          {rows?.map((r) => (
            <li key={r.codingId} className={chosen.has(r.codingId) ? 'is-on' : undefined}>
              <label>
                <input type="checkbox" checked={chosen.has(r.codingId)} onChange={() => toggle(r.codingId)} />
                <span className="split__text">“{r.text}”</span>
                <span className="split__where">
                  {r.where} · coded by {r.coder}
                </span>
              </label>
            </li>
          ))}
        </ul>
      </div>
    </Modal>
  );
}
