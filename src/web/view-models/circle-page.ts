import type { MemberView } from '../../mentoring/circle-life/circle-access.js';
import type { ContractState } from '../../mentoring/circle-life/contract-use-cases.js';
import type { Feedback } from '../../mentoring/circle-life/feedback-ports.js';
import type { Goal } from '../../mentoring/circle-life/goal-ports.js';
import type { Meeting } from '../../mentoring/circle-life/meeting-ports.js';
import { MEETING_MODES } from '../../mentoring/circle-life/meeting-use-cases.js';
import { CIRCLE_ROLE_LABELS, formatDate, formatWhen, percent } from './circle-formats.js';
import { inViewerZone } from './viewer-time.js';

export interface CirclePageInput {
  view: MemberView;
  contract: ContractState;
  goals: Goal[];
  meetings: Meeting[];
  received: Feedback[];
  now: Date;
  /** A tool URL under this circle, carrying the session. */
  link: (rest: string) => string;
  /** Members' e-mail (as the LMS shared it) and the reader's own zone. */
  contacts?: { emails: Map<string, string>; readerZone: string | undefined };
}

export function nameOf(view: MemberView, userOrParticipantId: string): string {
  return view.circle.members.find((m) => m.userId === userOrParticipantId || m.participantId === userOrParticipantId)?.name ?? 'A former member';
}

export function contractSummary(view: MemberView, contract: ContractState) {
  const current = contract.current;
  return {
    exists: Boolean(current), version: current?.version ?? 0, agreed: contract.agreed,
    waitingFor: contract.waitingFor.map((id) => nameOf(view, id)),
    myTurn: contract.waitingFor.includes(view.me.userId),
  };
}

export function goalRow(view: MemberView, goal: Goal, link: (rest: string) => string) {
  const done = goal.milestones.filter((m) => m.status === 'done').length;
  return {
    title: goal.title, owner: nameOf(view, goal.ownerParticipantId), due: formatDate(goal.dueOn), done, total: goal.milestones.length,
    percent: percent(done, goal.milestones.length), url: link(`/goals/${goal.id}`),
  };
}

export function meetingRow(view: MemberView, meeting: Meeting, link: (rest: string) => string, readerZone?: string) {
  const shown = inViewerZone(meeting.startsAt, readerZone, view.circle.timeZone);
  return {
    when: readerZone ? shown.text : formatWhen(meeting.startsAt, view.circle.timeZone), circleWhen: readerZone ? shown.other : null, minutes: meeting.durationMinutes, mode: MEETING_MODES[meeting.mode],
    attended: meeting.attendees.map((id) => nameOf(view, id)), url: link(`/meetings/${meeting.id}`), icsUrl: link(`/meetings/${meeting.id}/invite.ics`),
  };
}

/** The member's page: who is in the circle, the contract's state, goals, meetings, feedback received. */
export function circlePageModel({ view, contract, goals, meetings, received, now, link, contacts }: CirclePageInput) {
  const upcoming = meetings.filter((m) => m.startsAt > now).reverse();
  const past = meetings.filter((m) => m.startsAt <= now);
  const zone = contacts?.readerZone;
  return {
    next: upcoming[0] ? meetingRow(view, upcoming[0], link, zone) : null,
    title: view.circle.name,
    circle: { name: view.circle.name, timeZone: view.circle.timeZone, closed: view.circle.status === 'closed', startedOn: formatDate(view.circle.startedOn) },
    members: view.circle.members.map((m) => ({
      name: m.name, role: CIRCLE_ROLE_LABELS[m.role], isMe: m.userId === view.me.userId, email: contacts?.emails.get(m.participantId) ?? null,
    })),
    emailAll: contacts ? [...contacts.emails.entries()].filter(([id]) => id !== view.me.participantId).map(([, e]) => e).join(',') : '',
    contract: contractSummary(view, contract),
    goals: goals.map((g) => goalRow(view, g, link)),
    upcoming: upcoming.map((m) => meetingRow(view, m, link, zone)),
    past: past.map((m) => meetingRow(view, m, link, zone)),
    received: received.map((f) => ({ from: f.fromName, rating: f.rating, comment: f.comment, when: formatWhen(f.meetingStartsAt, view.circle.timeZone) })),
    urls: { contract: link('/contract'), newGoal: link('/goals/new'), newMeeting: link('/meetings/new') },
  };
}
