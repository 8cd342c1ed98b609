/**
 * The one way the UI writes a date: as the sessions' dates are written (2026-03-02, year first, the same in every
 * locale), with the local time of day after it where the moment matters (memos, codings): "2026-03-02 14:05".
 */
const two = (n: number) => String(n).padStart(2, '0');

function formatDate(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return typeof iso === 'string' ? iso : '';
  return `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())}`;
}

export function formatDateTime(iso: string | Date): string {
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  if (Number.isNaN(d.getTime())) return typeof iso === 'string' ? iso : '';
  return `${formatDate(d)} ${two(d.getHours())}:${two(d.getMinutes())}`;
}
