import { z } from 'zod';
import { AppError } from '../../shared/errors.js';
import { domainEvent } from '../events.js';
import type { CourseScope } from '../programs/ports.js';
import { circleEventFields, memberOf, openCircleAsMember, requireOpenCircle, type CircleAccessDeps, type MemberView } from './circle-access.js';
import { isoDate, optionalText, requiredText, validateWith, type Validated } from './form-validation.js';
import type { Goal, GoalFields, GoalStore, MilestoneStatus } from './goal-ports.js';

interface Deps extends CircleAccessDeps {
  goals: GoalStore;
}

export const MILESTONE_STATUSES = { not_started: 'Not started', in_progress: 'In progress', done: 'Done' } as const satisfies Record<MilestoneStatus, string>;
const statusSchema = z.enum(['not_started', 'in_progress', 'done'], { error: 'Choose a status.' });

const goalSchema = z.object({
  ownerParticipantId: z.string({ error: 'Choose whose goal this is.' }).min(1, 'Choose whose goal this is.'),
  title: requiredText('the goal (what exactly you want to achieve)', 200),
  measure: requiredText('how you will measure it', 1000),
  achievable: requiredText('what makes it achievable', 1000),
  relevant: requiredText('why it matters to you', 1000),
  dueOn: isoDate('the target date'),
});

const milestoneSchema = z.object({
  title: requiredText('the milestone', 200),
  criteria: requiredText('how you will know it is reached', 1000),
  dueOn: isoDate('the due date'),
  status: statusSchema.default('not_started'),
});

const changeSchema = z.object({ status: statusSchema, evidence: optionalText('the evidence note', 2000) });

/** Goals belong to a mentee (or a peer): a mentor guides them but has none of their own here. */
export function goalOwners(view: MemberView) {
  return view.circle.members.filter((m) => m.role !== 'mentor');
}

function checkOwner(view: MemberView, goal: GoalFields): Validated<GoalFields> {
  const owner = memberOf(view, goal.ownerParticipantId);
  if (!owner || owner.role === 'mentor') return { ok: false, errors: { ownerParticipantId: 'Choose a mentee of this circle.' } };
  return { ok: true, value: goal };
}

export async function getGoal(deps: Deps, scope: CourseScope, programId: string, circleId: string, goalId: string): Promise<MemberView & { goal: Goal }> {
  const view = await openCircleAsMember(deps, scope, programId, circleId);
  const goal = await deps.goals.find(scope.tenantId, circleId, goalId);
  if (!goal) throw new AppError('GOAL_NOT_FOUND', 404, 'There is no such goal in this circle.', { cause: { goalId, circleId } });
  return { ...view, goal };
}

export async function setGoal(deps: Deps, scope: CourseScope, programId: string, circleId: string, input: Record<string, unknown>): Promise<Validated<string>> {
  const view = await openCircleAsMember(deps, scope, programId, circleId);
  requireOpenCircle(view);
  const parsed = validateWith(goalSchema, input);
  const checked = parsed.ok ? checkOwner(view, parsed.value) : parsed;
  if (!checked.ok) return checked;
  const id = await deps.goals.create(scope.tenantId, circleId, checked.value, scope.userId, (goalId) => [
    domainEvent('goal_set', { ...circleEventFields(scope, view), data: { goalId, title: checked.value.title } }),
  ]);
  return { ok: true, value: id };
}

export async function reviseGoal(deps: Deps, scope: CourseScope, programId: string, circleId: string, goalId: string, input: Record<string, unknown>): Promise<Validated<string>> {
  const { goal: _goal, ...view } = await getGoal(deps, scope, programId, circleId, goalId);
  requireOpenCircle(view);
  const parsed = validateWith(goalSchema, input);
  const checked = parsed.ok ? checkOwner(view, parsed.value) : parsed;
  if (!checked.ok) return checked;
  await deps.goals.update(scope.tenantId, circleId, goalId, checked.value);
  return { ok: true, value: goalId };
}

/** Milestones added already done count as completed too. */
export async function addMilestone(deps: Deps, scope: CourseScope, programId: string, circleId: string, goalId: string, input: Record<string, unknown>): Promise<Validated<string>> {
  const { goal: _goal, ...view } = await getGoal(deps, scope, programId, circleId, goalId);
  requireOpenCircle(view);
  const parsed = validateWith(milestoneSchema, input);
  if (!parsed.ok) return parsed;
  const id = await deps.goals.addMilestone(scope.tenantId, goalId, parsed.value, (milestoneId) => parsed.value.status === 'done'
    ? [domainEvent('milestone_completed', { ...circleEventFields(scope, view), data: { goalId, milestoneId, title: parsed.value.title } })]
    : []);
  return { ok: true, value: id };
}

/** Each move into "done" is a milestone_completed event; saving a milestone that is already done is not. */
export async function updateMilestone(deps: Deps, scope: CourseScope, programId: string, circleId: string, goalId: string, milestoneId: string, input: Record<string, unknown>): Promise<Validated<string>> {
  const { goal, ...view } = await getGoal(deps, scope, programId, circleId, goalId);
  requireOpenCircle(view);
  if (!goal.milestones.some((m) => m.id === milestoneId)) throw new AppError('MILESTONE_NOT_FOUND', 404, 'There is no such milestone on this goal.', { cause: { goalId, milestoneId } });
  const parsed = validateWith(changeSchema, input);
  if (!parsed.ok) return parsed;
  await deps.goals.updateMilestone(scope.tenantId, goalId, milestoneId, parsed.value, (previous, title) => previous !== 'done' && parsed.value.status === 'done'
    ? [domainEvent('milestone_completed', { ...circleEventFields(scope, view), data: { goalId, milestoneId, title } })]
    : []);
  return { ok: true, value: milestoneId };
}
