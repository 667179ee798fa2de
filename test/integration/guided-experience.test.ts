import { expect } from 'chai';
import request from 'supertest';
import { decodeHtml } from '../support/html.js';
import {
  buildMatchingWorld,
  buildProfileForm,
  matchingSuite,
  type MatchingWorld,
} from '../support/matching-world.js';

/**
 * A group program: Ana (London) and Cy (Mexico City) mentor; Bo (Kolkata) and Di (Tokyo) are mentees
 * whose free evenings or afternoons are Ana's Monday morning.
 */
describe('the guided experience: next steps, time zones, search, privacy', () => {
  const suite = matchingSuite();
  let world: MatchingWorld;
  beforeEach(async () => {
    world = await buildMatchingWorld(
      suite.tool,
      suite.moodle,
      { ana: 'mentor', cy: 'mentor', bo: 'mentee', di: 'mentee' },
      { programTypes: ['group'] },
    );
  });

  const asJson = (token: string, path: string, q: string) =>
    request(suite.tool.app.express)
      .get(path)
      .query({ s: token, q })
      .set('Accept', 'application/json');
  const programPage = async (key: string) =>
    decodeHtml((await world.people[key]!.session.get(`/programs/${world.programId}`)).text);
  const staffPage = async () => decodeHtml((await world.staff.get(world.staffPath())).text);
  async function fillAll() {
    await world.fillProfile(
      'ana',
      buildProfileForm({
        strengths: ['Delegation', 'Negotiation'],
        timeZone: 'Europe/London',
        capacity: '3',
      }),
    );
    await world.fillProfile(
      'cy',
      buildProfileForm({
        strengths: ['Negotiation'],
        timeZone: 'America/Mexico_City',
        capacity: '1',
      }),
    );
    await world.fillProfile(
      'bo',
      buildProfileForm({
        growthSkills: ['Delegation'],
        goals: 'Secret wish: a promotion',
        timeZone: 'Asia/Kolkata',
        availability: ['mon-13', 'mon-15'],
      }),
    );
    await world.fillProfile(
      'di',
      buildProfileForm({
        growthSkills: ['Delegation'],
        goals: 'Lead a team',
        timeZone: 'Asia/Tokyo',
        availability: ['mon-17', 'mon-19'],
      }),
    );
  }

  it('when a program moves from profiles to circles, then staff and learners each see one next step that exists', async () => {
    expect(await staffPage()).to.match(
      /<a class="button" href="[^"]*#people-title">See who is missing<\/a>/,
    );
    const staffBefore = await staffPage();
    expect(staffBefore).to.contain(`action="${world.staffPath('/notifications/remind')}"`);
    expect(staffBefore).to.contain('Remind those who have not finished');
    const reminded = await world.staff.post(world.staffPath('/notifications/remind'), {}, world.staffPath());
    expect(reminded.status).to.equal(303);
    expect(reminded.headers.location).to.contain('notice=reminded');
    const before = await programPage('bo');
    expect(before)
      .to.contain('Start with your profile')
      .and.to.contain('It takes a few minutes');
    expect(before).not.to.contain('Open your circle').and.not.to.contain('Close-out survey</a>');
    await fillAll();
    expect(await programPage('bo'))
      .to.contain('Waiting for your match')
      .and.not.to.contain('Open your circle');
    const profile = (await world.people.bo!.session.get(`/programs/${world.programId}/profile`))
      .text;
    expect(profile).to.contain(
      '<datalist id="division-list"><option value="Sales"></option></datalist>',
    );
    expect(profile).to.contain('<option value="Asia/Kolkata">Kolkata (Asia) · UTC+05:30</option>');
    expect(await staffPage()).to.contain(
      '<button class="button" type="submit">Propose matches</button>',
    );
    await world.propose();
    expect(await staffPage())
      .to.contain('<a class="button" href="')
      .and.to.contain('Review the proposed circles</a>');
    await world.staff.post(
      world.staffPath('/matching/approve'),
      { proposalId: await world.draftId() },
      world.staffPath('/matching'),
    );
    expect(await staffPage())
      .to.contain('See circle progress</a>')
      .and.to.contain('0 of 1 circle(s) have a meeting');
    const after = await programPage('bo');
    expect(after).to.contain("Your circle: Ana Mentor's circle").and.to.contain('Open your circle');
  });

  it("when a mentee in a group circle opens their match, then they read the mentor's fit in words, no score, nothing of a fellow mentee", async () => {
    await fillAll();
    await world.approve();
    const page = decodeHtml(
      (await world.people.di!.session.get(`/programs/${world.programId}/match`)).text,
    );
    expect(page)
      .to.contain('Ana Mentor')
      .and.to.contain('Bo Mentee')
      .and.to.contain('Why you were matched');
    expect(page).not.to.match(/\d+ \/ 100/);
    expect(page).not.to.contain('Secret wish').and.not.to.contain("Bo Mentee's growth");
  });

  it("when a member opens the circle page, then the others' e-mail and the next meeting in their own zone are on top", async () => {
    await fillAll();
    await world.approve();
    const circle = (await world.circles()).find((c) => c.mentors.includes('Ana Mentor'))!;
    const base = `/programs/${world.programId}/circles/${circle.id}`;
    const form = decodeHtml((await world.people.bo!.session.get(`${base}/meetings/new`)).text);
    // London Monday 09:00–11:00, Kolkata 13:00–17:00, Tokyo 17:00–21:00: two hours in common (13:30 or 14:30 in Kolkata by season).
    expect(form)
      .to.contain('Times that suit everyone')
      .and.to.match(/1[34]:30 Kolkata time<\/a> <span class="meta">· everyone free for 120 min/);
    // Bo types 14:30 in Kolkata: the circle (Ana's zone, London) holds 09:00 on that day in March.
    const saved = await world.people.bo!.session.post(
      `${base}/meetings`,
      { zone: 'mine', date: '2027-03-10', time: '14:30', durationMinutes: '60', mode: 'virtual' },
      `${base}/meetings/new`,
    );
    expect(saved.status, saved.text.slice(0, 300)).to.equal(303);
    const meeting = await suite.tool.db
      .selectFrom('circle_meetings')
      .select('starts_at')
      .where('circle_id', '=', circle.id)
      .executeTakeFirstOrThrow();
    expect(meeting.starts_at.toISOString()).to.equal('2027-03-10T09:00:00.000Z');
    const page = decodeHtml((await world.people.bo!.session.get(base)).text);
    const top = page.slice(page.indexOf('Next meeting'), page.indexOf('id="members-title"'));
    expect(top)
      .to.contain('Wed, 10 Mar 2027, 14:30 Kolkata time')
      .and.to.contain("09:00 London time, the circle's zone");
    expect(page).to.contain(`mailto:user${world.people.ana!.subject}@example.test`);
    expect(page.indexOf('Next meeting')).to.be.lessThan(page.indexOf('Members'));
  });

  it("when a participant searches people by name, then a page of this program's others comes back as JSON, never themselves", async () => {
    const search = (key: string, q: string, programId = world.programId) =>
      asJson(world.people[key]!.session.token, `/programs/${programId}/profile/people`, q);
    const found = await search('bo', 'Mentor');
    expect(found.status).to.equal(200);
    expect(found.body.people.map((p: { name: string }) => p.name).sort()).to.deep.equal([
      'Ana Mentor',
      'Cy Mentor',
    ]);
    expect((await search('bo', 'Bo')).body.people).to.deep.equal([]);
    expect((await search('bo', '%')).body.people).to.deep.equal([]);
    const bad = await search('bo', '');
    expect(bad.status).to.equal(400);
    expect(bad.body.error.code).to.equal('SEARCH_INVALID');
    const other = await buildMatchingWorld(suite.tool, suite.moodle, { eve: 'mentee' });
    expect((await search('bo', 'Eve', other.programId)).status).to.be.oneOf([403, 404]);
  });

  it('when a learner calls the staff search or adds a pin, then it is refused and no rule is stored', async () => {
    const bo = world.people.bo!.session;
    const staffSearch = await asJson(bo.token, world.staffPath('/matching/people'), 'Mentor');
    expect(staffSearch.status).to.equal(403);
    const pin = await bo.post(
      world.staffPath('/matching/constraints'),
      {
        kind: 'pin',
        mentorId: world.people.ana!.participantId,
        menteeId: world.people.bo!.participantId,
      },
      `/programs/${world.programId}/profile`,
    );
    expect(pin.status).to.equal(403);
    expect(
      await suite.tool.db
        .selectFrom('match_constraints')
        .select('id')
        .where('program_id', '=', world.programId)
        .execute(),
    ).to.have.length(0);
  });
});
