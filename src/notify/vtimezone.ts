import { offsetAt, offsetText } from './ical-text.js';

const HOUR = 3_600_000;

/** The instants within the year where the zone's offset changes (minute precision). */
function transitionsIn(year: number, zone: string): Array<{ at: Date; from: number; to: number }> {
  const found: Array<{ at: Date; from: number; to: number }> = [];
  const end = Date.UTC(year + 1, 0, 1);
  let prev = Date.UTC(year, 0, 1);
  let prevOffset = offsetAt(new Date(prev), zone);
  for (let t = prev + 6 * HOUR; t <= end; t += 6 * HOUR) {
    const offset = offsetAt(new Date(t), zone);
    if (offset !== prevOffset) {
      let lo = prev;
      let hi = t;
      while (hi - lo > 60_000) {
        const mid = lo + Math.floor((hi - lo) / 120_000) * 60_000;
        if (offsetAt(new Date(mid), zone) === prevOffset) lo = mid;
        else hi = mid;
      }
      found.push({ at: new Date(hi), from: prevOffset, to: offset });
    }
    prev = t;
    prevOffset = offset;
  }
  return found;
}

/**
 * A VTIMEZONE for `zone` that is exact for the whole year of `instant` (from the platform's
 * Intl data): a base observance, then each change of that year with its own DTSTART.
 * @see https://www.rfc-editor.org/rfc/rfc5545#section-3.6.5
 */
export function vtimezoneLines(zone: string, instant: Date): string[] {
  const year = instant.getUTCFullYear();
  const changes = transitionsIn(year, zone);
  const base = offsetAt(new Date(Date.UTC(year, 0, 1)), zone);
  const standard = Math.min(base, ...changes.map((c) => c.to));
  const observance = (dtstart: string, from: number, to: number) => {
    const type = to > standard ? 'DAYLIGHT' : 'STANDARD';
    return [`BEGIN:${type}`, `DTSTART:${dtstart}`, `TZOFFSETFROM:${offsetText(from)}`,
      `TZOFFSETTO:${offsetText(to)}`, `END:${type}`];
  };
  // An observance's DTSTART is the local time of the change, on the clock before it.
  const localBefore = (c: { at: Date; from: number }) => shiftedStamp(c.at, c.from);
  return [
    'BEGIN:VTIMEZONE', `TZID:${zone}`,
    ...observance('19700101T000000', base, base),
    ...changes.flatMap((c) => observance(localBefore(c), c.from, c.to)),
    'END:VTIMEZONE',
  ];
}

/** `YYYYMMDDTHHMMSS` of an instant shown at a fixed offset. */
function shiftedStamp(at: Date, offsetMinutes: number): string {
  const d = new Date(at.getTime() + offsetMinutes * 60_000);
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}${p(d.getUTCMonth() + 1)}${p(d.getUTCDate())}T`
    + `${p(d.getUTCHours())}${p(d.getUTCMinutes())}00`;
}
