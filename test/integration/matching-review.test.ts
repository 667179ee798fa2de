import { expect } from 'chai';
import { buildCircle } from '../support/circle-factory.js';
import { decodeHtml } from '../support/html.js';
import { buildMatchingWorld, buildProfileForm, matchingSuite, type MatchingWorld } from '../support/matching-world.js';

describe('staff review, adjust and approve proposed matches', () => {
  const suite = matchingSuite();
  let world: MatchingWorld;
  beforeEach(async () => {
    world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', cy: 'mentor', bo: 'mentee', di: 'mentee' });
    await world.fillProfile('ana', buildProfileForm({ strengths: ['Delegation', 'Strategic thinking'] }));
    await world.fillProfile('cy', buildProfileForm({ strengths: ['Negotiation'], division: 'Finance' }));
    await world.fillProfile('bo', buildProfileForm({ growthSkills: ['Delegation'] }));
    await world.fillProfile('di', buildProfileForm({ growthSkills: ['Negotiation'] }));
  });

  const matching = () => world.staffPath('/matching');
  const post = (rest: string, fields: Record<string, string> = {}) => world.staff.post(world.staffPath(`/matching${rest}`), fields, matching());
  const proposalId = () => world.draftId();

  it('when staff propose, then each best pair shows its score and the reasons in plain words', async () => {
    expect((await post('/propose')).status).to.equal(303);
    const html = decodeHtml((await world.staff.get(matching())).text);
    expect(html).to.contain('Ana Mentor <span aria-hidden="true">↔</span><span class="visually-hidden">with</span> Bo Mentee');
    expect(html).to.contain('Cy Mentor <span aria-hidden="true">↔</span><span class="visually-hidden">with</span> Di Mentee');
    expect(html).to.contain("Covers Bo Mentee's growth area: Delegation").and.to.contain('Approve and form the circles');
  });

  it('when staff forbid a pair and pin another, then each applies at once: the new proposal follows both', async () => {
    await post('/propose');
    await post('/constraints', { kind: 'forbid', mentorId: world.people.ana!.participantId, menteeId: world.people.bo!.participantId });
    await post('/constraints', { kind: 'pin', mentorId: world.people.ana!.participantId, menteeId: world.people.di!.participantId });
    const html = decodeHtml((await world.staff.get(matching())).text);
    expect(html).to.contain('Ana Mentor <span aria-hidden="true">↔</span><span class="visually-hidden">with</span> Di Mentee <span class="badge badge--warn">pinned');
    expect(html).to.contain('Cy Mentor <span aria-hidden="true">↔</span><span class="visually-hidden">with</span> Bo Mentee');
    const constraints = await suite.tool.db.selectFrom('match_constraints').select(['id', 'kind']).where('program_id', '=', world.programId).execute();
    expect(constraints.map((c) => c.kind).sort()).to.deep.equal(['forbid', 'pin']);
    await post(`/constraints/${constraints[0]!.id}/remove`);
    expect(await suite.tool.db.selectFrom('match_constraints').select('id').where('program_id', '=', world.programId).execute()).to.have.length(1);
  });

  it('when staff approve, then a circle forms per pair with events, and a second approval is refused on the page', async () => {
    await post('/propose');
    const id = await proposalId();
    const res = await post('/approve', { proposalId: id });
    expect(res.status, res.text).to.equal(303);
    const circles = await world.circles();
    expect(circles.map((c) => `${c.mentors.join()}|${c.others.join()}`).sort()).to.deep.equal(['Ana Mentor|Bo Mentee', 'Cy Mentor|Di Mentee']);
    expect(await world.events('circle_joined')).to.have.length(4);
    const proposed = await world.events('match_proposed');
    expect(proposed.map((e) => e.actorUserId).sort()).to.deep.equal([world.people.bo!.userId, world.people.di!.userId].sort());
    const again = await post('/approve', { proposalId: id });
    expect(again.status).to.equal(409);
    expect(again.text).to.contain('already approved');
    expect(await world.circles()).to.have.length(2);
    const admin = await world.staff.get(world.staffPath());
    expect(admin.text).to.contain('Ana Mentor &amp; Bo Mentee');
  });

  it('when someone was placed after the proposal, then approving it is refused and nothing changes', async () => {
    await post('/propose');
    await buildCircle(suite.tool.db, world.programId, [{ subject: world.people.cy!.subject, role: 'mentor' }, { subject: world.people.bo!.subject, role: 'mentee' }]);
    const res = await post('/approve', { proposalId: await proposalId() });
    expect(res.status).to.equal(409);
    expect(decodeHtml(res.text)).to.contain('Bo Mentee is already in Circle one. Run the matching again');
    expect(await world.circles()).to.have.length(1);
  });

  it('when an older proposal is approved, then it is not found', async () => {
    await post('/propose');
    const older = await proposalId();
    await post('/propose');
    expect((await post('/approve', { proposalId: older })).status).to.equal(404);
  });

  it('when the cohort cannot all be matched, then who was left out is listed with the reason, never an error', async () => {
    const more = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', bo: 'mentee', di: 'mentee', eve: 'mentee', fay: 'mentor' });
    await more.fillProfile('ana', buildProfileForm({ strengths: ['Delegation'], capacity: '1' }));
    await more.fillProfile('fay', buildProfileForm({ strengths: ['Delegation'], languages: 'Japanese' }));
    for (const key of ['bo', 'di']) await more.fillProfile(key, buildProfileForm());
    await more.fillProfile('eve', { division: 'Sales', timeZone: 'Asia/Tokyo' });
    await more.staff.post(more.staffPath('/matching/propose'), {}, more.staffPath('/matching'));
    const page = await more.staff.get(more.staffPath('/matching'));
    expect(page.status).to.equal(200);
    const html = decodeHtml(page.text);
    expect(html).to.contain('Not matched, and why').and.to.contain('The only eligible mentor, Ana Mentor, is at capacity');
    expect(html).to.match(/<strong>Eve Mentee<\/strong> \(Mentee\): Profile \d+% complete/);
    expect(html).to.match(/<strong>Fay Mentor<\/strong> \(Mentor\): [^<]*language/i);
    await more.staff.post(more.staffPath('/matching/approve'), { proposalId: await more.draftId() }, more.staffPath('/matching'));
    const [circle] = await more.circles();
    const left = circle!.others.includes('Bo Mentee') ? 'di' : 'bo';
    const mine = decodeHtml((await more.people[left]!.session.get(`/programs/${more.programId}/match`)).text);
    expect(mine).to.contain('Why you are not matched yet').and.to.contain('The only eligible mentor, Ana Mentor, is at capacity');
  });

  it('when settings are invalid, then the errors show on the form and nothing is saved; valid ones are kept', async () => {
    const path = world.staffPath('/matching/settings');
    const form = { programType: 'one_on_one', objective: 'highest-score', complementarity: 'high', goals: 'medium', experience: 'low', diversity: 'off', availability: 'must', language: 'must', learningStyle: 'off', minOverlapMinutes: '90', choiceDeadlineDays: '3', excludeOwnManagerAndTeam: 'on' };
    const bad = await world.staff.post(path, { ...form, programType: 'peer', minOverlapMinutes: '9999', goals: 'lots' }, path);
    expect(bad.status).to.equal(422);
    expect(bad.text).to.contain('id="programType-error"').and.to.contain('id="minOverlapMinutes-error"').and.to.contain('id="goals-error"');
    expect(await suite.tool.db.selectFrom('matching_settings').selectAll().where('program_id', '=', world.programId).execute()).to.have.length(0);
    expect((await world.staff.post(path, form, path)).status).to.equal(303);
    const page = await world.staff.get(path);
    expect(page.text).to.match(/id="availability" name="availability">.*<option value="must" selected>/s).and.to.contain('value="90"');
  });
});
