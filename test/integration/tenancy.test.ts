import { expect } from 'chai';
import request from 'supertest';
import { LtiBrowser } from '../support/lti-browser.js';
import { buildLaunch, instructor, learner } from '../support/factories.js';
import { ROLE, type PlatformUser } from '../support/platform-claims.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

describe('what a launch records, scoped to its tenant', () => {
  let tool: TestTool;
  let canvasA: TestPlatform;
  let canvasB: TestPlatform;
  let moodle: TestPlatform;

  before(async () => {
    tool = await startTestTool();
    // Two Canvas tenants share Canvas's one issuer; only client_id and deployment tell them apart.
    canvasA = await TestPlatform.start('canvas');
    canvasB = await TestPlatform.start('canvas');
    moodle = await TestPlatform.start('moodle');
    for (const p of [canvasA, canvasB, moodle]) await tool.app.registry.registerPlatform(p.manualRegistration);
  });
  after(async () => {
    await tool.close();
    for (const p of [canvasA, canvasB, moodle]) await p.close();
  });

  /** The tool's session token from the landing URL of a successful Moodle launch. */
  async function sessionTokenAfterLaunch(user: PlatformUser): Promise<string> {
    const { response } = await new LtiBrowser(tool.app.express).launch(moodle, buildLaunch(moodle, { user }));
    expect(response.status, response.text).to.equal(303);
    return new URL(response.headers.location!, 'http://tool.test').searchParams.get('s')!;
  }

  async function coursesWithContext(contextId: string, clientIds: string[]) {
    return tool.db
      .selectFrom('courses as c')
      .innerJoin('lti_deployments as d', 'd.id', 'c.tenant_id')
      .innerJoin('lti_registrations as r', 'r.id', 'd.platform_id')
      .where('c.context_id', '=', contextId)
      .where('r.client_id', 'in', clientIds)
      .select(['c.id', 'c.title', 'r.client_id', 'r.issuer'])
      .execute();
  }

  it('when course "101" launches from two Canvas tenants and a Moodle, then they are three separate courses', async () => {
    const sameSub = 'user-7';
    for (const platform of [canvasA, canvasB, moodle]) {
      const { response } = await new LtiBrowser(tool.app.express).launch(platform, buildLaunch(platform, { user: learner(sameSub) }));
      expect(response.status, response.text).to.equal(303);
    }
    const courses = await coursesWithContext('101', [canvasA.clientId, canvasB.clientId, moodle.clientId]);
    expect(courses).to.have.length(3);
    expect(new Set(courses.map((c) => c.id)).size).to.equal(3);
    const users = await tool.db.selectFrom('users').where('subject', '=', sameSub).select('tenant_id').execute();
    expect(new Set(users.map((u) => u.tenant_id)).size).to.be.at.least(3);
  });

  it('when the same person launches again with new details, then user, course, link and enrolment are updated, not duplicated', async () => {
    const sub = 'returning-user';
    const first = buildLaunch(moodle, { user: learner(sub), context: { id: 'C-55', title: 'Old title', label: 'OLD' } });
    await new LtiBrowser(tool.app.express).launch(moodle, first);
    const second = buildLaunch(moodle, {
      user: { ...instructor(sub), name: 'Sam Renamed', roles: [ROLE.teachingAssistant] },
      context: { id: 'C-55', title: 'New title', label: 'NEW' },
    });
    const { response } = await new LtiBrowser(tool.app.express).launch(moodle, second);
    expect(response.status).to.equal(303);

    const rows = await tool.db
      .selectFrom('enrolments as e')
      .innerJoin('users as u', 'u.id', 'e.user_id')
      .innerJoin('courses as c', 'c.id', 'e.course_id')
      .where('u.subject', '=', sub)
      .select(['u.name', 'c.title', 'c.label', 'c.context_types', 'e.course_role', 'e.lti_roles'])
      .execute();
    expect(rows).to.have.length(1);
    expect(rows[0]).to.deep.include({ name: 'Sam Renamed', title: 'New title', label: 'NEW', course_role: 'staff' });
    expect(rows[0]!.context_types).to.deep.equal(['CourseSection']);
    expect(rows[0]!.lti_roles).to.deep.equal([ROLE.teachingAssistant]);
    const links = await tool.db.selectFrom('resource_links as l').innerJoin('courses as c', 'c.id', 'l.course_id').where('c.context_id', '=', 'C-55').select('l.link_id').execute();
    expect(links).to.deep.equal([{ link_id: 'mentoring-1' }]);
  });

  it('when a learner opens the staff setup page with their own session, then it is refused', async () => {
    const token = await sessionTokenAfterLaunch(learner());
    const res = await request(tool.app.express).get(`/staff/programs/new?s=${encodeURIComponent(token)}`);
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('STAFF_ONLY');
  });

  it('when an instructor opens the setup page, then it is shown', async () => {
    const token = await sessionTokenAfterLaunch(instructor());
    const res = await request(tool.app.express).get(`/staff/programs/new?s=${encodeURIComponent(token)}`);
    expect(res.status).to.equal(200);
  });

  it('when a session token is forged or tampered, then it is refused', async () => {
    const token = await sessionTokenAfterLaunch(learner());
    const [h, p, s] = token.split('.');
    const payload = JSON.parse(Buffer.from(p!, 'base64url').toString());
    payload.courseRole = 'staff';
    const forged = `${h}.${Buffer.from(JSON.stringify(payload)).toString('base64url')}.${s}`;
    const res = await request(tool.app.express).get(`/staff/programs/new?s=${encodeURIComponent(forged)}`);
    expect(res.status).to.equal(401);
    expect(res.text).to.contain('SESSION_INVALID');
  });

  it('when names contain HTML, then pages show it as text', async () => {
    const browser = new LtiBrowser(tool.app.express);
    const evil = '<script>alert(1)</script>';
    const { response } = await browser.launch(moodle, buildLaunch(moodle, { user: { ...learner(), name: evil }, context: { id: 'X-1', title: `<img src=x onerror=alert(1)>`, label: 'X' } }));
    const home = await browser.follow(response);
    expect(home.status).to.equal(200);
    expect(home.text).not.to.contain(evil);
    expect(home.text).not.to.contain('<img src=x');
    expect(home.text).to.contain('&lt;script&gt;');
  });
});

describe('operational endpoints', () => {
  let tool: TestTool;
  before(async () => {
    tool = await startTestTool({ PUBLIC_URL: 'https://mentoring.example.edu' });
  });
  after(async () => tool.close());

  it('when probed, then /healthz and /readyz answer', async () => {
    expect((await request(tool.app.express).get('/healthz')).body).to.deep.equal({ status: 'ok' });
    expect((await request(tool.app.express).get('/readyz')).body).to.deep.equal({ status: 'ready', database: 'ok' });
  });

  it('when a request carries X-Request-Id, then the response echoes it', async () => {
    const res = await request(tool.app.express).get('/healthz').set('x-request-id', 'abc-123');
    expect(res.headers['x-request-id']).to.equal('abc-123');
  });

  it('when PUBLIC_URL is https, then the login cookie is Secure and SameSite=None', async () => {
    const platform = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
    const res = await request(tool.app.express).post('/lti/login').type('form').send(platform.loginInitiation(buildLaunch(platform)));
    await platform.close();
    expect(res.status).to.equal(302);
    const cookie = (res.headers['set-cookie'] as unknown as string[]).find((c) => c.startsWith('mc_login_'));
    expect(cookie).to.match(/;\s*Secure/i);
    expect(cookie).to.match(/;\s*SameSite=None/i);
  });

  it('when Canvas asks for the JSON config, then it gets the developer-key document for this host', async () => {
    const res = await request(tool.app.express).get('/lti/config.json');
    expect(res.status).to.equal(200);
    expect(res.body).to.include({ oidc_initiation_url: 'https://mentoring.example.edu/lti/login', target_link_uri: 'https://mentoring.example.edu/lti/launch', public_jwk_url: 'https://mentoring.example.edu/lti/keys' });
    const canvas = res.body.extensions.find((e: { platform: string }) => e.platform === 'canvas.instructure.com');
    expect(canvas.privacy_level).to.equal('public');
    const placements = canvas.settings.placements.map((p: { placement: string; message_type: string }) => `${p.placement}:${p.message_type}`);
    expect(placements).to.deep.equal(['course_navigation:LtiResourceLinkRequest', 'link_selection:LtiResourceLinkRequest', 'assignment_selection:LtiDeepLinkingRequest', 'editor_button:LtiDeepLinkingRequest']);
    expect(res.body.scopes).to.include('https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly');
  });

  it('when a page does not exist, then a 404 page (or JSON) answers', async () => {
    expect((await request(tool.app.express).get('/nope')).status).to.equal(404);
    const json = await request(tool.app.express).get('/api/nope');
    expect(json.status).to.equal(404);
    expect(json.body.error.code).to.equal('NOT_FOUND');
  });
});

describe('lti-config.json', () => {
  it('when compared with what the tool serves for the example host, then it is the same document', async () => {
    const { readFile } = await import('node:fs/promises');
    const { canvasToolConfiguration } = await import('../../src/lti/canvas-config.js');
    const committed = JSON.parse(await readFile(new URL('../../lti-config.json', import.meta.url), 'utf8'));
    expect(committed).to.deep.equal(canvasToolConfiguration('https://mentoring.example.edu', 'Mentoring Circles'));
  });
});
