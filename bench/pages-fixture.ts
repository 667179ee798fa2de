import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import type { OpenDatabase } from '../src/db/open-database.js';
import { createParticipantRepository } from '../src/db/repositories/participant-repository.js';
import {
  createProfileRepository,
  createSkillRepository,
} from '../src/db/repositories/profile-repository.js';
import { createProgramRepository } from '../src/db/repositories/program-repository.js';
import { getProgramSkills, saveMyProfile } from '../src/mentoring/profiles/profile-use-cases.js';
import { assignProgramRole } from '../src/mentoring/roster/participant-use-cases.js';
import { buildProgramForm } from '../test/support/factories.js';
import { buildProfileForm } from '../test/support/matching-world.js';
import { addScalePeople, type ScaleSize } from '../test/support/scale/scale-fixture.js';
import type { TestPlatform } from '../test/support/test-platform.js';
import { PagesClient } from './pages-client.js';

/**
 * The course's placed link opens the program and carries the platform's line item, as a graded
 * LMS activity does: every change that can move a score then queues the scores it moves.
 */
async function sendGradesFrom(
  db: OpenDatabase['db'],
  course: { tenantId: string; courseId: string },
  programId: string,
) {
  const bound = await db
    .updateTable('resource_links')
    .set({ program_id: programId, activity: 'program' })
    .where('tenant_id', '=', course.tenantId)
    .where('course_id', '=', course.courseId)
    .where(sql<boolean>`ags_lineitem_url is not null`)
    .executeTakeFirst();
  if (Number(bound.numUpdatedRows) === 0) throw new Error('no graded link to bind the program to');
}

export interface PagesFixture {
  programId: string;
  staff: PagesClient;
  /** The template mentee: a learner of the program (home, profile form). */
  learner: PagesClient;
}

/**
 * A course with one program of `size` people: staff and two template learners launch through
 * the platform; the rest are cloned from the templates' profiles in bulk (no circles yet).
 */
export async function buildPagesFixture(
  database: OpenDatabase,
  toolUrl: string,
  platform: TestPlatform,
  size: ScaleSize & { grades?: boolean },
): Promise<PagesFixture> {
  const tag = randomBytes(3).toString('hex');
  const course = { id: `pages-${tag}`, title: `Pages bench ${tag}` };
  const staff = await PagesClient.launch(toolUrl, platform, `staff-${tag}`, true, course);
  const created = await staff.post(
    '/staff/programs',
    buildProgramForm({ mentorCapacity: '4' }),
    '/staff/programs/new',
  );
  if (created.status !== 303)
    throw new Error(`program not created (${created.status}): ${created.text.slice(0, 300)}`);
  const programId = new URL(created.location!, toolUrl).pathname.split('/').pop()!;
  await PagesClient.launch(toolUrl, platform, `ana-${tag}`, false, course);
  const learner = await PagesClient.launch(toolUrl, platform, `bo-${tag}`, false, course);
  const db = database.db;
  const rows = await db
    .selectFrom('participants as pa')
    .innerJoin('users as u', 'u.id', 'pa.user_id')
    .innerJoin('programs as p', 'p.id', 'pa.program_id')
    .select(['pa.id', 'pa.user_id', 'u.subject', 'p.tenant_id', 'p.course_id'])
    .where('pa.program_id', '=', programId)
    .execute();
  const staffUser = await db
    .selectFrom('users')
    .select('id')
    .where('subject', '=', `staff-${tag}`)
    .executeTakeFirstOrThrow();
  const find = (sub: string) => rows.find((r) => r.subject === sub)!;
  const [ana, bo] = [find(`ana-${tag}`), find(`bo-${tag}`)];
  const course0 = { tenantId: ana.tenant_id, courseId: ana.course_id };
  const deps = {
    programs: createProgramRepository(db),
    participants: createParticipantRepository(db),
    profiles: createProfileRepository(db),
    skills: createSkillRepository(db),
  };
  await assignProgramRole(deps, { ...course0, userId: staffUser.id }, programId, ana.id, 'mentor');
  const skills = await getProgramSkills(deps, { ...course0, userId: staffUser.id }, programId);
  const idsOf = (names: string[]) => names.map((n) => skills.find((s) => s.name === n)!.id);
  for (const [who, form] of [
    [ana, buildProfileForm({ capacity: '4' })],
    [bo, buildProfileForm()],
  ] as const) {
    const saved = await saveMyProfile(deps, { ...course0, userId: who.user_id }, programId, {
      ...form,
      growthSkills: idsOf(form.growthSkills as string[]),
      strengths: idsOf(form.strengths as string[]),
    });
    if (!saved.ok) throw new Error(`template profile refused: ${JSON.stringify(saved.errors)}`);
  }
  if (size.grades) await sendGradesFrom(db, course0, programId);
  await addScalePeople(
    db,
    { ...course0, programId, mentorTemplateId: ana.id, menteeTemplateId: bo.id, tag },
    size,
  );
  return { programId, staff, learner };
}
