import type { MemberView } from '../../mentoring/circle-life/circle-access.js';
import type { Feedback } from '../../mentoring/circle-life/feedback-ports.js';
import type { Meeting } from '../../mentoring/circle-life/meeting-ports.js';
import { hasStarted, MEETING_MODES } from '../../mentoring/circle-life/meeting-use-cases.js';
import { toLocal } from '../../shared/zoned-time.js';
import { choices, CIRCLE_ROLE_LABELS, formatWhen, type CirclePaths } from './circle-formats.js';

type Form = { values: Record<string, string | string[]>; errors: Record<string, string> };
const asText = (v: unknown) => (Array.isArray(v) ? v.join(', ') : v === undefined || v === null ? '' : String(v));
const errorList = (errors: Record<string, string>) => Object.entries(errors).map(([field, message]) => ({ field, message }));

/** The meeting form, with date and time in the circle's zone. */
export function meetingFormModel(view: MemberView, form: Form, now: Date) {
  const v = (k: string) => asText(form.values[k]);
  const field = (key: string, label: string, extra: Record<string, unknown>) => ({ key, label, value: v(key), error: form.errors[key] ?? null, hint: '', rows: 0, type: 'text', ...extra });
  return {
    circleName: view.circle.name, timeZone: view.circle.timeZone, today: toLocal(now, view.circle.timeZone).date,
    when: [
      field('date', 'Date', { type: 'date' }),
      field('time', 'Start time', { type: 'time' }),
      field('durationMinutes', 'Length in minutes', { type: 'number' }),
    ],
    modes: choices(MEETING_MODES, v('mode') || (view.program.virtual ? 'virtual' : 'in_person')),
    modeError: form.errors.mode ?? null,
    details: [
      field('place', 'Where: address, room or video link', { max: 500 }),
      field('agenda', 'Agenda', { rows: 3, max: 2000, hint: 'Shared with the circle and put in the calendar invitation.' }),
      field('notes', 'Private notes', { rows: 4, max: 5000, hint: 'Only this circle reads them: never program staff, never the calendar invitation.' }),
    ],
    errorList: errorList(form.errors),
  };
}

/** The values the form shows for an existing meeting. */
export function meetingValues(view: MemberView, meeting: Meeting): Record<string, string> {
  const local = toLocal(meeting.startsAt, view.circle.timeZone);
  return {
    date: local.date, time: local.time, durationMinutes: String(meeting.durationMinutes), mode: meeting.mode,
    place: meeting.place ?? '', agenda: meeting.agenda ?? '', notes: meeting.notes ?? '',
  };
}

export interface MeetingPageInput {
  view: MemberView;
  meeting: Meeting;
  given: Feedback[];
  now: Date;
  paths: CirclePaths;
  forms?: { attendance?: Form; feedback?: Form };
}

/** One meeting: details, the invitation, who attended, and feedback to the others once it has started. */
export function meetingPageModel({ view, meeting, given, now, paths, forms = {} }: MeetingPageInput) {
  const started = hasStarted(meeting, now);
  const others = view.circle.members.filter((m) => m.participantId !== view.me.participantId);
  const givenTo = new Set(given.map((f) => f.toParticipantId));
  const open = others.filter((m) => !givenTo.has(m.participantId));
  const fb = forms.feedback ?? { values: {}, errors: {} };
  const chosenAttendees = forms.attendance ? new Set([forms.attendance.values.attendees ?? []].flat()) : new Set(meeting.attendees);
  return {
    title: `Meeting of ${formatWhen(meeting.startsAt, view.circle.timeZone)}`, circleName: view.circle.name,
    meeting: {
      when: formatWhen(meeting.startsAt, view.circle.timeZone), timeZone: view.circle.timeZone, minutes: meeting.durationMinutes, mode: MEETING_MODES[meeting.mode],
      place: meeting.place, agenda: meeting.agenda, notes: meeting.notes, started,
    },
    attendance: view.circle.members.map((m) => ({ id: `attendee-${m.participantId}`, value: m.participantId, name: m.name, role: CIRCLE_ROLE_LABELS[m.role], checked: chosenAttendees.has(m.participantId) })),
    attendanceError: forms.attendance?.errors.attendees ?? null,
    feedback: {
      recipients: open.map((m) => ({ value: m.participantId, label: `${m.name} (${CIRCLE_ROLE_LABELS[m.role].toLowerCase()})`, selected: asText(fb.values.toParticipantId) === m.participantId })),
      ratings: [1, 2, 3, 4, 5].map((r) => ({ value: String(r), selected: asText(fb.values.rating) === String(r) })),
      comment: asText(fb.values.comment), errors: fb.errors, errorList: errorList(fb.errors),
      given: given.map((f) => ({ to: f.toName, rating: f.rating, comment: f.comment })),
    },
    urls: {
      circle: paths.link(''), ics: paths.link(`/meetings/${meeting.id}/invite.ics`), edit: paths.link(`/meetings/${meeting.id}/edit`),
      attendance: paths.action(`/meetings/${meeting.id}/attendance`), feedback: paths.action(`/meetings/${meeting.id}/feedback`),
      cancel: paths.action(`/meetings/${meeting.id}/cancel`),
    },
  };
}
