import { useMemo, useState } from 'react';
import { useStore } from '../../store';
import { FormDialog } from './FormDialog';
import { MarkerPatterns } from './MarkerPatterns';
import { MarkerRescan } from './MarkerRescan';
import { addsPatterns, fieldProblems, patternsToSave, readPatternLines } from './markerPatterns';

/**
 * Project settings that change what the researcher sees: how close two recall moments must be to share a row,
 * how file names are read, and the transcriber's own ways of writing session-time markers.
 */
export function SettingsDialog() {
  const open = useStore((s) => s.settingsOpen);
  if (!open) return null;
  return <SettingsBody />;
}

function SettingsBody() {
  const settings = useStore((s) => s.info?.settings);
  const interviews = useStore((s) => s.info?.counts.interviews ?? 0);
  const setOpen = useStore((s) => s.setSettingsOpen);
  const update = useStore((s) => s.updateSettings);
  const [tolerance, setTolerance] = useState(String(settings?.alignToleranceSeconds ?? 15));
  const [pattern, setPattern] = useState(settings?.fileNamePattern ?? '');
  const [markers, setMarkers] = useState((settings?.customMarkerPatterns ?? []).join('\n'));
  const markerLines = useMemo(() => readPatternLines(markers), [markers]);
  const [saving, setSaving] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  // Once new patterns are saved, the dialog turns into the offer to look for them in what is already imported.
  const [rescan, setRescan] = useState(false);
  const t = Number(tolerance);
  const toleranceOk = tolerance.trim() !== '' && Number.isFinite(t) && t >= 0 && t <= 3600;
  const patternOk = pattern.includes('{dyad}') && pattern.includes('{session}');
  const markersOk = fieldProblems(markerLines).length === 0;
  const close = () => setOpen(false);
  const save = async () => {
    setSaving(true);
    setFailure(null);
    const customMarkerPatterns = patternsToSave(markerLines);
    const problem = await update({ alignToleranceSeconds: t, fileNamePattern: pattern.trim(), customMarkerPatterns });
    setSaving(false);
    if (problem) setFailure(`The settings were not saved: ${problem}`);
    else if (interviews > 0 && addsPatterns(settings?.customMarkerPatterns ?? [], customMarkerPatterns)) setRescan(true);
    else close();
  };
  if (rescan) return <MarkerRescan onClose={close} />;
  return (
    <FormDialog
      title="Project settings"
      onClose={close}
      problem={failure}
      submitLabel="Save"
      disabled={!toleranceOk || !patternOk || !markersOk || saving}
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
      <MarkerPatterns
        text={markers}
        lines={markerLines}
        onChange={(text) => {
          setFailure(null);
          setMarkers(text);
        }}
      />
    </FormDialog>
  );
}
