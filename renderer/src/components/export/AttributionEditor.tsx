import { useMemo, useRef } from 'react';
import { parseTemplate, renderAttribution, type AttributionValues } from '../../../../shared/export/attribution';
import { messageOf } from '../../api/errors';
import type { SampleExcerpt } from './useSampleExcerpt';

/** Only while the project has no coded excerpt: what an excerpt of a first session would carry. */
const SAMPLE: AttributionValues = {
  role: 'client',
  dyad: '4',
  session: '1',
  sessionTime: '00:12:34',
  interviewTime: '00:03:05',
  speaker: 'C',
  coder: 'Alex',
  date: '2024-03-12',
};

/** Shows what a template gives for an excerpt (the project's own where there is one), or why it cannot be read. */
export function previewAttribution(template: string, sample: AttributionValues = SAMPLE): { text: string; withoutTime: string; error: string | null } {
  try {
    const parsed = parseTemplate(template);
    return { text: renderAttribution(parsed, sample), withoutTime: renderAttribution(parsed, { ...sample, sessionTime: null, interviewTime: null }), error: null };
  } catch (e) {
    return { text: '', withoutTime: '', error: messageOf(e) };
  }
}

interface Props {
  value: string;
  onChange(v: string): void;
  fields: string[];
  defaultTemplate: string;
  /** An excerpt of this project to preview on; null when it has none yet (a made-up one is shown, and said so). */
  sample: SampleExcerpt | null;
}

/** The attribution template with buttons to insert fields and a live preview on an example excerpt. */
export function AttributionEditor({ value, onChange, fields, defaultTemplate, sample }: Props) {
  const ref = useRef<HTMLInputElement>(null);
  const preview = useMemo(() => previewAttribution(value, sample?.values), [value, sample]);

  function insert(field: string) {
    const el = ref.current;
    const at = el?.selectionStart ?? value.length;
    const end = el?.selectionEnd ?? at;
    const token = `{${field}}`;
    onChange(value.slice(0, at) + token + value.slice(end));
    requestAnimationFrame(() => {
      el?.focus();
      el?.setSelectionRange(at + token.length, at + token.length);
    });
  }

  return (
    <div className="ex-attr">
      <label className="an-field an-field--wide" htmlFor="ex-template">
        <span className="an-field__label">Attribution template</span>
        <input
          id="ex-template"
          ref={ref}
          className={`input ex-attr__input${preview.error ? ' is-invalid' : ''}`}
          value={value}
          spellCheck={false}
          aria-invalid={preview.error ? true : undefined}
          aria-describedby="ex-template-preview"
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      <div className="ex-attr__fields" role="group" aria-label="Insert a field">
        {fields.map((f) => (
          <button key={f} type="button" className="btn btn--quiet btn--small ex-attr__field" onClick={() => insert(f)} title={`Insert {${f}}`}>
            {`{${f}}`}
          </button>
        ))}
        {value !== defaultTemplate ? (
          <button type="button" className="btn btn--quiet btn--small" onClick={() => onChange(defaultTemplate)}>
            Use the default
          </button>
        ) : null}
      </div>
      <div id="ex-template-preview" className="ex-attr__preview" aria-live="polite">
        {preview.error ? (
          <p className="text-error" role="alert">
            {preview.error}
          </p>
        ) : (
          <>
            <div>
              <span className="an-muted">{sample ? `Preview on an excerpt of ${sample.where}:` : 'Preview (an invented excerpt: nothing is coded yet):'}</span> <span className="ex-attr__sample" data-testid="attribution-preview">{preview.text || '(empty)'}</span>
            </div>
            <div className="an-muted">
              In an interview without session times: <span className="ex-attr__sample">{preview.withoutTime || '(empty)'}</span>
            </div>
          </>
        )}
      </div>
    </div>
  );
}
