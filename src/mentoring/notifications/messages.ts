import type { Topic } from './kinds.js';

export interface MemberFacts {
  userId: string;
  name: string | null;
  email: string | null;
  role: 'mentor' | 'mentee' | 'peer';
}

export interface MeetingFacts {
  id: string;
  startsAt: string;
  durationMinutes: number;
  mode: 'virtual' | 'in_person';
  place: string | null;
  agenda: string | null;
  sequence: number;
  updatedAt: string;
}

/** The snapshot a notification was written with (see the notification outbox). */
export interface NotificationFacts {
  program: string | null;
  circle: string | null;
  timeZone: string | null;
  actor: string | null;
  course: string | null;
  data: Record<string, unknown>;
  members: MemberFacts[] | null;
  meeting: MeetingFacts | null;
  deadline: string | null;
  deliveryId: string | null;
}

export interface NotificationIds {
  programId: string | null;
  circleId: string | null;
}

export interface Message {
  subject: string;
  /** Plain sentences, no private text. */
  lines: string[];
  /** The tool page it is about (the inbox links there with the session). */
  toolPath: string | null;
}

/** A time as the circle's members read it: in the circle's zone, named. */
export function circleTime(iso: string, zone: string | null): string {
  const timeZone = zone ?? 'UTC';
  const text = new Intl.DateTimeFormat('en-GB', {
    timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
    hour: '2-digit', minute: '2-digit', hourCycle: 'h23',
  }).format(new Date(iso));
  return `${text} (${timeZone})`;
}

/** A due date (YYYY-MM-DD) as people read it: a day, no zone. */
const dayOf = (value: unknown) => (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value)
  ? new Intl.DateTimeFormat('en-GB', {
    timeZone: 'UTC', weekday: 'short', day: 'numeric', month: 'short', year: 'numeric',
  }).format(new Date(`${value}T00:00:00Z`))
  : 'the due date');

const who = (name: string | null) => name ?? 'Someone';
const roleText = { mentor: 'mentor', mentee: 'mentee', peer: 'peer' } as const;
const memberLine = (m: MemberFacts) => `${who(m.name)} (${roleText[m.role]})`;

function meetingLines(f: NotificationFacts): string[] {
  const m = f.meeting;
  if (!m) return ['The meeting is no longer on the circle\'s record.'];
  return [
    `When: ${circleTime(m.startsAt, f.timeZone)}, ${m.durationMinutes} minutes.`,
    `Where: ${m.mode === 'virtual' ? 'virtual' : 'in person'}${m.place ? `, ${m.place}` : ''}.`,
    'The calendar invitation is attached.',
  ];
}

const circlePath = (ids: NotificationIds, rest = '') => (ids.programId && ids.circleId
  ? `/programs/${ids.programId}/circles/${ids.circleId}${rest}` : null);
const programPath = (ids: NotificationIds, rest = '') =>
  (ids.programId ? `/programs/${ids.programId}${rest}` : null);

type Compose = (f: NotificationFacts, ids: NotificationIds) => Message;

/** Exhaustive: every topic has its words. */
const COMPOSE: Record<Topic, Compose> = {
  circle_formed: (f, ids) => ({
    subject: `You are in a mentoring circle: ${f.circle ?? 'your circle'}`,
    lines: [
      `You have been matched in ${f.program ?? 'the mentoring program'}.`,
      `Your circle: ${(f.members ?? []).map(memberLine).join(', ') || 'being formed'}.`,
      'Next: read and agree your learning contract together.',
    ],
    toolPath: circlePath(ids, '/contract'),
  }),
  mentor_request: (f, ids) => ({
    subject: `${who(f.actor)} asks you to be their mentor`,
    lines: [
      `${who(f.actor)} chose you as a mentor in ${f.program ?? 'the mentoring program'}.`,
      f.deadline
        ? `Please accept or decline by ${circleTime(f.deadline, 'UTC')}.`
        : 'Please accept or decline.',
    ],
    toolPath: programPath(ids, '/match'),
  }),
  request_accepted: (f, ids) => ({
    subject: `${who(f.actor)} accepted your mentor request`,
    lines: [`${who(f.actor)} will be your mentor in ${f.program ?? 'the mentoring program'}.`],
    toolPath: programPath(ids, '/match'),
  }),
  request_declined: (f, ids) => ({
    subject: `${who(f.actor)} could not take your mentor request`,
    lines: [
      `${who(f.actor)} declined your request in ${f.program ?? 'the mentoring program'}.`,
      'If you ranked another mentor, they have been asked next.',
    ],
    toolPath: programPath(ids, '/match'),
  }),
  meeting_scheduled: (f, ids) => ({
    subject: `Meeting scheduled: ${f.circle ?? 'your circle'}`,
    lines: [
      `${who(f.actor)} scheduled a meeting of ${f.circle ?? 'your circle'}.`, ...meetingLines(f),
    ],
    toolPath: circlePath(ids, f.meeting ? `/meetings/${f.meeting.id}` : ''),
  }),
  meeting_changed: (f, ids) => ({
    subject: `Meeting changed: ${f.circle ?? 'your circle'}`,
    lines: [
      `${who(f.actor)} changed a meeting of ${f.circle ?? 'your circle'}.`, ...meetingLines(f),
    ],
    toolPath: circlePath(ids, f.meeting ? `/meetings/${f.meeting.id}` : ''),
  }),
  meeting_cancelled: (f, ids) => ({
    subject: `Meeting cancelled: ${f.circle ?? 'your circle'}`,
    lines: [
      `${who(f.actor)} cancelled the meeting of ${f.circle ?? 'your circle'}`
        + (f.meeting ? ` on ${circleTime(f.meeting.startsAt, f.timeZone)}.` : '.'),
      'The calendar cancellation is attached: your calendar removes the event.',
    ],
    toolPath: circlePath(ids),
  }),
  prompt_delivered: (f, ids) => ({
    subject: `This week's prompt: ${String(f.data.title ?? 'a new prompt')}`,
    lines: [`A new prompt is out for ${f.circle ?? 'your circle'}: ${String(f.data.title ?? '')}.`],
    toolPath: programPath(ids, f.deliveryId ? `/prompts/${f.deliveryId}` : '/prompts'),
  }),
  profile_reminder: (f, ids) => ({
    subject: `Please finish your profile: ${f.program ?? 'mentoring program'}`,
    lines: [
      `Your profile in ${f.program ?? 'the mentoring program'} is not complete yet.`,
      'Matching uses it: finish it soon so you can be matched well.',
    ],
    toolPath: programPath(ids, '/profile'),
  }),
  profile_due: (f, ids) => ({
    subject: `Your profile is due by ${dayOf(f.data.dueOn)}: ${f.program ?? 'mentoring program'}`,
    lines: [
      `Profiles in ${f.program ?? 'the mentoring program'} are due by ${dayOf(f.data.dueOn)}, `
        + 'and yours is not complete yet.',
      'Matching uses it: finish it before then so you can be matched well.',
    ],
    toolPath: programPath(ids, '/profile'),
  }),
  survey_open: (f, ids) => ({
    subject: `The close-out survey is open: ${f.program ?? 'mentoring program'}`,
    lines: [
      `The close-out survey of ${f.program ?? 'the mentoring program'} is open.`,
      'It takes a few minutes; your answers are only ever shown as totals.',
    ],
    toolPath: programPath(ids, '/survey'),
  }),
  nudge: (f, ids) => ({
    subject: `${f.circle ?? 'Your circle'} has been quiet`,
    lines: ['Your circle has not met or written for a while. A short check-in keeps it going.'],
    toolPath: circlePath(ids),
  }),
};

export const messageOf = (topic: Topic, facts: NotificationFacts, ids: NotificationIds): Message =>
  COMPOSE[topic](facts, ids);
