import { useEffect, useRef, useState, type ReactNode } from 'react';

interface Props {
  /** The button's content. */
  button: ReactNode;
  buttonLabel: string;
  buttonClass?: string;
  title?: string;
  align?: 'left' | 'right';
  children: (close: () => void) => ReactNode;
}

/** A button with a drop-down menu: opens on click, closes on Escape, a click outside, or a choice. */
export function Menu({ button, buttonLabel, buttonClass = 'btn btn--small', title, align = 'left', children }: Props) {
  const [open, setOpen] = useState(false);
  const box = useRef<HTMLDivElement>(null);
  const btn = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (!open) return;
    const down = (e: MouseEvent) => {
      if (!box.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('mousedown', down);
    box.current?.querySelector<HTMLElement>('[role^="menuitem"]')?.focus();
    return () => document.removeEventListener('mousedown', down);
  }, [open]);
  const close = () => {
    setOpen(false);
    btn.current?.focus();
  };
  return (
    <div className="menu-wrap" ref={box}>
      <button
        ref={btn}
        type="button"
        className={buttonClass}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-label={buttonLabel}
        title={title}
        onClick={() => setOpen((o) => !o)}
      >
        {button}
      </button>
      {open ? (
        <div
          className={`menu menu--${align}`}
          role="menu"
          aria-label={buttonLabel}
          onKeyDown={(e) => {
            if (e.key === 'Escape') {
              e.stopPropagation();
              close();
            } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
              e.preventDefault();
              const items = [...(box.current?.querySelectorAll<HTMLElement>('[role^="menuitem"]:not(:disabled)') ?? [])];
              const i = items.indexOf(document.activeElement as HTMLElement);
              items[(i + (e.key === 'ArrowDown' ? 1 : -1) + items.length) % items.length]?.focus();
            }
          }}
        >
          {children(close)}
        </div>
      ) : null}
    </div>
  );
}

export interface MenuItem<A extends string> {
  id: A;
  label: string;
  disabled?: boolean;
  /** Shown in the danger colour (deleting). */
  danger?: boolean;
}

/** A menu's plain items: choosing one closes the menu, then `onChoose` runs. */
export function MenuItems<A extends string>({ items, close, onChoose }: { items: readonly MenuItem<A>[]; close: () => void; onChoose: (id: A) => void }) {
  return (
    <>
      {items.map((item) => (
        <button
          key={item.id}
          type="button"
          role="menuitem"
          className={`menu__item${item.danger ? ' menu__item--danger' : ''}`}
          disabled={item.disabled}
          onClick={(e) => {
            e.stopPropagation();
            close();
            onChoose(item.id);
          }}
        >
          <span className="menu__text">{item.label}</span>
        </button>
      ))}
    </>
  );
}
