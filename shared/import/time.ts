/**
 * Clock strings ⇄ seconds. Used for both kinds of time (session and interview): the parsers decide which kind
 * a stamp is; these functions only read and write the clock.
 */

// Whole-string forms: "h:mm:ss", "mm:ss" (minutes may exceed 59: "75:20"), or plain seconds, each with an
// optional fraction after "." or "," (SRT writes "00:00:01,500").
const CLOCK = /^(\d{1,4})(?::(\d{1,2}))?(?::(\d{1,2}))?(?:[.,](\d{1,6}))?$/;

/** A 12-hour clock's half of the day: "11:02:09 AM", "1:05 p.m.", "11:02am". */
const MERIDIEM = /^(.*?\d)[ \u00a0]?([AaPp])\.?[Mm]\.?$/;

/**
 * Reads "1:02:03", "12:34", "12:34.5", "00:00:01,250" or "754" as seconds; null when it is not a clock time.
 * A 12-hour time of day ("11:02:09 AM", "1:05 p.m.", hours 1–12) is read as seconds since midnight.
 */
export function parseTime(s: string): number | null {
  const half = MERIDIEM.exec(s.trim());
  if (half) {
    const [, clock, ap] = half;
    const hm = /^(\d{1,2}):\d{2}(?::\d{2})?(?:[.,]\d{1,6})?$/.exec(clock!);
    const hour = hm ? Number(hm[1]) : 0;
    if (!hm || hour < 1 || hour > 12) return null;
    // "11:02" is hours and minutes on a wall clock, not minutes and seconds.
    const t = parseTime(clock!.split(':').length === 2 ? `${clock}:00` : clock!)!;
    return (t % (12 * 3600)) + (ap!.toLowerCase() === 'p' ? 12 * 3600 : 0);
  }
  const m = CLOCK.exec(s.trim());
  if (!m) return null;
  const [, a, b, c, frac] = m;
  const fraction = frac ? Number(`0.${frac}`) : 0;
  if (b === undefined) return Number(a) + fraction;
  if (c === undefined) {
    // mm:ss — seconds must be a real second count; minutes may run past an hour ("75:20").
    if (Number(b) > 59 || b.length !== 2) return null;
    return Number(a) * 60 + Number(b) + fraction;
  }
  if (Number(b) > 59 || Number(c) > 59 || b.length !== 2 || c.length !== 2) return null;
  return Number(a) * 3600 + Number(b) * 60 + Number(c) + fraction;
}

/**
 * Seconds as "hh:mm:ss", zero padded ("00:12:34"), the form researchers quote in excerpts. Fractions are cut,
 * not rounded, the way media players show position; negative or non-finite input shows as "00:00:00".
 */
export function formatTime(seconds: number): string {
  const total = Number.isFinite(seconds) && seconds > 0 ? Math.floor(seconds + 1e-9) : 0;
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = total % 60;
  return `${pad2(h)}:${pad2(m)}:${pad2(s)}`;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}
