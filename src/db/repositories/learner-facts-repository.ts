import type { LearnerFactsStore } from '../../mentoring/guided/learner-stage.js';
import type { ProfileAnswers } from '../../mentoring/profiles/profile.js';
import type { Db } from '../connection.js';
import { programOfCourse } from './program-scope.js';

/** A participant's stage on their program page: profile, circles, next meeting, survey. */
export function createLearnerFactsRepository(db: Db): LearnerFactsStore {
  return {
    async facts(scope, programId, participantId, now) {
      const inProgram = programOfCourse(scope, programId);
      const [profile, circles, opened, submitted] = await Promise.all([
        db
          .selectFrom('profiles')
          .select('answers')
          .where('program_id', 'in', inProgram)
          .where('participant_id', '=', participantId)
          .executeTakeFirst(),
        db
          .selectFrom('circle_members as m')
          .innerJoin('circles as c', 'c.id', 'm.circle_id')
          .innerJoin('programs as pr', 'pr.id', 'c.program_id')
          .where('pr.tenant_id', '=', scope.tenantId)
          .where('pr.course_id', '=', scope.courseId)
          .where('pr.id', '=', programId)
          .select(['c.id', 'c.name', 'c.time_zone'])
          .where('m.participant_id', '=', participantId)
          .where('m.left_at', 'is', null)
          .where('c.status', '<>', 'closed')
          .orderBy('m.joined_at')
          .execute(),
        db
          .selectFrom('survey_openings')
          .select('program_id')
          .where('program_id', 'in', inProgram)
          .executeTakeFirst(),
        db
          .selectFrom('survey_submissions')
          .select('program_id')
          .where('program_id', 'in', inProgram)
          .where('participant_id', '=', participantId)
          .executeTakeFirst(),
      ]);
      const next =
        circles.length === 0
          ? undefined
          : await db
              .selectFrom('circle_meetings')
              .select(['starts_at', 'circle_id'])
              .where(
                'circle_id',
                'in',
                circles.map((c) => c.id),
              )
              .where('starts_at', '>', now)
              .orderBy('starts_at')
              .limit(1)
              .executeTakeFirst();
      const zoneOf = (id: string) => circles.find((c) => c.id === id)?.time_zone ?? 'UTC';
      return {
        answers: (profile?.answers as ProfileAnswers | undefined) ?? null,
        circles: circles.map((c) => ({ id: c.id, name: c.name })),
        nextMeeting: next
          ? { startsAt: next.starts_at, circleId: next.circle_id, timeZone: zoneOf(next.circle_id) }
          : null,
        surveyOpenedEarly: Boolean(opened),
        surveySubmitted: Boolean(submitted),
      };
    },
  };
}
