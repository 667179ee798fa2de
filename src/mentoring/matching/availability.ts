import { fromLocal } from '../../shared/zoned-time.js';
import type { Weekday, WeeklyWindow } from './types.js';

/**
 * Weekly windows become minute intervals of one reference week in UTC, measured from that
 * Monday 00:00 UTC, so people in different time zones compare on one axis. Offsets are those in
 * force on each day of the reference week, so DST is applied as it is that week.
 */
export const WEEK_MINUTES = 7 * 24 * 60;
const DAY_MS = 86_400_000;
const DAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

export { isTimeZone as isValidTimeZone } from '../../shared/zoned-time.js';

const epochCache = new Map<string, number>();

/**
 * The instant a local wall-clock time names (cached: a cohort repeats the same few). A time
 * skipped by a DST change is read with the offset of an hour later, minus that hour.
 */
function localToEpoch(timeZone: string, localAsUtcMs: number): number {
  const key = `${timeZone}|${localAsUtcMs}`;
  let epoch = epochCache.get(key);
  if (epoch === undefined) {
    if (epochCache.size > 10_000) epochCache.clear();
    const instantOf = (ms: number) => fromLocal({ date: new Date(ms).toISOString().slice(0, 10), time: new Date(ms).toISOString().slice(11, 16) }, timeZone);
    epoch = instantOf(localAsUtcMs)?.getTime() ?? instantOf(localAsUtcMs + 3_600_000)!.getTime() - 3_600_000;
    epochCache.set(key, epoch);
  }
  return epoch;
}

/** 'HH:MM' → minutes after midnight; '24:00' allowed; null when malformed. */
export function parseClock(text: string): number | null {
  const match = /^(\d{1,2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  return Number(match[2]) < 60 && minutes <= 24 * 60 ? minutes : null;
}

export function referenceMondayMs(referenceWeek: string): number {
  const ms = Date.parse(`${referenceWeek}T00:00:00Z`);
  if (Number.isNaN(ms) || new Date(ms).getUTCDay() !== 1) throw new RangeError(`referenceWeek must be a Monday (YYYY-MM-DD), got ${referenceWeek}`);
  return ms;
}

/** Sorted, disjoint [start, end) pairs, flattened: [s0, e0, s1, e1, …], within [0, WEEK_MINUTES). */
export function weeklyUtcIntervals(windows: readonly WeeklyWindow[], timeZone: string, referenceWeek: string): number[] {
  const monday = referenceMondayMs(referenceWeek);
  const raw: Array<[number, number]> = [];
  for (const window of windows) {
    const start = parseClock(window.start);
    const end = parseClock(window.end);
    const day = DAYS.indexOf(window.day);
    if (start === null || end === null || day < 0) throw new RangeError(`invalid availability window ${JSON.stringify(window)}`);
    const dayMs = monday + day * DAY_MS;
    const from = (localToEpoch(timeZone, dayMs + start * 60_000) - monday) / 60_000;
    const length = end > start ? end - start : end + 24 * 60 - start;
    pushWrapped(raw, from, from + length);
  }
  return mergeIntervals(raw);
}

function pushWrapped(out: Array<[number, number]>, from: number, to: number): void {
  const start = ((from % WEEK_MINUTES) + WEEK_MINUTES) % WEEK_MINUTES;
  const end = start + (to - from);
  if (end <= WEEK_MINUTES) out.push([start, end]);
  else out.push([start, WEEK_MINUTES], [0, end - WEEK_MINUTES]);
}

function mergeIntervals(raw: Array<[number, number]>): number[] {
  raw.sort((a, b) => a[0] - b[0]);
  const merged: number[] = [];
  for (const [start, end] of raw) {
    const last = merged.length - 1;
    if (last > 0 && start <= merged[last]!) merged[last] = Math.max(merged[last]!, end);
    else merged.push(start, end);
  }
  return merged;
}

/** Minutes both interval lists cover. */
export function overlapMinutes(a: readonly number[], b: readonly number[]): number {
  let i = 0;
  let j = 0;
  let total = 0;
  while (i < a.length && j < b.length) {
    const start = Math.max(a[i]!, b[j]!);
    const end = Math.min(a[i + 1]!, b[j + 1]!);
    if (end > start) total += end - start;
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return total;
}
