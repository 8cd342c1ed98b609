import { useState } from 'react';
import { useStore } from '../../store';
import type { MemoTarget } from '../../store/memosSlice';
import { Modal } from '../common/Modal';
import { MemoEditor } from './MemoEditor';

/** The memos on one target (a code, a coding, an interview, a session, a dyad, the project), each editable. */
export function MemoDialog() {
  const target = useStore((s) => s.memoTarget);
  if (!target) return null;
  return <MemoDialogBody key={`${target.kind}:${target.id}`} target={target} />;
}

let nextKey = 1;

function MemoDialogBody({ target }: { target: MemoTarget }) {
  const close = useStore((s) => s.openMemos);
  const memos = useStore((s) => s.memos);
  // Which memos the dialog shows is fixed when it opens (plus those added here), so a refresh of the list
  // while typing never swaps an editor out from under the cursor.
  const [items, setItems] = useState<{ key: string; memoId: string | null }[]>(() => {
    const mine = memos
      .filter((m) => m.targetKind === target.kind && m.targetId === target.id)
      .sort((a, b) => (a.createdAt < b.createdAt ? -1 : 1))
      .map((m) => ({ key: m.id, memoId: m.id }));
    return mine.length ? mine : [{ key: `new-${nextKey++}`, memoId: null }];
  });
  const [initial] = useState(() => new Map(memos.map((m) => [m.id, m])));
  const focusKey = target.memoId ?? items[items.length - 1]?.key;
  return (
    <Modal
      title={`Memos on ${target.label}`}
      onClose={() => close(null)}
      footer={
        <>
          <div className="modal__footer-msg muted">Memos are saved as you type.</div>
          <button type="button" className="btn" onClick={() => setItems((xs) => [...xs, { key: `new-${nextKey++}`, memoId: null }])}>
            Add another memo
          </button>
          <button type="button" className="btn btn--primary" onClick={() => close(null)}>
            Done
          </button>
        </>
      }
    >
      <div className="memo-list">
        {items.map((it) => (
          <MemoEditor
            key={it.key}
            target={target}
            memo={it.memoId ? (initial.get(it.memoId) ?? null) : null}
            autoFocus={it.key === focusKey}
            onCreated={(m) => setItems((xs) => xs.map((x) => (x.key === it.key ? { ...x, memoId: m.id } : x)))}
            onDeleted={() => setItems((xs) => xs.filter((x) => x.key !== it.key))}
          />
        ))}
        {items.length === 0 ? <p className="muted">No memos left on {target.label}.</p> : null}
      </div>
    </Modal>
  );
}
