import { useRef, useState } from 'react';
import { useStore } from '../../store';
import { FormDialog } from '../common/FormDialog';
import { useFocusLater } from './useFocusLater';
import { plural } from '../../util/plural';

/** "Who is coding?": asked once, on the first action that records a coder, and from the coder menu. */
export function CoderDialog() {
  const prompt = useStore((s) => s.coderPrompt);
  if (!prompt) return null;
  return <CoderDialogBody reason={prompt.reason} />;
}

function CoderDialogBody({ reason }: { reason: string }) {
  const coders = useStore((s) => s.coders);
  const choose = useStore((s) => s.chooseCoder);
  const cancel = useStore((s) => s.cancelCoderPrompt);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);
  useFocusLater(input);
  const submit = async (n: string) => {
    if (!n.trim()) {
      setProblem('Enter your name or initials.');
      return;
    }
    setBusy(true);
    const p = await choose(n.trim());
    setBusy(false);
    if (p) setProblem(p);
  };
  return (
    <FormDialog
      title="Who is coding?"
      onClose={cancel}
      problem={problem}
      submitLabel="Start coding"
      disabled={busy}
      onSubmit={() => void submit(name)}
      tight={false}
    >
      <label className="form__field">
        <span className="form__label">Your name or initials</span>
        <input ref={input} className="input" value={name} maxLength={100} onChange={(e) => setName(e.target.value)} placeholder="e.g. AB" />
        <span className="form__help">
          {reason ? `${reason} ` : ''}Each coder's work is kept apart, so coders can be compared and their agreement measured. This project remembers your choice.
        </span>
      </label>
      {coders.length ? (
        <div className="form__field">
          <span className="form__label">Or continue as</span>
          <div className="coder-choices">
            {coders.map((c) => (
              <button key={c.id} type="button" className="btn btn--small" disabled={busy} onClick={() => void submit(c.name)}>
                {c.name} <span className="muted">· {plural(c.codingCount, 'coding')}</span>
              </button>
            ))}
          </div>
        </div>
      ) : null}
    </FormDialog>
  );
}
