import { expect } from 'chai';
import request from 'supertest';
import { createSessionRepository } from '../../src/db/repositories/session-repository.js';
import { buildProgramForm, instructor, learner } from '../support/factories.js';
import { ROLE, type PlatformUser } from '../support/platform-claims.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { formAuthOf, launchAs, type ToolSession } from '../support/tool-session.js';

/** The tool's clock, moved by the tests (the platform keeps real time: launches happen before a move). */
const clock = { offsetMs: 0, now: () => new Date(Date.now() + clock.offsetMs) };
const minutes = (n: number) => n * 60_000;

const startClockedTool = (env: Record<string, string> = {}) => startTestTool(env, clock);

const sidOf = (session: ToolSession) => (JSON.parse(Buffer.from(session.token.split('.')[1]!, 'base64url').toString()) as { sid: string }).sid;

async function expectRefused(session: ToolSession, code: string, path = '/home') {
  const res = await session.get(path);
  expect(res.status, res.text.slice(0, 300)).to.equal(401);
  expect(res.text).to.contain(`<code>${code}</code>`).and.to.contain('Open the activity again from your course.');
}

describe('launch sessions: idle timeout, renewal, absolute lifetime, revocation', () => {
  let tool: TestTool;
  let platform: TestPlatform;
  const course = () => ({ id: `c-${Math.random().toString(36).slice(2, 8)}`, title: 'Leading Teams', label: 'LEAD' });
  const launch = (user: PlatformUser, context = course()) => launchAs(tool.app.express, platform, user, { context });
  const row = (session: ToolSession) => tool.db.selectFrom('tool_sessions').selectAll().where('sid', '=', sidOf(session)).executeTakeFirstOrThrow();

  before(async () => {
    tool = await startClockedTool();
    platform = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
  });
  beforeEach(() => void (clock.offsetMs = 0));
  after(async () => {
    await tool.close();
    await platform.close();
  });

  it('when a launch lands, then its session is recorded with the person, course, role and both deadlines', async () => {
    const session = await launch(instructor());
    const record = await row(session);
    expect(record).to.include({ course_role: 'staff', tenant_admin: false, revoked_at: null });
    expect(record.expires_at.getTime() - record.created_at.getTime()).to.equal(minutes(480));
    expect(record.last_seen_at.getTime()).to.equal(record.created_at.getTime());
  });

  it('when a session is not used for more than an hour, then its URL answers SESSION_EXPIRED', async () => {
    const session = await launch(learner());
    clock.offsetMs = minutes(59);
    expect((await session.get('/home')).status).to.equal(200);
    clock.offsetMs = minutes(59 + 61);
    await expectRefused(session, 'SESSION_EXPIRED');
  });

  it('when a session is used within the hour, then each use renews it (written at most once a minute)', async () => {
    const session = await launch(learner());
    const created = (await row(session)).created_at.getTime();
    for (const at of [40, 80, 120]) {
      clock.offsetMs = minutes(at);
      expect((await session.get('/home')).status, `after ${at} minutes`).to.equal(200);
    }
    const renewed = (await row(session)).last_seen_at.getTime();
    expect(renewed - created).to.be.within(minutes(120), minutes(121));
    clock.offsetMs = minutes(120) + 30_000;
    expect((await session.get('/home')).status).to.equal(200);
    expect((await row(session)).last_seen_at.getTime(), 'not written again within the minute').to.equal(renewed);
  });

  it('when a session reaches SESSION_TTL_MINUTES, then it ends even though it is in use', async () => {
    const short = await startClockedTool({ SESSION_TTL_MINUTES: '90' });
    const session = await launchAs(short.app.express, platform, learner(), { context: course() });
    try {
      for (const at of [45, 89]) {
        clock.offsetMs = minutes(at);
        expect((await session.get('/home')).status).to.equal(200);
      }
      clock.offsetMs = minutes(91);
      await expectRefused(session, 'SESSION_EXPIRED');
    } finally {
      await short.close();
    }
  });

  it('when one session is revoked, then only its URL stops working (SESSION_REVOKED)', async () => {
    const user = learner();
    const [first, second] = [await launch(user), await launch(user)];
    expect(await createSessionRepository(tool.db).revoke(sidOf(first), clock.now())).to.equal(true);
    await expectRefused(first, 'SESSION_REVOKED');
    expect((await second.get('/home')).status).to.equal(200);
    expect(await createSessionRepository(tool.db).revoke(sidOf(first), clock.now()), 'already revoked').to.equal(false);
  });

  it('when all sessions of a person are revoked, then each of their courses ends and other people keep theirs', async () => {
    const user = learner();
    const sessions = [await launch(user), await launch(user)];
    const other = await launch(learner());
    const { tenant_id: tenantId, user_id: userId } = await row(sessions[0]!);
    expect(await createSessionRepository(tool.db).revokeAllOfUser(tenantId, userId, clock.now())).to.equal(2);
    for (const session of sessions) await expectRefused(session, 'SESSION_REVOKED');
    expect((await other.get('/home')).status).to.equal(200);
  });

  it('when the session token is not one the tool signed, then SESSION_INVALID', async () => {
    const session = await launch(learner());
    const [header, payload, signature] = session.token.split('.') as [string, string, string];
    const forged = JSON.parse(Buffer.from(payload, 'base64url').toString()) as Record<string, unknown>;
    forged.courseRole = 'staff';
    const token = `${header}.${Buffer.from(JSON.stringify(forged)).toString('base64url')}.${signature}`;
    const res = await request(tool.app.express).get('/home').query({ s: token });
    expect([res.status, res.text.includes('<code>SESSION_INVALID</code>')]).to.deep.equal([401, true]);
  });
});

describe('launch sessions: a later launch with a lower role', () => {
  let tool: TestTool;
  let platform: TestPlatform;

  before(async () => {
    tool = await startClockedTool();
    platform = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(platform.manualRegistration);
  });
  after(async () => {
    await tool.close();
    await platform.close();
  });

  const snapshot = async () => ({
    programs: await tool.db.selectFrom('programs').selectAll().orderBy('id').execute(),
    outbox: await tool.db.selectFrom('xapi_outbox').select(['id']).orderBy('id').execute(),
  });

  it('when an instructor is demoted to Learner and launches again, then the old staff URL and form stop working and the new session is a learner\'s', async () => {
    const teacher = instructor();
    const context = { id: `c-${Math.random().toString(36).slice(2, 8)}`, title: 'Leading Teams', label: 'LEAD' };
    const staff = await launchAs(tool.app.express, platform, teacher, { context });
    const staffPage = await staff.get('/staff/programs/new');
    expect(staffPage.status).to.equal(200);
    const auth = formAuthOf(staffPage.text);

    const demoted = await launchAs(tool.app.express, platform, { ...teacher, roles: [ROLE.learner] }, { context });
    const before = await snapshot();
    await expectRefused(staff, 'SESSION_REVOKED', '/staff/programs/new');
    const write = await request(tool.app.express).post('/staff/programs').type('form').send({ ...buildProgramForm(), ...auth });
    expect(write.status).to.equal(401);
    expect(write.text).to.contain('SESSION_REVOKED');
    expect(await snapshot()).to.deep.equal(before);

    expect((await demoted.get('/staff/programs/new')).status).to.equal(403);
    expect((await demoted.get('/home')).status).to.equal(200);
  });

  it('when a learner is promoted, or launches again with the same role, then the earlier sessions keep working', async () => {
    const person = learner();
    const context = { id: `c-${Math.random().toString(36).slice(2, 8)}`, title: 'Leading Teams', label: 'LEAD' };
    const first = await launchAs(tool.app.express, platform, person, { context });
    const again = await launchAs(tool.app.express, platform, person, { context });
    await launchAs(tool.app.express, platform, { ...person, roles: [ROLE.instructor] }, { context });
    for (const session of [first, again]) expect((await session.get('/home')).status).to.equal(200);
  });

  it('when an LMS administrator launches again without the administrator role, then the earlier administrator session ends', async () => {
    const admin = instructor();
    const context = { id: `c-${Math.random().toString(36).slice(2, 8)}`, title: 'Leading Teams', label: 'LEAD' };
    const before = await launchAs(tool.app.express, platform, { ...admin, roles: [ROLE.instructor, ROLE.institutionAdmin] }, { context });
    expect((await tool.db.selectFrom('tool_sessions').select('tenant_admin').where('sid', '=', sidOf(before)).executeTakeFirstOrThrow()).tenant_admin).to.equal(true);
    await launchAs(tool.app.express, platform, admin, { context });
    await expectRefused(before, 'SESSION_REVOKED');
  });
});
