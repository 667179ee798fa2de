import { expect } from 'chai';
import { buildCircleWorld, useToolAndCanvas, type CircleWorld } from '../support/circle-life-world.js';

const goalForm = (ownerParticipantId: string, overrides: Record<string, string> = {}) => ({
  ownerParticipantId, title: 'Lead the cross-functional planning initiative', measure: 'Plan approved by the leadership team',
  achievable: 'My manager gives me two days a month for it', relevant: 'I want to move into a team lead role', dueOn: '2027-05-31', ...overrides,
});

describe('goals and milestones of a circle', () => {
  const env = useToolAndCanvas();
  let world: CircleWorld;
  let menteeParticipant: string;
  let mentorParticipant: string;

  beforeEach(async () => {
    world = await buildCircleWorld(env.tool, env.canvas, ['mentor', 'mentee']);
    const members = await env.tool.db.selectFrom('circle_members').select(['participant_id', 'role']).where('circle_id', '=', world.circleId).execute();
    menteeParticipant = members.find((m) => m.role === 'mentee')!.participant_id;
    mentorParticipant = members.find((m) => m.role === 'mentor')!.participant_id;
  });

  const goalIdFrom = (location: string) => /\/goals\/([0-9a-f-]{36})/.exec(location)![1]!;

  it('when a mentee sets a SMART goal with milestones and completes one, then the circle sees the progress and goal_set and milestone_completed are recorded', async () => {
    const [mentor, mentee] = world.members as [CircleWorld['staff'], CircleWorld['staff']];
    const form = await mentee.get(world.path('/goals/new'));
    expect(form.status).to.equal(200);
    expect(form.text).to.contain('Specific: what exactly').and.to.contain('Time-bound: by when?');
    const created = await world.post(mentee, '/goals', goalForm(menteeParticipant));
    expect(created.status, created.text).to.equal(303);
    const goalId = goalIdFrom(created.headers.location!);

    await world.post(mentee, `/goals/${goalId}/milestones`, { title: 'Draft the plan', criteria: 'A two-page draft exists', dueOn: '2027-02-28', status: 'in_progress' });
    await world.post(mentor, `/goals/${goalId}/milestones`, { title: 'Present it to the team', criteria: 'Team gave feedback', dueOn: '2027-03-31' });
    const milestones = await env.tool.db.selectFrom('goal_milestones').select(['id', 'title', 'status']).where('goal_id', '=', goalId).orderBy('due_on').execute();
    expect(milestones.map((m) => m.status)).to.deep.equal(['in_progress', 'not_started']);

    const done = await world.post(mentee, `/goals/${goalId}/milestones/${milestones[0]!.id}`, { status: 'done', evidence: 'Draft shared on 20 Feb' });
    expect(done.status, done.text).to.equal(303);
    await world.post(mentor, `/goals/${goalId}/milestones/${milestones[0]!.id}`, { status: 'done', evidence: 'Draft shared on 20 Feb, well received' });

    const circlePage = await mentor.get(world.path());
    expect(circlePage.text).to.contain('Lead the cross-functional planning initiative').and.to.contain('1 of 2 milestones done').and.to.contain('value="50"');
    const goalPage = await mentor.get(world.path(`/goals/${goalId}`));
    expect(goalPage.text).to.contain('Draft shared on 20 Feb, well received').and.to.contain('Plan approved by the leadership team');

    const set = await world.events('goal_set');
    expect(set).to.have.length(1);
    expect(set[0]!.data).to.deep.equal({ goalId, title: 'Lead the cross-functional planning initiative' });
    expect(set[0]!.actorUserId).to.equal(world.userIdOf(mentee));
    const completed = await world.events('milestone_completed');
    expect(completed, 'saving a done milestone again is not a second completion').to.have.length(1);
    expect(completed[0]!.data).to.include({ goalId, milestoneId: milestones[0]!.id, title: 'Draft the plan' });
  });

  it('when the goal form misses fields or names the mentor as owner, then each problem is shown and nothing is saved', async () => {
    const mentee = world.members[1]!;
    const res = await world.post(mentee, '/goals', goalForm(mentorParticipant, { measure: '', dueOn: 'soon' }));
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('id="measure-error"').and.to.contain('id="dueOn-error"').and.to.contain('Nothing was saved');
    const owner = await world.post(mentee, '/goals', goalForm(mentorParticipant));
    expect(owner.status).to.equal(422);
    expect(owner.text).to.contain('Choose a mentee of this circle.');
    expect(await env.tool.db.selectFrom('circle_goals').select('id').where('circle_id', '=', world.circleId).execute()).to.have.length(0);
    expect(await world.events('goal_set')).to.have.length(0);
  });

  it('when a milestone update has a bad status, then that milestone\'s form shows the error and nothing changes', async () => {
    const mentee = world.members[1]!;
    const goalId = goalIdFrom((await world.post(mentee, '/goals', goalForm(menteeParticipant))).headers.location!);
    await world.post(mentee, `/goals/${goalId}/milestones`, { title: 'Step one', criteria: 'Done when done', dueOn: '2027-02-01' });
    const [milestone] = await env.tool.db.selectFrom('goal_milestones').select('id').where('goal_id', '=', goalId).execute();
    const res = await world.post(mentee, `/goals/${goalId}/milestones/${milestone!.id}`, { status: 'finished', evidence: 'x' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain(`id="status-${milestone!.id}-error"`);
    const bad = await world.post(mentee, `/goals/${goalId}/milestones`, { title: '', criteria: '', dueOn: '' });
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('href="#new-title"').and.to.contain('id="new-criteria-error"');
    expect(await env.tool.db.selectFrom('goal_milestones').select('status').where('goal_id', '=', goalId).execute()).to.deep.equal([{ status: 'not_started' }]);
  });

  it('when a member changes the goal, then the new wording is saved and no second goal_set is recorded', async () => {
    const mentee = world.members[1]!;
    const goalId = goalIdFrom((await world.post(mentee, '/goals', goalForm(menteeParticipant))).headers.location!);
    const edit = await mentee.get(world.path(`/goals/${goalId}/edit`));
    expect(edit.text).to.contain('value="Lead the cross-functional planning initiative"');
    const saved = await world.post(mentee, `/goals/${goalId}`, goalForm(menteeParticipant, { title: 'Lead the planning initiative' }));
    expect(saved.status).to.equal(303);
    expect((await mentee.get(world.path(`/goals/${goalId}`))).text).to.contain('Lead the planning initiative');
    expect(await world.events('goal_set')).to.have.length(1);
  });

  it('when the circle has closed, then its goals stay readable but cannot change', async () => {
    const mentee = world.members[1]!;
    const goalId = goalIdFrom((await world.post(mentee, '/goals', goalForm(menteeParticipant))).headers.location!);
    await env.tool.db.updateTable('circles').set({ status: 'closed', closed_at: new Date() }).where('id', '=', world.circleId).execute();
    expect((await mentee.get(world.path(`/goals/${goalId}`))).status).to.equal(200);
    const page = await mentee.get(world.path());
    expect(page.text).to.contain('This circle has closed').and.not.to.contain('Set a goal</a>');
    const res = await world.post(mentee, `/goals/${goalId}/milestones`, { title: 'Late', criteria: 'c', dueOn: '2027-02-01' });
    expect(res.status).to.equal(409);
    expect(await env.tool.db.selectFrom('goal_milestones').select('id').where('goal_id', '=', goalId).execute()).to.have.length(0);
  });
});
