import { useStore } from '../../store';
import type { CoderFilterMode } from '../../model/visible';
import { Menu } from './Menu';

const MODES: { mode: CoderFilterMode; label: string; help: string }[] = [
  { mode: 'mine', label: 'My codings', help: 'Only what the current coder coded' },
  { mode: 'side', label: 'Coders side by side', help: 'Chosen coders, their stripes grouped per coder' },
  { mode: 'all', label: 'All coders overlaid', help: 'Every coding of every coder' },
];

/** Whose codings the view shows. */
export function CoderFilterMenu() {
  const filter = useStore((s) => s.coderFilter);
  const coders = useStore((s) => s.coders);
  const setFilter = useStore((s) => s.setCoderFilter);
  const current = MODES.find((m) => m.mode === filter.mode)!;
  const chosen = (id: string) => filter.coderIds === null || filter.coderIds.includes(id);
  const label = filter.mode === 'side' && filter.coderIds ? `${filter.coderIds.length} coders side by side` : current.label;
  return (
    <Menu buttonClass="btn btn--small" buttonLabel={`Show: ${label}`} button={<span>Show: {label} ▾</span>} align="right">
      {() => (
        <>
          <div className="menu__title">Show</div>
          {MODES.map((m) => (
            <button
              key={m.mode}
              type="button"
              role="menuitemradio"
              aria-checked={filter.mode === m.mode}
              className="menu__item"
              title={m.help}
              onClick={() => setFilter({ mode: m.mode })}
            >
              <span className="menu__check">{filter.mode === m.mode ? '✓' : ''}</span>
              <span className="menu__text">
                {m.label}
                <span className="menu__help">{m.help}</span>
              </span>
            </button>
          ))}
          {filter.mode === 'side' && coders.length ? (
            <>
              <div className="menu__sep" role="separator" />
              <div className="menu__title">Coders side by side</div>
              {coders.map((c) => (
                <button
                  key={c.id}
                  type="button"
                  role="menuitemcheckbox"
                  aria-checked={chosen(c.id)}
                  className="menu__item"
                  onClick={() => {
                    const ids = filter.coderIds ?? coders.map((x) => x.id);
                    const next = ids.includes(c.id) ? ids.filter((x) => x !== c.id) : [...ids, c.id];
                    setFilter({ coderIds: next.length === coders.length ? null : next });
                  }}
                >
                  <span className="menu__check">{chosen(c.id) ? '✓' : ''}</span>
                  <span className="menu__text">{c.name}</span>
                  <span className="menu__meta">{c.codingCount}</span>
                </button>
              ))}
            </>
          ) : null}
        </>
      )}
    </Menu>
  );
}
