import { expect } from 'chai';
import { statementIdFor } from '../../src/xapi/ids.js';
import { decodeHtml } from '../support/html.js';
import { TestLrs } from '../support/lrs.js';
import { buildUser, ROLE } from '../support/platform-claims.js';
import { RecordingLrs } from '../support/recording-lrs.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { sessionFor, type ToolSession } from '../support/tool-session.js';
import { append, buildCourseWorld, deliverAll, statusesOf, worldEvent, type CourseWorld } from '../support/xapi-delivery-world.js';
import { launchAs } from '../support/xapi-world.js';

/** Statements keep the LRS they were recorded for; only an administrator's logged re-send moves them. */
describe('LRS trust: statements keep their LRS', function () {
  this.timeout(60_000);
  let lrs: TestLrs;
  let evil: RecordingLrs;
  let tool: TestTool;
  let platform: TestPlatform;
  let world: CourseWorld;
  let teacher: ToolSession;
  let admin: ToolSession;
  let adminUserId: string;
  const context = { id: 'PIN-A', title: 'Course PIN-A', label: 'PIN-A' };
  const form = (fields: Record<string, string>) => ({ version: '1.0.3', identityMode: 'account', ...fields });
  const heldOn = (html: string, scope: string) => Number(new RegExp(`data-held="${scope}">(\\d+)<`).exec(html)?.[1] ?? 0);
  const pins = () => tool.db.selectFrom('xapi_outbox').where('tenant_id', '=', world.staff.tenantId)
    .select(['id', 'status', 'lrs_settings_id', 'lrs_endpoint_version']).orderBy('id').execute();
  const received = async (ids: string[]) => {
    const seen = await lrs.received();
    return ids.filter((id) => seen[statementIdFor(id)]);
  };

  before(async () => {
    lrs = await TestLrs.start();
    evil = await RecordingLrs.start();
    tool = await startTestTool({ XAPI_RETRY_BASE_MS: '20', XAPI_RETRY_MAX_MS: '50' });
    platform = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
    world = await buildCourseWorld(tool, platform, context.id);
    teacher = sessionFor(tool.app.express, world.staffToken);
    const adminUser = buildUser({ sub: 'pin-admin', name: 'Ada Admin', roles: [ROLE.instructor, ROLE.systemAdmin] });
    const adminLaunch = await launchAs(tool, platform, adminUser, { context });
    admin = sessionFor(tool.app.express, adminLaunch.token);
    adminUserId = adminLaunch.session.userId;
    const saved = await admin.post('/staff/lrs/settings', form({ scope: 'tenant', endpoint: lrs.endpoint, username: lrs.username, password: lrs.password }), '/staff/lrs');
    expect(saved.status).to.equal(303);
    await deliverAll(tool);
  });
  after(async () => {
    await tool.close();
    await platform.close();
    await evil.close();
    await lrs.kill();
  });

  it('when an instructor points their program at their own LRS, then statements recorded for the institution\'s LRS never arrive there, and they cannot re-send them', async () => {
    const earlier = [worldEvent(world, 'goal_set'), worldEvent(world, 'meeting_scheduled')];
    await append(tool.db, earlier);
    const own = await teacher.post('/staff/lrs/settings', form({ scope: world.programId, endpoint: evil.endpoint, username: 'mine', password: 'mine' }), '/staff/lrs');
    expect(own.status).to.equal(303);
    const later = worldEvent(world, 'goal_set');
    await append(tool.db, [later]);
    await deliverAll(tool);
    expect(evil.postedStatementIds()).to.deep.equal([statementIdFor(later.id)]);
    expect(await statusesOf(tool.db, earlier.map((e) => e.id))).to.deep.equal({ queued: 2 });
    expect(heldOn(decodeHtml((await teacher.get('/staff/lrs')).text), world.programId)).to.equal(2);

    const before = await pins();
    const refused = await teacher.post('/staff/lrs/resend', { scope: world.programId }, '/staff/lrs');
    expect(refused.status).to.equal(403);
    expect(refused.text).to.contain('ADMIN_ONLY');
    expect(await pins()).to.deep.equal(before);
    await deliverAll(tool);
    expect(evil.postedStatementIds()).to.have.length(1);
  });

  it('when an administrator moves the tenant\'s LRS to a new endpoint, then queued statements wait as "recorded for the previous LRS" until the administrator re-sends them', async () => {
    const other = await buildCourseWorld(tool, platform, 'PIN-B');
    const pending = [worldEvent(other, 'goal_set'), worldEvent(other, 'meeting_attended')];
    await append(tool.db, pending);
    const before = await lrs.received();
    const moved = await admin.post('/staff/lrs/settings', form({ scope: 'tenant', endpoint: `http://localhost:${lrs.port}/xAPI`, username: lrs.username, password: lrs.password }), '/staff/lrs');
    expect(moved.status).to.equal(303);
    await deliverAll(tool);
    expect(await lrs.received(), 'nothing sent to the moved endpoint').to.deep.equal(before);
    expect(await statusesOf(tool.db, pending.map((e) => e.id))).to.deep.equal({ queued: 2 });
    expect(heldOn(decodeHtml((await admin.get('/staff/lrs')).text), 'tenant')).to.be.at.least(2);

    const resent = await admin.post('/staff/lrs/resend', { scope: 'tenant' }, '/staff/lrs');
    expect(resent.status).to.equal(303);
    const audit = await tool.db.selectFrom('xapi_lrs_resends').where('tenant_id', '=', world.staff.tenantId).selectAll().execute();
    expect(audit).to.have.length(1);
    expect(audit[0]).to.include({ program_id: null, actor_user_id: adminUserId, endpoint: `http://localhost:${lrs.port}/xAPI` });
    expect(audit[0]!.rows).to.be.at.least(2);
    await deliverAll(tool);
    expect(await received(pending.map((e) => e.id))).to.deep.equal(pending.map((e) => e.id));
    expect(heldOn(decodeHtml((await admin.get('/staff/lrs')).text), 'tenant')).to.equal(0);
  });

  it('when an administrator re-sends the program\'s held statements, then they go to the program\'s LRS and the re-send is recorded', async () => {
    const resent = await admin.post('/staff/lrs/resend', { scope: world.programId }, '/staff/lrs');
    expect(resent.status).to.equal(303);
    await deliverAll(tool);
    expect(evil.postedStatementIds()).to.have.length(3);
    const audit = await tool.db.selectFrom('xapi_lrs_resends').where('program_id', '=', world.programId).select(['rows', 'endpoint']).execute();
    expect(audit).to.deep.equal([{ rows: 2, endpoint: evil.endpoint }]);
  });
});
