import { AppError } from '../../shared/errors.js';
import { membershipEvents } from '../circles/circle-events.js';
import { leaveCircle, placePairs } from '../circles/placement.js';
import type { Circle, CircleHistoryEntry } from '../circles/ports.js';
import { domainEvent } from '../events.js';
import { findAlternativeMentor, type CriterionScore } from '../matching/index.js';
import type { CourseScope } from '../programs/ports.js';
import { explainAboutMentee } from './explain.js';
import { cohortOf, engineMentee, engineMentors, loadMatchContext, placementOf, type MatchContext, type MatchDeps } from './match-context.js';

export interface RebalanceOption {
  ctx: MatchContext;
  circle: Circle;
  menteeId: string;
  currentMentorId: string;
  suggestion: { mentorId: string; score: number; spareCapacity: number; criteria: CriterionScore[] } | null;
  reasons: string[];
}

/** Mentors this mentee has had in the program, from the membership history. */
export function pastMentorsOf(history: readonly CircleHistoryEntry[], menteeId: string): string[] {
  const circles = new Set(history.filter((h) => h.participantId === menteeId).map((h) => h.circleId));
  return [...new Set(history.filter((h) => circles.has(h.circleId) && h.role === 'mentor').map((h) => h.participantId))];
}

/** For a pair that is not working: the best other mentor with a place left, never a past one, or why there is none. */
export async function suggestRebalance(deps: MatchDeps, scope: CourseScope, programId: string, circleId: string, menteeId: string): Promise<RebalanceOption> {
  const ctx = await loadMatchContext(deps, scope, programId);
  const circle = ctx.circles.find((c) => c.id === circleId);
  const mentee = circle?.members.find((m) => m.participantId === menteeId && m.role === 'mentee');
  const mentor = circle?.members.find((m) => m.role === 'mentor');
  if (!circle || !mentee) throw new AppError('MEMBER_NOT_FOUND', 404, 'This mentee is not in that circle.', { cause: { circleId, menteeId, programId } });
  if (!mentor) throw new AppError('REBALANCE_REFUSED', 409, `${circle.name} has no mentor to replace: move people instead.`);
  const me = engineMentee(ctx, menteeId);
  if (!me) return { ctx, circle, menteeId, currentMentorId: mentor.participantId, suggestion: null, reasons: [`${mentee.name} has no profile to match with`] };
  const pastMentorIds = pastMentorsOf(await deps.circleChanges.history(scope, programId), menteeId);
  const forbidden = ctx.constraints.filter((c) => c.kind === 'forbid').map(({ mentorId, menteeId: m }) => ({ mentorId, menteeId: m }));
  const mentors = engineMentors(ctx);
  const found = findAlternativeMentor({ participants: [...mentors, me], settings: ctx.engine, forbidden }, menteeId, { currentMentorId: mentor.participantId, pastMentorIds, load: cohortOf(ctx).load });
  const suggestion = found.suggestion && {
    ...found.suggestion, criteria: explainAboutMentee(mentors.find((m) => m.id === found.suggestion!.mentorId)!, me, ctx.engine),
  };
  return { ctx, circle, menteeId, currentMentorId: mentor.participantId, suggestion, reasons: found.reasons };
}

/** Reassigns the mentee to the suggested mentor without blame: history kept, `rebalanced` recorded. */
export async function applyRebalance(deps: MatchDeps, scope: CourseScope, programId: string, circleId: string, menteeId: string, toMentorId: string): Promise<void> {
  const option = await suggestRebalance(deps, scope, programId, circleId, menteeId);
  if (!option.suggestion || option.suggestion.mentorId !== toMentorId) {
    throw new AppError('REBALANCE_CHANGED', 409, 'The suggestion changed since you opened it: review the new suggestion.');
  }
  const { ctx, circle } = option;
  const others = ctx.circles.map((c) => (c.id === circle.id ? { ...c, members: c.members.filter((m) => m.participantId !== menteeId) } : c));
  const changes = [...leaveCircle(circle, menteeId, 'rebalanced'), ...placePairs(placementOf(ctx), [{ mentorId: toMentorId, menteeId }], others)];
  const userOf = (id: string) => ctx.person(id).userId;
  await deps.circleChanges.apply(scope, changes, (idOf) => [
    ...membershipEvents(scope, programId, changes, idOf, userOf),
    domainEvent('rebalanced', {
      tenantId: scope.tenantId, courseId: scope.courseId, programId, circleId: null, actorUserId: userOf(menteeId),
      data: { fromMentorUserId: userOf(option.currentMentorId), toMentorUserId: userOf(toMentorId) },
    }),
  ]);
}
