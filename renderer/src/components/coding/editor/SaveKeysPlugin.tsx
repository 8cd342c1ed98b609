import { useLexicalComposerContext } from '@lexical/react/LexicalComposerContext';
import { COMMAND_PRIORITY_HIGH, KEY_ENTER_COMMAND, KEY_ESCAPE_COMMAND, mergeRegister } from 'lexical';
import { useEffect, useRef } from 'react';

/**
 * Ctrl+Enter (⌘+Enter on a Mac) saves the correction and Esc cancels it, before the plain-text editor's own
 * Enter (a line break) sees them.
 */
export function SaveKeysPlugin({ onSave, onCancel }: { onSave(): void; onCancel(): void }) {
  const [editor] = useLexicalComposerContext();
  // The latest handlers, without registering the commands again on every render of the editor.
  const keys = useRef({ onSave, onCancel });
  keys.current = { onSave, onCancel };
  useEffect(
    () =>
      mergeRegister(
        editor.registerCommand(
          KEY_ENTER_COMMAND,
          (e) => {
            if (e && (e.ctrlKey || e.metaKey)) {
              e.preventDefault();
              keys.current.onSave();
              return true;
            }
            return false;
          },
          COMMAND_PRIORITY_HIGH,
        ),
        editor.registerCommand(
          KEY_ESCAPE_COMMAND,
          () => {
            keys.current.onCancel();
            return true;
          },
          COMMAND_PRIORITY_HIGH,
        ),
      ),
    [editor],
  );
  return null;
}
