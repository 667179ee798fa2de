import { expect } from 'chai';
import { decodeHtml } from '../support/html.js';
import { buildMatchingWorld, buildProfileForm, matchingSuite, type MatchingWorld } from '../support/matching-world.js';

describe('matching forms circles for each format and mode', () => {
  const suite = matchingSuite();

  async function approve(world: MatchingWorld) {
    const res = await world.approve();
    expect(res.status, res.text).to.equal(303);
  }
  const review = async (world: MatchingWorld) => decodeHtml((await world.staff.get(world.staffPath('/matching'))).text);

  it('when a group program is approved, then each mentor gets one circle with their mentees, sized by the program', async () => {
    const world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', bo: 'mentee', di: 'mentee', eve: 'mentee' }, { programTypes: ['group'], circleSizeMax: '4' });
    await world.fillProfile('ana', buildProfileForm({ capacity: '5' }));
    for (const key of ['bo', 'di', 'eve']) await world.fillProfile(key, buildProfileForm());
    await approve(world);
    const circles = await world.circles();
    expect(circles).to.have.length(1);
    expect(circles[0]).to.deep.include({ name: "Ana Mentor's circle", mentors: ['Ana Mentor'], others: ['Bo Mentee', 'Di Mentee', 'Eve Mentee'] });
    const row = await suite.tool.db.selectFrom('circles').select(['capacity', 'time_zone']).where('id', '=', circles[0]!.id).executeTakeFirstOrThrow();
    expect(row).to.deep.equal({ capacity: 4, time_zone: 'Europe/Paris' });
  });

  it('when a late mentee is matched in a group program, then they join the mentor\'s existing circle', async () => {
    const world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', bo: 'mentee', di: 'mentee' }, { programTypes: ['group'], circleSizeMax: '4' });
    await world.fillProfile('ana', buildProfileForm({ capacity: '3' }));
    await world.fillProfile('bo', buildProfileForm());
    await approve(world);
    await world.fillProfile('di', buildProfileForm());
    await approve(world);
    const circles = await world.circles();
    expect(circles.map((c) => c.others)).to.deep.equal([['Bo Mentee', 'Di Mentee']]);
  });

  it('when a peer program is approved, then peers pair up in circles of two, both as peers', async () => {
    const world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'both', bo: 'both', cy: 'both', di: 'both', eve: 'both' }, { programTypes: ['peer'] });
    for (const key of ['ana', 'bo', 'cy', 'di', 'eve']) await world.fillProfile(key, buildProfileForm({ strengths: ['Resilience'], growthSkills: ['Resilience'] }));
    await world.propose();
    const html = await review(world);
    expect(html).to.contain('Peer').and.to.match(/\((Peer)\): /);
    await approve(world);
    const circles = await world.circles();
    expect(circles).to.have.length(2);
    expect(circles.every((c) => c.mentors.length === 0 && c.others.length === 2)).to.equal(true);
  });

  it('when the program matches automatically, then "Match now" forms the circles at once', async () => {
    const world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', bo: 'mentee' }, { matchingMode: 'automatic' });
    await world.fillProfile('ana', buildProfileForm());
    await world.fillProfile('bo', buildProfileForm());
    expect(await review(world)).to.contain('Match now');
    const res = await world.propose();
    expect(res.headers.location).to.contain('notice=automatic');
    expect((await world.circles()).map((c) => c.name)).to.deep.equal(['Ana Mentor & Bo Mentee']);
    const proposals = await suite.tool.db.selectFrom('match_proposals').select('status').where('program_id', '=', world.programId).execute();
    expect(proposals.map((p) => p.status)).to.deep.equal(['approved']);
  });

  it('when reverse mentoring is matched, then only a more junior mentor is paired and the others are told why', async () => {
    const world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', bo: 'mentee', di: 'mentee' }, { programTypes: ['reverse'], mentorCapacity: '2' });
    await world.fillProfile('ana', buildProfileForm({ seniority: '2', strengths: ['Digital fluency'], capacity: '2' }));
    await world.fillProfile('bo', buildProfileForm({ seniority: '8', growthSkills: ['Digital fluency'] }));
    await world.fillProfile('di', buildProfileForm({ seniority: '1', growthSkills: ['Digital fluency'] }));
    await world.propose();
    const html = await review(world);
    expect(html).to.contain('Ana Mentor <span aria-hidden="true">↔</span><span class="visually-hidden">with</span> Bo Mentee');
    expect(html).to.match(/<strong>Di Mentee<\/strong> \(Mentee\): [^<]*seniority rule of reverse mentoring/);
  });

  it('when a peer takes part in a one-on-one program, then they are listed as not matched with what to change', async () => {
    const world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', bo: 'mentee', cy: 'both' });
    for (const key of ['ana', 'bo', 'cy']) await world.fillProfile(key, buildProfileForm());
    await world.propose();
    expect(await review(world)).to.contain('<strong>Cy Peer</strong> (Peer): Takes part as a peer, and this format matches mentors with mentees (program staff can change the role)');
  });
});
