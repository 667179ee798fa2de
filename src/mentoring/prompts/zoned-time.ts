/**
 * Calendar dates and wall-clock times in IANA time zones, on Intl alone. Dates are 'YYYY-MM-DD'
 * strings (a day in someone's calendar, not an instant); instants are Date.
 */
import { fromLocal, toLocal } from '../../shared/zoned-time.js';

const DAY_MS = 86_400_000;
const pad = (n: number) => String(n).padStart(2, '0');
/** Instants already computed (bounded); one display formatter per zone. */
const MEMO_LIMIT = 10_000;
const instants = new Map<string, number>();
const displayFormats = new Map<string, Intl.DateTimeFormat>();

export interface WallClock {
  date: string;
  hour: number;
  minute: number;
}

/** What a clock on the wall in `zone` shows at `instant`. */
export function wallClockAt(instant: Date, zone: string): WallClock {
  const { date, time } = toLocal(instant, zone);
  return { date, hour: Number(time.slice(0, 2)), minute: Number(time.slice(3, 5)) };
}

/**
 * The instant a wall clock in `zone` shows `date` at `hour:minute`. When the clocks fall back and
 * that time happens twice, the earlier one; when they spring forward over it, the time it would
 * be after the jump (02:30 in a 02:00→03:00 gap is 03:30), as calendar software does.
 */
export function instantOf(date: string, hour: number, minute: number, zone: string): Date {
  // Pure (zone rules do not change while the process runs) and costly (several Intl calls): a
  // page or job over every circle of a program asks for the same few instants thousands of times.
  const key = `${date}|${hour}|${minute}|${zone}`;
  const known = instants.get(key);
  if (known !== undefined) return new Date(known);
  if (instants.size >= MEMO_LIMIT) instants.clear();
  const found = computeInstant(date, hour, minute, zone);
  instants.set(key, found.getTime());
  return found;
}

function computeInstant(date: string, hour: number, minute: number, zone: string): Date {
  const time = `${pad(hour)}:${pad(minute)}`;
  const exact = fromLocal({ date, time }, zone);
  if (exact) return exact;
  // In a gap: read the wall clock with the offset in force before the jump.
  const naive = Date.parse(`${date}T${time}:00Z`);
  const dayBefore = toLocal(new Date(naive - DAY_MS), zone);
  const offsetBefore =
    Date.parse(`${dayBefore.date}T${dayBefore.time}:00Z`) -
    Math.floor((naive - DAY_MS) / 60_000) * 60_000;
  return new Date(naive - offsetBefore);
}

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** `months` calendar months later, on the same day of the month or the month's last day (31 Jan → 28/29 Feb). */
export function addMonths(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const index = year * 12 + (month - 1) + months;
  const lastDay = new Date(Date.UTC(Math.floor(index / 12), (index % 12) + 1, 0)).getUTCDate();
  return new Date(Date.UTC(Math.floor(index / 12), index % 12, Math.min(day, lastDay)))
    .toISOString()
    .slice(0, 10);
}

/** "Mon 15 Mar 2027, 09:00" as the zone's wall clock shows it. */
export function formatInZone(instant: Date, zone: string): string {
  let format = displayFormats.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    });
    displayFormats.set(zone, format);
  }
  return format.format(instant).replace(' at ', ', ');
}
