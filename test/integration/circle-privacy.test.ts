import { expect } from 'chai';
import { decodeHtml } from '../support/html.js';
import { buildCircleWorld, useToolAndCanvas, type CircleWorld } from '../support/circle-life-world.js';
import type { TestPlatform } from '../support/test-platform.js';
import type { TestTool } from '../support/test-tool.js';

const SECRETS = {
  objectives: 'Secret objective: leave the company next year',
  goal: 'Secret goal: negotiate a raise',
  notes: 'Secret note: conflict with the manager',
  agenda: 'Secret agenda: the reorganisation',
  comment: 'Secret comment: you interrupt a lot',
};
const yesterday = () => new Date(Date.now() - 86_400_000).toISOString().slice(0, 10);
const idIn = (location: string, kind: string) => new RegExp(`/${kind}/([0-9a-f-]{36})`).exec(location)![1]!;

/** A circle with something of everything: an agreed contract, a goal half done, meetings held and to come, feedback. */
async function livelyCircle(tool: TestTool, canvas: TestPlatform) {
  const world = await buildCircleWorld(tool, canvas, ['mentor', 'mentee']);
  const [mentor, mentee] = world.members as [CircleWorld['staff'], CircleWorld['staff']];
  const people = await tool.db.selectFrom('circle_members').select(['participant_id', 'role']).where('circle_id', '=', world.circleId).execute();
  const pid = (role: string) => people.find((p) => p.role === role)!.participant_id;
  await world.post(mentee, '/contract', {
    baseVersion: '0', mentorRole: 'Guide', menteeObjectives: SECRETS.objectives, cadence: 'Monthly', confidentiality: 'Stays here', feedbackChannel: 'Talk', escalationPath: 'Staff',
  });
  await world.post(mentor, '/contract/acknowledge', { version: '1' });
  const goal = idIn((await world.post(mentee, '/goals', { ownerParticipantId: pid('mentee'), title: SECRETS.goal, measure: 'm', achievable: 'a', relevant: 'r', dueOn: '2027-06-01' })).headers.location!, 'goals');
  await world.post(mentee, `/goals/${goal}/milestones`, { title: 'One', criteria: 'c', dueOn: '2027-02-01', status: 'done' });
  await world.post(mentee, `/goals/${goal}/milestones`, { title: 'Two', criteria: 'c', dueOn: '2027-03-01' });
  const held = idIn((await world.post(mentor, '/meetings', { date: yesterday(), time: '10:00', durationMinutes: '60', mode: 'virtual', agenda: SECRETS.agenda, notes: SECRETS.notes })).headers.location!, 'meetings');
  await world.post(mentor, '/meetings', { date: '2027-04-01', time: '10:00', durationMinutes: '30', mode: 'in_person' });
  await world.post(mentor, `/meetings/${held}/attendance`, { attendees: [pid('mentor'), pid('mentee')] });
  await world.post(mentee, `/meetings/${held}/feedback`, { toParticipantId: pid('mentor'), rating: '4', comment: SECRETS.comment });
  await world.post(mentor, `/meetings/${held}/feedback`, { toParticipantId: pid('mentee'), rating: '2' });
  return { world, goal, held };
}

describe('privacy and isolation of circle life', () => {
  const env = useToolAndCanvas();
  let a: Awaited<ReturnType<typeof livelyCircle>>;
  let b: Awaited<ReturnType<typeof livelyCircle>>;

  before(async function () {
    this.timeout(120_000);
    a = await livelyCircle(env.tool, env.canvas);
    b = await livelyCircle(env.tool, env.canvas);
  });

  const memberPages = () => ['', '/contract', '/contract/versions/1', `/goals/${a.goal}`, `/goals/${a.goal}/edit`, `/meetings/${a.held}`, `/meetings/${a.held}/edit`, `/meetings/${a.held}/invite.ics`].map((p) => a.world.path(p));

  it('when staff open the circle progress, then they see counts and averages, and none of the circle\'s words', async () => {
    const page = await a.world.staff.get(`/staff/programs/${a.world.programId}/circle-progress`);
    expect(page.status).to.equal(200);
    for (const cell of ['Agreed (v1)', 'data-label="Goals">1<', 'data-label="Milestones done">1 / 2<', 'data-label="Meetings held">1<', 'data-label="Coming up">1<', '3.0 <span class="meta">(2)']) {
      expect(page.text).to.contain(cell);
    }
    for (const secret of Object.values(SECRETS)) expect(page.text).not.to.contain(secret);
    expect((await a.world.staff.get(`/staff/programs/${a.world.programId}`)).text).to.contain('circle-progress');
  });

  it('when staff open a circle\'s member pages, then they are not found, like any non-member', async () => {
    for (const path of memberPages()) {
      const res = await a.world.staff.get(path);
      expect(res.status, path).to.equal(404);
      for (const secret of Object.values(SECRETS)) expect(res.text).not.to.contain(secret);
    }
  });

  it('when a participant outside the circle reads or writes it, then it is not found and nothing changes', async () => {
    for (const path of memberPages()) expect((await a.world.outsider.get(path)).status, path).to.equal(404);
    const before = await env.tool.db.selectFrom('circle_meetings').select('notes').where('id', '=', a.held).executeTakeFirstOrThrow();
    const edit = await a.world.post(a.world.outsider, `/meetings/${a.held}`, { date: '2027-01-20', time: '10:00', durationMinutes: '30', mode: 'virtual', notes: 'overwritten' });
    expect(edit.status).to.equal(404);
    expect((await a.world.post(a.world.outsider, '/contract/acknowledge', { version: '1' })).status).to.equal(404);
    expect(await env.tool.db.selectFrom('circle_meetings').select('notes').where('id', '=', a.held).executeTakeFirstOrThrow()).to.deep.equal(before);
  });

  it('when a learner of another course uses this course\'s ids, then nothing is found', async () => {
    const stranger = b.world.members[1]!;
    for (const path of memberPages()) expect((await stranger.get(path)).status, path).to.equal(404);
    expect((await stranger.get(`/programs/${a.world.programId}/survey`)).status).to.equal(404);
    expect((await b.world.staff.get(`/staff/programs/${a.world.programId}/circle-progress`)).status).to.equal(404);
    expect((await b.world.staff.get(`/staff/programs/${a.world.programId}/survey`)).status).to.equal(404);
  });

  it('when a member crafts ids of another circle\'s goal or meeting into their own circle, then they are not found', async () => {
    const member = a.world.members[1]!;
    expect((await member.get(a.world.path(`/goals/${b.goal}`))).status).to.equal(404);
    expect((await member.get(a.world.path(`/meetings/${b.held}`))).status).to.equal(404);
    expect((await member.get(a.world.path(`/meetings/${b.held}/invite.ics`))).status).to.equal(404);
    const feedback = await a.world.post(member, `/meetings/${b.held}/feedback`, { toParticipantId: 'x', rating: '1' });
    expect(feedback.status).to.equal(404);
    expect((await member.get(`/programs/${a.world.programId}/circles/${b.world.circleId}`)).status).to.equal(404);
    expect((await member.get(`/programs/${a.world.programId}/circles/not-a-uuid`)).status).to.equal(404);
  });

  it('when a learner opens the staff numbers, then it is refused', async () => {
    expect((await a.world.members[0]!.get(`/staff/programs/${a.world.programId}/circle-progress`)).status).to.equal(403);
  });

  it('when a member opens the program\'s circles, then they land on their own circle', async () => {
    expect(decodeHtml((await a.world.members[1]!.get(`/programs/${a.world.programId}`)).text)).to.contain(`/programs/${a.world.programId}/circles?s=`);
    const res = await a.world.members[1]!.get(`/programs/${a.world.programId}/circles`);
    expect(res.status).to.equal(303);
    expect(res.headers.location).to.contain(a.world.path());
    expect((await a.world.outsider.get(`/programs/${a.world.programId}/circles`)).text).to.contain('You are not in a circle yet');
  });
});
