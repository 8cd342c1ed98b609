import { useState } from 'react';
import { useStore } from '../../store';
import { FormDialog } from './FormDialog';

/** Project settings that change what the researcher sees: how close two recall moments must be to share a row. */
export function SettingsDialog() {
  const open = useStore((s) => s.settingsOpen);
  if (!open) return null;
  return <SettingsBody />;
}

function SettingsBody() {
  const settings = useStore((s) => s.info?.settings);
  const setOpen = useStore((s) => s.setSettingsOpen);
  const update = useStore((s) => s.updateSettings);
  const [tolerance, setTolerance] = useState(String(settings?.alignToleranceSeconds ?? 15));
  const [pattern, setPattern] = useState(settings?.fileNamePattern ?? '');
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const t = Number(tolerance);
  const toleranceOk = tolerance.trim() !== '' && Number.isFinite(t) && t >= 0 && t <= 3600;
  const patternOk = pattern.includes('{dyad}') && pattern.includes('{session}');
  const close = () => setOpen(false);
  const save = async () => {
    setSaving(true);
    const problem = await update({ alignToleranceSeconds: t, fileNamePattern: pattern.trim() });
    setSaving(false);
    if (problem) setFailure(`The settings were not saved: ${problem}`);
    else close();
  };
  return (
    <FormDialog
      title="Project settings"
      onClose={close}
      problem={failure}
      submitLabel="Save"
      disabled={!toleranceOk || !patternOk || saving}
      onSubmit={() => void save()}
      tight={false}
    >
      <label className="form__field">
        <span className="form__label">Alignment tolerance (seconds)</span>
        <input
          className={`input input--narrow${toleranceOk ? '' : ' is-invalid'}`}
          type="number"
          min={0}
          max={3600}
          step={1}
          value={tolerance}
          onChange={(e) => setTolerance(e.target.value)}
        />
        <span className="form__help">
          A client and a therapist recall moment share a row when their session times are at most this far apart. Links drawn by hand are kept
          whatever the tolerance.
        </span>
        {toleranceOk ? null : <span className="text-error">Enter a number of seconds from 0 to 3600.</span>}
      </label>
      <label className="form__field">
        <span className="form__label">File-name pattern</span>
        <input className={`input${patternOk ? '' : ' is-invalid'}`} value={pattern} onChange={(e) => setPattern(e.target.value)} />
        <span className="form__help">
          How imported file names say dyad, session and role, with <code>{'{dyad}'}</code>, <code>{'{session}'}</code> and <code>{'{role}'}</code>.
        </span>
        {patternOk ? null : <span className="text-error">The pattern must contain {'{dyad}'} and {'{session}'}.</span>}
      </label>
    </FormDialog>
  );
}
