import { expect } from 'chai';
import request from 'supertest';
import { PROFILE_ID } from '../../src/xapi/vocabulary.js';
import { learner } from '../support/factories.js';
import { buildUser, ROLE } from '../support/platform-claims.js';
import { decodeHtml } from '../support/html.js';
import { TestLrs } from '../support/lrs.js';
import { TestPlatform } from '../support/test-platform.js';
import { sessionFor, type ToolSession } from '../support/tool-session.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { append, buildCourseWorld, deliverAll, lrsLogin, setTenantLrs, worldEvent, type CourseWorld } from '../support/xapi-delivery-world.js';
import { launchAs } from '../support/xapi-world.js';

/** A loopback port nothing listens on (fetch refuses well-known "bad ports" such as 9). */
async function closedPortUrl(): Promise<string> {
  const { createServer } = await import('node:net');
  const server = createServer().listen(0, '127.0.0.1');
  await new Promise((r) => server.once('listening', r));
  const { port } = server.address() as { port: number };
  await new Promise((r) => server.close(r));
  return `http://127.0.0.1:${port}/xAPI`;
}

const count = (html: string, status: string) => Number(new RegExp(`data-count="${status}">(\\d+)<`).exec(html)?.[1]);

describe('the staff LRS page', function () {
  this.timeout(60_000);
  let lrs: TestLrs;
  let tool: TestTool;
  let platform: TestPlatform;
  let world: CourseWorld;
  let staff: ToolSession;
  let admin: ToolSession;

  before(async () => {
    lrs = await TestLrs.start();
    tool = await startTestTool({ XAPI_RETRY_BASE_MS: '20', XAPI_RETRY_MAX_MS: '50' });
    platform = await TestPlatform.start('canvas');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
    world = await buildCourseWorld(tool, platform, 'LRS-PAGE');
    staff = sessionFor(tool.app.express, world.staffToken);
    const adminUser = buildUser({ sub: 'lrs-page-admin', name: 'Ada Admin', roles: [ROLE.instructor, ROLE.institutionAdmin] });
    admin = sessionFor(tool.app.express, (await launchAs(tool, platform, adminUser, { context: { id: 'LRS-PAGE', title: 'Course LRS-PAGE', label: 'LRS-PAGE' } })).token);
  });
  after(async () => {
    await tool.close();
    await platform.close();
    await lrs.kill();
  });

  const deliver = () => deliverAll(tool);

  it('when anyone asks for /xapi/profile, then the JSON-LD profile is served', async () => {
    const res = await request(tool.app.express).get('/xapi/profile');
    expect(res.status).to.equal(200);
    expect(res.headers['content-type']).to.match(/^application\/ld\+json/);
    expect(JSON.parse(res.text)).to.include({ id: PROFILE_ID, type: 'Profile', '@context': 'https://w3id.org/xapi/profiles/context' });
  });

  it('when staff open their home page, then it links to the LRS page', async () => {
    const home = await staff.get('/home');
    expect(decodeHtml(home.text)).to.match(/href="\/staff\/lrs\?s=[^"]+">Learning Record Store/);
  });

  it('when a learner opens the LRS page, then it is refused', async () => {
    const res = await sessionFor(tool.app.express, world.menteeToken).get('/staff/lrs');
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('STAFF_ONLY');
  });

  it('when no LRS is configured, then events wait and the page says so', async () => {
    await append(tool.db, [worldEvent(world, 'goal_set')]);
    await deliver();
    const page = await staff.get('/staff/lrs');
    expect(page.status).to.equal(200);
    expect(page.text).to.contain('No LRS is configured');
    expect(count(page.text, 'queued')).to.be.greaterThan(0);
  });

  it('when an LMS administrator saves the LRS with the wrong secret, then delivery fails visibly while events keep accumulating; fixing it delivers them', async () => {
    const save = await admin.post('/staff/lrs/settings', { scope: 'tenant', endpoint: lrs.endpoint, username: lrs.username, password: 'wrong-secret', version: '1.0.3', identityMode: 'account' }, '/staff/lrs');
    expect(save.status).to.equal(303);
    const stored = await tool.db.selectFrom('xapi_lrs_settings').where('tenant_id', '=', world.staff.tenantId).selectAll().executeTakeFirstOrThrow();
    expect(stored.secret_encrypted).not.to.contain('wrong-secret');
    await deliver();
    let page = await staff.get('/staff/lrs');
    expect(page.text).to.contain('Delivery is failing:').and.to.contain('HTTP 401');
    const failedBefore = count(page.text, 'failed');
    expect(failedBefore).to.be.greaterThan(0);

    await append(tool.db, [worldEvent(world, 'meeting_scheduled'), worldEvent(world, 'meeting_attended')]);
    page = await staff.get('/staff/lrs');
    expect(count(page.text, 'queued') + count(page.text, 'failed')).to.equal(failedBefore + 2);

    await admin.post('/staff/lrs/settings', { scope: 'tenant', endpoint: lrs.endpoint, username: lrs.username, password: lrs.password, version: '1.0.3', identityMode: 'account' }, '/staff/lrs');
    await new Promise((r) => setTimeout(r, 60));
    await deliver();
    page = await staff.get('/staff/lrs');
    expect(count(page.text, 'failed')).to.equal(0);
    expect(count(page.text, 'delivered')).to.equal(failedBefore + 2);
  });

  it('when an LMS administrator tests the connection, then a wrong URL and a wrong secret are reported and the right ones succeed', async () => {
    const test = (fields: Record<string, string>) => admin.post('/staff/lrs/test', { scope: 'tenant', endpoint: lrs.endpoint, username: lrs.username, password: '', version: '1.0.3', identityMode: 'account', ...fields }, '/staff/lrs');
    const ok = await test({});
    expect(ok.text).to.contain('data-test-result="ok"');
    const badSecret = await test({ password: 'nope' });
    expect(badSecret.text).to.contain('data-test-result="failed"').and.to.contain('HTTP 401');
    const badUrl = await test({ endpoint: await closedPortUrl(), password: lrs.password });
    expect(badUrl.text).to.contain('data-test-result="failed"').and.to.contain('ECONNREFUSED');
  });

  it('when the LRS URL is wrong, then the page shows the connection error', async () => {
    await setTenantLrs(tool.db, world.staff.tenantId, { ...lrsLogin(lrs), endpoint: await closedPortUrl() });
    try {
      await append(tool.db, [worldEvent(world, 'nudge_sent')]);
      await deliver();
      const page = await staff.get('/staff/lrs');
      expect(page.text).to.contain('Delivery is failing:').and.to.contain('ECONNREFUSED');
    } finally {
      await setTenantLrs(tool.db, world.staff.tenantId, lrsLogin(lrs));
    }
  });

  it('when staff retry a dead statement, then it is queued again; a crafted id from another course gets 404 and changes nothing', async () => {
    const dead = worldEvent(world, 'goal_set');
    await append(tool.db, [dead]);
    await tool.db.updateTable('xapi_outbox').set({ status: 'dead', last_error: 'HTTP 400: bad', next_attempt_at: new Date(Date.now() + 3_600_000) }).where('id', '=', dead.id).execute();
    const other = await buildCourseWorld(tool, platform, 'LRS-OTHER');
    const theirs = worldEvent(other, 'goal_set');
    await append(tool.db, [theirs]);
    await tool.db.updateTable('xapi_outbox').set({ status: 'dead', last_error: 'HTTP 400: theirs' }).where('id', '=', theirs.id).execute();

    const page = await staff.get('/staff/lrs');
    expect(page.text).to.contain(`data-outbox-id="${dead.id}"`).and.not.to.contain(theirs.id).and.not.to.contain('HTTP 400: theirs');
    const crafted = await staff.post('/staff/lrs/retry', { id: theirs.id }, '/staff/lrs');
    expect(crafted.status).to.equal(404);
    expect((await tool.db.selectFrom('xapi_outbox').where('id', '=', theirs.id).select('status').executeTakeFirstOrThrow()).status).to.equal('dead');

    const retried = await staff.post('/staff/lrs/retry', { id: dead.id }, '/staff/lrs');
    expect(retried.status).to.equal(303);
    await deliver();
    expect((await tool.db.selectFrom('xapi_outbox').where('id', '=', dead.id).select('status').executeTakeFirstOrThrow()).status).to.equal('delivered');
  });

  it('when staff of another course save settings for a program of this course, then it is refused with 404', async () => {
    const otherStaff = sessionFor(tool.app.express, (await launchAs(tool, platform, { ...learner(), roles: ['http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor'] }, { context: { id: 'LRS-ELSEWHERE', title: 'Elsewhere', label: 'E' } })).token);
    const res = await otherStaff.post('/staff/lrs/settings', { scope: world.programId, endpoint: lrs.endpoint, username: 'x', password: 'y', version: '1.0.3', identityMode: 'account' }, '/staff/programs/new');
    expect(res.status).to.equal(404);
    expect(await tool.db.selectFrom('xapi_lrs_settings').where('program_id', '=', world.programId).selectAll().execute()).to.deep.equal([]);
  });
});

describe('background delivery with jobs on', function () {
  this.timeout(60_000);

  it('when the tool runs with JOBS_ENABLED and a default LRS from the environment, then a launch reaches the LRS by itself', async () => {
    const lrs = await TestLrs.start();
    const tool = await startTestTool({ JOBS_ENABLED: 'true', LRS_ENDPOINT: lrs.endpoint, LRS_USERNAME: lrs.username, LRS_PASSWORD: lrs.password, XAPI_POLL_SECONDS: '0.5' });
    const platform = await TestPlatform.start('moodle');
    try {
      await tool.app.registry.registerPlatform(platform.manualRegistration);
      const { session } = await launchAs(tool, platform, learner(), { context: { id: 'JOBS-1', title: 'Jobs', label: 'J' } });
      let found: unknown[] = [];
      for (let i = 0; i < 100 && found.length === 0; i++) {
        await new Promise((r) => setTimeout(r, 200));
        found = await lrs.statements({ registration: session.enrolmentId });
      }
      expect(found).to.have.length(1);
    } finally {
      await tool.close();
      await platform.close();
      await lrs.kill();
    }
  });
});
