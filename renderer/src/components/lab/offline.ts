/** "Offline since 14:05 — …": what the page and the app frame say while the lab server cannot be reached. */
export function offlineMessage(sinceIso: string): string {
  const d = new Date(sinceIso);
  const hhmm = `${String(d.getHours()).padStart(2, '0')}:${String(d.getMinutes()).padStart(2, '0')}`;
  return `Offline since ${hhmm} — your work is kept and will be sent at the next sync`;
}

/** A sync time as the researcher reads it: the day and the minute, in their own time zone. */
export function syncTime(iso: string | null): string {
  if (!iso) return 'never';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}

/** Whether the team's changes arrive as they are made (team.status `live`), in the researcher's words. */
export function liveText(live: 'connecting' | 'listening' | 'offline' | 'stopped' | undefined): string {
  switch (live) {
    case 'listening':
      return 'on: the team’s changes arrive as they are made';
    case 'connecting':
      return 'connecting to the lab server…';
    case 'offline':
      return 'waiting for the lab server: changes arrive at the next sync meanwhile';
    default:
      return 'off: the team’s changes arrive at each sync';
  }
}
