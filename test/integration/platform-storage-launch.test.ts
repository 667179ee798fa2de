import { expect } from 'chai';
import { decodeJwt } from 'jose';
import { sql } from 'kysely';
import request from 'supertest';
import type { Db } from '../../src/db/connection.js';
import { buildLaunch, learner } from '../support/factories.js';
import { decodeHtml } from '../support/html.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

/** What a launch writes: the people, courses and links, the sessions, the used logins. */
const LAUNCH_TABLES = ['users', 'courses', 'resource_links', 'enrolments', 'tool_sessions'] as const;

async function rows(db: Db, tables: readonly string[]): Promise<string> {
  const all: string[][] = [];
  for (const table of tables) all.push((await sql`select * from ${sql.table(table)}`.execute(db)).rows.map((r) => JSON.stringify(r)).sort());
  return JSON.stringify(all);
}

const attr = (html: string, name: string) => {
  const raw = new RegExp(`${name}="([^"]*)"`).exec(html)?.[1];
  return raw === undefined ? undefined : decodeHtml(raw);
};

/**
 * The platform storage flow over plain HTTP, as a browser without third-party cookies does it:
 * no cookie ever goes back to the tool; the storage page's secret is what the browser read back.
 */
describe('launch with LTI platform storage (no cookies in the LMS frame)', () => {
  let tool: TestTool;
  let platform: TestPlatform;

  before(async () => {
    tool = await startTestTool();
    platform = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
  });
  after(async () => {
    await tool.close();
    await platform.close();
  });

  /** A login with `lti_storage_target` up to the platform's form_post: the secret and the form. */
  async function storageLogin(target = '_parent') {
    const params = { ...platform.loginInitiation(buildLaunch(platform, { user: learner() })), lti_storage_target: target };
    const login = await request(tool.app.express).post('/lti/login').type('form').send(params);
    expect(login.status, login.text.slice(0, 300)).to.equal(200);
    const authUrl = attr(login.text, 'data-auth-url')!;
    const html = await (await fetch(authUrl)).text();
    const form = { id_token: attr(html, 'name="id_token" value')!, state: attr(html, 'name="state" value')! };
    return { page: login.text, value: attr(login.text, 'data-value')!, form };
  }

  const post = (fields: Record<string, string>) => request(tool.app.express).post('/lti/launch').type('form').send(fields);
  const usedLogins = () => rows(tool.db, ['login_states']);

  it('when the login has lti_storage_target, then it answers a page that puts a secret in the platform storage, and the state keeps only its hash', async () => {
    const { page, value, form } = await storageLogin();
    expect(attr(page, 'data-target')).to.equal('_parent');
    expect(attr(page, 'data-origin')).to.equal(new URL(platform.manualRegistration.authEndpoint).origin);
    expect(page).to.contain('src="/public/js/lti-storage.js"');
    const claims = decodeJwt(form.state) as { ps?: { h: string } };
    expect(claims.ps?.h).to.be.a('string').and.not.equal(value);
    expect(form.state).not.to.contain(value);
  });

  it('when the lti_storage_target is not a frame name, then the login stays the 302 + cookie flow', async () => {
    const params = { ...platform.loginInitiation(buildLaunch(platform, { user: learner() })), lti_storage_target: '"><script>x</script>' };
    const login = await request(tool.app.express).post('/lti/login').type('form').send(params);
    expect(login.status).to.equal(302);
  });

  it('when the launch arrives without the cookie, then it answers the storage-reading page without using the login, and the post with the secret lands', async () => {
    const { value, form } = await storageLogin();
    const before = await usedLogins();
    const read = await post(form);
    expect(read.status).to.equal(200);
    expect(attr(read.text, 'id="storage-launch" method="post" action')).to.equal('/lti/launch');
    expect(await usedLogins()).to.equal(before);
    const landed = await post({ ...form, mc_storage_read: '1', mc_storage_value: value });
    expect(landed.status, landed.text.slice(0, 300)).to.equal(303);
  });

  it('when the secret read back is another login\'s (the attacker\'s own), then COOKIES_BLOCKED and no launch is written', async () => {
    const attacker = await storageLogin();
    const victim = await storageLogin();
    const before = await rows(tool.db, LAUNCH_TABLES);
    const forged = await post({ ...attacker.form, mc_storage_read: '1', mc_storage_value: victim.value });
    expect(forged.status).to.equal(401);
    expect(forged.text).to.contain('<code>COOKIES_BLOCKED</code>');
    expect(await rows(tool.db, LAUNCH_TABLES)).to.equal(before);
    // The victim's own login was not touched.
    expect((await post({ ...victim.form, mc_storage_read: '1', mc_storage_value: victim.value })).status).to.equal(303);
  });

  it('when the storage kept nothing, then COOKIES_BLOCKED offers the LMS\'s new launch, never the login again, and no launch is written', async () => {
    const { form } = await storageLogin();
    const before = await rows(tool.db, LAUNCH_TABLES);
    const refused = await post({ ...form, mc_storage_read: '1', mc_storage_value: '' });
    expect(refused.status).to.equal(401);
    expect(attr(refused.text, 'class="button" href')).to.equal(`${platform.issuer}/mod/lti/launch.php?id=2`);
    expect(refused.text).not.to.contain('/lti/login');
    expect(refused.text).not.to.contain('lti_message_hint');
    expect(await rows(tool.db, LAUNCH_TABLES)).to.equal(before);
  });

  it('when a login without platform storage is posted as if the storage was read, then COOKIES_BLOCKED: there is no binding to skip', async () => {
    const params = platform.loginInitiation(buildLaunch(platform, { user: learner() }));
    const login = await request(tool.app.express).post('/lti/login').type('form').send(params);
    const html = await (await fetch(login.headers.location!)).text();
    const form = { id_token: attr(html, 'name="id_token" value')!, state: attr(html, 'name="state" value')! };
    const before = await rows(tool.db, LAUNCH_TABLES);
    const forged = await post({ ...form, mc_storage_read: '1', mc_storage_value: 'anything' });
    expect(forged.status).to.equal(401);
    expect(forged.text).to.contain('<code>COOKIES_BLOCKED</code>');
    expect(await rows(tool.db, LAUNCH_TABLES)).to.equal(before);
  });
});
