import type { Cadence } from '../programs/program-options.js';
import { MEETINGS_PER_WEEK } from './cadence.js';
import type { WeekFact } from './ports.js';
import { peopleRate, type Figure } from './privacy.js';

export interface TrendRow {
  week: string;
  meetingsHeld: number;
  /** Meetings the active circles would hold at the program's cadence. */
  meetingsExpected: number;
  activeCircles: number;
  /** Answers over members sent a prompt that week. */
  responseRate: Figure;
}

export function trendsOf(weeks: readonly WeekFact[], cadence: Cadence): TrendRow[] {
  return weeks.map((w) => ({
    week: w.week,
    meetingsHeld: w.meetingsHeld,
    meetingsExpected: Math.round(w.activeCircles * MEETINGS_PER_WEEK[cadence] * 10) / 10,
    activeCircles: w.activeCircles,
    responseRate: peopleRate(Math.min(w.promptAnswers, w.promptRecipients), w.promptRecipients),
  }));
}

const WEEK = 7 * 86_400_000;

/** The Mondays (UTC) of the last `count` weeks up to `now`'s week, oldest first, as a range. */
export function weekRange(now: Date, count: number, notBefore?: string): { from: Date; to: Date } {
  const day = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
  const monday = day.getTime() - ((day.getUTCDay() + 6) % 7) * 86_400_000;
  let from = monday - (count - 1) * WEEK;
  if (notBefore) {
    const start = Date.parse(`${notBefore}T00:00:00Z`);
    const startMonday = start - ((new Date(start).getUTCDay() + 6) % 7) * 86_400_000;
    from = Math.min(monday, Math.max(from, startMonday));
  }
  return { from: new Date(from), to: new Date(monday + WEEK) };
}
