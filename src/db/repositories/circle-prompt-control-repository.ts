import { sql } from 'kysely';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { CirclePromptControlStore } from '../../mentoring/prompts/ports.js';
import type { Db } from '../connection.js';

export function createCirclePromptControlRepository(db: Db): CirclePromptControlStore {
  /** The circle, if it is in this course. */
  const circleIn = (course: CourseRef, circleId: string) =>
    db.selectFrom('circles as c').innerJoin('programs as p', 'p.id', 'c.program_id').select(['c.id', 'c.program_id'])
      .where('c.id', '=', circleId).where('p.tenant_id', '=', course.tenantId).where('p.course_id', '=', course.courseId).executeTakeFirst();

  return {
    async pause(course, circleId, at, byUserId) {
      if (!(await circleIn(course, circleId))) return false;
      const row = await db.insertInto('circle_prompt_pauses').values({ tenant_id: course.tenantId, circle_id: circleId, paused_at: at, paused_by: byUserId })
        .onConflict((oc) => oc.columns(['tenant_id', 'circle_id']).where('resumed_at', 'is', null).doNothing()).returning('id').executeTakeFirst();
      return Boolean(row);
    },
    async resume(course, circleId, at) {
      const result = await db.updateTable('circle_prompt_pauses').set({ resumed_at: at })
        .where('circle_id', '=', circleId).where('tenant_id', '=', course.tenantId).where('resumed_at', 'is', null).executeTakeFirst();
      return Number(result.numUpdatedRows) > 0;
    },
    async addChange(course, circleId, promptId, kind, byUserId) {
      const circle = await circleIn(course, circleId);
      const prompt = circle && (await db.selectFrom('prompts').select('id').where('id', '=', promptId).where('program_id', '=', circle.program_id).executeTakeFirst());
      if (!prompt) throw new Error('The prompt is not one of the circle\'s program.');
      await db.insertInto('circle_prompt_changes').values({ tenant_id: course.tenantId, circle_id: circleId, prompt_id: promptId, kind, created_by: byUserId }).execute();
    },
    async removeChange(course, circleId, changeId) {
      const result = await db.deleteFrom('circle_prompt_changes').where('id', '=', changeId).where('circle_id', '=', circleId)
        .where('tenant_id', '=', course.tenantId).where('used_by', 'is', null).executeTakeFirst();
      return Number(result.numDeletedRows) > 0;
    },
    async changes(course, circleId) {
      const rows = await db.selectFrom('circle_prompt_changes as ch').innerJoin('prompts as p', 'p.id', 'ch.prompt_id')
        .innerJoin('prompt_versions as v', (j) => j.onRef('v.prompt_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'))
        .select(['ch.id', 'ch.kind', 'ch.prompt_id', 'v.title', 'ch.used_by'])
        .where('ch.circle_id', '=', circleId).where('ch.tenant_id', '=', course.tenantId).orderBy('ch.created_at').execute();
      return rows.map((r) => ({ id: r.id, kind: r.kind, promptId: r.prompt_id, title: r.title, used: r.used_by !== null }));
    },
    async history(course, circleId) {
      const rows = await db.selectFrom('prompt_deliveries as d').leftJoin('prompt_versions as v', 'v.id', 'd.prompt_version_id')
        .select(['d.id', 'd.seq', 'd.due_at', 'd.outcome', 'v.title', 'v.version'])
        .select(sql<number>`(select count(*) from prompt_answers a where a.delivery_id = d.id)`.as('answers'))
        .where('d.circle_id', '=', circleId).where('d.tenant_id', '=', course.tenantId).orderBy('d.seq', 'desc').execute();
      return rows.map((r) => ({ id: r.id, seq: r.seq, dueAt: r.due_at, outcome: r.outcome, title: r.title, version: r.version, answers: Number(r.answers) }));
    },
  };
}
