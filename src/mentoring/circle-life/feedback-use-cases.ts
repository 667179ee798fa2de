import { z } from 'zod';
import type { Clock } from '../../shared/clock.js';
import { domainEvent } from '../events.js';
import type { CourseScope } from '../programs/ports.js';
import { circleEventFields, memberOf, requireOpenCircle, type CircleAccessDeps } from './circle-access.js';
import type { FeedbackStore } from './feedback-ports.js';
import { optionalText, scale, validateWith, type Validated } from './form-validation.js';
import type { MeetingStore } from './meeting-ports.js';
import { getMeeting, hasStarted } from './meeting-use-cases.js';

interface Deps extends CircleAccessDeps {
  meetings: MeetingStore;
  feedback: FeedbackStore;
  clock: Clock;
}

const feedbackSchema = z.object({
  toParticipantId: z.string({ error: 'Choose who the feedback is for.' }).min(1, 'Choose who the feedback is for.'),
  rating: scale('a rating'),
  comment: optionalText('the comment', 1000),
});

/**
 * After a meeting, a member gives another member of the circle a rating and a comment. Only the
 * receiver (and the giver) read the comment; the event carries the rating alone.
 */
export async function giveFeedback(deps: Deps, scope: CourseScope, programId: string, circleId: string, meetingId: string, input: Record<string, unknown>): Promise<Validated<string>> {
  const { meeting, ...view } = await getMeeting(deps, scope, programId, circleId, meetingId);
  requireOpenCircle(view);
  if (!hasStarted(meeting, deps.clock.now())) return { ok: false, errors: { form: 'Feedback opens once the meeting has started.' } };
  const parsed = validateWith(feedbackSchema, input);
  if (!parsed.ok) return parsed;
  const to = memberOf(view, parsed.value.toParticipantId);
  if (!to || to.participantId === view.me.participantId) return { ok: false, errors: { toParticipantId: 'Choose another member of this circle.' } };
  const { rating, comment } = parsed.value;
  const event = domainEvent('feedback_given', { ...circleEventFields(scope, view), data: { meetingId, toUserId: to.userId, rating } });
  const result = await deps.feedback.give(scope.tenantId, circleId, { meetingId, fromParticipantId: view.me.participantId, toParticipantId: to.participantId, rating, comment }, [event]);
  if (result === 'duplicate') return { ok: false, errors: { toParticipantId: `You already gave ${to.name} feedback on this meeting.` } };
  return { ok: true, value: meetingId };
}
