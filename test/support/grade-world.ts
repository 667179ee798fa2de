import { randomBytes } from 'node:crypto';
import { sql } from 'kysely';
import { buildCircle } from './circle-factory.js';
import { buildProgramForm, instructor } from './factories.js';
import { buildUser } from './platform-claims.js';
import type { TestPlatform } from './test-platform.js';
import type { TestTool } from './test-tool.js';
import { launchAs, type ToolSession } from './tool-session.js';

export interface GradeWorld {
  staff: ToolSession;
  programId: string;
  circleId: string;
  context: { id: string; title: string; label: string };
  link: { id: string; title: string };
  mentor: ToolSession;
  mentee: ToolSession;
  subjects: { mentor: string; mentee: string };
  /** The line item URL the launches' AGS claim carried. */
  lineItemUrl: string | null;
  /** The grades page's path. */
  page: string;
  participantIdOf: (subject: string) => Promise<string>;
  scoreRows: () => Promise<ScoreRow[]>;
}

/**
 * A course of a platform with a program placed as a graded activity (its resource link is the
 * program's, as Deep Linking leaves it), a mentor and a mentee on the LMS roster who launched it,
 * and their circle (formed through the real use case). Everything else goes through the pages.
 */
export async function buildGradeWorld(tool: TestTool, platform: TestPlatform): Promise<GradeWorld> {
  const tag = randomBytes(4).toString('hex');
  const context = { id: `grades-${tag}`, title: `Grades ${tag}`, label: 'GRD' };
  const link = { id: `grades-link-${tag}`, title: 'Mentoring circles' };
  const teacher = instructor(`t-${tag}`);
  const subjects = { mentor: `mentor-${tag}`, mentee: `mentee-${tag}` };
  const mentorUser = buildUser({ sub: subjects.mentor, name: 'Mona Mentor' });
  const menteeUser = buildUser({ sub: subjects.mentee, name: 'Mel Mentee' });
  platform.roster(context.id).set([teacher, mentorUser, menteeUser]);
  const staff = await launchAs(tool.app.express, platform, teacher, { context, resourceLink: link });
  const created = await staff.post('/staff/programs', buildProgramForm(), '/staff/programs/new');
  const programId = new URL(created.headers.location!, 'http://tool.test').pathname.split('/').pop()!;
  await tool.db.updateTable('resource_links').set({ program_id: programId, activity: 'program' }).where('link_id', '=', link.id).execute();
  const mentor = await launchAs(tool.app.express, platform, mentorUser, { context, resourceLink: link });
  const mentee = await launchAs(tool.app.express, platform, menteeUser, { context, resourceLink: link });
  const circle = await buildCircle(tool.db, programId, [{ subject: subjects.mentor, role: 'mentor' }, { subject: subjects.mentee, role: 'mentee' }]);
  const { rows: [row] } = await sql<{ url: string | null }>`select ags_lineitem_url as url from resource_links where link_id = ${link.id}`
    .execute(tool.db);
  return {
    staff, programId, circleId: circle.id, context, link, mentor, mentee, subjects, lineItemUrl: row!.url,
    page: `/staff/programs/${programId}/grades`,
    participantIdOf: async (subject) => (await tool.db.selectFrom('participants as p').innerJoin('users as u', 'u.id', 'p.user_id')
      .select('p.id').where('p.program_id', '=', programId).where('u.subject', '=', subject).executeTakeFirstOrThrow()).id,
    scoreRows: () => scoreRowsOf(tool, programId),
  };
}

export type ScoreRow = { user_id: string; status: string; score: Record<string, unknown>; score_timestamp: Date; attempts: number };

export async function scoreRowsOf(tool: TestTool, programId: string): Promise<ScoreRow[]> {
  const { rows } = await sql<ScoreRow>`select user_id, status, score, score_timestamp, attempts from score_outbox
    where program_id = ${programId} order by seq`.execute(tool.db);
  return rows;
}
