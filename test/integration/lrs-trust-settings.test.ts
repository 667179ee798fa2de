import { expect } from 'chai';
import { instructor } from '../support/factories.js';
import { decodeHtml } from '../support/html.js';
import { TestLrs } from '../support/lrs.js';
import { buildUser, ROLE } from '../support/platform-claims.js';
import { RecordingLrs } from '../support/recording-lrs.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { sessionFor, type ToolSession } from '../support/tool-session.js';
import { buildCourseWorld, type CourseWorld } from '../support/xapi-delivery-world.js';
import { launchAs } from '../support/xapi-world.js';

/** Attacks on the LRS settings with the attacker's own valid session: only the role or the ids refuse them. */
describe('LRS trust: who sets which LRS, and where a stored secret may go', function () {
  this.timeout(60_000);
  let lrs: TestLrs;
  let evil: RecordingLrs;
  let tool: TestTool;
  let platform: TestPlatform;
  let world: CourseWorld;
  let teacher: ToolSession;
  let admin: ToolSession;
  let outsider: ToolSession;
  const context = { id: 'TRUST-A', title: 'Course TRUST-A', label: 'TRUST-A' };
  const TENANT_KEY = 'institution-key-7f3a';
  const TENANT_SECRET = 'institution-secret-9b1c';
  const PROGRAM_SECRET = 'program-secret-4d2e';

  const settingsRows = () => tool.db.selectFrom('xapi_lrs_settings').where('tenant_id', '=', world.staff.tenantId)
    .selectAll().orderBy('id').execute();
  const expectSettingsUnchanged = async (attack: () => Promise<void>) => {
    const before = await settingsRows();
    await attack();
    expect(await settingsRows(), 'xapi_lrs_settings unchanged').to.deep.equal(before);
  };
  const form = (fields: Record<string, string>) => ({ version: '1.0.3', identityMode: 'account', password: '', ...fields });

  before(async () => {
    lrs = await TestLrs.start();
    evil = await RecordingLrs.start();
    tool = await startTestTool();
    platform = await TestPlatform.start('canvas');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
    world = await buildCourseWorld(tool, platform, context.id);
    teacher = sessionFor(tool.app.express, world.staffToken);
    const adminUser = buildUser({ sub: 'trust-admin', name: 'Ada Admin', roles: [ROLE.instructor, ROLE.institutionAdmin] });
    admin = sessionFor(tool.app.express, (await launchAs(tool, platform, adminUser, { context })).token);
    const elsewhere = { id: 'TRUST-B', title: 'Course TRUST-B', label: 'TRUST-B' };
    outsider = sessionFor(tool.app.express, (await launchAs(tool, platform, instructor(), { context: elsewhere })).token);
    const saved = await admin.post('/staff/lrs/settings', form({ scope: 'tenant', endpoint: lrs.endpoint, username: TENANT_KEY, password: TENANT_SECRET }), '/staff/lrs');
    expect(saved.status).to.equal(303);
    const own = await teacher.post('/staff/lrs/settings', form({ scope: world.programId, endpoint: lrs.endpoint, username: lrs.username, password: PROGRAM_SECRET }), '/staff/lrs');
    expect(own.status).to.equal(303);
  });
  after(async () => {
    await tool.close();
    await platform.close();
    await evil.close();
    await lrs.kill();
  });
  beforeEach(() => void evil.requests.splice(0));

  it('when an instructor opens the LRS page, then it says the institution\'s LRS is used but shows neither its endpoint nor its key, and offers no tenant scope', async () => {
    const page = decodeHtml((await teacher.get('/staff/lrs')).text);
    expect(page).to.contain('data-tenant-lrs').and.to.contain('the institution\'s LRS, set by your LMS administrators');
    expect(page).not.to.contain(TENANT_KEY).and.not.to.contain('value="tenant"');
    const adminPage = decodeHtml((await admin.get('/staff/lrs')).text);
    expect(adminPage).to.contain(TENANT_KEY).and.to.contain('value="tenant"');
  });

  it('when an instructor saves the tenant\'s LRS (their endpoint, blank or own secret), then 403 ADMIN_ONLY and nothing changes', async () => {
    await expectSettingsUnchanged(async () => {
      for (const password of ['', 'attacker-secret']) {
        const res = await teacher.post('/staff/lrs/settings', form({ scope: 'tenant', endpoint: evil.endpoint, username: TENANT_KEY, password }), '/staff/lrs');
        expect(res.status).to.equal(403);
        expect(res.text).to.contain('ADMIN_ONLY');
      }
    });
  });

  it('when an instructor tests the tenant\'s LRS against their endpoint with a blank password, then 403 and the institution\'s secret never arrives there', async () => {
    const res = await teacher.post('/staff/lrs/test', form({ scope: 'tenant', endpoint: evil.endpoint, username: TENANT_KEY }), '/staff/lrs');
    expect(res.status).to.equal(403);
    expect(evil.requests).to.deep.equal([]);
  });

  it('when an instructor tests their program\'s LRS against another endpoint with a blank password, then the secret is asked for and never sent', async () => {
    const res = await teacher.post('/staff/lrs/test', form({ scope: world.programId, endpoint: evil.endpoint, username: lrs.username }), '/staff/lrs');
    expect(res.status).to.equal(400);
    expect(res.text).to.contain('data-field-error="password"');
    expect(evil.requests).to.deep.equal([]);
    expect(evil.sawSecret(PROGRAM_SECRET)).to.equal(false);
  });

  it('when an LMS administrator tests the tenant\'s LRS against another endpoint with a blank password, then the stored secret never arrives there', async () => {
    const res = await admin.post('/staff/lrs/test', form({ scope: 'tenant', endpoint: evil.endpoint, username: TENANT_KEY }), '/staff/lrs');
    expect(res.status).to.equal(400);
    expect(evil.sawSecret(TENANT_SECRET)).to.equal(false);
    const same = await admin.post('/staff/lrs/test', form({ scope: 'tenant', endpoint: `${lrs.endpoint}/`, username: TENANT_KEY }), '/staff/lrs');
    expect(same.text, 'the stored secret is used against the endpoint it was saved with').to.contain('data-test-status="401"');
  });

  it('when an instructor saves their program\'s LRS with another endpoint and a blank password, then a field error keeps the typed values and nothing changes', async () => {
    await expectSettingsUnchanged(async () => {
      const res = await teacher.post('/staff/lrs/settings', form({ scope: world.programId, endpoint: evil.endpoint, username: lrs.username }), '/staff/lrs');
      expect(res.status).to.equal(400);
      const page = decodeHtml(res.text);
      expect(page).to.contain('data-field-error="password"').and.to.contain(`value="${evil.endpoint}"`);
      expect(page).to.match(new RegExp(`<option value="${world.programId}" selected>`));
    });
    await expectSettingsUnchanged(async () => {
      const res = await teacher.post('/staff/lrs/settings', form({ scope: world.programId, endpoint: lrs.endpoint, username: 'other-key' }), '/staff/lrs');
      expect(res.status, 'a changed key needs the secret too').to.equal(400);
    });
  });

  it('when the tested LRS answers with its own text, then the page shows the status and our reason, never that text', async () => {
    for (const status of [401, 500, 418]) {
      evil.readStatus = status;
      const res = await teacher.post('/staff/lrs/test', form({ scope: world.programId, endpoint: evil.endpoint, username: 'k', password: 'typed-secret' }), '/staff/lrs');
      expect(res.status).to.equal(200);
      expect(res.text).to.contain(`data-test-status="${status}"`).and.to.contain(`HTTP ${status}: `);
      expect(res.text).not.to.contain(evil.marker);
    }
    expect(decodeHtml((await teacher.get('/staff/lrs')).text)).not.to.contain(evil.marker);
  });

  it('when an instructor of another course saves or tests the LRS of this course\'s program, then 404 and nothing is saved or sent', async () => {
    await expectSettingsUnchanged(async () => {
      const save = await outsider.post('/staff/lrs/settings', form({ scope: world.programId, endpoint: evil.endpoint, username: 'k', password: 'p' }), '/staff/programs/new');
      expect(save.status).to.equal(404);
      const test = await outsider.post('/staff/lrs/test', form({ scope: world.programId, endpoint: evil.endpoint, username: lrs.username }), '/staff/programs/new');
      expect(test.status).to.equal(404);
    });
    expect(evil.requests).to.deep.equal([]);
  });
});
