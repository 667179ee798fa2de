import { z } from 'zod';
import type { Clock } from '../../shared/clock.js';
import { AppError } from '../../shared/errors.js';
import { fromLocal } from '../../shared/zoned-time.js';
import { domainEvent } from '../events.js';
import type { CourseScope } from '../programs/ports.js';
import { circleEventFields, openCircleAsMember, requireOpenCircle, type CircleAccessDeps, type MemberView } from './circle-access.js';
import { isoDate, optionalText, validateWith, type FieldErrors, type Validated } from './form-validation.js';
import type { Meeting, MeetingFields, MeetingStore } from './meeting-ports.js';

interface Deps extends CircleAccessDeps {
  meetings: MeetingStore;
  clock: Clock;
}

export const MEETING_MODES = { virtual: 'Virtual (video or phone)', in_person: 'In person' } as const;

const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;

const formSchema = z.object({
  date: isoDate('the date'),
  time: z.string({ error: 'Enter the start time.' }).regex(TIME, 'Enter the start time as hours and minutes, e.g. 14:30.'),
  durationMinutes: z.coerce.number({ error: 'Enter the length in minutes.' }).int('Enter whole minutes.').min(5, 'A meeting lasts at least 5 minutes.').max(480, 'A meeting lasts at most 8 hours (480 minutes).'),
  mode: z.enum(['virtual', 'in_person'], { error: 'Choose virtual or in person.' }),
  place: optionalText('the place or link', 500),
  agenda: optionalText('the agenda', 2000),
  notes: optionalText('the notes', 5000),
});

/**
 * Dates and times are typed in the circle's time zone; a time skipped by a clock change is refused
 * (checked even when other fields are wrong, so every problem shows at once).
 */
export function validateMeeting(view: MemberView, input: Record<string, unknown>): Validated<MeetingFields> {
  const parsed = validateWith(formSchema, input);
  const date = String(input.date ?? '');
  const time = String(input.time ?? '');
  const wellFormed = /^\d{4}-\d{2}-\d{2}$/.test(date) && TIME.test(time);
  const startsAt = wellFormed ? fromLocal({ date, time }, view.circle.timeZone) : null;
  const gap: FieldErrors = wellFormed && !startsAt ? { time: `${time} does not exist on ${date} in ${view.circle.timeZone} (the clocks change). Choose another time.` } : {};
  if (!parsed.ok || !startsAt) return { ok: false, errors: { ...(parsed.ok ? {} : parsed.errors), ...gap } };
  const { date: _d, time: _t, ...rest } = parsed.value;
  return { ok: true, value: { ...rest, startsAt } };
}

export async function getMeeting(deps: Deps, scope: CourseScope, programId: string, circleId: string, meetingId: string): Promise<MemberView & { meeting: Meeting }> {
  const view = await openCircleAsMember(deps, scope, programId, circleId);
  const meeting = await deps.meetings.find(scope.tenantId, circleId, meetingId);
  if (!meeting) throw new AppError('MEETING_NOT_FOUND', 404, 'There is no such meeting in this circle.', { cause: { meetingId, circleId } });
  return { ...view, meeting };
}

/** Schedules a coming meeting or logs a past one; either way it is on the circle's record. */
export async function scheduleMeeting(deps: Deps, scope: CourseScope, programId: string, circleId: string, input: Record<string, unknown>): Promise<Validated<string>> {
  const view = await openCircleAsMember(deps, scope, programId, circleId);
  requireOpenCircle(view);
  const fields = validateMeeting(view, input);
  if (!fields.ok) return fields;
  const { startsAt, durationMinutes } = fields.value;
  const id = await deps.meetings.create(scope.tenantId, circleId, fields.value, scope.userId, (meetingId) => [
    domainEvent('meeting_scheduled', { ...circleEventFields(scope, view), data: { meetingId, startsAt: startsAt.toISOString(), durationMinutes } }),
  ]);
  return { ok: true, value: id };
}

export async function changeMeeting(deps: Deps, scope: CourseScope, programId: string, circleId: string, meetingId: string, input: Record<string, unknown>): Promise<Validated<string>> {
  const { meeting, ...view } = await getMeeting(deps, scope, programId, circleId, meetingId);
  requireOpenCircle(view);
  const fields = validateMeeting(view, input);
  if (!fields.ok) return fields;
  const announce = invitationChanged(meeting, fields.value) ? scope.userId : undefined;
  await deps.meetings.update(scope.tenantId, circleId, meetingId, fields.value, announce);
  return { ok: true, value: meetingId };
}

/** What the members' invitation shows changed (not only the private notes). */
const invitationChanged = (before: Meeting, after: MeetingFields) => before.startsAt.getTime() !== after.startsAt.getTime()
  || before.durationMinutes !== after.durationMinutes || before.mode !== after.mode || before.place !== after.place || before.agenda !== after.agenda;

/** A meeting still to come can be called off; the members get a calendar cancellation. */
export async function cancelMeeting(deps: Deps, scope: CourseScope, programId: string, circleId: string, meetingId: string): Promise<void> {
  const { meeting, ...view } = await getMeeting(deps, scope, programId, circleId, meetingId);
  requireOpenCircle(view);
  const now = deps.clock.now();
  if (hasStarted(meeting, now) || !(await deps.meetings.cancel(scope.tenantId, circleId, meetingId, scope.userId, now))) {
    throw new AppError('MEETING_STARTED', 409, 'A meeting that has started cannot be cancelled: mark who attended instead.');
  }
}

export const hasStarted = (meeting: Meeting, now: Date) => meeting.startsAt.getTime() <= now.getTime();

/** Who came, once the meeting has begun: each newly marked member is a meeting_attended event of theirs. */
export async function markAttendance(deps: Deps, scope: CourseScope, programId: string, circleId: string, meetingId: string, participantIds: string[]): Promise<Validated<string>> {
  const { meeting, ...view } = await getMeeting(deps, scope, programId, circleId, meetingId);
  requireOpenCircle(view);
  if (!hasStarted(meeting, deps.clock.now())) return { ok: false, errors: { attendees: 'You can mark who attended once the meeting has started.' } };
  const members = new Map(view.circle.members.map((m) => [m.participantId, m]));
  if (participantIds.some((id) => !members.has(id))) return { ok: false, errors: { attendees: 'Choose people of this circle.' } };
  await deps.meetings.setAttendance(scope.tenantId, meetingId, [...new Set(participantIds)], scope.userId, (newly) => newly.map((participantId) =>
    domainEvent('meeting_attended', { ...circleEventFields(scope, view, members.get(participantId)!.userId), data: { meetingId, durationMinutes: meeting.durationMinutes } })));
  return { ok: true, value: meetingId };
}
