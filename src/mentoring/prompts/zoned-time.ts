/**
 * Calendar dates and wall-clock times in IANA time zones, on Intl alone. Dates are 'YYYY-MM-DD'
 * strings (a day in someone's calendar, not an instant); instants are Date.
 */

const DAY_MS = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

export function isTimeZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  date: string;
  hour: number;
  minute: number;
}

function partsAt(instant: Date, zone: string): Record<string, string> {
  return Object.fromEntries(formatterFor(zone).formatToParts(instant).map((p) => [p.type, p.value]));
}

/** What a clock on the wall in `zone` shows at `instant`. */
export function wallClockAt(instant: Date, zone: string): WallClock {
  const parts = partsAt(instant, zone);
  const pad = (v: string | undefined) => String(v ?? '').padStart(2, '0');
  return { date: `${parts.year}-${pad(parts.month)}-${pad(parts.day)}`, hour: Number(parts.hour), minute: Number(parts.minute) };
}

/** The zone's offset from UTC at `instant`, in milliseconds (east positive). */
function offsetAt(instant: number, zone: string): number {
  const p = partsAt(new Date(instant), zone);
  const wall = Date.UTC(Number(p.year), Number(p.month) - 1, Number(p.day), Number(p.hour), Number(p.minute), Number(p.second));
  return wall - Math.floor(instant / 1000) * 1000;
}

/**
 * The instant a wall clock in `zone` shows `date` at `hour:minute`. When the clocks fall back and
 * that time happens twice, the earlier one; when they spring forward over it, the time it would
 * be after the jump (02:30 in a 02:00→03:00 gap is 03:30), as calendar software does.
 */
export function instantOf(date: string, hour: number, minute: number, zone: string): Date {
  const local = Date.parse(`${date}T00:00:00Z`) + (hour * 60 + minute) * 60_000;
  // Offsets a day either side bracket at most one transition (no zone changes twice in a day).
  const before = offsetAt(local - DAY_MS, zone);
  const after = offsetAt(local + DAY_MS, zone);
  const candidates = [...new Set([local - before, local - after])].sort((a, b) => a - b);
  const valid = candidates.filter((c) => offsetAt(c, zone) === local - c);
  return new Date(valid[0] ?? local - before);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `months` calendar months later, on the same day of the month or the month's last day (31 Jan → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const lastDay = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
  return new Date(Date.UTC(Math.floor(index / 12), index % 12, Math.min(day, lastDay))).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (calendar dates). */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** "Mon 15 Mar 2027, 09:00" as the zone's wall clock shows it. */
export function formatInZone(instant: Date, zone: string): string {
  return new Intl.DateTimeFormat('en-GB', { timeZone: zone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' })
    .format(instant).replace(' at ', ', ');
}
