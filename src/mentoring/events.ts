/**
 * Domain events: every mentoring action the LRS must hear about. Producers pass ids only; the
 * outbox resolves the actor, course and program it needs for a statement in the same transaction.
 */
export interface EventDataByType {
  launched: { resourceLinkId: string | null; courseRole: 'staff' | 'learner' };
  program_created: { title: string };
  program_configured: { title: string };
  participant_joined_program: { programRole: 'mentor' | 'mentee' | 'peer' | 'staff'; source: 'launch' | 'roster' };
  participant_left_program: { source: 'roster' | 'admin' };
  profile_completed: Record<string, never>;
  match_proposed: { mentorUserId: string; score: number };
  match_accepted: { mentorUserId: string; menteeUserId: string };
  match_declined: { mentorUserId: string; menteeUserId: string };
  circle_joined: { role: 'mentor' | 'mentee' | 'peer' };
  circle_left: { reason: string };
  contract_agreed: { version: number };
  goal_set: { goalId: string; title: string };
  milestone_completed: { goalId: string; milestoneId: string; title: string };
  meeting_scheduled: { meetingId: string; startsAt: string; durationMinutes: number };
  meeting_attended: { meetingId: string; durationMinutes: number };
  feedback_given: { meetingId: string | null; toUserId: string; rating: number };
  prompt_delivered: { promptId: string; promptVersion: number; title: string };
  prompt_answered: { promptId: string; promptVersion: number; visibility: 'private' | 'circle'; answerId: string };
  reply_posted: { answerId: string; replyId: string };
  nudge_sent: { reason: string };
  rebalanced: { fromMentorUserId: string; toMentorUserId: string };
  program_completed: Record<string, never>;
}

export type EventType = keyof EventDataByType;

export interface DomainEvent<T extends EventType = EventType> {
  /** UUID; the xAPI statement id is derived from it, so retries never duplicate. */
  id: string;
  type: T;
  occurredAt: Date;
  tenantId: string;
  courseId: string;
  programId: string | null;
  circleId: string | null;
  actorUserId: string;
  data: EventDataByType[T];
}

/** Builds an event with a fresh id; the caller writes it in the transaction of its domain change. */
export function domainEvent<T extends EventType>(
  type: T,
  fields: Omit<DomainEvent<T>, 'id' | 'type' | 'occurredAt'> & { occurredAt?: Date },
): DomainEvent<T> {
  const { occurredAt, ...rest } = fields;
  return { ...rest, id: crypto.randomUUID(), type, occurredAt: occurredAt ?? new Date() };
}
