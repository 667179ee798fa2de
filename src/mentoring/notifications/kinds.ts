import type { DomainEvent, EventType } from '../events.js';

/** What a person chooses about, one mail setting each. */
export type NotificationKind =
  | 'circle' | 'request' | 'meeting' | 'prompt' | 'nudge' | 'reminder' | 'deadline' | 'survey';
/** What one notification says. */
export type Topic =
  | 'circle_formed'
  | 'mentor_request'
  | 'request_accepted'
  | 'request_declined'
  | 'meeting_scheduled'
  | 'meeting_changed'
  | 'meeting_cancelled'
  | 'prompt_delivered'
  | 'nudge'
  | 'profile_reminder'
  | 'profile_due'
  | 'survey_open';
/** Mail right away, in the weekly digest, or not at all (the inbox always has it). */
export type MailMode = 'now' | 'digest' | 'off';

export const MAIL_MODES: Record<MailMode, string> = {
  now: 'Right away',
  digest: 'In a weekly digest',
  off: 'No e-mail (inbox only)',
};

/**
 * Defaults: what needs an answer, a calendar entry or this week's attention comes at once; nudges
 * (a quiet circle) wait for the weekly digest.
 */
type KindInfo = { label: string; help: string; defaultMode: MailMode };
export const KINDS: Record<NotificationKind, KindInfo> = {
  circle: {
    label: 'Your circle', help: 'You were matched or joined a circle.', defaultMode: 'now',
  },
  request: {
    label: 'Mentor requests', help: 'A mentee asks you to mentor them, or a mentor answered you.',
    defaultMode: 'now',
  },
  meeting: {
    label: 'Meetings',
    help: 'A meeting was scheduled, changed or cancelled (with a calendar invitation).',
    defaultMode: 'now',
  },
  prompt: { label: 'Prompts', help: 'This week\'s reflective prompt is out.', defaultMode: 'now' },
  nudge: {
    label: 'Nudges', help: 'Your circle has been quiet for a while.', defaultMode: 'digest',
  },
  reminder: {
    label: 'Reminders', help: 'Program staff remind you to finish your profile before matching.',
    defaultMode: 'now',
  },
  deadline: {
    label: 'Profile deadline',
    help: 'Your profile is not complete a few days before profiles are due for matching.',
    defaultMode: 'now',
  },
  survey: {
    label: 'Close-out survey', help: 'The program\'s close-out survey is open for you.',
    defaultMode: 'now',
  },
};

export const TOPIC_KIND: Record<Topic, NotificationKind> = {
  circle_formed: 'circle',
  mentor_request: 'request',
  request_accepted: 'request',
  request_declined: 'request',
  meeting_scheduled: 'meeting',
  meeting_changed: 'meeting',
  meeting_cancelled: 'meeting',
  prompt_delivered: 'prompt',
  nudge: 'nudge',
  profile_reminder: 'reminder',
  profile_due: 'deadline',
  survey_open: 'survey',
};

export const isKind = (value: string): value is NotificationKind => Object.hasOwn(KINDS, value);
export const isMailMode = (value: string): value is MailMode => Object.hasOwn(MAIL_MODES, value);

/** Who hears of an event: one named person, or the circle's current members but the actor. */
export type Audience = { to: 'user'; userId: string } | { to: 'circle_others' };

export interface NotificationIntent {
  event: DomainEvent;
  topic: Topic;
  audience: Audience;
}

type Rule = (e: DomainEvent) => Omit<NotificationIntent, 'event'> | null;
const data = <T extends EventType>(e: DomainEvent) => e.data as DomainEvent<T>['data'];
const actor = (e: DomainEvent): Audience => ({ to: 'user', userId: e.actorUserId });

/**
 * Exhaustive: every event says whether it notifies anyone. Nothing carries private text (answers,
 * journals, feedback): those events notify no one.
 */
const RULES: Record<EventType, Rule | null> = {
  launched: null,
  program_created: null,
  program_configured: null,
  participant_joined_program: null,
  participant_left_program: null,
  profile_completed: null,
  // A mentee's choice asks the mentor (only when a request waits: see the outbox query).
  match_proposed: (e) => ({
    topic: 'mentor_request',
    audience: { to: 'user', userId: data<'match_proposed'>(e).mentorUserId },
  }),
  // The mentor's own answer; staff approving a proposal is told by circle_formed instead.
  match_accepted: (e) => {
    const d = data<'match_accepted'>(e);
    const audience = { to: 'user' as const, userId: d.menteeUserId };
    return e.actorUserId === d.mentorUserId ? { topic: 'request_accepted', audience } : null;
  },
  match_declined: (e) => ({
    topic: 'request_declined',
    audience: { to: 'user', userId: data<'match_declined'>(e).menteeUserId },
  }),
  circle_joined: (e) => ({ topic: 'circle_formed', audience: actor(e) }),
  circle_left: null,
  contract_agreed: null,
  goal_set: null,
  milestone_completed: null,
  meeting_scheduled: () => ({ topic: 'meeting_scheduled', audience: { to: 'circle_others' } }),
  meeting_attended: null,
  feedback_given: null,
  prompt_delivered: (e) => ({ topic: 'prompt_delivered', audience: actor(e) }),
  prompt_answered: null,
  reply_posted: null,
  nudge_sent: (e) => ({ topic: 'nudge', audience: actor(e) }),
  rebalanced: null,
  program_completed: null,
};

export function notificationIntents(events: DomainEvent[]): NotificationIntent[] {
  return events.flatMap((event) => {
    const rule = RULES[event.type];
    const intent = rule ? rule(event) : null;
    return intent ? [{ event, ...intent }] : [];
  });
}
