import type { CircleStatus } from '../circles/ports.js';
import { cadenceDays, type PromptSchedule } from './schedule.js';
import { instantOf } from './zoned-time.js';

const DAY_MS = 86_400_000;
export const NUDGE_REASON = 'no_activity';

/** Gentle openers for a circle that has gone quiet: something easy to say yes to. */
export const CONVERSATION_STARTERS = [
  'What has been on your mind at work since we last spoke?',
  'What is one thing that went better than expected recently?',
  'Which part of your goal feels stuck right now, and what would unstick it?',
  'If we had fifteen minutes this week, what would be most useful to talk about?',
  'What is a decision you are weighing up at the moment?',
  'Who has helped you lately, and how?',
  'What have you learned recently that surprised you?',
  'What would you like the others in this circle to ask you about?',
];

export interface CircleQuiet {
  status: CircleStatus;
  paused: boolean;
  startedOn: string;
  timeZone: string;
  formedAt: Date;
  resumedAt: Date | null;
  lastAnswerAt: Date | null;
  lastMeetingAt: Date | null;
  lastNudge: { seq: number; sentAt: Date } | null;
}

/** The last sign of life: a meeting, an answered prompt, the end of a pause, or the circle's start. */
export function quietSince(circle: CircleQuiet): Date {
  const start = instantOf(circle.startedOn, 0, 0, circle.timeZone);
  const times = [start, circle.formedAt, circle.resumedAt, circle.lastAnswerAt, circle.lastMeetingAt].filter((t): t is Date => t !== null);
  return new Date(Math.max(...times.map((t) => t.getTime())));
}

export const quietDays = (circle: CircleQuiet, now: Date) => Math.max(0, Math.floor((now.getTime() - quietSince(circle).getTime()) / DAY_MS));

/** Quiet days after which staff see a circle as needing attention: the nudge threshold, or two prompt periods when nudges are off. */
export const attentionAfterDays = (schedule: PromptSchedule) => schedule.nudgeAfterDays ?? cadenceDays(schedule) * 2;

const watched = (circle: CircleQuiet) => circle.status === 'active' && !circle.paused;

/** Why staff should look at this circle, in words; null when it is fine. */
export function attentionReason(circle: CircleQuiet, schedule: PromptSchedule, now: Date): string | null {
  const days = quietDays(circle, now);
  if (!watched(circle) || days < attentionAfterDays(schedule)) return null;
  return `No meeting and no answered prompt for ${days} days`;
}

export type NudgeDecision = { due: false } | { due: true; seq: number; quietSince: Date; starter: string };

/**
 * A circle is nudged when it has been quiet for the configured days, is active and not paused, and
 * its last nudge is at least the configured repeat interval old.
 */
export function nudgeDecision(circle: CircleQuiet, schedule: PromptSchedule, now: Date): NudgeDecision {
  if (schedule.nudgeAfterDays === null || !watched(circle)) return { due: false };
  if (quietDays(circle, now) < schedule.nudgeAfterDays) return { due: false };
  if (circle.lastNudge && now.getTime() - circle.lastNudge.sentAt.getTime() < schedule.nudgeRepeatDays * DAY_MS) return { due: false };
  const seq = (circle.lastNudge?.seq ?? 0) + 1;
  return { due: true, seq, quietSince: quietSince(circle), starter: CONVERSATION_STARTERS[(seq - 1) % CONVERSATION_STARTERS.length]! };
}

/** Members see the latest nudge until the circle shows a sign of life after it. */
export const nudgeStillShown = (circle: CircleQuiet, nudgeSentAt: Date) => watched(circle) && nudgeSentAt >= quietSince(circle);
