import { expect } from 'chai';
import type { Db } from '../../src/db/connection.js';
import { authFrom } from '../support/attack-world.js';
import { CRAFTED_IDS, expectDbUnchanged, expectEachRefused, contractForm, goalForm, meetingForm, type Attempt } from '../support/circle-attack-world.js';
import { buildCircle } from '../support/circle-factory.js';
import { buildCircleWorld, useToolAndCanvas, type CircleWorld } from '../support/circle-life-world.js';
import { TestPlatform } from '../support/test-platform.js';
import type { ToolSession } from '../support/tool-session.js';

interface CircleIds { programId: string; circleId: string; goalId: string; milestoneId: string; meetingId: string; mentorP: string }


/** Every member route of a circle, named by these ids (any of which may be foreign or crafted). */
function memberAttempts(i: CircleIds): Attempt[] {
  const c = `/programs/${i.programId}/circles/${i.circleId}`;
  const g = `${c}/goals/${i.goalId}`;
  const m = `${c}/meetings/${i.meetingId}`;
  return [
    { method: 'GET', path: c }, { method: 'GET', path: `${c}/contract` }, { method: 'GET', path: `${c}/contract/versions/1` },
    { method: 'POST', path: `${c}/contract`, fields: contractForm }, { method: 'POST', path: `${c}/contract/acknowledge`, fields: { version: '1' } },
    { method: 'GET', path: `${c}/goals/new` }, { method: 'POST', path: `${c}/goals`, fields: goalForm(i.mentorP) },
    { method: 'GET', path: g }, { method: 'GET', path: `${g}/edit` }, { method: 'POST', path: g, fields: goalForm(i.mentorP) },
    { method: 'POST', path: `${g}/milestones`, fields: { title: 'Hijack', criteria: 'x', dueOn: '2027-02-01' } },
    { method: 'POST', path: `${g}/milestones/${i.milestoneId}`, fields: { status: 'done', evidence: 'hijacked' } },
    { method: 'GET', path: `${c}/meetings/new` }, { method: 'POST', path: `${c}/meetings`, fields: meetingForm },
    { method: 'GET', path: m }, { method: 'GET', path: `${m}/edit` }, { method: 'GET', path: `${m}/invite.ics` }, { method: 'POST', path: m, fields: meetingForm },
    { method: 'POST', path: `${m}/attendance`, fields: { attendees: i.mentorP } }, { method: 'POST', path: `${m}/feedback`, fields: { toParticipantId: i.mentorP, rating: '1', comment: 'x' } },
  ];
}

/** Every staff route of circles, matching, skills, progress and survey, named by these ids. */
function staffAttempts(programId: string, circleId: string, constraintId: string, skillId: string, participantId: string): Attempt[] {
  const p = `/staff/programs/${programId}`;
  return [
    { method: 'GET', path: `${p}/circles` }, { method: 'POST', path: `${p}/circles/move`, fields: { participantId, fromCircleId: circleId, toCircleId: circleId } },
    { method: 'POST', path: `${p}/circles/rotation`, fields: { everyWeeks: '4' } }, { method: 'POST', path: `${p}/circles/rotation/run`, fields: {} },
    { method: 'GET', path: `${p}/circles/${circleId}/rebalance?member=${participantId}` }, { method: 'POST', path: `${p}/circles/${circleId}/rebalance`, fields: { menteeId: participantId, toMentorId: participantId } },
    { method: 'GET', path: `${p}/circle-progress` }, { method: 'GET', path: `${p}/survey` }, { method: 'POST', path: `${p}/survey/open`, fields: {} },
    { method: 'GET', path: `${p}/matching` }, { method: 'POST', path: `${p}/matching/propose`, fields: {} }, { method: 'POST', path: `${p}/matching/approve`, fields: { proposalId: '3f1c2b9e-6c1d-4a51-9a43-7d2a3c1b0e55' } },
    { method: 'POST', path: `${p}/matching/constraints`, fields: { kind: 'pin', mentorId: participantId, menteeId: participantId } },
    { method: 'POST', path: `${p}/matching/constraints/${constraintId}/remove`, fields: {} }, { method: 'POST', path: `${p}/matching/close-choices`, fields: {} },
    { method: 'GET', path: `${p}/matching/settings` }, { method: 'GET', path: `${p}/skills` }, { method: 'POST', path: `${p}/skills`, fields: { name: 'Hijack' } },
    { method: 'POST', path: `${p}/skills/${skillId}`, fields: { name: 'Hijacked' } }, { method: 'POST', path: `${p}/skills/${skillId}/remove`, fields: {} },
  ];
}

/** Only the attempts whose path names one of these ids. */
const naming = (attempts: Attempt[], ...ids: string[]) => attempts.filter((a) => ids.some((id) => a.path.includes(id)));

/** A circle world with a contract, a goal with a milestone and a past meeting, made through the pages. */
async function furnished(world: CircleWorld, db: Db): Promise<CircleIds> {
  const [mentor, mentee] = world.members as [ToolSession, ToolSession];
  const members = await db.selectFrom('circle_members').select(['participant_id', 'role']).where('circle_id', '=', world.circleId).execute();
  const mentorP = members.find((m) => m.role === 'mentor')!.participant_id;
  const menteeP = members.find((m) => m.role === 'mentee')!.participant_id;
  expect((await world.post(mentee, '/contract', contractForm)).status).to.equal(303);
  const goal = await world.post(mentee, '/goals', goalForm(menteeP));
  const goalId = /\/goals\/([0-9a-f-]{36})/.exec(goal.headers.location!)![1]!;
  await world.post(mentee, `/goals/${goalId}/milestones`, { title: 'Step', criteria: 'Done', dueOn: '2027-02-01' });
  const meeting = await world.post(mentor, '/meetings', meetingForm);
  const meetingId = /\/meetings\/([0-9a-f-]{36})/.exec(meeting.headers.location!)![1]!;
  const milestoneId = (await db.selectFrom('goal_milestones').select('id').where('goal_id', '=', goalId).executeTakeFirstOrThrow()).id;
  return { programId: world.programId, circleId: world.circleId, goalId, milestoneId, meetingId, mentorP };
}

describe('attack: circle pages across circles, courses and tenants', () => {
  const env = useToolAndCanvas();
  let moodle: TestPlatform;
  let a: CircleWorld;
  let ids: CircleIds;
  let sibling: CircleIds;
  let otherCourse: CircleIds & { world: CircleWorld };
  let otherTenant: CircleIds & { world: CircleWorld };

  before(async () => {
    moodle = await TestPlatform.start('moodle');
    await env.tool.app.registry.registerPlatform(moodle.manualRegistration);
    a = await buildCircleWorld(env.tool, env.canvas);
    ids = await furnished(a, env.tool.db);
    // A second circle in the same program: the outsider with A's mentor, who so belongs to both.
    const subjectOf = async (s: ToolSession) => (await env.tool.db.selectFrom('users').select('subject').where('id', '=', a.userIdOf(s)).executeTakeFirstOrThrow()).subject;
    const b = await buildCircle(env.tool.db, a.programId, [{ subject: await subjectOf(a.members[0]!), role: 'mentor' }, { subject: await subjectOf(a.outsider), role: 'mentee' }], { name: 'Sibling' });
    const bPath = (rest = '') => `/programs/${a.programId}/circles/${b.id}${rest}`;
    const bWorld: CircleWorld = { ...a, circleId: b.id, members: [a.members[0]!, a.outsider], path: bPath, post: (s, rest, fields) => s.post(bPath(rest), fields, `/programs/${a.programId}`) };
    sibling = await furnished(bWorld, env.tool.db);
    const c = await buildCircleWorld(env.tool, env.canvas);
    otherCourse = { ...(await furnished(c, env.tool.db)), world: c };
    const t = await buildCircleWorld(env.tool, moodle);
    otherTenant = { ...(await furnished(t, env.tool.db)), world: t };
  });
  after(async () => moodle.close());

  /** A skill and a constraint of program A, made through the staff forms. */
  async function staffRows(): Promise<{ skillId: string; constraintId: string; menteeP: string }> {
    const p = `/staff/programs/${a.programId}`;
    expect((await a.staff.post(`${p}/skills`, { name: `Skill ${Math.random()}` }, `${p}/skills`)).status).to.equal(303);
    const skillId = (await env.tool.db.selectFrom('program_skills').select('id').where('program_id', '=', a.programId).executeTakeFirstOrThrow()).id;
    const menteeP = (await env.tool.db.selectFrom('participants').select('id').where('program_id', '=', a.programId).where('user_id', '=', a.userIdOf(a.outsider)).executeTakeFirstOrThrow()).id;
    await a.staff.post(`/staff/programs/${a.programId}/participants/${ids.mentorP}/role`, { role: 'mentor' }, p);
    const made = await a.staff.post(`${p}/matching/constraints`, { kind: 'forbid', mentorId: ids.mentorP, menteeId: menteeP }, `${p}/matching`);
    expect(made.status, made.text.slice(0, 300)).to.equal(303);
    const constraintId = (await env.tool.db.selectFrom('match_constraints').select('id').where('program_id', '=', a.programId).executeTakeFirstOrThrow()).id;
    return { skillId, constraintId, menteeP };
  }

  it('when a learner of the program, or staff of another course or tenant, use the staff routes of circles, matching, skills, progress and survey, then they are refused and nothing changes', async () => {
    const r = await staffRows();
    const all = staffAttempts(a.programId, a.circleId, r.constraintId, r.skillId, r.menteeP);
    // Their own skill list is seeded on first use; seed it before the snapshot.
    for (const other of [otherCourse, otherTenant]) expect((await other.world.staff.get(`/staff/programs/${other.programId}/skills`)).status).to.equal(200);
    await expectDbUnchanged(env.tool.db, async () => {
      await expectEachRefused(env.tool.app.express, a.members[1]!, await authFrom(a.members[1]!, a.path('/goals/new')), all, [403, 404]);
      for (const other of [otherCourse, otherTenant]) {
        const staff = other.world.staff;
        const auth = await authFrom(staff, `/staff/programs/${other.programId}`);
        await expectEachRefused(env.tool.app.express, staff, auth, all);
        const underOwn = staffAttempts(other.programId, a.circleId, r.constraintId, r.skillId, r.menteeP).filter((x) => /rebalance|constraints\/|skills\/|move/.test(x.path));
        await expectEachRefused(env.tool.app.express, staff, auth, underOwn, [404, 422]);
      }
    });
  });

  it('when staff name their own program with malformed circle, constraint, skill or person ids, then the route answers 404 and nothing changes', async () => {
    const auth = await authFrom(a.staff, `/staff/programs/${a.programId}/skills`);
    await expectDbUnchanged(env.tool.db, async () => {
      for (const raw of CRAFTED_IDS) {
        const bad = encodeURIComponent(raw);
        const attempts = [...staffAttempts(bad, a.circleId, bad, bad, bad), ...staffAttempts(a.programId, bad, bad, bad, bad).filter((x) => /rebalance|constraints\/|skills\//.test(x.path))];
        await expectEachRefused(env.tool.app.express, a.staff, auth, attempts);
      }
    });
  });

  it('when a member names another circle of the same program (its pages or its goal, milestone, meeting), then every route answers 404 and nothing changes', async () => {
    const mentee = a.members[1]!;
    const auth = await authFrom(mentee, `${a.path('/goals/new')}`);
    await expectDbUnchanged(env.tool.db, async () => {
      await expectEachRefused(env.tool.app.express, mentee, auth, memberAttempts({ ...sibling, mentorP: ids.mentorP }));
      const mixed = { ...ids, goalId: sibling.goalId, milestoneId: sibling.milestoneId, meetingId: sibling.meetingId };
      await expectEachRefused(env.tool.app.express, mentee, auth, naming(memberAttempts(mixed), sibling.goalId, sibling.meetingId));
    });
  });

  it('when the mentor of both circles names circle B\'s goal, milestone or meeting under circle A, then every route answers 404 and nothing changes', async () => {
    const mentor = a.members[0]!;
    const auth = await authFrom(mentor, `${a.path('/goals/new')}`);
    const mixed = { ...ids, goalId: sibling.goalId, milestoneId: sibling.milestoneId, meetingId: sibling.meetingId };
    await expectDbUnchanged(env.tool.db, () => expectEachRefused(env.tool.app.express, mentor, auth, naming(memberAttempts(mixed), sibling.goalId, sibling.meetingId)));
    const crossMilestone = { ...ids, milestoneId: sibling.milestoneId };
    await expectDbUnchanged(env.tool.db, () => expectEachRefused(env.tool.app.express, mentor, auth, naming(memberAttempts(crossMilestone), sibling.milestoneId)));
  });

  it('when a member of another course or another tenant names this course\'s circle ids, alone or under their own program and circle, then every route answers 404', async () => {
    for (const other of [otherCourse, otherTenant]) {
      const mentee = other.world.members[1]!;
      const auth = await authFrom(mentee, other.world.path('/goals/new'));
      await expectDbUnchanged(env.tool.db, async () => {
        await expectEachRefused(env.tool.app.express, mentee, auth, memberAttempts(ids));
        await expectEachRefused(env.tool.app.express, mentee, auth, memberAttempts({ ...ids, programId: other.programId }));
        const underOwn = { ...other, goalId: ids.goalId, milestoneId: ids.milestoneId, meetingId: ids.meetingId, mentorP: ids.mentorP };
        await expectEachRefused(env.tool.app.express, mentee, auth, naming(memberAttempts(underOwn), ids.goalId, ids.meetingId, ids.mentorP), [404, 422]);
      });
    }
  });

  it('when ids are malformed in any position of a circle route, then it answers 404 and nothing changes', async () => {
    const mentee = a.members[1]!;
    const auth = await authFrom(mentee, `${a.path('/goals/new')}`);
    await expectDbUnchanged(env.tool.db, async () => {
      for (const raw of CRAFTED_IDS) {
        const bad = encodeURIComponent(raw);
        for (const key of ['programId', 'circleId', 'goalId', 'milestoneId', 'meetingId'] as const) {
          await expectEachRefused(env.tool.app.express, mentee, auth, naming(memberAttempts({ ...ids, [key]: bad }), bad));
        }
        await expectEachRefused(env.tool.app.express, mentee, auth, [{ method: 'GET', path: `/programs/${ids.programId}/circles/${ids.circleId}/contract/versions/${bad}` }]);
      }
    });
  });

  it('when the outsider of the program opens the circle\'s contract, goals, meetings or invitation, then none is shown', async () => {
    const auth = await authFrom(a.outsider, `/programs/${a.programId}/circles/${sibling.circleId}/goals/new`);
    const reads = memberAttempts({ ...ids, circleId: ids.circleId }).filter((x) => x.method === 'GET');
    await expectEachRefused(env.tool.app.express, a.outsider, auth, reads);
  });
});
