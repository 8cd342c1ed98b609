import { useStore } from '../../store';
import { PersonIcon } from './icons';
import { Menu } from './Menu';

/** Who is coding, in the view header, with the other coders of the project to switch to. */
export function CoderMenu() {
  const coder = useStore((s) => s.coder);
  const coders = useStore((s) => s.coders);
  const choose = useStore((s) => s.chooseCoder);
  const ask = useStore((s) => s.askCoder);
  const report = useStore((s) => s.notify);
  return (
    <Menu
      buttonClass="btn btn--small coder-btn"
      buttonLabel={coder ? `Coding as ${coder.name}: switch coder` : 'Choose who is coding'}
      title="Every coding records its coder"
      button={
        <>
          <PersonIcon size={13} />
          <span className="coder-btn__name">{coder ? coder.name : 'Who is coding?'}</span>
        </>
      }
    >
      {(close) => (
        <>
          <div className="menu__title">Coder</div>
          {coders.map((c) => (
            <button
              key={c.id}
              type="button"
              role="menuitemradio"
              aria-checked={c.id === coder?.id}
              className="menu__item"
              onClick={async () => {
                close();
                const p = await choose(c.name);
                if (p) report('error', p);
              }}
            >
              <span className="menu__check">{c.id === coder?.id ? '✓' : ''}</span>
              <span className="menu__text">{c.name}</span>
              <span className="menu__meta">{c.codingCount}</span>
            </button>
          ))}
          <div className="menu__sep" role="separator" />
          <button
            type="button"
            role="menuitem"
            className="menu__item"
            onClick={() => {
              close();
              ask('');
            }}
          >
            <span className="menu__check" />
            <span className="menu__text">New coder…</span>
          </button>
        </>
      )}
    </Menu>
  );
}
