import { expect } from 'chai';
import { decodeHtml } from '../support/html.js';
import { buildMatchingWorld, buildProfileForm, matchingSuite, type MatchingWorld } from '../support/matching-world.js';

describe('staff manage circles: move, rebalance, rotate', () => {
  const suite = matchingSuite();

  /** Mentors ana and cy (one place each), fay (two), mentees bo and di; matched and approved through the pages. */
  async function matchedWorld(program: Record<string, string | string[]> = {}): Promise<MatchingWorld> {
    const world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', cy: 'mentor', fay: 'mentor', bo: 'mentee', di: 'mentee' }, program);
    await world.fillProfile('ana', buildProfileForm({ strengths: ['Delegation'] }));
    await world.fillProfile('cy', buildProfileForm({ strengths: ['Negotiation'] }));
    await world.fillProfile('fay', buildProfileForm({ strengths: ['Resilience'], capacity: '2', languages: 'English, German' }));
    await world.fillProfile('bo', buildProfileForm({ growthSkills: ['Delegation', 'Resilience'] }));
    await world.fillProfile('di', buildProfileForm({ growthSkills: ['Negotiation'] }));
    await world.staff.post(world.staffPath('/matching/constraints'), { kind: 'forbid', mentorId: world.people.fay!.participantId, menteeId: world.people.bo!.participantId }, world.staffPath('/matching'));
    const approved = await world.approve();
    expect(approved.status, approved.text).to.equal(303);
    const constraints = await suite.tool.db.selectFrom('match_constraints').select('id').where('program_id', '=', world.programId).execute();
    for (const c of constraints) await world.staff.post(world.staffPath(`/matching/constraints/${c.id}/remove`), {}, world.staffPath('/matching'));
    return world;
  }
  const circleOf = async (world: MatchingWorld, name: string) => (await world.circles()).find((c) => c.status === 'active' && [...c.mentors, ...c.others].includes(name))!;
  const shape = async (world: MatchingWorld) => (await world.circles()).filter((c) => c.status === 'active').map((c) => `${c.mentors.join()}|${c.others.join()}`).sort();

  it('when staff open the circles page, then every circle shows with its members, and learners are refused', async () => {
    const world = await matchedWorld();
    const page = await world.staff.get(world.staffPath('/circles'));
    expect(page.status).to.equal(200);
    expect(decodeHtml(page.text)).to.contain('Ana Mentor & Bo Mentee').and.to.contain('Cy Mentor & Di Mentee').and.to.contain('Rebalance');
    expect((await world.people.bo!.session.get(world.staffPath('/circles'))).status).to.equal(403);
  });

  it('when staff move a mentee into a group circle with room, then the history is kept and both events are recorded', async () => {
    const world = await matchedWorld({ programTypes: ['group'], circleSizeMax: '4' });
    const from = await circleOf(world, 'Bo Mentee');
    const to = await circleOf(world, 'Di Mentee');
    const res = await world.staff.post(world.staffPath('/circles/move'), { participantId: world.people.bo!.participantId, fromCircleId: from.id, toCircleId: to.id }, world.staffPath('/circles'));
    expect(res.status, res.text).to.equal(303);
    expect((await circleOf(world, 'Bo Mentee')).id).to.equal(to.id);
    const history = await suite.tool.db.selectFrom('circle_members').select(['left_reason']).where('participant_id', '=', world.people.bo!.participantId).where('left_at', 'is not', null).execute();
    expect(history.map((h) => h.left_reason)).to.deep.equal(['moved by staff']);
    expect((await world.events('circle_left')).some((e) => e.actorUserId === world.people.bo!.userId && e.data.reason === 'moved by staff')).to.equal(true);
    expect((await world.events('circle_joined')).filter((e) => e.actorUserId === world.people.bo!.userId)).to.have.length(2);
  });

  it('when the target circle is full, then the move is refused on the page and nothing changes', async () => {
    const world = await matchedWorld();
    const before = await shape(world);
    const res = await world.staff.post(world.staffPath('/circles/move'), { participantId: world.people.bo!.participantId, fromCircleId: (await circleOf(world, 'Bo Mentee')).id, toCircleId: (await circleOf(world, 'Di Mentee')).id }, world.staffPath('/circles'));
    expect(res.status).to.equal(409);
    expect(decodeHtml(res.text)).to.contain('Cy Mentor & Di Mentee is full');
    expect(await shape(world)).to.deep.equal(before);
  });

  it('when staff rebalance a pair, then the best other mentor with a place takes over, history kept and rebalanced recorded', async () => {
    const world = await matchedWorld();
    const circle = await circleOf(world, 'Bo Mentee');
    const path = world.staffPath(`/circles/${circle.id}/rebalance`);
    const page = decodeHtml((await world.staff.get(path, { member: world.people.bo!.participantId })).text);
    expect(page).to.contain('Best other mentor: Fay Mentor').and.to.contain("Covers 1 of Bo Mentee's 2 growth areas: Resilience");
    const res = await world.staff.post(path, { menteeId: world.people.bo!.participantId, toMentorId: world.people.fay!.participantId }, world.staffPath('/circles'));
    expect(res.status, res.text).to.equal(303);
    expect(await shape(world)).to.deep.equal(['Cy Mentor|Di Mentee', 'Fay Mentor|Bo Mentee']);
    expect((await world.circles()).find((c) => c.id === circle.id)!.status).to.equal('closed');
    const [event] = await world.events('rebalanced');
    expect(event!.data).to.deep.equal({ fromMentorUserId: world.people.ana!.userId, toMentorUserId: world.people.fay!.userId });
    const again = decodeHtml((await world.staff.get(world.staffPath(`/circles/${(await circleOf(world, 'Bo Mentee')).id}/rebalance`), { member: world.people.bo!.participantId })).text);
    expect(again).to.contain('No other mentor can take Bo Mentee now').and.to.match(/at capacity/);
  });

  it('when staff save a rotation plan and rotate now, then every mentee moves to a mentor they never had', async () => {
    const world = await matchedWorld();
    const plan = world.staffPath('/circles/rotation');
    const bad = await world.staff.post(plan, { everyWeeks: '0', nextOn: 'soon' }, world.staffPath('/circles'));
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('id="everyWeeks-error"').and.to.contain('id="nextOn-error"');
    expect((await world.staff.post(plan, { everyWeeks: '6', nextOn: '2027-03-01' }, world.staffPath('/circles'))).status).to.equal(303);
    const preview = decodeHtml((await world.staff.get(world.staffPath('/circles'))).text);
    expect(preview).to.contain('If the rotation ran now').and.to.contain('<strong>Di Mentee</strong>: Cy Mentor → ');
    expect((await world.staff.post(`${plan}/run`, {}, world.staffPath('/circles'))).status).to.equal(303);
    const after = await shape(world);
    expect(after).to.have.length(2);
    expect(after).not.to.include('Ana Mentor|Bo Mentee').and.not.to.include('Cy Mentor|Di Mentee');
    const row = await suite.tool.db.selectFrom('rotation_plans').selectAll().where('program_id', '=', world.programId).executeTakeFirstOrThrow();
    expect(row.last_rotated_at).to.be.instanceOf(Date);
    expect(row.next_on > '2027-03-01' || row.next_on > new Date().toISOString().slice(0, 10)).to.equal(true);
  });

  it('when ids of another course are used, then move and rebalance answer 404', async () => {
    const world = await matchedWorld();
    const other = await matchedWorld();
    const foreign = await circleOf(other, 'Bo Mentee');
    expect((await world.staff.get(world.staffPath(`/circles/${foreign.id}/rebalance`), { member: other.people.bo!.participantId })).status).to.equal(404);
    expect((await world.staff.get(other.staffPath('/circles'))).status).to.equal(404);
    const res = await world.staff.post(world.staffPath('/circles/move'), { participantId: other.people.bo!.participantId, fromCircleId: foreign.id, toCircleId: (await circleOf(world, 'Di Mentee')).id }, world.staffPath('/circles'));
    expect(res.status).to.equal(404);
  });
});
