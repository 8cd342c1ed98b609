import { useMemo, useRef, useState } from 'react';
import { paletteColor } from '../../../../shared/coding/colors';
import type { CodeNode, CodebookTree } from '../../../../shared/coding/types';
import { useStore } from '../../store';
import { FormDialog } from '../common/FormDialog';
import { flattenCodes } from '../coding/model/codeList';
import { chordOf, normaliseShortcut, shortcutProblem } from '../coding/model/shortcuts';
import { useFocusLater } from '../coding/useFocusLater';
import { ColorPicker } from './ColorPicker';
import { useDialogAction } from '../common/useDialogAction';

interface Props {
  book: CodebookTree | null;
  /** The code to edit, or null for a new one. */
  code: CodeNode | null;
  /** For a new code: its parent (null: top level). */
  parent: CodeNode | null;
  onClose(): void;
}

/** Create or edit a code: name, colour, definition, inclusion and exclusion criteria, example, shortcut. */
export function CodeEditDialog({ book, code, parent, onClose }: Props) {
  const flat = useMemo(() => flattenCodes(book?.codes ?? []), [book]);
  const [name, setName] = useState(code?.name ?? '');
  const [color, setColor] = useState(code?.color ?? paletteColor(flat.length));
  const [definition, setDefinition] = useState(code?.definition ?? '');
  const [inclusion, setInclusion] = useState(code?.inclusion ?? '');
  const [exclusion, setExclusion] = useState(code?.exclusion ?? '');
  const [example, setExample] = useState(code?.example ?? '');
  const [shortcut, setShortcut] = useState(code?.shortcut ?? '');
  const { busy: saving, problem, setProblem, run } = useDialogAction();
  const nameRef = useRef<HTMLInputElement>(null);
  useFocusLater(nameRef);

  const taken = useMemo(() => new Map(flat.filter((f) => f.code.shortcut && f.code.id !== code?.id).map((f) => [f.code.shortcut!, f.trail.join(' › ')])), [flat, code]);
  const keyProblem = shortcut.trim() ? shortcutProblem(shortcut, taken) : null;
  const free = useMemo(() => ['1', '2', '3', '4', '5', '6', '7', '8', '9'].filter((k) => ![...taken.keys()].some((t) => t.toLowerCase() === k)), [taken]);
  const nameClash = flat.find(
    (f) => f.code.id !== code?.id && (f.code.parentId ?? null) === (code ? code.parentId : (parent?.id ?? null)) && f.code.name.toLowerCase() === name.trim().toLowerCase(),
  );

  const save = async () => {
    if (!name.trim()) {
      setProblem('A code needs a name.');
      return;
    }
    if (keyProblem) return;
    const fields = { color, definition, inclusion, exclusion, example, shortcut: shortcut.trim() ? normaliseShortcut(shortcut) : null };
    await run(async () => {
      const s = useStore.getState();
      if (code) await s.updateCode({ codeId: code.id, name: name.trim(), ...fields });
      else s.focusCode((await s.addCode({ codebookId: book?.id ?? null, parentId: parent?.id ?? null, name: name.trim(), ...fields })).id);
      onClose();
    });
  };

  const title = code ? `Edit code “${code.name}”` : parent ? `New sub-code of “${parent.name}”` : 'New code';
  return (
    <FormDialog
      title={title}
      onClose={onClose}
      problem={problem}
      submitLabel={code ? 'Save' : 'Create code'}
      disabled={saving || !!keyProblem}
      onSubmit={() => void save()}
    >
      <div className="form__row">
        <label className="form__field form__field--grow">
          <span className="form__label">Name</span>
          <input ref={nameRef} className={`input${nameClash ? ' is-invalid' : ''}`} value={name} maxLength={200} onChange={(e) => setName(e.target.value)} />
          {nameClash ? <span className="text-error">There is already a code named “{nameClash.code.name}” here.</span> : null}
        </label>
        <label className="form__field">
          <span className="form__label">Shortcut key</span>
          <input
            className={`input input--key${keyProblem ? ' is-invalid' : ''}`}
            value={shortcut}
            placeholder="none"
            aria-describedby="shortcut-help"
            onChange={(e) => setShortcut(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Tab' || e.key === 'Enter' || e.key === 'Escape') return;
              e.preventDefault();
              if (e.key === 'Backspace' || e.key === 'Delete') setShortcut('');
              else if (!['Shift', 'Control', 'Alt', 'Meta'].includes(e.key)) setShortcut(chordOf(e.nativeEvent));
            }}
          />
        </label>
      </div>
      <div id="shortcut-help" className={keyProblem ? 'text-error' : 'form__help'}>
        {keyProblem ?? `Press the key that applies this code to a selected passage (1–9, a letter, or a chord like Alt+S). Free: ${free.join(' ') || 'none of 1–9'}.`}
      </div>
      <div className="form__field">
        <span className="form__label">Colour</span>
        <ColorPicker value={color} onChange={setColor} />
      </div>
      <label className="form__field">
        <span className="form__label">Definition</span>
        <textarea className="input" rows={3} value={definition} onChange={(e) => setDefinition(e.target.value)} placeholder="What this theme means in this study" />
      </label>
      <div className="form__row">
        <label className="form__field form__field--grow">
          <span className="form__label">Inclusion criteria</span>
          <textarea className="input" rows={3} value={inclusion} onChange={(e) => setInclusion(e.target.value)} placeholder="Code a passage when…" />
        </label>
        <label className="form__field form__field--grow">
          <span className="form__label">Exclusion criteria</span>
          <textarea className="input" rows={3} value={exclusion} onChange={(e) => setExclusion(e.target.value)} placeholder="Do not code when…" />
        </label>
      </div>
      <label className="form__field">
        <span className="form__label">Example</span>
        <textarea className="input" rows={2} value={example} onChange={(e) => setExample(e.target.value)} placeholder="A typical passage" />
      </label>
    </FormDialog>
  );
}
