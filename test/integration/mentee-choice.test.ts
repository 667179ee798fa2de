import { expect } from 'chai';
import { decodeHtml } from '../support/html.js';
import { buildMatchingWorld, buildProfileForm, matchingSuite, type MatchingWorld } from '../support/matching-world.js';

describe('mentee choice: mentees rank suggestions, mentors answer, staff resolve the rest', () => {
  const suite = matchingSuite();
  let world: MatchingWorld;
  beforeEach(async () => {
    world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', cy: 'mentor', bo: 'mentee', di: 'mentee' }, { matchingMode: 'mentee_choice' });
    await world.fillProfile('ana', buildProfileForm({ strengths: ['Delegation'] }));
    await world.fillProfile('cy', buildProfileForm({ strengths: ['Negotiation'] }));
    await world.fillProfile('bo', buildProfileForm({ growthSkills: ['Delegation'] }));
    await world.fillProfile('di', buildProfileForm({ growthSkills: ['Negotiation'] }));
  });

  const matchPath = () => `/programs/${world.programId}/match`;
  const page = async (key: string) => decodeHtml((await world.people[key]!.session.get(matchPath())).text);
  const rank = (key: string, ranks: Record<string, string>) => world.people[key]!.session.post(`${matchPath()}/rank`,
    Object.fromEntries(Object.entries(ranks).map(([mentor, r]) => [`rank-${world.people[mentor]!.participantId}`, r])), matchPath());
  const choices = () => suite.tool.db.selectFrom('match_choices').select(['id', 'mentor_participant_id as mentor', 'status', 'deadline_at']).where('program_id', '=', world.programId).orderBy('rank').execute();
  const answer = async (key: string, decision: 'accept' | 'decline') => {
    const pending = (await choices()).find((c) => c.mentor === world.people[key]!.participantId && c.status === 'pending')!;
    return world.people[key]!.session.post(`${matchPath()}/requests/${pending.id}`, { decision }, matchPath());
  };

  it('when a mentee ranks their suggestions, then the first is asked with a deadline and the rest wait', async () => {
    const html = await page('bo');
    expect(html).to.contain('Choose your mentor').and.to.contain('Covers your growth area: Delegation');
    expect(html.indexOf('Ana Mentor')).to.be.lessThan(html.indexOf('Cy Mentor'));
    expect((await rank('bo', { ana: '1', cy: '2' })).status).to.equal(303);
    const rows = await choices();
    expect(rows.map((c) => c.status)).to.deep.equal(['pending', 'queued']);
    expect(rows[0]!.deadline_at!.getTime() - Date.now()).to.be.within(2.9 * 86_400_000, 3.1 * 86_400_000);
    expect(await world.events('match_proposed')).to.have.length(1);
    expect(await page('bo')).to.contain('Waiting for an answer').and.not.to.contain('Send my choices');
  });

  it('when the ranking repeats a rank, then the page says so and nothing is sent', async () => {
    const res = await rank('bo', { ana: '1', cy: '1' });
    expect(res.status).to.equal(422);
    expect(res.text).to.contain('Give each mentor a different rank.');
    expect(await choices()).to.have.length(0);
  });

  it('when the mentor accepts, then their circle forms at once and the mentee sees why they were matched', async () => {
    await rank('bo', { ana: '1', cy: '2' });
    const mentorPage = await page('ana');
    expect(mentorPage).to.contain('Mentees asking for you').and.to.contain("Covers Bo Mentee's growth area: Delegation");
    expect((await answer('ana', 'accept')).status).to.equal(303);
    expect((await world.circles()).map((c) => c.name)).to.deep.equal(['Ana Mentor & Bo Mentee']);
    expect((await choices()).map((c) => c.status)).to.deep.equal(['accepted', 'withdrawn']);
    const [accepted] = await world.events('match_accepted');
    expect(accepted!.actorUserId).to.equal(world.people.ana!.userId);
    const menteePage = await page('bo');
    expect(menteePage).to.contain('Ana Mentor & Bo Mentee').and.to.contain('Why you were matched');
  });

  it('when the mentor declines or lets the deadline pass, then the next choice is asked', async () => {
    await rank('bo', { ana: '1', cy: '2' });
    expect((await answer('ana', 'decline')).status).to.equal(303);
    expect((await choices()).map((c) => c.status)).to.deep.equal(['declined', 'pending']);
    expect(await world.events('match_declined')).to.have.length(1);
    await suite.tool.db.updateTable('match_choices').set({ deadline_at: new Date(Date.now() - 1000) }).where('program_id', '=', world.programId).where('status', '=', 'pending').execute();
    expect(await page('cy')).to.contain('No requests are waiting for you.');
    expect((await choices()).map((c) => c.status)).to.deep.equal(['declined', 'expired']);
  });

  it('when staff close the choosing, then the proposal covers everyone unmatched and never a declined pair', async () => {
    await world.fillProfile('cy', buildProfileForm({ strengths: ['Negotiation', 'Delegation'] }));
    await rank('bo', { ana: '1' });
    await answer('ana', 'decline');
    await rank('di', { cy: '1' });
    const res = await world.staff.post(world.staffPath('/matching/close-choices'), {}, world.staffPath('/matching'));
    expect(res.status).to.equal(303);
    expect((await choices()).filter((c) => c.status === 'pending')).to.have.length(0);
    const html = decodeHtml((await world.staff.get(world.staffPath('/matching'))).text);
    expect(html).to.contain('Proposal to review').and.to.contain('Declined');
    expect(html).not.to.contain('Ana Mentor <span aria-hidden="true">↔</span><span class="visually-hidden">with</span> Bo Mentee');
    expect(html).to.match(/(Ana|Cy) Mentor <span aria-hidden="true">↔<\/span><span class="visually-hidden">with<\/span> Di Mentee/);
  });

  it('when staff approve a proposal made before a mentee asked a mentor, then it is refused as out of date', async () => {
    await world.propose();
    await rank('bo', { ana: '1' });
    const res = await world.staff.post(world.staffPath('/matching/approve'), { proposalId: await world.draftId() }, world.staffPath('/matching'));
    expect(res.status).to.equal(409);
    expect(decodeHtml(res.text)).to.contain('Bo Mentee has asked a mentor and is waiting for the answer');
    expect(await world.circles()).to.have.length(0);
  });

  it('when someone answers a request that is not theirs or a crafted id, then it is not found', async () => {
    await rank('bo', { ana: '1' });
    const [pending] = await choices();
    const profile = `/programs/${world.programId}/profile`;
    expect((await world.people.cy!.session.post(`${matchPath()}/requests/${pending!.id}`, { decision: 'accept' }, profile)).status).to.equal(404);
    expect((await world.people.cy!.session.post(`${matchPath()}/requests/nope`, { decision: 'accept' }, profile)).status).to.equal(404);
    expect((await world.people.bo!.session.get(world.staffPath('/matching'))).status).to.equal(403);
    expect(await world.circles()).to.have.length(0);
  });
});
