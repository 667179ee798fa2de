import { expect } from 'chai';
import { decodeHtml } from '../support/html.js';
import { buildMatchingWorld, buildProfileForm, matchingSuite, type MatchingWorld } from '../support/matching-world.js';

describe('notifications of mentee choice: requests to mentors, their answers, the circle formed', function () {
  this.timeout(120_000);
  const suite = matchingSuite();
  let world: MatchingWorld;
  beforeEach(async () => {
    world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', cy: 'mentor', bo: 'mentee' }, { matchingMode: 'mentee_choice' });
    await world.fillProfile('ana', buildProfileForm({ strengths: ['Delegation'] }));
    await world.fillProfile('cy', buildProfileForm({ strengths: ['Negotiation'] }));
    await world.fillProfile('bo', buildProfileForm({ growthSkills: ['Delegation'] }));
  });

  const matchPath = () => `/programs/${world.programId}/match`;
  const rank = (key: string, ranks: Record<string, string>) => world.people[key]!.session.post(`${matchPath()}/rank`,
    Object.fromEntries(Object.entries(ranks).map(([mentor, r]) => [`rank-${world.people[mentor]!.participantId}`, r])), matchPath());
  const answer = async (key: string, decision: 'accept' | 'decline') => {
    const pending = await suite.tool.db.selectFrom('match_choices').select('id').where('program_id', '=', world.programId)
      .where('mentor_participant_id', '=', world.people[key]!.participantId).where('status', '=', 'pending').executeTakeFirstOrThrow();
    return world.people[key]!.session.post(`${matchPath()}/requests/${pending.id}`, { decision }, matchPath());
  };
  const topicsOf = async (key: string) => (await suite.tool.db.selectFrom('notifications').select(['topic', 'facts'])
    .where('user_id', '=', world.people[key]!.userId).where('program_id', '=', world.programId).orderBy('created_at').execute());
  const inbox = async (key: string) => decodeHtml((await world.people[key]!.session.get('/notifications')).text);

  it('when a mentee ranks mentors, the first declines and the second accepts, then each hears once, with the deadline and the circle', async () => {
    expect((await rank('bo', { ana: '1', cy: '2' })).status).to.equal(303);
    const asked = await topicsOf('ana');
    expect(asked.map((n) => n.topic)).to.deep.equal(['mentor_request']);
    expect((asked[0]!.facts as { deadline: string | null }).deadline, 'the answer deadline').to.be.a('string');
    expect(await topicsOf('cy'), 'the second choice waits unasked').to.have.length(0);
    expect(await inbox('ana')).to.contain('Bo Mentee asks you to be their mentor').and.to.contain('Please accept or decline by');

    expect((await answer('ana', 'decline')).status).to.equal(303);
    expect((await topicsOf('bo')).map((n) => n.topic)).to.deep.equal(['request_declined']);
    expect((await topicsOf('cy')).map((n) => n.topic)).to.deep.equal(['mentor_request']);

    expect((await answer('cy', 'accept')).status).to.equal(303);
    expect((await topicsOf('bo')).map((n) => n.topic)).to.have.members(['request_declined', 'request_accepted', 'circle_formed']);
    expect((await topicsOf('cy')).map((n) => n.topic)).to.have.members(['mentor_request', 'circle_formed']);
    expect(await topicsOf('ana'), 'the mentor who declined hears nothing more').to.have.length(1);
    const bo = await inbox('bo');
    expect(bo).to.contain('Cy Mentor accepted your mentor request').and.to.contain('Your circle: Bo Mentee (mentee), Cy Mentor (mentor)');
  });
});
