import { randomUUID } from 'node:crypto';
import { expect } from 'chai';
import request from 'supertest';
import type { Db } from '../../src/db/connection.js';
import { instructor } from '../support/factories.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { launchAs } from '../support/tool-session.js';
import { createSessionRepository } from '../../src/db/repositories/session-repository.js';

/**
 * Frozen in one window, so a count never resets under a test; tests move it on by hand. It
 * starts when its tool does (`start`), not when mocha loads the file.
 */
function frozenClock() {
  const clock = {
    at: new Date(),
    now: () => clock.at,
    start: () => void (clock.at = new Date()),
    advance: (ms: number) => void (clock.at = new Date(clock.at.getTime() + ms)),
  };
  return clock;
}
const secondsLeftInWindow = (at: Date) => Math.ceil((60_000 - (at.getTime() % 60_000)) / 1000);

/** A documentation-range address never used before in the run: counters live in the shared database. */
let addresses = 0;
const anAddress = () => `198.51.${100 + Math.floor(++addresses / 250)}.${addresses % 250}`;
const from = (address: string) => ({ 'X-Forwarded-For': address });

describe('rate limits', () => {
  const clock = frozenClock();
  let tool: TestTool;

  before(async () => {
    clock.start();
    tool = await startTestTool({
      TRUST_PROXY: 'true', RATE_LIMIT_REGISTER_PER_MINUTE: '2', RATE_LIMIT_LOGIN_PER_MINUTE: '3', RATE_LIMIT_POSTS_PER_MINUTE: '2',
    }, clock);
  });
  after(() => tool.close());

  it('when one address exceeds the registration limit, then it gets a 429 page saying when to retry, and another address does not', async () => {
    const address = anAddress();
    for (let i = 0; i < 2; i++) {
      const res = await request(tool.app.express).get('/lti/register').set(from(address));
      expect(res.status).to.equal(400);
    }
    const refused = await request(tool.app.express).get('/lti/register').set(from(address));
    expect(refused.status).to.equal(429);
    const wait = secondsLeftInWindow(clock.at);
    expect(refused.headers['retry-after']).to.equal(String(wait));
    expect(refused.text).to.contain('RATE_LIMITED').and.contain(`Try again in ${wait} second`);

    const other = await request(tool.app.express).get('/lti/register').set(from(anAddress()));
    expect(other.status).to.equal(400);
    expect(other.text).to.contain('REGISTRATION_PARAMS_INVALID');
  });

  it('when the window has passed, then the same address is let through again', async () => {
    const address = anAddress();
    for (let i = 0; i < 3; i++) await request(tool.app.express).get('/lti/register').set(from(address));
    clock.advance(60_000);
    const res = await request(tool.app.express).get('/lti/register').set(from(address));
    expect(res.status).to.equal(400);
  });

  it('when one address exceeds the login limit, then the login is refused with 429 and a JSON caller gets JSON', async () => {
    const address = anAddress();
    for (let i = 0; i < 3; i++) {
      expect((await request(tool.app.express).post('/lti/login').set(from(address)).type('form').send({})).status).to.not.equal(429);
    }
    const page = await request(tool.app.express).post('/lti/login').set(from(address)).type('form').send({});
    expect(page.status).to.equal(429);
    expect(page.headers['retry-after']).to.match(/^\d+$/);
    const json = await request(tool.app.express).get('/lti/login').set({ ...from(address), accept: 'application/json' });
    expect(json.status).to.equal(429);
    expect(json.body.error.code).to.equal('RATE_LIMITED');
    expect(json.body.error.message).to.contain('Try again in');
  });

  it('when one address exceeds the form-post limit, then posts are refused but its page views are not', async () => {
    const address = anAddress();
    for (let i = 0; i < 2; i++) {
      expect((await request(tool.app.express).post('/staff/programs').set(from(address)).type('form').send({})).status).to.equal(401);
    }
    expect((await request(tool.app.express).post('/staff/programs').set(from(address)).type('form').send({})).status).to.equal(429);
    expect((await request(tool.app.express).get('/home').set(from(address))).status).to.equal(401);
    expect((await request(tool.app.express).post('/programs/x').set(from(anAddress())).type('form').send({})).status).to.not.equal(429);
  });
});

describe('rate limits per tenant', () => {
  const clock = frozenClock();
  let tool: TestTool;
  let moodle: TestPlatform;
  let canvas: TestPlatform;

  before(async () => {
    clock.start();
    tool = await startTestTool({ TRUST_PROXY: 'true', RATE_LIMIT_TENANT_POSTS_PER_MINUTE: '2' }, clock);
    [moodle, canvas] = await Promise.all([TestPlatform.start('moodle'), TestPlatform.start('canvas')]);
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    await tool.app.registry.registerPlatform(canvas.manualRegistration);
  });
  after(async () => {
    await tool.close();
    await Promise.all([moodle.close(), canvas.close()]);
  });

  it('when a tenant\'s users post more than its limit from many addresses, then its posts are refused and another tenant\'s are not', async () => {
    const staff = await launchAs(tool.app.express, moodle, instructor());
    const post = (token: string) => request(tool.app.express).post('/staff/programs').set(from(anAddress())).type('form').send({ s: token });
    for (let i = 0; i < 2; i++) expect((await post(staff.token)).status).to.equal(403);
    const refused = await post(staff.token);
    expect(refused.status).to.equal(429);
    expect(refused.text).to.contain('RATE_LIMITED');

    const other = await launchAs(tool.app.express, canvas, instructor());
    const res = await post(other.token);
    expect(res.status).to.equal(403);
    expect(res.text).to.contain('CSRF');
  });

  it('when a post carries a forged session, then it is not counted against the tenant it names', async () => {
    const staff = await launchAs(tool.app.express, moodle, instructor());
    clock.advance(60_000);
    for (let i = 0; i < 5; i++) {
      const res = await request(tool.app.express).post('/staff/programs').set(from(anAddress())).type('form').send({ s: `${staff.token}x` });
      expect(res.status).to.equal(401);
    }
    expect((await request(tool.app.express).post('/staff/programs').set(from(anAddress())).type('form').send({ s: staff.token })).status).to.equal(403);
  });
});

describe('rate limits across instances', () => {
  const clock = frozenClock();
  let first: TestTool;
  let second: TestTool;

  before(async () => {
    clock.start();
    const env = { TRUST_PROXY: 'true', RATE_LIMIT_REGISTER_PER_MINUTE: '3' };
    [first, second] = await Promise.all([startTestTool(env, clock), startTestTool(env, clock)]);
  });
  after(async () => {
    await first.close();
    await second.close();
  });

  it('when an address spreads its requests over two instances, then they count together', async () => {
    const address = anAddress();
    expect((await request(first.app.express).get('/lti/register').set(from(address))).status).to.equal(400);
    expect((await request(second.app.express).get('/lti/register').set(from(address))).status).to.equal(400);
    expect((await request(first.app.express).get('/lti/register').set(from(address))).status).to.equal(400);
    expect((await request(second.app.express).get('/lti/register').set(from(address))).status).to.equal(429);
    expect((await request(first.app.express).get('/lti/register').set(from(address))).status).to.equal(429);
  });
});

describe('login states without jobs', () => {
  const clock = frozenClock();
  let tool: TestTool;

  const insertState = (db: Db, createdAt: Date) => {
    const state = randomUUID();
    return db.insertInto('login_states')
      .values({ state, nonce: state, issuer: 'https://lms.example', client_id: null, login_params: '{}', created_at: createdAt })
      .execute().then(() => state);
  };
  const remaining = async (db: Db, states: string[]) =>
    (await db.selectFrom('login_states').select('state').where('state', 'in', states).execute()).map((r) => r.state).sort();

  before(async () => {
    clock.start();
    tool = await startTestTool({ JOBS_ENABLED: 'false' }, clock);
  });
  after(() => tool.close());

  it('when a login arrives, then sessions that ended more than a day ago are deleted and live ones kept', async () => {
    const platform = await TestPlatform.start('moodle');
    try {
      await tool.app.registry.registerPlatform(platform.manualRegistration);
      const ended = await launchAs(tool.app.express, platform, instructor());
      const live = await launchAs(tool.app.express, platform, instructor());
      const sids = async () => (await tool.db.selectFrom('tool_sessions').select('sid').execute()).map((r) => r.sid);
      const row = (token: string) => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid as string;
      await createSessionRepository(tool.db).revoke(row(ended.token), new Date(clock.at.getTime() - 25 * 3600_000));
      clock.advance(61_000);
      await request(tool.app.express).get('/lti/login');
      const left = await sids();
      expect(left).not.to.include(row(ended.token));
      expect(left).to.include(row(live.token));
      expect((await live.get('/home')).status).to.equal(200);
      clock.advance(61_000);
    } finally {
      await platform.close();
    }
  });

  it('when a login arrives, then states older than a day are purged and recent ones kept, at most once a minute', async () => {
    const dayAndMore = new Date(clock.at.getTime() - 25 * 3600_000);
    const old = await insertState(tool.db, dayAndMore);
    const recent = await insertState(tool.db, new Date(clock.at.getTime() - 3600_000));
    await request(tool.app.express).get('/lti/login');
    expect(await remaining(tool.db, [old, recent])).to.deep.equal([recent]);

    const older = await insertState(tool.db, dayAndMore);
    await request(tool.app.express).get('/lti/login');
    expect(await remaining(tool.db, [older]), 'swept again within the minute').to.deep.equal([older]);
    clock.advance(61_000);
    await request(tool.app.express).get('/lti/login');
    expect(await remaining(tool.db, [older, recent])).to.deep.equal([recent]);
  });

});
