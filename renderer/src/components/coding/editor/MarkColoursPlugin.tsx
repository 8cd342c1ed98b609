import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { MarkNode } from '@lexical/mark';
import { $getNodeByKey, mergeRegister, type LexicalEditor } from 'lexical';
import { useEffect } from 'react';
import type { CodingView } from '../../../../../shared/coding/types';
import { codedStyle } from '../model/markStyle';

/**
 * Colours the editor's marks (MarkNode ids = coding ids) with the same stripes as the view, and names their codes
 * and coders in a tooltip, so the researcher sees what is coded while correcting the text. Marks split or joined
 * by typing are painted again as Lexical creates or updates them.
 */
export function MarkColoursPlugin({ codings }: { codings: readonly CodingView[] }) {
  const [editor] = useLexicalComposerContext();
  useEffect(() => {
    const byId = new Map(codings.map((c) => [c.id, c]));
    return mergeRegister(
      editor.registerMutationListener(MarkNode, (mutations) => {
        for (const [key, kind] of mutations) if (kind !== 'destroyed') paint(editor, key, byId);
      }),
    );
  }, [editor, codings]);
  return null;
}

function paint(editor: LexicalEditor, key: string, byId: ReadonlyMap<string, CodingView>): void {
  const el = editor.getElementByKey(key);
  const ids = editor.getEditorState().read(() => {
    const n = $getNodeByKey(key);
    return n instanceof MarkNode ? n.getIDs() : [];
  });
  if (!el) return;
  const list = ids.map((id) => byId.get(id)).filter((c): c is CodingView => !!c);
  const st = codedStyle(list.map((c) => ({ color: c.color, selected: false })));
  el.style.backgroundImage = String(st.backgroundImage ?? '');
  el.style.backgroundSize = String(st.backgroundSize ?? '');
  el.style.backgroundPosition = String(st.backgroundPosition ?? '');
  el.style.backgroundRepeat = 'no-repeat';
  el.style.paddingBottom = `${Number(st.paddingBottom ?? 0)}px`;
  el.title = list.map((c) => `${c.codePath} (${c.coderName})`).join('\n');
  el.dataset.codings = ids.join(' ');
}
