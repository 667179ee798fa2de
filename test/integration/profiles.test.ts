import { expect } from 'chai';
import request from 'supertest';
import { decodeHtml } from '../support/html.js';
import { buildMatchingWorld, buildProfileForm, matchingSuite, type MatchingWorld } from '../support/matching-world.js';

describe('profiles and the skill taxonomy', () => {
  const suite = matchingSuite();
  let world: MatchingWorld;
  beforeEach(async () => {
    world = await buildMatchingWorld(suite.tool, suite.moodle, { ana: 'mentor', bo: 'mentee' });
  });

  const skillId = async (name: string) => (await suite.tool.db.selectFrom('program_skills').select('id').where('program_id', '=', world.programId).where('name', '=', name).executeTakeFirstOrThrow()).id;
  const profilePath = () => `/programs/${world.programId}/profile`;
  const postProfile = (key: string, fields: Record<string, string | string[]>) => world.people[key]!.session.post(profilePath(), fields, profilePath());

  it('when a mentee opens the profile, then the mentee sections and the seeded skills show, the mentor sections do not', async () => {
    const page = await world.people.bo!.session.get(profilePath());
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('What you want to grow').and.to.contain('Strategic thinking').and.to.contain('Europe/Paris');
    expect(page.text).not.to.contain('What you offer');
    const count = await suite.tool.db.selectFrom('program_skills').select((eb) => eb.fn.countAll<string>().as('n')).where('program_id', '=', world.programId).executeTakeFirstOrThrow();
    expect(Number(count.n)).to.be.within(18, 24);
  });

  it('when the form has errors, then each is shown by its field, the typed values stay and nothing is saved', async () => {
    const res = await postProfile('bo', buildProfileForm({ timeZone: 'Mars/Olympus', experienceYears: '-3', division: '<b>Ops</b>', growthSkills: ['not-a-skill'] }));
    expect(res.status).to.equal(422);
    const html = decodeHtml(res.text);
    expect(html).to.contain('id="timeZone-error"').and.to.contain('id="experienceYears-error"').and.to.contain('Nothing was saved');
    expect(res.text).to.contain('value="&lt;b&gt;Ops&lt;/b&gt;"').and.not.to.contain('<b>Ops</b>');
    const saved = await suite.tool.db.selectFrom('profiles').selectAll().where('program_id', '=', world.programId).execute();
    expect(saved).to.have.length(0);
  });

  it('when a mentee completes the profile, then profile_completed is recorded once and staff see 100%', async () => {
    const form = buildProfileForm({ growthSkills: [await skillId('Delegation')], strengths: [] });
    const first = await postProfile('bo', form);
    expect(first.status, first.text).to.equal(303);
    expect(first.headers.location).to.contain('completed=1');
    const again = await postProfile('bo', { ...form, goals: 'Lead a cross-functional initiative\nCoach my team' });
    expect(again.headers.location).not.to.contain('completed=1');
    const events = await world.events('profile_completed');
    expect(events).to.have.length(1);
    expect(events[0]!.actorUserId).to.equal(world.people.bo!.userId);
    const page = await world.people.bo!.session.get(profilePath());
    expect(decodeHtml(page.text)).to.contain('Coach my team').and.to.contain('Profile 100% complete');
    const admin = await world.staff.get(world.staffPath());
    expect(admin.text).to.match(/data-label="Profile">100%</);
  });

  it('when a mentor saves only part of the profile, then it is kept, staff see the share done and no event is recorded', async () => {
    const res = await postProfile('ana', { division: 'Finance', geography: 'Spain', timeZone: 'Europe/Madrid', languages: 'Spanish, English', capacity: '2' });
    expect(res.status).to.equal(303);
    const admin = await world.staff.get(world.staffPath());
    expect(admin.text).to.match(/data-label="Profile">(5\d|6\d)%</);
    expect(await world.events('profile_completed')).to.have.length(0);
    const page = await world.people.ana!.session.get(profilePath());
    expect(page.text).to.contain('What you offer').and.to.contain('name="languages" type="text" list="language-list" maxlength="60" value="Spanish"');
    expect(page.text).to.contain('value="English"');
    expect(decodeHtml(page.text)).to.contain('Matching waits for: <strong>weekly availability, strengths, ways you like to mentor, experience areas</strong>');
  });

  it('when staff edit the skills, then names are added, renamed and removed, and a duplicate is refused on the page', async () => {
    const path = world.staffPath('/skills');
    expect((await world.staff.post(path, { name: 'Storytelling' }, path)).status).to.equal(303);
    const duplicate = await world.staff.post(path, { name: 'storytelling' }, path);
    expect(duplicate.status).to.equal(422);
    expect(decodeHtml(duplicate.text)).to.contain('already has the skill "storytelling"');
    const id = await skillId('Storytelling');
    await world.staff.post(`${path}/${id}`, { name: 'Story telling' }, path);
    expect((await world.staff.get(path)).text).to.contain('value="Story telling"');
    await world.staff.post(`${path}/${id}/remove`, {}, path);
    expect((await world.staff.get(path)).text).not.to.contain('Story telling');
  });

  it('when a profile is posted without the form token, then it is refused and nothing is saved', async () => {
    const res = await request(suite.tool.app.express).post(profilePath()).type('form').send({ s: world.people.bo!.session.token, ...buildProfileForm({ growthSkills: [] }) });
    expect(res.status).to.equal(403);
    expect(await suite.tool.db.selectFrom('profiles').selectAll().where('program_id', '=', world.programId).execute()).to.have.length(0);
  });

  it('when a learner opens the staff skills page, then it is refused', async () => {
    const res = await world.people.bo!.session.get(world.staffPath('/skills'));
    expect(res.status).to.equal(403);
  });

  it('when a program id of another course is used, then profile and skills pages answer 404', async () => {
    const other = await buildMatchingWorld(suite.tool, suite.moodle, { cy: 'mentee' });
    expect((await world.people.bo!.session.get(`/programs/${other.programId}/profile`)).status).to.equal(404);
    expect((await world.staff.get(`/staff/programs/${other.programId}/skills`)).status).to.equal(404);
    expect((await world.staff.get('/staff/programs/not-a-uuid/skills')).status).to.equal(404);
  });
});
