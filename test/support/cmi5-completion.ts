import type request from 'supertest';
import { buildCircle } from './circle-factory.js';
import type { Cmi5Course } from './cmi5-world.js';
import type { TestTool } from './test-tool.js';
import type { ToolSession } from './tool-session.js';

const terms = {
  baseVersion: '0',
  mentorRole: 'Listens and asks good questions.',
  menteeObjectives: 'Lead a cross-functional initiative by June.',
  cadence: 'Monthly, one hour, video.',
  confidentiality: 'What we say stays in the circle.',
  feedbackChannel: 'Five minutes at the end of each meeting.',
  escalationPath: 'Talk to each other first, then the program staff.',
};
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);

/**
 * The learner and the mentor meet the program's completion rule through the pages: contract
 * agreed by both, a meeting attended, a goal's milestone done, the close-out survey answered.
 */
export async function meetCompletionRule(
  tool: TestTool,
  course: Cmi5Course,
  learner: ToolSession,
  learnerKey: string,
): Promise<void> {
  const circle = await buildCircle(tool.db, course.programId, [
    { subject: course.mentorSubject, role: 'mentor' },
    { subject: `package:${course.packageId}:${learnerKey}`, role: 'mentee' },
  ]);
  const base = `/programs/${course.programId}/circles/${circle.id}`;
  const from = `/programs/${course.programId}`;
  const ok = (res: request.Response, what: string) => {
    if (res.status !== 303) throw new Error(`${what}: ${res.status} ${res.text.slice(0, 400)}`);
  };
  ok(await learner.post(`${base}/contract`, terms, from), 'contract');
  ok(
    await course.mentor.post(`${base}/contract/acknowledge`, { version: '1' }, from),
    'mentor acknowledges',
  );
  ok(
    await learner.post(`${base}/contract/acknowledge`, { version: '1' }, from),
    'learner acknowledges',
  );
  await meet(tool, course, base, from);
  await reachGoal(tool, course, learner, base, from);
  const survey = `/staff/programs/${course.programId}/survey`;
  ok(await course.staff.post(`${survey}/open`, {}, survey), 'survey opened');
  const answers = {
    goalProgress: '4',
    relationship: '5',
    confidence: '3',
    clarity: '4',
    wouldRecommend: 'yes',
    comment: '',
  };
  ok(await learner.post(`/programs/${course.programId}/survey`, answers, from), 'survey');
}

async function meet(tool: TestTool, course: Cmi5Course, base: string, from: string): Promise<void> {
  const meeting = {
    date: yesterday(),
    time: '10:00',
    durationMinutes: '45',
    mode: 'virtual',
    place: '',
    agenda: '',
    notes: '',
  };
  const scheduled = await course.mentor.post(`${base}/meetings`, meeting, from);
  if (scheduled.status !== 303) throw new Error(`meeting: ${scheduled.status}`);
  const circleId = base.split('/').pop()!;
  const { id } = await tool.db
    .selectFrom('circle_meetings')
    .select('id')
    .where('circle_id', '=', circleId)
    .executeTakeFirstOrThrow();
  const attendees = (
    await tool.db
      .selectFrom('circle_members')
      .select('participant_id')
      .where('circle_id', '=', circleId)
      .execute()
  ).map((m) => m.participant_id);
  const marked = await course.mentor.post(`${base}/meetings/${id}/attendance`, { attendees }, from);
  if (marked.status !== 303)
    throw new Error(`attendance: ${marked.status} ${marked.text.slice(0, 300)}`);
}

async function reachGoal(
  tool: TestTool,
  course: Cmi5Course,
  learner: ToolSession,
  base: string,
  from: string,
): Promise<void> {
  const circleId = base.split('/').pop()!;
  const owner = await tool.db
    .selectFrom('circle_members as m')
    .innerJoin('participants as p', 'p.id', 'm.participant_id')
    .innerJoin('users as u', 'u.id', 'p.user_id')
    .select('m.participant_id')
    .where('m.circle_id', '=', circleId)
    .where('u.subject', 'like', 'package:%')
    .executeTakeFirstOrThrow();
  const goal = await learner.post(
    `${base}/goals`,
    {
      ownerParticipantId: owner.participant_id,
      title: 'Lead the planning initiative',
      measure: 'Plan approved',
      achievable: 'Two days a month',
      relevant: 'Towards a team lead role',
      dueOn: '2027-05-31',
    },
    from,
  );
  const goalId = /\/goals\/([0-9a-f-]{36})/.exec(goal.headers.location ?? '')?.[1];
  if (!goalId) throw new Error(`goal: ${goal.status} ${goal.text.slice(0, 300)}`);
  await learner.post(
    `${base}/goals/${goalId}/milestones`,
    { title: 'Draft the plan', criteria: 'A draft exists', dueOn: '2027-02-28' },
    from,
  );
  const { id } = await tool.db
    .selectFrom('goal_milestones')
    .select('id')
    .where('goal_id', '=', goalId)
    .executeTakeFirstOrThrow();
  const done = await learner.post(
    `${base}/goals/${goalId}/milestones/${id}`,
    { status: 'done', evidence: 'Shared' },
    from,
  );
  if (done.status !== 303) throw new Error(`milestone: ${done.status} ${done.text.slice(0, 300)}`);
}
