import { forwardRef } from 'react';
import { useStore } from '../../store';
import { selectFindHit } from '../coding/selectFindHit';
import { DownIcon, SearchIcon, UpIcon } from '../common/Icons';

interface Props {
  count: number;
  onStep(direction: 1 | -1): void;
}

/** "Find in session": matches in both columns, "3 of 12", Enter / Shift+Enter to step through them. */
export const FindBox = forwardRef<HTMLInputElement, Props>(function FindBox({ count, onStep }, ref) {
  const query = useStore((s) => s.find.query);
  const index = useStore((s) => s.find.index);
  const setQuery = useStore((s) => s.setFindQuery);
  const has = query.trim().length > 0;
  return (
    <div className="find" role="search">
      <label className="find__field">
        <SearchIcon size={13} />
        <input
          ref={ref}
          type="search"
          className="find__input"
          placeholder="Find in session"
          aria-label="Find in session"
          title="Enter: next match · Shift+Enter: previous · Ctrl+Enter: select the match to code it"
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
              // The hit becomes the selected passage, ready for a code's key.
              e.preventDefault();
              if (!selectFindHit()) useStore.getState().notify('info', 'No match to select: type what to find first.');
            } else if (e.key === 'Enter') {
              e.preventDefault();
              onStep(e.shiftKey ? -1 : 1);
            } else if (e.key === 'Escape') {
              e.preventDefault();
              setQuery('');
              e.currentTarget.blur();
            }
          }}
        />
        {has ? null : (<kbd className="find__kbd" aria-hidden="true">
          {navigator.platform.startsWith('Mac') ? '⌘F' : 'Ctrl+F'}
        </kbd>)}
      </label>
      <span className="find__count" aria-live="polite">
        {has ? (count ? `${index + 1} of ${count}` : 'No matches') : ''}
      </span>
      <button type="button" className="icon-btn" aria-label="Previous match" disabled={!count} onClick={() => onStep(-1)}>
        <UpIcon />
      </button>
      <button type="button" className="icon-btn" aria-label="Next match" disabled={!count} onClick={() => onStep(1)}>
        <DownIcon />
      </button>
    </div>
  );
});
