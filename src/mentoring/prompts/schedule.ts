import { addDays, addMonths, instantOf } from './zoned-time.js';

export type PromptCadence = 'weekly' | 'fortnightly' | 'monthly' | 'custom';

/** A program's prompt calendar: how often, at what local hour, between which dates, and when to nudge. */
export interface PromptSchedule {
  cadence: PromptCadence;
  /** Days between prompts when the cadence is custom. */
  everyDays: number | null;
  /** Local hour (0–23, in the circle's time zone) at which a prompt is due. */
  sendHour: number;
  /** No prompt before this date, even in circles that started earlier. */
  startsOn: string | null;
  /** No prompt after this date; null means the program's end. */
  endsOn: string | null;
  /** Nudge a circle after this many quiet days; null turns nudges off. */
  nudgeAfterDays: number | null;
  /** At least this many days between two nudges of the same circle. */
  nudgeRepeatDays: number;
}

/** What a circle's calendar is computed from. */
export interface CircleClock {
  startedOn: string;
  timeZone: string;
}

export interface Occurrence {
  /** 0 for the first prompt of the circle, then 1, 2, … */
  seq: number;
  /** The due day in the circle's calendar. */
  date: string;
  dueAt: Date;
}

const DAYS: Record<Exclude<PromptCadence, 'monthly' | 'custom'>, number> = { weekly: 7, fortnightly: 14 };

/** The cadence as a number of days (a month counts as 30), for rules that need a length. */
export function cadenceDays(schedule: Pick<PromptSchedule, 'cadence' | 'everyDays'>): number {
  if (schedule.cadence === 'monthly') return 30;
  if (schedule.cadence === 'custom') return schedule.everyDays ?? 7;
  return DAYS[schedule.cadence];
}

/** The first due day: the circle's start, or the schedule's start when that is later. */
export function originOf(schedule: PromptSchedule, circle: CircleClock): string {
  return schedule.startsOn && schedule.startsOn > circle.startedOn ? schedule.startsOn : circle.startedOn;
}

/** The due day of occurrence `seq`: counted from the origin each time, so monthly dates never drift (31 Jan, 28 Feb, 31 Mar). */
export function dueDateOf(schedule: PromptSchedule, origin: string, seq: number): string {
  if (schedule.cadence === 'monthly') return addMonths(origin, seq);
  return addDays(origin, seq * cadenceDays(schedule));
}

/**
 * Occurrence `seq` of a circle's calendar, due at the schedule's hour on the wall clocks of the
 * circle's time zone (so it stays 09:00 across daylight-saving changes); null once past the end.
 */
export function occurrenceOf(schedule: PromptSchedule, circle: CircleClock, programEndsOn: string, seq: number): Occurrence | null {
  const date = dueDateOf(schedule, originOf(schedule, circle), seq);
  if (date > (schedule.endsOn ?? programEndsOn)) return null;
  return { seq, date, dueAt: instantOf(date, schedule.sendHour, 0, circle.timeZone) };
}

/** The schedule a program starts with: its meeting cadence, 09:00, nudges after two quiet periods. */
export function defaultSchedule(programCadence: string): PromptSchedule {
  const cadence: PromptCadence = programCadence === 'weekly' || programCadence === 'fortnightly' ? programCadence : 'monthly';
  const period = cadenceDays({ cadence, everyDays: null });
  return { cadence, everyDays: null, sendHour: 9, startsOn: null, endsOn: null, nudgeAfterDays: Math.max(14, period * 2), nudgeRepeatDays: Math.max(7, period) };
}
