import { useEffect, useMemo, useRef, useState } from 'react';
import { useStore } from '../../store';
import type { CodingTarget } from '../../store/codingsSlice';
import { flattenCodes, rankCodes, type FlatCode } from './model/codeList';
import { chordOf, sameShortcut } from './model/shortcuts';

type Option = { kind: 'code'; flat: FlatCode } | { kind: 'create'; name: string };

/** The type-ahead code palette (Ctrl/Cmd+K, "Code…", T, M): filter by name or path, Enter applies. */
export function CodePalette() {
  const palette = useStore((s) => s.palette);
  if (!palette) return null;
  return <PaletteBody target={palette.target} label={palette.label} />;
}

function PaletteBody({ target, label }: { target: CodingTarget; label: string }) {
  const book = useStore((s) => s.codebooks.find((b) => b.id === s.codebookId) ?? s.codebooks[0] ?? null);
  const close = useStore((s) => s.closePalette);
  const applyCode = useStore((s) => s.applyCode);
  const createAndApply = useStore((s) => s.createAndApply);
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);
  const flat = useMemo(() => flattenCodes(book?.codes ?? []), [book]);
  const options = useMemo<Option[]>(() => {
    const ranked = rankCodes(flat, query).map((f) => ({ kind: 'code' as const, flat: f }));
    const q = query.trim();
    const exact = flat.some((f) => f.code.name.toLowerCase() === q.toLowerCase());
    return q && !exact ? [...ranked, { kind: 'create' as const, name: q }] : ranked;
  }, [flat, query]);
  const at = Math.min(active, Math.max(0, options.length - 1));

  useEffect(() => {
    const before = document.activeElement as HTMLElement | null;
    input.current?.focus();
    return () => {
      if (before?.isConnected) before.focus({ preventScroll: true });
    };
  }, []);
  useEffect(() => {
    list.current?.querySelector(`[data-index="${at}"]`)?.scrollIntoView({ block: 'nearest' });
  }, [at]);

  const choose = (o: Option | undefined) => {
    if (!o) return;
    close();
    if (o.kind === 'code') applyCode(o.flat.code.id, target);
    else void createAndApply(o.name, target);
  };

  return (
    <div className="palette-backdrop" onMouseDown={(e) => e.target === e.currentTarget && close()}>
      <div className="palette" role="dialog" aria-label="Apply a code">
        <div className="palette__target">
          Code <strong>{label}</strong>
        </div>
        <input
          ref={input}
          className="palette__input"
          role="combobox"
          aria-expanded="true"
          aria-controls="palette-list"
          aria-activedescendant={options.length ? `palette-opt-${at}` : undefined}
          aria-label="Code name or path"
          placeholder={flat.length ? 'Type to find a code, or a new name…' : 'Type the name of a new code…'}
          value={query}
          onChange={(e) => {
            setQuery(e.target.value);
            setActive(0);
          }}
          onKeyDown={(e) => {
            if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const n = options.length || 1;
              setActive((at + (e.key === 'ArrowDown' ? 1 : -1) + n) % n);
            } else if (e.key === 'Enter') {
              e.preventDefault();
              choose(options[at]);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              e.stopPropagation();
              close();
            } else if (query === '') {
              // With nothing typed, a code's own shortcut picks it (T then 1 codes the turn as code 1).
              const chord = chordOf(e.nativeEvent);
              const hit = flat.find((f) => sameShortcut(f.code.shortcut, chord));
              if (hit) {
                e.preventDefault();
                choose({ kind: 'code', flat: hit });
              }
            }
          }}
        />
        <ul ref={list} id="palette-list" className="palette__list" role="listbox" aria-label="Codes">
          {options.map((o, i) => (
            <li
              key={o.kind === 'code' ? o.flat.code.id : 'create'}
              id={`palette-opt-${i}`}
              data-index={i}
              role="option"
              aria-selected={i === at}
              className={`palette__opt${i === at ? ' is-active' : ''}`}
              onMouseDown={(e) => e.preventDefault()}
              onMouseMove={() => i !== at && setActive(i)}
              onClick={() => choose(o)}
            >
              {o.kind === 'code' ? (
                <>
                  <span className="swatch" style={{ background: o.flat.code.color }} aria-hidden />
                  <span className="palette__name">
                    {o.flat.code.name}
                    {o.flat.depth > 0 ? <span className="palette__path"> in {o.flat.trail.slice(0, -1).join(' › ')}</span> : null}
                  </span>
                  <span className="palette__count" title="Codings of this code">
                    {o.flat.code.codingCount}
                  </span>
                  {o.flat.code.shortcut ? <kbd>{o.flat.code.shortcut}</kbd> : <span className="palette__nokey" />}
                </>
              ) : (
                <>
                  <span className="swatch swatch--new" aria-hidden>
                    +
                  </span>
                  <span className="palette__name">
                    Create code <strong>‘{o.name}’</strong>
                  </span>
                </>
              )}
            </li>
          ))}
          {options.length === 0 ? <li className="palette__empty">Type a name to create the first code.</li> : null}
        </ul>
        <div className="palette__help">
          <kbd>↑</kbd> <kbd>↓</kbd> choose · <kbd>Enter</kbd> apply · <kbd>Esc</kbd> close · with nothing typed, a code's key applies it
        </div>
      </div>
    </div>
  );
}
