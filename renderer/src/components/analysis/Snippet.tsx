import type { ReactElement } from 'react';

/** Text with ranges marked (search hits), ranges relative to the text. */
export function Marked({ text, marks }: { text: string; marks: readonly { start: number; end: number }[] }) {
  const parts: ReactElement[] = [];
  let at = 0;
  [...marks]
    .sort((a, b) => a.start - b.start)
    .forEach((m, i) => {
      const s = Math.max(at, m.start);
      if (s > at) parts.push(<span key={`t${i}`}>{text.slice(at, s)}</span>);
      if (m.end > s) parts.push(<mark key={`m${i}`}>{text.slice(s, m.end)}</mark>);
      at = Math.max(at, m.end);
    });
  if (at < text.length) parts.push(<span key="rest">{text.slice(at)}</span>);
  return <>{parts}</>;
}
