import { domainEvent } from '../events.js';
import type { CourseRef } from '../programs/ports.js';
import { attentionReason, NUDGE_REASON, nudgeDecision, nudgeStillShown, quietDays, type CircleQuiet } from './nudge-rules.js';
import type { CircleActivity, MeetingActivity, NudgeStore, PromptCalendarStore } from './ports.js';
import type { PromptSchedule } from './schedule.js';

interface Deps {
  nudges: NudgeStore;
  meetings: MeetingActivity;
  calendars: PromptCalendarStore;
}

type Activity = Awaited<ReturnType<NudgeStore['activity']>>[number];

async function withMeetings(deps: Pick<Deps, 'meetings'>, circles: Activity[]): Promise<Array<Activity & CircleQuiet>> {
  const meetings = await deps.meetings.lastMeetings(circles.map((c) => c.circleId));
  return circles.map((c) => ({ ...c, lastMeetingAt: meetings.get(c.circleId) ?? null }));
}

/**
 * Nudges every quiet circle whose nudge is due: each member gets the nudge and its event. The
 * repeat check runs again under the circle's lock, and (circle, nudge number) is unique, so two
 * instances running at once send one nudge.
 */
export async function sendDueNudges(deps: Deps, now: Date, programIds?: string[]): Promise<number> {
  let sent = 0;
  for (const circle of await withMeetings(deps, await deps.nudges.activity({ programIds }))) {
    const schedule = circle.schedule;
    if (!schedule || !nudgeDecision(circle, schedule, now).due) continue;
    const done = await deps.calendars.withCircle(circle.circleId, async (unit) => {
      const decision = nudgeDecision({ ...circle, lastNudge: await unit.lastNudge() }, schedule, now);
      if (!decision.due) return false;
      const events = circle.members.map((m) => domainEvent('nudge_sent', {
        ...circle.course, programId: circle.programId, circleId: circle.circleId, actorUserId: m.userId, occurredAt: now, data: { reason: NUDGE_REASON },
      }));
      return unit.recordNudge({ seq: decision.seq, reason: NUDGE_REASON, quietSince: decision.quietSince, starter: decision.starter, sentAt: now }, events);
    });
    if (done) sent++;
  }
  return sent;
}

export interface AttentionItem {
  circleId: string;
  circleName: string;
  reason: string;
  quietDays: number;
  lastNudgeAt: Date | null;
}

/** Circles of a program staff should look at, quietest first, with the reason in words. */
export async function circlesNeedingAttention(deps: Pick<Deps, 'nudges' | 'meetings'>, course: CourseRef, programId: string, schedule: PromptSchedule, now: Date): Promise<AttentionItem[]> {
  const circles = await withMeetings(deps, await deps.nudges.activity({ course, programId }));
  return circles.flatMap((c) => {
    const reason = attentionReason(c, schedule, now);
    return reason ? [{ circleId: c.circleId, circleName: c.circleName, reason, quietDays: quietDays(c, now), lastNudgeAt: c.lastNudge?.sentAt ?? null }] : [];
  }).sort((a, b) => b.quietDays - a.quietDays);
}

/** The nudges a member should see now: their circles' latest, while the circle stays quiet. */
export async function nudgesFor(deps: Pick<Deps, 'nudges' | 'meetings'>, course: CourseRef, programId: string, circleIds: string[]): Promise<Array<Pick<CircleActivity, 'circleId' | 'circleName'> & { starter: string; sentAt: Date }>> {
  const mine = (await deps.nudges.activity({ course, programId })).filter((c) => circleIds.includes(c.circleId));
  return (await withMeetings(deps, mine)).flatMap((c) =>
    c.lastNudge && nudgeStillShown(c, c.lastNudge.sentAt) ? [{ circleId: c.circleId, circleName: c.circleName, starter: c.lastNudge.starter, sentAt: c.lastNudge.sentAt }] : []);
}
