import { readFileSync } from 'node:fs';
import { expect } from 'chai';
import request from 'supertest';
import { toLaunchContext } from '../../src/lti/launch-context.js';
import { claimsOf, inCourse, freshContext, postForm, TOOL_ORIGIN } from '../support/attack-world.js';
import { learner } from '../support/factories.js';
import { decodeHtml } from '../support/html.js';
import { buildMatchingWorld, buildProfileForm, matchingSuite, type MatchingWorld } from '../support/matching-world.js';
import { formAuthOf, launchAs } from '../support/tool-session.js';

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../fixtures/moodle-4.5/${name}`, import.meta.url), 'utf8'));
const PRESENTATION = 'https://purl.imsglobal.org/spec/lti/claim/launch_presentation';

describe('odd input: no 5xx, nothing silently lost', () => {
  const suite = matchingSuite();
  let world: MatchingWorld;
  beforeEach(async () => {
    world = await buildMatchingWorld(suite.tool, suite.moodle, { bo: 'mentee' });
  });
  const profilePath = () => `/programs/${world.programId}/profile`;
  const stored = async () => (await suite.tool.db.selectFrom('profiles').select('answers')
    .where('participant_id', '=', world.people.bo!.participantId).executeTakeFirst())?.answers as Record<string, unknown> | undefined;
  /** The page's own form: skills are left out (the world's form names them, the page sends ids). */
  const form = (overrides: Record<string, string | string[]> = {}) => buildProfileForm({ growthSkills: [], strengths: [], ...overrides });
  const auth = async () => formAuthOf((await world.people.bo!.session.get(profilePath())).text);

  it('when _csrf is multibyte text of the right length in characters, then 403 CSRF_FAILED and nothing is saved', async () => {
    const { s, _csrf } = await auth();
    for (const fake of ['é'.repeat(_csrf.length), '😀'.repeat(_csrf.length / 2), '\u0000'.repeat(_csrf.length)]) {
      const res = await postForm(suite.tool.app.express, profilePath(), { ...form(), s, _csrf: fake }, { Origin: TOOL_ORIGIN });
      expect(res.status, fake).to.equal(403);
      expect(res.text).to.contain('CSRF_FAILED');
    }
    const json = await request(suite.tool.app.express).post(profilePath()).set('X-CSRF-Token', 'ü'.repeat(_csrf.length)).send({ s, division: 'x' });
    expect(json.status).to.equal(403);
    expect(await stored()).to.equal(undefined);
  });

  it('when profile fields carry NUL characters and lone surrogates, then they are saved without them', async () => {
    const res = await world.people.bo!.session.post(profilePath(), form({
      division: 'Sa\u0000les', geography: '\uD800France', languages: 'Eng\u0000lish', goals: 'Lead\u0000 a team',
    }), profilePath());
    expect(res.status, res.text).to.equal(303);
    expect(await stored()).to.deep.include({ division: 'Sales', geography: '\uFFFDFrance', languages: ['English'], goals: ['Lead a team'] });
  });

  it('when a saved profile is posted back empty, then it is refused with the saved answers shown and kept', async () => {
    await world.fillProfile('bo', buildProfileForm({ division: 'Finance' }));
    const before = await stored();
    const res = await world.people.bo!.session.post(profilePath(), {}, profilePath());
    expect(res.status).to.equal(422);
    expect(decodeHtml(res.text)).to.contain('would clear your whole profile').and.to.contain('value="Finance"');
    expect(await stored()).to.deep.equal(before);
    const confirmed = await world.people.bo!.session.post(profilePath(), { confirm_clear: 'yes' }, profilePath());
    expect(confirmed.status).to.equal(303);
    expect((await stored())!.division).to.equal(undefined);
  });

  it('when a launch carries NUL in the name, course title and custom values, then it lands and they are stored without them', async () => {
    const user = { ...learner(), name: 'Sam\u0000 Student', givenName: 'Sam\u0000' };
    const context = freshContext('nul');
    const session = await launchAs(suite.tool.app.express, suite.moodle, user,
      { ...inCourse(context), context: { id: context, title: 'Lead\u0000ership', label: 'L\uDC00' }, custom: { team: 'a\u0000b' } });
    const { userId, courseId } = claimsOf(session.token);
    const row = await suite.tool.db.selectFrom('users').select(['name', 'given_name']).where('id', '=', userId).executeTakeFirstOrThrow();
    expect(row).to.deep.equal({ name: 'Sam Student', given_name: 'Sam' });
    const course = await suite.tool.db.selectFrom('courses').select(['title', 'label']).where('id', '=', courseId).executeTakeFirstOrThrow();
    expect(course).to.deep.equal({ title: 'Leadership', label: 'L\uFFFD' });
  });

  it('when a launch carries a 10,000-character name, then it lands with the name shortened to 1,000 characters', async () => {
    const session = await launchAs(suite.tool.app.express, suite.moodle, { ...learner(), name: 'N'.repeat(10_000) }, inCourse(freshContext('long')));
    const row = await suite.tool.db.selectFrom('users').select('name').where('id', '=', claimsOf(session.token).userId).executeTakeFirstOrThrow();
    expect(Array.from(row.name!)).to.have.length(1000);
    expect(row.name!.endsWith('N…')).to.equal(true);
  });

  it('when the platform sends a return_url that is not http(s), then it is dropped; an https one is kept', () => {
    const claims = fixture('launch-learner.claims.json');
    for (const bad of ['javascript:alert(document.domain)', 'JaVaScRiPt:alert(1)', 'data:text/html,<script>1</script>', '//evil.example', ' javascript:1']) {
      claims[PRESENTATION] = { return_url: bad };
      expect(toLaunchContext(claims).presentation.returnUrl, bad).to.equal(null);
    }
    claims[PRESENTATION] = { return_url: 'https://moodle.example.test/mod/lti/return.php?course=2' };
    expect(toLaunchContext(claims).presentation.returnUrl).to.equal('https://moodle.example.test/mod/lti/return.php?course=2');
  });

  it('when a page is served, then it is not cacheable and only the tool and the registered platform may frame it', async () => {
    const page = await world.people.bo!.session.get(profilePath());
    expect(page.headers['cache-control']).to.equal('no-store');
    const csp = page.headers['content-security-policy'] as string;
    const ancestors = /frame-ancestors ([^;]*)/.exec(csp)![1]!.split(' ');
    expect(ancestors).to.include("'self'").and.to.include(new URL(suite.moodle.url).origin).and.not.to.include('*');
    const redirect = await world.people.bo!.session.post(profilePath(), form(), profilePath());
    expect(redirect.status).to.equal(303);
    expect(redirect.headers['cache-control']).to.equal('no-store');
    const csv = await world.staff.get(world.staffPath('/participants.csv'));
    expect(csv.status).to.equal(200);
    expect(csv.headers['cache-control']).to.equal('no-store');
    const css = await request(suite.tool.app.express).get('/public/css/app.css');
    expect(css.headers['cache-control']).to.contain('max-age=3600');
  });
});
