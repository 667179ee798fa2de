import type { Goal, GoalStore, Milestone } from '../../mentoring/circle-life/goal-ports.js';
import type { Db } from '../connection.js';
import { appendToOutbox } from './outbox-repository.js';

export function createGoalRepository(db: Db): GoalStore {
  async function load(tenantId: string, circleId: string, goalId?: string): Promise<Goal[]> {
    let query = db.selectFrom('circle_goals').selectAll().where('tenant_id', '=', tenantId).where('circle_id', '=', circleId);
    if (goalId) query = query.where('id', '=', goalId);
    const goals = await query.orderBy('due_on').orderBy('created_at').execute();
    if (!goals.length) return [];
    const milestones = await db.selectFrom('goal_milestones').selectAll().where('goal_id', 'in', goals.map((g) => g.id)).orderBy('due_on').orderBy('created_at').execute();
    return goals.map((g) => ({
      id: g.id, circleId: g.circle_id, ownerParticipantId: g.owner_participant_id, title: g.title, measure: g.measure, achievable: g.achievable, relevant: g.relevant, dueOn: g.due_on,
      milestones: milestones.filter((m) => m.goal_id === g.id).map((m): Milestone => ({
        id: m.id, goalId: m.goal_id, title: m.title, criteria: m.criteria, dueOn: m.due_on, status: m.status, evidence: m.evidence, completedAt: m.completed_at,
      })),
    }));
  }

  return {
    listForCircle: (tenantId, circleId) => load(tenantId, circleId),
    async find(tenantId, circleId, goalId) {
      return (await load(tenantId, circleId, goalId))[0];
    },
    async create(tenantId, circleId, goal, createdBy, toEvents) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('circle_goals').values({
          tenant_id: tenantId, circle_id: circleId, owner_participant_id: goal.ownerParticipantId, title: goal.title, measure: goal.measure,
          achievable: goal.achievable, relevant: goal.relevant, due_on: goal.dueOn, created_by: createdBy,
        }).returning('id').executeTakeFirstOrThrow();
        await appendToOutbox(trx, toEvents(row.id));
        return row.id;
      });
    },
    async update(tenantId, circleId, goalId, goal) {
      const result = await db.updateTable('circle_goals').set({
        owner_participant_id: goal.ownerParticipantId, title: goal.title, measure: goal.measure, achievable: goal.achievable, relevant: goal.relevant, due_on: goal.dueOn, updated_at: new Date(),
      }).where('id', '=', goalId).where('circle_id', '=', circleId).where('tenant_id', '=', tenantId).executeTakeFirst();
      return Number(result.numUpdatedRows) === 1;
    },
    async addMilestone(tenantId, goalId, milestone, toEvents) {
      return db.transaction().execute(async (trx) => {
        const row = await trx.insertInto('goal_milestones').values({
          tenant_id: tenantId, goal_id: goalId, title: milestone.title, criteria: milestone.criteria, due_on: milestone.dueOn, status: milestone.status,
          completed_at: milestone.status === 'done' ? new Date() : null,
        }).returning('id').executeTakeFirstOrThrow();
        await appendToOutbox(trx, toEvents(row.id));
        return row.id;
      });
    },
    async updateMilestone(tenantId, goalId, milestoneId, change, toEvents) {
      return db.transaction().execute(async (trx) => {
        const before = await trx.selectFrom('goal_milestones').select(['status', 'title', 'completed_at']).where('id', '=', milestoneId).where('goal_id', '=', goalId)
          .where('tenant_id', '=', tenantId).forUpdate().executeTakeFirst();
        if (!before) return false;
        const completedAt = change.status !== 'done' ? null : before.status === 'done' ? before.completed_at : new Date();
        await trx.updateTable('goal_milestones').set({ status: change.status, evidence: change.evidence, completed_at: completedAt }).where('id', '=', milestoneId).execute();
        await appendToOutbox(trx, toEvents(before.status, before.title));
        return true;
      });
    },
  };
}
