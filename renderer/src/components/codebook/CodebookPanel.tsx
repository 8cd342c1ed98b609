import { useState } from 'react';
import type { CodebookTree, CodeNode } from '../../../../shared/coding/types';
import { useStore } from '../../store';
import type { OwnCounts } from '../../store/codebookSlice';
import { CloseIcon } from '../common/Icons';
import { MoreIcon, PlusIcon } from '../coding/icons';
import { Menu, MenuItems } from '../coding/Menu';
import { CodebookDeleteDialog, CodebookNameDialog } from './CodebookDialogs';
import { CodeEditDialog } from './CodeEditDialog';
import { CodeRow, type CodeAction } from './CodeRow';
import { DeleteDialog } from './DeleteDialog';
import { CODE_MIME, type DropZone } from './dnd';
import { MergeDialog } from './MergeDialog';
import { moveFor, siblingsOf } from './moves';
import { SplitDialog } from './SplitDialog';

type Dialog =
  | { kind: 'edit'; code: CodeNode | null; parent: CodeNode | null }
  | { kind: 'merge'; code: CodeNode }
  | { kind: 'split'; code: CodeNode }
  | { kind: 'delete'; code: CodeNode }
  | { kind: 'book-name'; book: CodebookTree | null }
  | { kind: 'book-delete'; book: CodebookTree };

/** The codebook beside the dyad view: the code tree, with everything done to codes. */
export function CodebookPanel() {
  const open = useStore((s) => s.panelOpen);
  const setOpen = useStore((s) => s.setPanelOpen);
  const books = useStore((s) => s.codebooks);
  const bookId = useStore((s) => s.codebookId);
  const ownCounts = useStore((s) => s.ownCounts);
  const setBook = useStore((s) => s.setCodebookId);
  const book = books.find((b) => b.id === bookId) ?? books[0] ?? null;
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const [folded, setFolded] = useState<Record<string, boolean>>({});
  const [drop, setDrop] = useState<{ id: string; zone: DropZone } | null>(null);
  const [endDrop, setEndDrop] = useState(false);
  const focusId = useStore((s) => s.focusCodeId);

  if (!open) return null;

  const move = async (codeId: string, parentId: string | null, position?: number) => {
    const s = useStore.getState();
    try {
      await s.moveCode(codeId, parentId, position);
    } catch (e) {
      s.reportError(e, 'Could not move the code');
    }
  };

  const act = (a: CodeAction, code: CodeNode) => {
    if (a === 'edit') setDialog({ kind: 'edit', code, parent: null });
    else if (a === 'sub') {
      setFolded((f) => ({ ...f, [code.id]: false }));
      setDialog({ kind: 'edit', code: null, parent: code });
    } else if (a === 'merge' || a === 'split' || a === 'delete') setDialog({ kind: a, code });
    else if (book && (a === 'up' || a === 'down')) {
      const sibs = siblingsOf(book.codes, code);
      const i = sibs.findIndex((c) => c.id === code.id);
      void move(code.id, code.parentId, Math.max(0, i + (a === 'up' ? -1 : 1)));
    } else if (a === 'top') void move(code.id, null);
  };

  const firstId = book?.codes[0]?.id;
  const renderCodes = (codes: readonly CodeNode[], depth: number) => (
    <div role="group">
      {codes.map((c, i) => (
        <div key={c.id}>
          <CodeRow
            code={c}
            depth={depth}
            open={!folded[c.id]}
            onToggle={() => setFolded((f) => ({ ...f, [c.id]: !f[c.id] }))}
            onAction={act}
            drop={drop?.id === c.id ? drop.zone : null}
            onDragOverZone={(zone) => setDrop(zone ? { id: c.id, zone } : null)}
            onDropZone={(dragged, zone) => {
              const args = book ? moveFor(book.codes, dragged, c, zone) : null;
              if (!args) {
                useStore.getState().notify('info', 'A code cannot move onto itself or into its own sub-codes.');
                return;
              }
              if (zone === 'inside') setFolded((f) => ({ ...f, [c.id]: false }));
              void move(dragged, args.parentId, args.position);
            }}
            canMoveUp={i > 0}
            canMoveDown={i < codes.length - 1}
            tabStop={c.id === firstId && !focusId}
          />
          {c.children.length && !folded[c.id] ? renderCodes(c.children, depth + 1) : null}
        </div>
      ))}
    </div>
  );

  return (
    <aside className="codebook" aria-label="Codebook">
      <header className="codebook__head">
        <div className="codebook__title">
          <h2>Codebook</h2>
          {books.length > 1 ? (
            <span className="codebook__name" />
          ) : book && book.name !== 'Codebook' ? (
            <span className="codebook__name">{book.name}</span>
          ) : (
            <span className="codebook__name" />
          )}
          <Menu buttonClass="icon-btn" buttonLabel="Codebook actions" title="New, rename or delete a codebook" button={<MoreIcon />} align="right">
            {(close) => (
              <MenuItems
                close={close}
                items={[
                  { id: 'new', label: 'New codebook…' },
                  { id: 'rename', label: 'Rename codebook…', disabled: !book },
                  { id: 'delete', label: 'Delete codebook…', disabled: !book, danger: true },
                ]}
                onChoose={(a) => {
                  if (a === 'new') setDialog({ kind: 'book-name', book: null });
                  else if (book) setDialog(a === 'rename' ? { kind: 'book-name', book } : { kind: 'book-delete', book });
                }}
              />
            )}
          </Menu>
          <button type="button" className="icon-btn" aria-label="Hide the codebook" title="Hide the codebook" onClick={() => setOpen(false)}>
            <CloseIcon />
          </button>
        </div>
        {books.length > 1 ? (
          <select className="input input--small codebook__books" aria-label="Codebook" value={book?.id ?? ''} onChange={(e) => setBook(e.target.value)}>
            {books.map((b) => (
              <option key={b.id} value={b.id}>
                {b.name} ({b.codeCount} code{b.codeCount === 1 ? '' : 's'})
              </option>
            ))}
          </select>
        ) : null}
        <div className="codebook__meta">
          {book ? `${book.codeCount} code${book.codeCount === 1 ? '' : 's'} · ${codingsLine(book, ownCounts)}` : 'No codes yet'}
          <button type="button" className="btn btn--small" onClick={() => setDialog({ kind: 'edit', code: null, parent: null })}>
            <PlusIcon size={12} /> New code
          </button>
        </div>
      </header>
      <div className="codebook__tree" role="tree" aria-label="Codes">
        {book && book.codes.length ? renderCodes(book.codes, 0) : <EmptyBook />}
        <div
          className={`codebook__end${endDrop ? ' is-over' : ''}`}
          onDragOver={(e) => {
            if (!e.dataTransfer.types.includes(CODE_MIME)) return;
            e.preventDefault();
            setEndDrop(true);
          }}
          onDragLeave={() => setEndDrop(false)}
          onDrop={(e) => {
            setEndDrop(false);
            const id = e.dataTransfer.getData(CODE_MIME);
            if (!id) return;
            e.preventDefault();
            void move(id, null);
          }}
        >
          {book?.codes.length ? 'Drop here to move a code to the top level' : null}
        </div>
      </div>
      <footer className="codebook__help">
        Select a passage, then press a code's key, drag a code onto it, or press <kbd>Ctrl</kbd>+<kbd>K</kbd>. <kbd>T</kbd> codes a whole turn, <kbd>M</kbd> a
        whole recall moment. <kbd>Ctrl</kbd>+<kbd>Space</kbd> plays or pauses the recording, <kbd>Alt</kbd>+<kbd>←</kbd>/<kbd>→</kbd> skip 5 s.
      </footer>
      {dialog?.kind === 'edit' ? <CodeEditDialog book={book} code={dialog.code} parent={dialog.parent} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'merge' && book ? <MergeDialog book={book} source={dialog.code} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'split' ? <SplitDialog code={dialog.code} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'delete' ? <DeleteDialog code={dialog.code} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'book-name' ? <CodebookNameDialog book={dialog.book} onClose={() => setDialog(null)} /> : null}
      {dialog?.kind === 'book-delete' ? <CodebookDeleteDialog book={dialog.book} onClose={() => setDialog(null)} /> : null}
    </aside>
  );
}

function EmptyBook() {
  return (
    <div className="codebook__empty">
      <p>No codes yet.</p>
      <p className="muted">Create codes here, or select a passage and press Ctrl+K to name a new one as you code.</p>
    </div>
  );
}

/** "16 codings", or "5 codings by AB" while the view shows only AB's. */
function codingsLine(book: CodebookTree, own: OwnCounts | null): string {
  const n = own ? (own.byBook[book.id] ?? 0) : book.codingCount;
  return `${n} coding${n === 1 ? '' : 's'}${own ? ` by ${own.coder.name}` : ''}`;
}
