import { useState } from 'react';
import { messageOf } from '../../api/errors';

/**
 * A dialog's one action: busy while it runs, and the core's refusal kept in words for the footer (the dialog stays
 * open so the researcher can correct and try again). On success the action itself closes the dialog.
 */
export function useDialogAction() {
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  async function run(work: () => Promise<void>): Promise<void> {
    setBusy(true);
    setProblem(null);
    try {
      await work();
    } catch (e) {
      setBusy(false);
      setProblem(messageOf(e));
    }
  }
  return { busy, problem, setProblem, run };
}
