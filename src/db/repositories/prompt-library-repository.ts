import type { Kysely, Transaction } from 'kysely';
import type { ProgramType } from '../../mentoring/programs/program-options.js';
import type { CourseRef } from '../../mentoring/programs/ports.js';
import type { PromptContent, PromptLibraryStore, PromptView } from '../../mentoring/prompts/ports.js';
import type { PromptCategory } from '../../mentoring/prompts/prompt-options.js';
import type { PromptSchedule } from '../../mentoring/prompts/schedule.js';
import type { Db } from '../connection.js';
import type { Database } from '../schema.js';

type Executor = Kysely<Database> | Transaction<Database>;

export const scheduleRow = (s: PromptSchedule) => ({
  cadence: s.cadence, every_days: s.everyDays, send_hour: s.sendHour, starts_on: s.startsOn, ends_on: s.endsOn,
  nudge_after_days: s.nudgeAfterDays, nudge_repeat_days: s.nudgeRepeatDays,
});

export const scheduleOf = (r: { cadence: PromptSchedule['cadence']; every_days: number | null; send_hour: number; starts_on: string | null; ends_on: string | null; nudge_after_days: number | null; nudge_repeat_days: number }): PromptSchedule => ({
  cadence: r.cadence, everyDays: r.every_days, sendHour: r.send_hour, startsOn: r.starts_on, endsOn: r.ends_on, nudgeAfterDays: r.nudge_after_days, nudgeRepeatDays: r.nudge_repeat_days,
});

const versionValues = (tenantId: string, promptId: string, version: number, c: PromptContent, by: string | null) => ({
  tenant_id: tenantId, prompt_id: promptId, version, category: c.category, title: c.title, body: c.body, audience: c.audience,
  program_types: JSON.stringify(c.programTypes), minutes: c.minutes, follow_up: c.followUp, created_by: by,
});

const contentOf = (r: { category: string; title: string; body: string; audience: PromptContent['audience']; program_types: string[]; minutes: number; follow_up: string | null }): PromptContent => ({
  category: r.category as PromptCategory, title: r.title, body: r.body, audience: r.audience, programTypes: r.program_types as ProgramType[], minutes: r.minutes, followUp: r.follow_up,
});

/** The program's own prompts: a program id only counts when it belongs to the course. */
const ownPrompts = (db: Executor, course: CourseRef, programId: string) =>
  db.selectFrom('prompts as p').innerJoin('programs as pr', 'pr.id', 'p.program_id')
    .where('pr.tenant_id', '=', course.tenantId).where('pr.course_id', '=', course.courseId).where('p.program_id', '=', programId);

export function createPromptLibraryRepository(db: Db): PromptLibraryStore {
  async function programInCourse(trx: Executor, course: CourseRef, programId: string): Promise<boolean> {
    return Boolean(await trx.selectFrom('programs').select('id').where('id', '=', programId).where('tenant_id', '=', course.tenantId).where('course_id', '=', course.courseId).executeTakeFirst());
  }

  return {
    async isSeeded(programId) {
      return Boolean(await db.selectFrom('prompt_programs').select('program_id').where('program_id', '=', programId).executeTakeFirst());
    },
    async seed(course, programId, seed) {
      await db.transaction().execute(async (trx) => {
        if (!(await programInCourse(trx, course, programId))) return;
        // The first writer of this row seeds; a concurrent one waits on the key, then finds it taken.
        const claimed = await trx.insertInto('prompt_programs').values({ program_id: programId, tenant_id: course.tenantId, ...scheduleRow(seed.schedule) })
          .onConflict((oc) => oc.columns(['tenant_id', 'program_id']).doNothing()).returning('program_id').executeTakeFirst();
        if (!claimed) return;
        const rows = await trx.insertInto('prompts').values(seed.prompts.map((p) => ({ tenant_id: course.tenantId, program_id: programId, library_key: p.key })))
          .returning(['id', 'library_key']).execute();
        const idOf = new Map(rows.map((r) => [r.library_key!, r.id]));
        await trx.insertInto('prompt_versions').values(seed.prompts.map((p) => versionValues(course.tenantId, idOf.get(p.key)!, 1, p, null))).execute();
        const track = seed.trackKeys.flatMap((k) => idOf.get(k) ?? []);
        if (track.length) await trx.insertInto('prompt_track_items').values(track.map((promptId, i) => ({ tenant_id: course.tenantId, program_id: programId, prompt_id: promptId, position: i + 1 }))).execute();
      });
    },
    async schedule(course, programId) {
      const row = await db.selectFrom('prompt_programs').selectAll().where('program_id', '=', programId).where('tenant_id', '=', course.tenantId).executeTakeFirst();
      return row && scheduleOf(row);
    },
    async saveSchedule(course, programId, schedule) {
      await db.updateTable('prompt_programs').set({ ...scheduleRow(schedule), updated_at: new Date() }).where('program_id', '=', programId).where('tenant_id', '=', course.tenantId).execute();
    },
    async list(course, programId) {
      const rows = await ownPrompts(db, course, programId)
        .innerJoin('prompt_versions as v', (j) => j.onRef('v.prompt_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'))
        .leftJoin('prompt_track_items as t', 't.prompt_id', 'p.id')
        .select(['p.id', 'p.library_key', 'p.current_version', 'p.retired_at', 't.position', 'v.category', 'v.title', 'v.body', 'v.audience', 'v.program_types', 'v.minutes', 'v.follow_up', 'p.created_at'])
        .orderBy('p.created_at').orderBy('p.library_key').execute();
      const positions = rows.filter((r) => r.position !== null).sort((a, b) => a.position! - b.position!).map((r) => r.id);
      return rows.map((r): PromptView => ({
        id: r.id, libraryKey: r.library_key, version: r.current_version, retired: r.retired_at !== null,
        trackPosition: positions.includes(r.id) ? positions.indexOf(r.id) + 1 : null, ...contentOf(r),
      }));
    },
    async versions(course, programId, promptId) {
      const rows = await ownPrompts(db, course, programId).innerJoin('prompt_versions as v', 'v.prompt_id', 'p.id')
        .select(['v.version', 'v.created_at', 'v.category', 'v.title', 'v.body', 'v.audience', 'v.program_types', 'v.minutes', 'v.follow_up'])
        .where('p.id', '=', promptId).orderBy('v.version', 'desc').execute();
      return rows.map((r) => ({ ...contentOf(r), version: r.version, createdAt: r.created_at }));
    },
    async add(course, programId, content, byUserId) {
      return db.transaction().execute(async (trx) => {
        if (!(await programInCourse(trx, course, programId))) throw new Error('program not in course');
        const row = await trx.insertInto('prompts').values({ tenant_id: course.tenantId, program_id: programId, library_key: null }).returning('id').executeTakeFirstOrThrow();
        await trx.insertInto('prompt_versions').values(versionValues(course.tenantId, row.id, 1, content, byUserId)).execute();
        return row.id;
      });
    },
    async revise(course, programId, promptId, content, byUserId) {
      return db.transaction().execute(async (trx) => {
        const own = await ownPrompts(trx, course, programId).select('p.id').where('p.id', '=', promptId).executeTakeFirst();
        if (!own) return undefined;
        const bumped = await trx.updateTable('prompts').set((eb) => ({ current_version: eb('current_version', '+', 1) })).where('id', '=', promptId)
          .returning('current_version').executeTakeFirstOrThrow();
        await trx.insertInto('prompt_versions').values(versionValues(course.tenantId, promptId, bumped.current_version, content, byUserId)).execute();
        return bumped.current_version;
      });
    },
    async setRetired(course, programId, promptId, retired) {
      const own = await ownPrompts(db, course, programId).select('p.id').where('p.id', '=', promptId).executeTakeFirst();
      if (!own) return false;
      await db.updateTable('prompts').set({ retired_at: retired ? new Date() : null }).where('id', '=', promptId).execute();
      return true;
    },
    async setTrack(course, programId, promptIds) {
      await db.transaction().execute(async (trx) => {
        // Two staff saving the track at once take turns instead of colliding on its keys.
        await trx.selectFrom('prompt_programs').select('program_id').where('program_id', '=', programId).forUpdate().execute();
        const own = new Set((await ownPrompts(trx, course, programId).select('p.id').execute()).map((r) => r.id));
        const ids = promptIds.filter((id) => own.has(id));
        await trx.deleteFrom('prompt_track_items').where('program_id', '=', programId).where('tenant_id', '=', course.tenantId).execute();
        if (ids.length) await trx.insertInto('prompt_track_items').values(ids.map((promptId, i) => ({ tenant_id: course.tenantId, program_id: programId, prompt_id: promptId, position: i + 1 }))).execute();
      });
    },
  };
}
