import { useEffect, useState } from 'react';
import { useStore } from '../../store';
import { CodeChecklist } from '../analysis/CodeChecklist';
import { plural } from '../analysis/format';
import { EMPTY_SCOPE, scopeInput, type Scope } from '../analysis/scope';
import { ScopeFilters } from '../analysis/ScopeFilters';
import { useRemembered } from '../analysis/useRemembered';
import { safeName } from '../exchange/paths';
import { SaveNote } from './SaveNote';
import { AttributionEditor, previewAttribution } from './AttributionEditor';
import { DeidentifyEditor, type DeidRow } from './DeidentifyEditor';
import { useSampleExcerpt } from './useSampleExcerpt';
import { useJobProgress } from '../common/useJobProgress';
import { DoneNote } from '../common/DoneNote';

type Mode = 'excerpts' | 'dialogue';
type Format = 'docx' | 'md' | 'html' | 'csv' | 'xlsx';

const FORMATS: { id: Format; label: string; dialogue: boolean }[] = [
  { id: 'docx', label: 'Word (.docx)', dialogue: true },
  { id: 'md', label: 'Markdown (.md)', dialogue: true },
  { id: 'html', label: 'Web page (.html)', dialogue: true },
  { id: 'csv', label: 'CSV table (.csv)', dialogue: false },
  { id: 'xlsx', label: 'Excel (.xlsx)', dialogue: false },
];

interface Settings {
  attributionTemplate: string;
  deidentify: DeidRow[];
  defaultAttributionTemplate: string;
  fields: string[];
}


/** Coded excerpts, or a theme as a client–therapist dialogue, written up as a file, attributed and de-identified. */
export function ExportPage() {
  const tree = useStore((s) => s.tree);
  const reportError = useStore((s) => s.reportError);
  const notify = useStore((s) => s.notify);
  const saveFile = useStore((s) => s.saveFile);
  const [codeIds, setCodeIds] = useRemembered<string[]>('export.codes', []);
  const [mode, setMode] = useRemembered<Mode>('export.mode', 'excerpts');
  const [format, setFormat] = useRemembered<Format>('export.format', 'docx');
  const [includeMemos, setIncludeMemos] = useRemembered('export.memos', false);
  const [includeSubcodes, setIncludeSubcodes] = useRemembered('export.subcodes', false);
  // Remembered apart for documents (on by default) and for CSV/Excel (off: data keeps the codings' exact offsets).
  const [wordsInDocuments, setWordsInDocuments] = useRemembered('export.wholeWords', true);
  const [wordsInData, setWordsInData] = useRemembered('export.wholeWordsData', false);
  const [scope, setScope] = useRemembered<Scope>('export.scope', EMPTY_SCOPE);
  const [title, setTitle] = useRemembered('export.title', '');
  const [settings, setSettings] = useState<Settings | null>(null);
  const [template, setTemplate] = useState('');
  const [deid, setDeid] = useState<DeidRow[]>([]);
  const jobs = useJobProgress();
  const running = jobs.running;
  const [done, setDone] = useState<string | null>(null);

  useEffect(() => {
    void useStore.getState().refreshCodebooks();
    void useStore.getState().refreshCoders();
    useStore.getState().exportSettings()
      .then((s) => {
        setSettings(s);
        setTemplate(s.attributionTemplate);
        setDeid(s.deidentify);
      })
      .catch((e) => reportError(e, 'Could not read the export settings'));
  }, [reportError]);

  const sample = useSampleExcerpt(codeIds);
  const allowed = FORMATS.filter((f) => mode === 'excerpts' || f.dialogue);
  const chosenFormat = allowed.some((f) => f.id === format) ? format : 'docx';
  const isData = chosenFormat === 'csv' || chosenFormat === 'xlsx';
  const wholeWords = isData ? wordsInData : wordsInDocuments;
  const templateError = previewAttribution(template, sample?.values).error;
  const cleanDeid = deid.filter((r) => r.name.trim());
  const dirty = settings !== null && (template !== settings.attributionTemplate || JSON.stringify(cleanDeid) !== JSON.stringify(settings.deidentify));

  async function saveSettings(): Promise<boolean> {
    if (!settings || !dirty) return true;
    try {
      const s = await useStore.getState().saveExportSettings({ attributionTemplate: template, deidentify: cleanDeid });
      setSettings(s);
      setTemplate(s.attributionTemplate);
      setDeid(s.deidentify);
      notify('success', 'Attribution and de-identification saved for this project.');
      return true;
    } catch (e) {
      reportError(e, 'Could not save the export settings');
      return false;
    }
  }

  async function runExport() {
    if (!codeIds.length) return;
    // The export reads the saved settings: what is on screen is what the researcher expects in the file.
    if (!(await saveSettings())) return;
    const filters = scopeInput(scope, tree);
    const common = { codeIds, wholeWords, ...(title.trim() ? { title: title.trim() } : {}) };
    const onProgress = jobs.onProgress;
    const f = FORMATS.find((x) => x.id === chosenFormat)!;
    setDone(null);
    try {
      // The one save model (store/exportSlice.ts): the save dialog in the app, a download in the browser.
      const r = await saveFile({
        defaultName: `${safeName(title.trim() || (mode === 'dialogue' ? 'Dialogue' : 'Excerpts'))}.${chosenFormat}`,
        kind: { name: f.label.replace(/ \(.*\)$/u, ''), extensions: [chosenFormat] },
        write: async (path) => {
          const target = { ...common, ...(path ? { path } : {}) };
          const job =
            mode === 'dialogue'
              ? useStore.getState().exportDialogue({ ...target, format: chosenFormat as 'docx' | 'md' | 'html', filters: { ...withoutRoles(filters), ...(includeSubcodes ? { includeSubcodes } : {}) } }, onProgress)
              : useStore.getState().exportExcerpts({ ...target, format: chosenFormat, includeMemos, filters: { ...filters, ...(includeSubcodes ? { includeSubcodes } : {}) } }, onProgress);
          jobs.begin(mode === 'dialogue' ? 'Lining up the dialogue…' : 'Collecting the excerpts…', job.cancel);
          try {
            return await job.result;
          } finally {
            jobs.end();
          }
        },
      });
      if (r) setDone(`Exported ${plural(r.excerptCount, 'excerpt')} to ${r.path ?? r.fileName}`);
    } catch (e) {
      reportError(e, 'Could not export');
    }
  }

  return (
    <section className="page an-page" aria-label="Export">
      <header className="page__header">
        <div>
          <h1>Export</h1>
          <p className="page__sub">Write coded excerpts up as a document or table, or a theme as a client–therapist dialogue, attributed and de-identified.</p>
        </div>
      </header>

      <div className="an-body ex-body">
        <form
          className="an-card ex-form"
          aria-label="What to export"
          onSubmit={(e) => {
            e.preventDefault();
            void runExport();
          }}
        >
          <fieldset className="an-group">
            <legend>Export</legend>
            <div className="chips" role="radiogroup" aria-label="Kind of export">
              <label className={`chip${mode === 'excerpts' ? ' is-on' : ''}`} title="Every excerpt of the chosen codes, grouped by code">
                <input type="radio" className="chip__box" name="ex-mode" checked={mode === 'excerpts'} onChange={() => setMode('excerpts')} />
                Excerpts by code
              </label>
              <label className={`chip${mode === 'dialogue' ? ' is-on' : ''}`} title="For a theme, the client’s and the therapist’s excerpts side by side, moment by moment">
                <input type="radio" className="chip__box" name="ex-mode" checked={mode === 'dialogue'} onChange={() => setMode('dialogue')} />
                Dialogue (client ↔ therapist)
              </label>
            </div>
            <p className="an-muted">
              {mode === 'dialogue'
                ? 'For each chosen theme: per aligned moment of each session, what the client and the therapist said in the excerpts coded with it, in two columns.'
                : 'Each chosen code with its excerpts, their attribution and, if you like, the memos on them.'}
            </p>
          </fieldset>

          <CodeChecklist value={codeIds} onChange={setCodeIds} label={mode === 'dialogue' ? 'Themes' : 'Codes'} />
          <label className="an-check">
            <input type="checkbox" checked={includeSubcodes} onChange={(e) => setIncludeSubcodes(e.target.checked)} />
            Put a code’s subcodes’ excerpts under it too
          </label>

          <fieldset className="an-group">
            <legend>Format</legend>
            <div className="chips" role="radiogroup" aria-label="Format">
              {allowed.map((f) => (
                <label key={f.id} className={`chip${chosenFormat === f.id ? ' is-on' : ''}`}>
                  <input type="radio" className="chip__box" name="ex-format" checked={chosenFormat === f.id} onChange={() => setFormat(f.id)} />
                  {f.label}
                </label>
              ))}
            </div>
          </fieldset>
          <label className="an-check" title="A passage cut mid-word shows whole words, and several coders' nearly identical passages are one excerpt naming them. Off: every coding exactly as selected.">
            <input type="checkbox" checked={wholeWords} onChange={(e) => (isData ? setWordsInData : setWordsInDocuments)(e.target.checked)} />
            Widen passages to whole words
          </label>
          {mode === 'excerpts' ? (
            <label className="an-check">
              <input type="checkbox" checked={includeMemos} onChange={(e) => setIncludeMemos(e.target.checked)} />
              Include memos (on the codes and on the codings exported)
            </label>
          ) : null}

          <ScopeFilters value={scope} onChange={setScope} roles={mode === 'excerpts'} coders />

          <label className="an-field an-field--wide" htmlFor="ex-title">
            <span className="an-field__label">Title (optional)</span>
            <input id="ex-title" className="input" value={title} placeholder="A title naming the codes is used when empty" onChange={(e) => setTitle(e.target.value)} />
          </label>

          <div className="an-actions">
            <button type="submit" className="btn btn--primary" disabled={!codeIds.length || running !== null || templateError !== null}>
              Export {codeIds.length ? plural(codeIds.length, mode === 'dialogue' ? 'theme' : 'code') : ''}…
            </button>
            {!codeIds.length ? <span className="an-muted">Choose at least one {mode === 'dialogue' ? 'theme' : 'code'}.</span> : null}
          </div>
          <SaveNote />
          {jobs.progress}
          <DoneNote text={done} />
        </form>

        <div className="an-card ex-settings" aria-label="Attribution and de-identification">
          <h2 className="an-h2">Attribution</h2>
          <p className="an-muted">Each excerpt is followed by where it comes from. A field without a value is left out with its label.</p>
          {settings ? (
            <AttributionEditor value={template} onChange={setTemplate} fields={settings.fields} defaultTemplate={settings.defaultAttributionTemplate} sample={sample} />
          ) : (
            <p className="an-muted">Reading the settings…</p>
          )}
          <h2 className="an-h2 ex-settings__h">De-identification</h2>
          <p className="an-muted">Every listed name is replaced as a whole word, in any case, in the exported text, attributions and file names.</p>
          <DeidentifyEditor rows={deid} onChange={setDeid} />
          <div className="an-actions">
            <button type="button" className="btn" disabled={!dirty || templateError !== null} onClick={() => void saveSettings()}>
              Save for this project
            </button>
            {dirty ? <span className="an-muted">Unsaved changes (saved before each export).</span> : null}
          </div>
        </div>
      </div>
    </section>
  );
}

function withoutRoles<T extends { roles?: unknown }>(f: T): Omit<T, 'roles'> {
  const { roles: _roles, ...rest } = f;
  return rest;
}
