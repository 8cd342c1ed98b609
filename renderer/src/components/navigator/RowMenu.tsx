import { useEffect, useRef, useState, type MouseEvent as ReactMouseEvent } from 'react';
import { MenuItems, type MenuItem } from '../coding/Menu';

interface Place {
  x: number;
  y: number;
  /** The row to give focus back to when the menu closes. */
  from: HTMLElement;
}

/**
 * A navigator row's context menu (right click, or the keyboard's Menu key / Shift+F10 on the focused row): the
 * same items as the row's small buttons, for researchers who look for them there.
 */
export function useRowMenu<A extends string>(items: readonly MenuItem<A>[], onChoose: (id: A) => void, label: string) {
  const [place, setPlace] = useState<Place | null>(null);
  const open = (e: ReactMouseEvent<HTMLElement>) => {
    e.preventDefault();
    // The keyboard's Menu key fires the event without a pointer position: open under the row instead.
    const r = e.currentTarget.getBoundingClientRect();
    const from = e.currentTarget.querySelector('button') ?? e.currentTarget;
    const keyboard = e.clientX === 0 && e.clientY === 0;
    setPlace({ x: keyboard ? r.left + 12 : e.clientX, y: keyboard ? r.bottom : e.clientY, from });
  };
  const menu = place ? (
    <RowMenu
      place={place}
      label={label}
      items={items}
      onClose={() => {
        place.from.focus();
        setPlace(null);
      }}
      onChoose={onChoose}
    />
  ) : null;
  return { open, menu };
}

function RowMenu<A extends string>({ place, label, items, onClose, onChoose }: { place: Place; label: string; items: readonly MenuItem<A>[]; onClose(): void; onChoose(id: A): void }) {
  const box = useRef<HTMLDivElement>(null);
  const [pos, setPos] = useState({ left: place.x, top: place.y });
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    // Keep the whole menu on screen near the window's right and bottom edges.
    const r = el.getBoundingClientRect();
    setPos({ left: Math.max(4, Math.min(place.x, window.innerWidth - r.width - 4)), top: Math.max(4, Math.min(place.y, window.innerHeight - r.height - 4)) });
    el.querySelector<HTMLElement>('[role="menuitem"]:not(:disabled)')?.focus();
    const down = (e: MouseEvent) => {
      if (!el.contains(e.target as Node)) onClose();
    };
    document.addEventListener('mousedown', down);
    window.addEventListener('blur', onClose);
    return () => {
      document.removeEventListener('mousedown', down);
      window.removeEventListener('blur', onClose);
    };
  }, [place]);
  return (
    <div
      ref={box}
      className="menu row-menu"
      role="menu"
      aria-label={label}
      style={{ left: pos.left, top: pos.top }}
      onContextMenu={(e) => {
        e.preventDefault();
        e.stopPropagation();
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape' || e.key === 'Tab') {
          e.preventDefault();
          e.stopPropagation();
          onClose();
        } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
          e.preventDefault();
          const all = [...(box.current?.querySelectorAll<HTMLElement>('[role="menuitem"]:not(:disabled)') ?? [])];
          const i = all.indexOf(document.activeElement as HTMLElement);
          all[(i + (e.key === 'ArrowDown' ? 1 : -1) + all.length) % all.length]?.focus();
        }
      }}
    >
      <MenuItems items={items} close={onClose} onChoose={onChoose} />
    </div>
  );
}
