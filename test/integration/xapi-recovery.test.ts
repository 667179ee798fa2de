import { expect } from 'chai';
import { sql } from 'kysely';
import type { DomainEvent } from '../../src/mentoring/events.js';
import { statementIdFor } from '../../src/xapi/ids.js';
import { learner } from '../support/factories.js';
import { TestLrs } from '../support/lrs.js';
import { LrsOutageProxy } from '../support/lrs-outage-proxy.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { append, buildCourseWorld, deliverAll, lrsLogin, setTenantLrs, statusesOf, worldEvent, type CourseWorld } from '../support/xapi-delivery-world.js';
import { launchAs } from '../support/xapi-world.js';

const BATCH = 25;
const PROBE_CAP_MS = 30_000; // XAPI_PROBE_MAX_MS left at its default

/**
 * Real time while the worlds are launched; then time stands still unless a test moves it:
 * delivery rounds are counted in seconds of this clock.
 */
const clock = { t: Number.NaN, now: () => new Date(Number.isNaN(clock.t) ? Date.now() : clock.t) };

describe('xAPI delivery after an LRS outage', function () {
  this.timeout(120_000);
  let lrs: TestLrs;
  let proxy: LrsOutageProxy;
  let tool: TestTool;
  let moodle: TestPlatform;
  const worlds = new Map<string, { world: CourseWorld; actors: string[] }>();

  before(async () => {
    lrs = await TestLrs.start();
    proxy = await LrsOutageProxy.start(lrs, () => clock.t);
    tool = await startTestTool({ XAPI_RETRY_BASE_MS: '1000', XAPI_BATCH_SIZE: String(BATCH), XAPI_CONCURRENCY: '2' }, clock);
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    // Every launch while the clock still runs (launch tokens are checked against it).
    for (const id of ['RECOVER-1', 'RECOVER-2', 'RECOVER-3', 'RECOVER-4']) {
      const world = await buildCourseWorld(tool, moodle, id);
      worlds.set(id, { world, actors: await actorsOf(world, id) });
    }
    clock.t = Date.now();
  });
  after(async () => {
    await tool.close();
    await moodle.close();
    await proxy.close();
    await lrs.kill();
  });

  /** One delivery round: a second of the clock passes, then the outbox is drained. */
  async function round(): Promise<void> {
    clock.t += 1000;
    await tool.app.xapi.dispatcher.drain();
  }

  /** The world's mentee, mentor, other mentor and staff member, and two more learners. */
  async function actorsOf(world: CourseWorld, contextId: string): Promise<string[]> {
    const more = [];
    const context = { id: contextId, title: `Course ${contextId}`, label: contextId };
    for (let i = 0; i < 2; i++) more.push((await launchAs(tool, moodle, learner(), { context })).session.userId);
    return [world.mentee.userId, world.mentor.userId, world.otherMentor.userId, world.staff.userId, ...more];
  }

  const eventBy = (world: CourseWorld, actorUserId: string): DomainEvent => ({ ...worldEvent(world, 'goal_set'), actorUserId });

  it('when the LRS answers 503 while 300 events of 6 actors are written and then comes back, then the backlog drains within one probe interval of recovery, each statement once, per actor in write order', async () => {
    const { world, actors } = worlds.get('RECOVER-1')!;
    await setTenantLrs(tool.db, world.mentee.tenantId, { ...lrsLogin(lrs), endpoint: proxy.endpoint });
    proxy.mode = { kind: 'failing', status: 503 };
    const events = Array.from({ length: 300 }, (_, i) => eventBy(world, actors[i % actors.length]!));
    for (let i = 0; i < events.length; i += 50) {
      await append(tool.db, events.slice(i, i + 50));
      await round();
    }
    for (let s = 0; s < 150; s++) await round();

    // Probes: one batch per pause, the pause doubling from 1 s to the 30 s cap (jitter: half to all of it).
    // Before the first failure nothing is paused: each of the 2 workers may have a batch in flight.
    const firstBurst = proxy.failedPosts.filter((t) => t === proxy.failedPosts[0]).length;
    expect(firstBurst, 'batches sent before the first failure').to.be.at.most(2);
    const posts = proxy.failedPosts.slice(firstBurst - 1);
    expect(posts.length).to.be.within(8, 16);
    const gaps = posts.slice(1).map((t, i) => t - posts[i]!);
    expect(Math.min(...gaps)).to.be.at.least(500);
    expect(gaps.slice(-3).every((gap) => gap >= PROBE_CAP_MS / 2), `gaps ${gaps}`).to.equal(true);
    const ids = events.map((e) => e.id);
    const pushed = await sql<{ n: number }>`select count(*)::int as n from xapi_outbox
      where id = any(${ids}::uuid[]) and next_attempt_at > created_at + make_interval(secs => ${PROBE_CAP_MS / 1000})`.execute(tool.db);
    expect(pushed.rows[0]!.n, 'rows whose next attempt was pushed beyond the probe cap').to.equal(0);
    expect(await statusesOf(tool.db, ids)).not.to.have.property('delivered');

    proxy.mode = { kind: 'up' };
    const roundsWithDeliveries: number[] = [];
    let seconds = 0;
    for (let delivered = 0; delivered < 300 && seconds < 60; ) {
      await round();
      seconds++;
      const now = (await statusesOf(tool.db, ids)).delivered ?? 0;
      if (now > delivered) roundsWithDeliveries.push(seconds);
      delivered = now;
    }
    expect(await statusesOf(tool.db, ids)).to.deep.equal({ delivered: 300 });
    expect(seconds, 'seconds from recovery to the last statement').to.be.at.most(PROBE_CAP_MS / 1000 + 1);
    expect(roundsWithDeliveries, 'once the probe succeeds, the whole backlog goes in the same round').to.have.length(1);

    const received = await lrs.received();
    expect(events.filter((e) => received[statementIdFor(e.id)] !== 1)).to.deep.equal([]);
    const stored = new Map((await lrs.statements()).map((s) => [s.id, s.stored as string]));
    for (const actor of actors) {
      const written = events.filter((e) => e.actorUserId === actor).map((e) => statementIdFor(e.id));
      const arrived = proxy.forwarded.filter((id) => written.includes(id));
      expect(arrived, `arrival order of ${actor}'s statements`).to.deep.equal(written);
      const storedAt = written.map((id) => Date.parse(stored.get(id)!));
      expect(storedAt.every((t, i) => i === 0 || t >= storedAt[i - 1]!), `stored order of ${actor}'s statements`).to.equal(true);
    }
  });

  it('when the LRS answers 429 with Retry-After: 20, then it is not asked again for 20 s, and then delivery goes on', async () => {
    const { world } = worlds.get('RECOVER-2')!;
    await setTenantLrs(tool.db, world.mentee.tenantId, { ...lrsLogin(lrs), endpoint: proxy.endpoint });
    proxy.mode = { kind: 'failing', status: 429, retryAfter: '20' };
    const events = Array.from({ length: 10 }, () => worldEvent(world, 'goal_set'));
    await append(tool.db, events);
    const before = proxy.failedPosts.length;
    for (let s = 0; s < 19; s++) await round();
    expect(proxy.failedPosts.length - before).to.equal(1);
    for (let s = 0; s < 2; s++) await round();
    expect(proxy.failedPosts.length - before).to.equal(2);
    expect(proxy.failedPosts.at(-1)! - proxy.failedPosts.at(-2)!).to.be.at.least(20_000);
    const row = await tool.db.selectFrom('xapi_outbox').where('id', '=', events[0]!.id).select(['status', 'attempts', 'last_http_status']).executeTakeFirstOrThrow();
    expect(row).to.deep.equal({ status: 'failed', attempts: 2, last_http_status: 429 });

    proxy.mode = { kind: 'up' };
    for (let s = 0; s < 31 && (await statusesOf(tool.db, events.map((e) => e.id))).delivered !== 10; s++) await round();
    expect(await statusesOf(tool.db, events.map((e) => e.id))).to.deep.equal({ delivered: 10 });
  });

  it('when the LRS rejects one statement of an actor, then it is dead-lettered and the actor\'s other statements, older and newer, still go', async () => {
    const { world } = worlds.get('RECOVER-3')!;
    await setTenantLrs(tool.db, world.mentee.tenantId, lrsLogin(lrs));
    const bad = { ...worldEvent(world, 'match_proposed'), data: { mentorUserId: world.mentor.userId, score: 250 } } as DomainEvent;
    const older = [worldEvent(world, 'goal_set'), worldEvent(world, 'goal_set')];
    const newer = [worldEvent(world, 'goal_set'), worldEvent(world, 'goal_set')];
    await append(tool.db, [...older, bad, ...newer]);
    await deliverAll(tool);
    const later = worldEvent(world, 'goal_set');
    await append(tool.db, [later]);
    await deliverAll(tool);
    expect(await statusesOf(tool.db, [...older, ...newer, later].map((e) => e.id))).to.deep.equal({ delivered: 5 });
    const dead = await tool.db.selectFrom('xapi_outbox').where('id', '=', bad.id).select(['status', 'last_http_status']).executeTakeFirstOrThrow();
    expect(dead).to.deep.equal({ status: 'dead', last_http_status: 400 });
  });

  it('when another instance holds an actor\'s older statement, then this one leaves that actor\'s newer ones and takes other actors\'', async () => {
    const { world, actors: [x, y, z] } = worlds.get('RECOVER-4')!;
    await setTenantLrs(tool.db, world.mentee.tenantId, { ...lrsLogin(lrs), endpoint: proxy.endpoint });
    proxy.mode = { kind: 'up' };
    const [x1, y1, x2, z1] = [eventBy(world, x!), eventBy(world, y!), eventBy(world, x!), eventBy(world, z!)];
    await append(tool.db, [x1!, y1!, x2!, z1!]);
    // The lease another instance holds while its POST is in flight (or until it expires, if it died).
    const lease = (secs: number) => tool.db.updateTable('xapi_outbox').where('id', 'in', [x1!.id, y1!.id])
      .set({ claimed_by: crypto.randomUUID(), claimed_until: sql<Date>`now() + make_interval(secs => ${secs})` }).execute();
    await lease(60);
    await deliverAll(tool);
    expect(await statusOf([x1!, y1!, x2!, z1!])).to.deep.equal(['queued', 'queued', 'queued', 'delivered']);

    await lease(-1);
    await deliverAll(tool);
    expect(await statusOf([x1!, y1!, x2!, z1!])).to.deep.equal(['delivered', 'delivered', 'delivered', 'delivered']);
    const ofX = [x1!, x2!].map((e) => statementIdFor(e.id));
    expect(proxy.forwarded.filter((id) => ofX.includes(id))).to.deep.equal(ofX);
  });

  async function statusOf(events: DomainEvent[]): Promise<string[]> {
    const rows = await tool.db.selectFrom('xapi_outbox').where('id', 'in', events.map((e) => e.id)).select(['id', 'status']).execute();
    return events.map((e) => rows.find((r) => r.id === e.id)!.status);
  }
});
