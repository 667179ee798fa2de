import type { ProgramType } from '../../mentoring/programs/program-options.js';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { DeliveredPrompt, PromptAnswerStore, ReviewAnswer } from '../../mentoring/prompts/ports.js';
import type { PromptCategory } from '../../mentoring/prompts/prompt-options.js';
import type { Db } from '../connection.js';
import { appendToOutbox } from './outbox-repository.js';

const nameOf = (name: string | null) => name ?? 'A circle member';

/**
 * Delivered prompts, answers and replies. Privacy lives in the queries: answer text is only
 * selected where it is shared with the circle or written by the reader.
 */
export function createPromptAnswerRepository(db: Db): PromptAnswerStore {
  const deliveredIn = (course: CourseRef, programId: string | null) =>
    db.selectFrom('prompt_deliveries as d').innerJoin('programs as p', 'p.id', 'd.program_id').innerJoin('circles as c', 'c.id', 'd.circle_id')
      .innerJoin('prompt_versions as v', 'v.id', 'd.prompt_version_id')
      .select(['d.id', 'd.circle_id', 'c.name as circle_name', 'd.program_id', 'd.prompt_id', 'd.due_at', 'v.version', 'v.category', 'v.title', 'v.body', 'v.audience', 'v.program_types', 'v.minutes', 'v.follow_up'])
      .where('p.tenant_id', '=', course.tenantId).where('p.course_id', '=', course.courseId).where('d.outcome', '=', 'delivered')
      .$if(programId !== null, (q) => q.where('d.program_id', '=', programId!));
  type Row = Awaited<ReturnType<ReturnType<typeof deliveredIn>['execute']>>[number];
  const toDelivered = (r: Row): DeliveredPrompt => ({
    id: r.id, circleId: r.circle_id, circleName: r.circle_name, programId: r.program_id, promptId: r.prompt_id ?? '', version: r.version, deliveredAt: r.due_at,
    category: r.category as PromptCategory, title: r.title, body: r.body, audience: r.audience, programTypes: r.program_types as ProgramType[], minutes: r.minutes, followUp: r.follow_up,
  });
  /** Answers of deliveries in this course only: every answer query starts here. */
  const answersIn = (course: CourseRef) =>
    db.selectFrom('prompt_answers as a').innerJoin('prompt_deliveries as d', 'd.id', 'a.delivery_id').innerJoin('programs as p', 'p.id', 'd.program_id')
      .where('p.tenant_id', '=', course.tenantId).where('p.course_id', '=', course.courseId);

  return {
    async delivered(course, programId, circleIds) {
      if (!circleIds.length) return [];
      return (await deliveredIn(course, programId).where('d.circle_id', 'in', circleIds).orderBy('d.due_at', 'desc').orderBy('d.seq', 'desc').execute()).map(toDelivered);
    },
    async deliveredToCircles(course, circleIds) {
      if (!circleIds.length) return [];
      return (await deliveredIn(course, null).where('d.circle_id', 'in', circleIds).orderBy('d.due_at', 'desc').orderBy('d.seq', 'desc').execute()).map(toDelivered);
    },
    async findDelivered(course, programId, deliveryId) {
      const row = await deliveredIn(course, programId).where('d.id', '=', deliveryId).executeTakeFirst();
      return row && toDelivered(row);
    },
    async create(course, answer, events) {
      return db.transaction().execute(async (trx) => {
        const delivery = await trx.selectFrom('prompt_deliveries as d').innerJoin('programs as p', 'p.id', 'd.program_id').select('d.id')
          .where('d.id', '=', answer.deliveryId).where('p.tenant_id', '=', course.tenantId).where('p.course_id', '=', course.courseId).executeTakeFirst();
        if (!delivery) throw new Error('The delivery is not in this course.');
        const row = await trx.insertInto('prompt_answers').values({
          id: answer.id, tenant_id: course.tenantId, delivery_id: answer.deliveryId, circle_id: answer.circleId, author_user_id: answer.authorUserId,
          visibility: answer.visibility, body: answer.body, review: answer.review ? JSON.stringify(answer.review) : null,
        }).onConflict((oc) => oc.columns(['tenant_id', 'delivery_id', 'author_user_id']).doNothing()).returning('id').executeTakeFirst();
        if (row) await appendToOutbox(trx, events);
        return Boolean(row);
      });
    },
    async readableBy(course, deliveryId, viewerUserId) {
      const answers = await answersIn(course).innerJoin('users as u', 'u.id', 'a.author_user_id')
        .select(['a.id', 'a.author_user_id', 'u.name', 'a.visibility', 'a.body', 'a.review', 'a.created_at'])
        .where('a.delivery_id', '=', deliveryId)
        .where((eb) => eb.or([eb('a.visibility', '=', 'circle'), eb('a.author_user_id', '=', viewerUserId)]))
        .orderBy('a.created_at').execute();
      const shared = answers.filter((a) => a.visibility === 'circle').map((a) => a.id);
      const replies = shared.length
        ? await db.selectFrom('prompt_replies as r').innerJoin('users as u', 'u.id', 'r.author_user_id').select(['r.id', 'r.answer_id', 'u.name', 'r.body', 'r.created_at'])
          .where('r.answer_id', 'in', shared).where('r.tenant_id', '=', course.tenantId).orderBy('r.created_at').execute()
        : [];
      return answers.map((a) => ({
        id: a.id, authorUserId: a.author_user_id, authorName: nameOf(a.name), visibility: a.visibility, body: a.body, review: a.review as ReviewAnswer | null, createdAt: a.created_at,
        replies: replies.filter((r) => r.answer_id === a.id).map((r) => ({ id: r.id, authorName: nameOf(r.name), body: r.body, createdAt: r.created_at })),
      }));
    },
    async answeredBy(course, deliveryIds) {
      if (!deliveryIds.length) return [];
      const rows = await answersIn(course).select(['a.delivery_id', 'a.author_user_id', 'a.visibility']).where('a.delivery_id', 'in', deliveryIds).execute();
      return rows.map((r) => ({ deliveryId: r.delivery_id, userId: r.author_user_id, visibility: r.visibility }));
    },
    async findShared(course, answerId) {
      const row = await answersIn(course).select(['a.id', 'a.delivery_id', 'a.circle_id']).where('a.id', '=', answerId).where('a.visibility', '=', 'circle').executeTakeFirst();
      return row && { id: row.id, deliveryId: row.delivery_id, circleId: row.circle_id };
    },
    async reply(course, reply, events) {
      await db.transaction().execute(async (trx) => {
        await trx.insertInto('prompt_replies').values({ id: reply.id, tenant_id: course.tenantId, answer_id: reply.answerId, author_user_id: reply.authorUserId, body: reply.body }).execute();
        await appendToOutbox(trx, events);
      });
    },
    async journal(course, programId, userId) {
      const rows = await answersIn(course).innerJoin('prompt_versions as v', 'v.id', 'd.prompt_version_id')
        .select(['a.delivery_id', 'v.title', 'a.visibility', 'a.body', 'a.review', 'a.created_at'])
        .where('a.author_user_id', '=', userId).where('d.program_id', '=', programId).orderBy('a.created_at', 'desc').execute();
      return rows.map((r) => ({ deliveryId: r.delivery_id, title: r.title, visibility: r.visibility, body: r.body, review: r.review as ReviewAnswer | null, createdAt: r.created_at }));
    },
  };
}
