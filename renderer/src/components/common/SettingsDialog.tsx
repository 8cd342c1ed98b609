import { useEffect, useMemo, useState } from 'react';
import type { Output } from '../../../../shared/api/contract';
import { messageOf } from '../../api/errors';
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
      <ProjectFile />
    </FormDialog>
  );
}

type Disk = Output<'project.info'>['disk'];
const megabytes = (bytes: number) => `${(bytes / 1048576).toFixed(1)} MB`;

/**
 * What the project file costs on disk, and, when removals have left a good part of it free, the offer to give that
 * space back (core/compact.ts). Read when the dialog opens: the size changes with every import and removal.
 */
function ProjectFile() {
  const [disk, setDisk] = useState<Disk | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const diskUse = useStore((s) => s.diskUse);
  const compactProject = useStore((s) => s.compactProject);
  useEffect(() => {
    let live = true;
    diskUse()
      .then((d) => live && setDisk(d))
      .catch((e: unknown) => live && setProblem(messageOf(e)));
    return () => {
      live = false;
    };
  }, [diskUse]);
  const compact = async () => {
    setBusy(true);
    setProblem(null);
    try {
      const r = await compactProject();
      setDone(`Compacted: ${megabytes(r.before)} → ${megabytes(r.after)}.`);
      setDisk(await diskUse());
    } catch (e) {
      setProblem(`The file was not compacted: ${messageOf(e)}`);
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="form__field" role="group" aria-label="Project file">
      <span className="form__label">Project file</span>
      <span className="form__help" data-testid="disk-use">
        {disk ? `${megabytes(disk.bytes)} on disk` : 'Measuring…'}
        {disk && disk.reclaimableBytes > 0 ? `, of which ${megabytes(disk.reclaimableBytes)} is space left free by removals.` : disk ? '.' : ''}
      </span>
      {disk?.worthCompacting ? (
        <span>
          <button type="button" className="btn" disabled={busy} onClick={() => void compact()}>
            {busy ? 'Compacting… (seconds on a large study)' : 'Compact the file'}
          </button>
        </span>
      ) : null}
      {done ? <span className="form__help" role="status">{done}</span> : null}
      {problem ? <span className="text-error">{problem}</span> : null}
    </div>
  );
}
