import { useId, useMemo, useState } from 'react';
import { formatTime } from '../../../../shared/import/time';
import { fieldProblems, tryLine, type PatternLine } from './markerPatterns';

interface Props {
  text: string;
  lines: readonly PatternLine[];
  onChange(text: string): void;
}

/**
 * The Settings dialog's section on session-time markers: what Dyad recognises by itself, the project's own
 * patterns (one per line, checked as they are typed), and a line of transcript to try them on.
 */
export function MarkerPatterns({ text, lines, onChange }: Props) {
  const id = useId();
  const problems = fieldProblems(lines);
  const rows = Math.min(8, Math.max(3, text.split('\n').length + 1));
  return (
    <section className="settings-markers" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`} className="settings-markers__title">
        Session-time markers
      </h3>
      <p className="form__help settings-markers__intro">
        Where a transcript notes the point in the session recording at which playback was stopped. Dyad recognises the usual forms by itself, such
        as <code>[video 00:12:34]</code> or a line <code>Tape stopped at 12:34</code>. If your transcriber wrote them another way, describe that form
        here.
      </p>
      <label className="form__field">
        <span className="form__label">This project’s marker patterns, one per line</span>
        <textarea
          className={`input settings-markers__patterns${problems.length ? ' is-invalid' : ''}`}
          rows={rows}
          value={text}
          spellCheck={false}
          autoCapitalize="off"
          autoCorrect="off"
          wrap="off"
          placeholder={'e.g. <<(\\d+:\\d\\d)>>\n^TC (\\d\\d:\\d\\d:\\d\\d)'}
          aria-invalid={problems.length > 0}
          aria-describedby={`${id}-help ${id}-problems`}
          onChange={(e) => onChange(e.target.value)}
        />
      </label>
      <p id={`${id}-help`} className="form__help">
        Regular expressions; case does not matter, and <code>^</code> and <code>$</code> mean the start and end of a line. The first group in
        parentheses must hold the time, as <code>1:02:03</code>, <code>12:34</code> or seconds.
      </p>
      <ul id={`${id}-problems`} className="settings-markers__problems" hidden={!problems.length}>
        {problems.map((p) => (
          <li key={p} className="text-error">
            {p}
          </li>
        ))}
      </ul>
      <TryIt lines={lines} />
    </section>
  );
}

/** A line of the researcher's own transcript, and what the import would take from it, as they type. */
function TryIt({ lines }: { lines: readonly PatternLine[] }) {
  const id = useId();
  const [sample, setSample] = useState('');
  const result = useMemo(() => (sample.trim() ? tryLine(sample, lines) : null), [sample, lines]);
  return (
    <div className="settings-try">
      <label className="form__field">
        <span className="form__label">Try it</span>
        <input
          className="input settings-try__input"
          value={sample}
          spellCheck={false}
          placeholder="Paste a line of one of your transcripts"
          aria-describedby={`${id}-result`}
          onChange={(e) => setSample(e.target.value)}
          // Enter here is for trying, not for saving the settings.
          onKeyDown={(e) => e.key === 'Enter' && e.preventDefault()}
        />
      </label>
      <output id={`${id}-result`} className="settings-try__result" aria-live="polite">
        {result ? <TryResult {...result} /> : <span className="settings-try__none">Dyad shows here the markers it finds in the line, and their session times.</span>}
      </output>
    </div>
  );
}

function TryResult({ markers, warnings }: ReturnType<typeof tryLine>) {
  return (
    <>
      {markers.length ? (
        <ul className="settings-try__found">
          {markers.map((m, i) => (
            <li key={i}>
              <code className="settings-try__label">{m.label}</code> → session time <strong>{formatTime(m.sessionTime)}</strong>
              <span className="settings-try__by"> · {m.patternLine === null ? 'recognised by Dyad already' : `your pattern on line ${m.patternLine}`}</span>
            </li>
          ))}
        </ul>
      ) : (
        <p className="settings-try__none">No session-time marker in this line.</p>
      )}
      {warnings.map((w) => (
        <p key={w} className="text-warn settings-try__warn">
          {w}
        </p>
      ))}
    </>
  );
}
