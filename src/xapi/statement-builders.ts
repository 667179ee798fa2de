import type { DomainEvent, EventType } from '../mentoring/events.js';
import { activityIri } from './ids.js';
import { activity, assemble, circleActivity, courseActivity, personOf, programActivity, type BuildOptions, type StatementParts } from './statement-parts.js';
import type { StatementSnapshot } from './snapshot.js';
import type { Statement } from './statement.js';
import { ACTIVITY_TYPE as T, EXTENSION as X, VERB as V } from './vocabulary.js';

type Builder<K extends EventType> = (e: DomainEvent<K>, s: StatementSnapshot, o: BuildOptions) => StatementParts;

const minutes = (n: number) => `PT${Math.round(n)}M`;
const programIri = (e: DomainEvent, s: StatementSnapshot) => programActivity(e, s).id;

function matchParts(e: DomainEvent<'match_accepted' | 'match_declined'>, s: StatementSnapshot, o: BuildOptions): StatementParts {
  return {
    verb: e.type === 'match_accepted' ? V.accepted : V.declined,
    object: activity(activityIri.match(programIri(e, s), e.data.menteeUserId, e.data.mentorUserId), T.match, 'Mentoring match'),
    context: { instructor: personOf(e, s, e.data.mentorUserId, o) },
  };
}

/** One builder per event type: the vocabulary each event is recorded with. */
const builders: { [K in EventType]: Builder<K> } = {
  launched: (e, s) => ({
    verb: V.launched,
    object: activity(activityIri.mentoringSpace(courseActivity(s).id), T.mentoringSpace, 'Mentoring Circles'),
    extensions: { [X.courseRole.id]: e.data.courseRole, ...(e.data.resourceLinkId ? { [X.resourceLink.id]: e.data.resourceLinkId } : {}) },
  }),
  program_created: (e, s) => ({ verb: V.created, object: programActivity(e, s), extensions: { [X.programRole.id]: 'staff' } }),
  program_configured: (e, s) => ({ verb: V.updated, object: programActivity(e, s), extensions: { [X.programRole.id]: 'staff' } }),
  participant_joined_program: (e, s) => ({
    verb: V.registered,
    object: programActivity(e, s),
    extensions: { [X.programRole.id]: e.data.programRole, [X.source.id]: e.data.source },
  }),
  participant_left_program: (e, s) => ({ verb: V.left, object: programActivity(e, s), extensions: { [X.source.id]: e.data.source } }),
  profile_completed: (e, s) => ({
    verb: V.completed,
    object: activity(activityIri.profile(programIri(e, s)), T.profile, 'Mentoring profile'),
    result: { completion: true },
  }),
  match_proposed: (e, s, o) => ({
    verb: V.matched,
    object: activity(activityIri.match(programIri(e, s), e.actorUserId, e.data.mentorUserId), T.match, 'Mentoring match'),
    result: { score: { raw: e.data.score, min: 0, max: 100, scaled: Math.round(e.data.score) / 100 } },
    context: { instructor: personOf(e, s, e.data.mentorUserId, o) },
  }),
  match_accepted: matchParts,
  match_declined: matchParts,
  circle_joined: (e, s) => ({
    verb: e.data.role === 'mentor' ? V.mentored : V.joined,
    object: circleActivity(e, s),
    extensions: { [X.programRole.id]: e.data.role },
  }),
  circle_left: (e, s) => ({ verb: V.left, object: circleActivity(e, s), extensions: { [X.reason.id]: e.data.reason } }),
  contract_agreed: (e, s) => ({
    verb: V.agreed,
    object: activity(activityIri.contract(circleActivity(e, s).id), T.contract, 'Learning contract'),
    extensions: { [X.contractVersion.id]: e.data.version },
  }),
  goal_set: (e, s) => ({ verb: V.set, object: activity(activityIri.goal(programIri(e, s), e.data.goalId), T.goal, e.data.title) }),
  milestone_completed: (e, s) => {
    const goalIri = activityIri.goal(programIri(e, s), e.data.goalId);
    return {
      verb: V.completed,
      object: activity(activityIri.milestone(goalIri, e.data.milestoneId), T.milestone, e.data.title),
      result: { completion: true, success: true },
      context: { contextActivities: { other: [activity(goalIri, T.goal, 'Goal')] } } as StatementParts['context'],
    };
  },
  meeting_scheduled: (e, s) => ({
    verb: V.scheduled,
    object: activity(activityIri.meeting(programIri(e, s), e.data.meetingId), T.meeting, 'Mentoring meeting'),
    extensions: { [X.scheduledStart.id]: new Date(e.data.startsAt).toISOString(), [X.plannedDuration.id]: minutes(e.data.durationMinutes) },
  }),
  meeting_attended: (e, s) => ({
    verb: V.attended,
    object: activity(activityIri.meeting(programIri(e, s), e.data.meetingId), T.meeting, 'Mentoring meeting'),
    result: { completion: true, duration: minutes(e.data.durationMinutes) },
  }),
  feedback_given: (e, s, o) => ({
    verb: V.gaveFeedback,
    object: personOf(e, s, e.data.toUserId, o),
    result: { score: { raw: e.data.rating, min: 1, max: 5, scaled: (e.data.rating - 1) / 4 } },
    ...(e.data.meetingId
      ? { context: { contextActivities: { other: [activity(activityIri.meeting(programIri(e, s), e.data.meetingId), T.meeting, 'Mentoring meeting')] } } as StatementParts['context'] }
      : {}),
  }),
  prompt_delivered: (e, s) => ({
    verb: V.received,
    object: activity(activityIri.prompt(programIri(e, s), e.data.promptId), T.prompt, e.data.title),
    extensions: { [X.promptVersion.id]: e.data.promptVersion },
  }),
  prompt_answered: (e, s) => ({
    verb: e.data.visibility === 'circle' ? V.shared : V.responded,
    object: activity(activityIri.prompt(programIri(e, s), e.data.promptId), T.prompt, 'Prompt'),
    result: { completion: true },
    extensions: { [X.promptVersion.id]: e.data.promptVersion, [X.visibility.id]: e.data.visibility },
  }),
  reply_posted: (e, s) => ({
    verb: V.commented,
    object: activity(activityIri.answer(programIri(e, s), e.data.answerId), T.answer, 'Shared prompt answer'),
  }),
  nudge_sent: (e, s) => ({
    verb: V.received,
    object: activity(activityIri.nudge(programIri(e, s), e.data.reason), T.nudge, 'Nudge'),
    extensions: { [X.reason.id]: e.data.reason },
  }),
  rebalanced: (e, s, o) => ({
    verb: V.reassigned,
    object: programActivity(e, s),
    context: { instructor: personOf(e, s, e.data.toMentorUserId, o) },
    extensions: { [X.previousMentor.id]: personOf(e, s, e.data.fromMentorUserId, o) },
  }),
  program_completed: (e, s) => ({ verb: V.completed, object: programActivity(e, s), result: { completion: true } }),
};

/** Pure: the same event and snapshot always give the same statement (its id derives from the event id). */
export function buildStatement(event: DomainEvent, snapshot: StatementSnapshot, options: BuildOptions): Statement {
  const build = builders[event.type] as Builder<EventType>;
  return assemble(event, snapshot, options, build(event, snapshot, options));
}

/** User ids an event names besides its actor: the outbox captures them in its snapshot. */
export function peopleNamedBy(event: DomainEvent): string[] {
  const d = event.data as Record<string, unknown>;
  const keys = ['mentorUserId', 'menteeUserId', 'toUserId', 'fromMentorUserId', 'toMentorUserId'];
  return [event.actorUserId, ...keys.map((k) => d[k]).filter((v): v is string => typeof v === 'string')];
}
