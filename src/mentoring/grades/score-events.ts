import type { DomainEvent, EventType } from '../events.js';

/**
 * Which events can move a participant's grade. Exhaustive: a new event kind does not compile
 * until someone decides whether it moves the score.
 */
export const MOVES_SCORE: Record<EventType, boolean> = {
  launched: false,
  program_created: false,
  program_configured: false,
  participant_joined_program: true,
  participant_left_program: false,
  profile_completed: false,
  match_proposed: false,
  match_accepted: false,
  match_declined: false,
  circle_joined: true,
  circle_left: false,
  contract_agreed: true,
  goal_set: true,
  milestone_completed: true,
  meeting_scheduled: false,
  meeting_attended: true,
  feedback_given: false,
  prompt_delivered: true,
  prompt_answered: true,
  reply_posted: false,
  nudge_sent: false,
  rebalanced: false,
  program_completed: true,
};

/**
 * Where a score must be recomputed: the whole circle for circle events (a contract is agreed by
 * all of it), else the actor.
 */
export interface ScoreTarget {
  tenantId: string;
  programId: string;
  circleId: string | null;
  userId: string;
}

export function scoreTargetsOf(events: DomainEvent[]): ScoreTarget[] {
  const seen = new Map<string, ScoreTarget>();
  for (const e of events) {
    if (!MOVES_SCORE[e.type] || !e.programId) continue;
    const userId = e.circleId ? '' : e.actorUserId;
    const target = { tenantId: e.tenantId, programId: e.programId, circleId: e.circleId, userId };
    seen.set(`${target.programId}|${target.circleId}|${target.userId}`, target);
  }
  return [...seen.values()];
}
