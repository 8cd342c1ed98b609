import { $createMarkNode, MarkNode } from '@lexical/mark';
import { AutoFocusPlugin } from '@lexical/react/LexicalAutoFocusPlugin';
import { LexicalComposer } from '@lexical/react/LexicalComposer';
import { ContentEditable } from '@lexical/react/LexicalContentEditable';
import { EditorRefPlugin } from '@lexical/react/LexicalEditorRefPlugin';
import { LexicalErrorBoundary } from '@lexical/react/LexicalErrorBoundary';
import { HistoryPlugin } from '@lexical/react/LexicalHistoryPlugin';
import { PlainTextPlugin } from '@lexical/react/LexicalPlainTextPlugin';
import { $createLineBreakNode, $createParagraphNode, $createTextNode, $getRoot, type LexicalEditor, type LexicalNode } from 'lexical';
import { useMemo, useRef, useState } from 'react';
import { minimiseEdit } from '../../../../shared/coding/offsets';
import type { CodingView } from '../../../../shared/coding/types';
import { messageOf } from '../../api/errors';
import type { PassageSegment } from '../../model/passage';
import { useStore } from '../../store';
import { MarkColoursPlugin } from './editor/MarkColoursPlugin';
import { SaveKeysPlugin } from './editor/SaveKeysPlugin';
import { splitCoded } from './model/codedPieces';

interface Props {
  interviewId: string;
  text: string;
  segment: PassageSegment;
  codings: readonly CodingView[];
}

/** Text with its line breaks as Lexical nodes (the transcript's own line breaks stay line breaks). */
function textNodes(s: string): LexicalNode[] {
  const out: LexicalNode[] = [];
  s.split('\n').forEach((part, i) => {
    if (i > 0) out.push($createLineBreakNode());
    if (part) out.push($createTextNode(part));
  });
  return out;
}

/**
 * Corrects one turn of a transcript in place (a Lexical plain-text editor), with its codings shown as marks
 * (MarkNode ids = coding ids) so the researcher sees what is coded while typing. Saving sends the smallest edit
 * that turns the old text into the new one (common prefix and suffix dropped); the core moves, stretches or
 * removes codings accordingly and makes it one undoable step.
 */
export function TurnEditor({ interviewId, text, segment, codings }: Props) {
  const editTurn = useStore((s) => s.editTurn);
  const inside = useMemo(() => codings.filter((c) => c.end > segment.start && c.start < segment.end), [codings, segment.start, segment.end]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const editorRef = useRef<LexicalEditor | null>(null);

  const initialConfig = {
    namespace: 'dyad-turn-correction',
    nodes: [MarkNode],
    theme: { mark: 'lx-mark', markOverlap: 'lx-mark--overlap', paragraph: 'turn-editor__p' },
    onError: (e: Error) => setProblem(`The editor failed: ${e.message}`),
    editorState: () => {
      const p = $createParagraphNode();
      for (const piece of splitCoded(segment.start, segment.end, [], inside)) {
        const nodes = textNodes(text.slice(piece.start, piece.end));
        if (piece.codings.length) {
          const mark = $createMarkNode(piece.codings.map((c) => c.id));
          mark.append(...nodes);
          p.append(mark);
        } else p.append(...nodes);
      }
      $getRoot().append(p);
    },
  };

  const close = () => editTurn(null);
  const save = async () => {
    const editor = editorRef.current;
    if (!editor || saving) return;
    const replacement = editor.getEditorState().read(() => $getRoot().getTextContent());
    const edit = minimiseEdit(text, { start: segment.start, end: segment.end, replacement });
    if (edit.start === edit.end && edit.replacement === '') {
      close();
      return;
    }
    setSaving(true);
    setProblem(null);
    try {
      const s = useStore.getState();
      const r = await s.correctTranscript({ interviewId, start: edit.start, end: edit.end, replacement: edit.replacement });
      const moved = r.shiftedCodings + r.resizedCodings;
      const parts = [moved ? `${moved} coding${moved === 1 ? '' : 's'} moved with the text` : null];
      for (const c of r.removedCodings) {
        parts.push(`the coding "${c.codeName}" by ${c.coderName} on ${JSON.stringify(c.text.slice(0, 40))} was ${c.reason === 'duplicate' ? 'merged into an identical one' : 'removed with its text'}`);
      }
      const detail = parts.filter(Boolean).join('; ');
      s.notify('success', `Transcript corrected${detail ? `: ${detail}` : ''}. Undo restores the old text.`);
    } catch (e) {
      setSaving(false);
      setProblem(`The correction was not saved: ${messageOf(e)}`);
    }
  };

  return (
    <div className={`turn turn--${segment.speakerRole} turn-editor`} data-turn-id={segment.turnId ?? undefined}>
      {segment.speaker !== null ? <span className="turn__speaker">{segment.speaker}</span> : null}
      <LexicalComposer initialConfig={initialConfig}>
        <PlainTextPlugin
          contentEditable={<ContentEditable className="turn-editor__input" aria-label={`Correct the text of this turn of ${segment.speaker ?? 'the transcript'}`} spellCheck />}
          ErrorBoundary={LexicalErrorBoundary}
        />
        <HistoryPlugin />
        <EditorRefPlugin editorRef={editorRef} />
        <AutoFocusPlugin />
        <MarkColoursPlugin codings={inside} />
        <SaveKeysPlugin onSave={() => void save()} onCancel={close} />
      </LexicalComposer>
      <div className="turn-editor__bar">
        <span className="turn-editor__hint">
          {inside.length ? 'Coded passages are marked; their codings move with the text. ' : ''}
          <kbd>Ctrl</kbd>+<kbd>Enter</kbd> saves, <kbd>Esc</kbd> cancels.
        </span>
        {problem ? (
          <span className="text-error" role="alert">
            {problem}
          </span>
        ) : null}
        <button type="button" className="btn btn--small" onClick={close} disabled={saving}>
          Cancel
        </button>
        <button type="button" className="btn btn--small btn--primary" onClick={() => void save()} disabled={saving}>
          {saving ? 'Saving…' : 'Save correction'}
        </button>
      </div>
    </div>
  );
}
