import { weeklyUtcIntervals } from '../matching/availability.js';
import type { WeeklyWindow } from '../matching/index.js';

export interface MemberAvailability {
  timeZone: string;
  availability: readonly WeeklyWindow[];
}

const DAY_MS = 86_400_000;
const MIN_SLOT_MINUTES = 60;

/** Both lists' common minutes, as sorted disjoint [start, end) pairs flattened. */
function intersect(a: readonly number[], b: readonly number[]): number[] {
  const out: number[] = [];
  for (let i = 0, j = 0; i < a.length && j < b.length;) {
    const start = Math.max(a[i]!, b[j]!);
    const end = Math.min(a[i + 1]!, b[j + 1]!);
    if (end > start) out.push(start, end);
    if (a[i + 1]! < b[j + 1]!) i += 2;
    else j += 2;
  }
  return out;
}

/** The Monday (UTC) of the week holding `now`, as YYYY-MM-DD. */
function mondayOf(now: Date): string {
  const day = (now.getUTCDay() + 6) % 7;
  return new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()) - day * DAY_MS,
  )
    .toISOString()
    .slice(0, 10);
}

/**
 * Times in the coming week when every member said they are free (each in their own zone), at least
 * an hour long, soonest first: what a circle can meet at without a round of "when suits you?".
 */
export function sharedSlots(
  members: readonly MemberAvailability[],
  now: Date,
  limit = 3,
): Array<{ startsAt: Date; minutes: number }> {
  const known = members.filter((m) => m.availability.length > 0);
  if (known.length < 2 || known.length < members.length) return [];
  const week = mondayOf(now);
  const common = known
    .map((m) => weeklyUtcIntervals(m.availability, m.timeZone, week))
    .reduce(intersect);
  const monday = Date.parse(`${week}T00:00:00Z`);
  const slots: Array<{ startsAt: Date; minutes: number }> = [];
  for (let i = 0; i < common.length; i += 2) {
    const minutes = common[i + 1]! - common[i]!;
    if (minutes < MIN_SLOT_MINUTES) continue;
    let at = monday + common[i]! * 60_000;
    // A day's notice at least: this week's slot if far enough ahead, else next week's.
    if (at < now.getTime() + DAY_MS) at += 7 * DAY_MS;
    slots.push({ startsAt: new Date(at), minutes });
  }
  return slots.sort((x, y) => x.startsAt.getTime() - y.startsAt.getTime()).slice(0, limit);
}
