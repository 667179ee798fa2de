import { randomUUID } from 'node:crypto';
import { domainEvent, type DomainEvent, type EventDataByType, type EventType } from '../../src/mentoring/events.js';
import type { StatementSnapshot } from '../../src/xapi/snapshot.js';

export const MENTOR = '11111111-1111-4111-8111-111111111111';
export const MENTEE = '22222222-2222-4222-8222-222222222222';
export const OTHER_MENTOR = '33333333-3333-4333-8333-333333333333';

/** Example data for every event type: the builders must turn each into a valid statement. */
export const SAMPLE_DATA: { [K in EventType]: EventDataByType[K] } = {
  launched: { resourceLinkId: 'rl-1', courseRole: 'learner' },
  program_created: { title: 'Leaders of tomorrow' },
  program_configured: { title: 'Leaders of tomorrow' },
  participant_joined_program: { programRole: 'mentee', source: 'launch' },
  participant_left_program: { source: 'roster' },
  profile_completed: {},
  match_proposed: { mentorUserId: MENTOR, score: 87 },
  match_accepted: { mentorUserId: MENTOR, menteeUserId: MENTEE },
  match_declined: { mentorUserId: MENTOR, menteeUserId: MENTEE },
  circle_joined: { role: 'mentee' },
  circle_left: { reason: 'program_ended' },
  contract_agreed: { version: 2 },
  goal_set: { goalId: randomUUID(), title: 'Lead a cross-functional initiative' },
  milestone_completed: { goalId: randomUUID(), milestoneId: randomUUID(), title: 'Present the strategic plan' },
  meeting_scheduled: { meetingId: randomUUID(), startsAt: '2026-12-01T15:00:00.000Z', durationMinutes: 45 },
  meeting_attended: { meetingId: randomUUID(), durationMinutes: 50 },
  feedback_given: { meetingId: randomUUID(), toUserId: MENTOR, rating: 4 },
  prompt_delivered: { promptId: randomUUID(), promptVersion: 1, title: 'What energised you this week?' },
  prompt_answered: { promptId: randomUUID(), promptVersion: 1, visibility: 'private', answerId: randomUUID() },
  reply_posted: { answerId: randomUUID(), replyId: randomUUID() },
  nudge_sent: { reason: 'no_meeting_in_30_days' },
  rebalanced: { fromMentorUserId: MENTOR, toMentorUserId: OTHER_MENTOR },
  program_completed: {},
};

export const EVENT_TYPES = Object.keys(SAMPLE_DATA) as EventType[];

export function buildEvent<K extends EventType>(type: K, overrides: Partial<DomainEvent<K>> = {}): DomainEvent<K> {
  return {
    ...domainEvent(type, {
      tenantId: randomUUID(),
      courseId: randomUUID(),
      programId: type === 'launched' ? null : randomUUID(),
      circleId: type === 'launched' || type.startsWith('program') || type.startsWith('participant') ? null : randomUUID(),
      actorUserId: MENTEE,
      data: SAMPLE_DATA[type],
      occurredAt: new Date('2026-11-20T10:00:00.000Z'),
    }),
    ...overrides,
  };
}

export function buildSnapshot(overrides: Partial<StatementSnapshot> = {}): StatementSnapshot {
  const person = (subject: string) => ({ subject, name: `Person ${subject}`, email: `${subject}@example.edu` });
  return {
    tenantId: randomUUID(),
    platform: { issuer: 'https://moodle.example.edu', clientId: 'client-1', deploymentId: '1' },
    identity: 'account',
    course: { contextId: '101', title: 'Leadership Essentials' },
    program: { title: 'Leaders of tomorrow', types: ['one_on_one', 'group'] },
    registration: randomUUID(),
    people: { [MENTEE]: person('mentee-7'), [MENTOR]: person('mentor-3'), [OTHER_MENTOR]: person('mentor-9') },
    ...overrides,
  };
}
