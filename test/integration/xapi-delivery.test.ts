import { expect } from 'chai';
import { statementIdFor, activityIri } from '../../src/xapi/ids.js';
import { VERB } from '../../src/xapi/vocabulary.js';
import { TestLrs } from '../support/lrs.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, TEST_ENCRYPTION_KEY, type TestTool } from '../support/test-tool.js';
import { append, buildCourseWorld, deliverAll, lrsLogin, setTenantLrs, startWorkerProcess, statusesOf, worldEvent, type CourseWorld } from '../support/xapi-delivery-world.js';
import { EVENT_TYPES } from '../support/xapi-factories.js';
import { sharedDatabase } from '../support/hooks.js';

const FAST_RETRIES = { XAPI_RETRY_BASE_MS: '20', XAPI_RETRY_MAX_MS: '100', XAPI_BATCH_SIZE: '50' };

describe('xAPI delivery to a real LRS', function () {
  this.timeout(120_000);
  let lrs: TestLrs;
  let tool: TestTool;
  let moodle: TestPlatform;
  let world: CourseWorld;

  before(async () => {
    lrs = await TestLrs.start();
    tool = await startTestTool(FAST_RETRIES);
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    world = await buildCourseWorld(tool, moodle, 'XAPI-1');
    await setTenantLrs(tool.db, world.mentee.tenantId, lrsLogin(lrs));
  });
  after(async () => {
    await tool.close();
    await moodle.close();
    await lrs.kill();
  });

  afterEach(async () => {
    await lrs.hold(false);
    await lrs.restart();
  });

  const drainAll = () => deliverAll(tool);

  it('when one event of every type is delivered, then the LRS accepts each and returns it with the expected shape', async () => {
    const events = EVENT_TYPES.map((type) => worldEvent(world, type));
    await append(tool.db, events);
    await drainAll();
    expect(await statusesOf(tool.db, events.map((e) => e.id))).to.deep.equal({ delivered: events.length });

    const inProgram = await lrs.statements({ registration: world.registration });
    const launched = await lrs.statements({ registration: world.mentee.enrolmentId, verb: VERB.launched.id });
    const byId = new Map([...inProgram, ...launched].map((s) => [s.id, s]));
    const courseIri = activityIri.course(moodle.issuer, 'XAPI-1');
    const { subject } = await tool.db.selectFrom('users').where('id', '=', world.mentee.userId).select('subject').executeTakeFirstOrThrow();
    for (const event of events) {
      const s = byId.get(statementIdFor(event.id));
      expect(s, `${event.type} is in the LRS`).to.exist;
      expect(s!.actor.account).to.deep.equal({ homePage: moodle.issuer, name: subject });
      expect(s!.context.registration).to.equal(event.type === 'launched' ? world.mentee.enrolmentId : world.registration);
      expect(s!.context.contextActivities.grouping[0].id).to.equal(courseIri);
      expect(s!.context.contextActivities.category[0].id).to.match(/\/xapi\/profile\/v1\.0$/);
      expect(s!.timestamp).to.equal(event.occurredAt.toISOString());
    }
    const programIri = activityIri.program(world.programId);
    const related = await lrs.statements({ activity: programIri, related_activities: 'true' });
    expect(related.length).to.equal(events.length - 1);
    const attended = await lrs.statements({ verb: VERB.attended.id, activity: courseIri, related_activities: 'true' });
    expect(attended.map((s) => s.id)).to.deep.equal([statementIdFor(events.find((e) => e.type === 'meeting_attended')!.id)]);
    expect(attended[0]!.result.duration).to.equal('PT50M');
  });

  it('when the LRS is down while 500 events happen and then comes back, then every statement is delivered exactly once', async () => {
    const outage = await buildCourseWorld(tool, moodle, 'XAPI-OUTAGE');
    await setTenantLrs(tool.db, outage.mentee.tenantId, lrsLogin(lrs));
    await lrs.stop();
    const events = Array.from({ length: 500 }, () => worldEvent(outage, 'meeting_attended'));
    await append(tool.db, events);
    for (let i = 0; i < 20; i++) await tool.app.xapi.dispatcher.deliverOnce();
    // The LRS is paused after the first failed batch: only probes are attempted, the rest wait.
    const failed = await statusesOf(tool.db, events.map((e) => e.id));
    expect((failed.failed ?? 0) + (failed.queued ?? 0)).to.equal(500);
    expect(failed.failed).to.be.at.least(50);
    const row = await tool.db.selectFrom('xapi_outbox').where('id', '=', events[0]!.id).select(['last_error', 'attempts']).executeTakeFirstOrThrow();
    expect(row.last_error).to.contain('ECONNREFUSED');

    await lrs.restart();
    for (let i = 0; i < 50; i++) {
      await drainAll();
      if ((await statusesOf(tool.db, events.map((e) => e.id))).delivered === 500) break;
      await new Promise((r) => setTimeout(r, 100));
    }
    expect(await statusesOf(tool.db, events.map((e) => e.id))).to.deep.equal({ delivered: 500 });
    const received = await lrs.received();
    expect(events.map((e) => received[statementIdFor(e.id)])).to.deep.equal(events.map(() => 1));
    const stored = await lrs.statements({ registration: outage.registration });
    expect(stored).to.have.length(500);
    expect(new Set(stored.map((s) => s.id)).size).to.equal(500);
  });

  it('when two instances deliver at the same time, then no statement is sent twice', async () => {
    const busy = await buildCourseWorld(tool, moodle, 'XAPI-TWO');
    await setTenantLrs(tool.db, busy.mentee.tenantId, lrsLogin(lrs));
    const events = Array.from({ length: 300 }, () => worldEvent(busy, 'prompt_delivered'));
    await append(tool.db, events);
    const second = await startTestTool(FAST_RETRIES);
    await Promise.all([drainAll(), deliverAll(second)]);
    await second.close();
    expect(await statusesOf(tool.db, events.map((e) => e.id))).to.deep.equal({ delivered: 300 });
    const received = await lrs.received();
    expect(events.filter((e) => received[statementIdFor(e.id)] !== 1)).to.deep.equal([]);
  });

  it('when a worker is killed in the middle of a batch, then its statements are sent again later: none lost, none duplicated', async () => {
    const crash = await buildCourseWorld(tool, moodle, 'XAPI-CRASH');
    await setTenantLrs(tool.db, crash.mentee.tenantId, lrsLogin(lrs));
    const events = Array.from({ length: 120 }, () => worldEvent(crash, 'goal_set'));
    await append(tool.db, events);
    await lrs.hold(true);
    const worker = startWorkerProcess({ DATABASE_URL: sharedDatabase().url, LTI_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, XAPI_LEASE_SECONDS: '1', XAPI_BATCH_SIZE: '50', DB_POOL_SIZE: '2' });
    for (let i = 0; (await lrs.heldCount()) === 0; i++) {
      if (worker.child.exitCode !== null || i > 300) throw new Error('the worker process never sent its batch');
      await new Promise((r) => setTimeout(r, 50));
    }
    worker.child.kill('SIGKILL');
    await lrs.hold(false);
    const leased = await tool.db.selectFrom('xapi_outbox').where('id', 'in', events.map((e) => e.id)).where('claimed_by', 'is not', null).select('id').execute();
    expect(leased.length).to.be.greaterThan(30);
    await new Promise((r) => setTimeout(r, 1100));
    await drainAll();
    expect(await statusesOf(tool.db, events.map((e) => e.id))).to.deep.equal({ delivered: 120 });
    const received = await lrs.received();
    const inCrashedBatch = new Set(leased.map((r) => r.id));
    expect(events.map((e) => received[statementIdFor(e.id)])).to.deep.equal(events.map((e) => (inCrashedBatch.has(e.id) ? 2 : 1)));
    const stored = await lrs.statements({ registration: crash.registration });
    expect(stored).to.have.length(120);
  });

  it('when the LRS rejects one statement of a batch, then the others are delivered and it lands in dead-letter with the LRS\'s reason', async () => {
    const strict = await buildCourseWorld(tool, moodle, 'XAPI-REJECT');
    await setTenantLrs(tool.db, strict.mentee.tenantId, lrsLogin(lrs), 'email');
    await tool.db.updateTable('users').set({ email: 'not-an-email' }).where('id', '=', strict.otherMentor.userId).execute();
    const bad = { ...worldEvent(strict, 'goal_set'), actorUserId: strict.otherMentor.userId };
    const good = Array.from({ length: 9 }, () => worldEvent(strict, 'goal_set'));
    await append(tool.db, [...good.slice(0, 4), bad, ...good.slice(4)]);
    await drainAll();
    expect(await statusesOf(tool.db, good.map((e) => e.id))).to.deep.equal({ delivered: 9 });
    const dead = await tool.db.selectFrom('xapi_outbox').where('id', '=', bad.id).select(['status', 'last_error', 'last_http_status']).executeTakeFirstOrThrow();
    expect(dead).to.deep.include({ status: 'dead', last_http_status: 400 });
    expect(dead.last_error).to.contain('actor.mbox');
  });

  it('when an event cannot become a statement, then it is kept and marked dead, and the batch still goes', async () => {
    const broken = await buildCourseWorld(tool, moodle, 'XAPI-BROKEN');
    await setTenantLrs(tool.db, broken.mentee.tenantId, lrsLogin(lrs));
    const orphan = { ...worldEvent(broken, 'match_accepted'), data: { mentorUserId: crypto.randomUUID(), menteeUserId: broken.mentee.userId } };
    const fine = worldEvent(broken, 'contract_agreed');
    await append(tool.db, [orphan, fine]);
    await drainAll();
    const rows = await tool.db.selectFrom('xapi_outbox').where('id', 'in', [orphan.id, fine.id]).select(['id', 'status', 'last_error']).execute();
    expect(rows.find((r) => r.id === fine.id)!.status).to.equal('delivered');
    const kept = rows.find((r) => r.id === orphan.id)!;
    expect(kept.status).to.equal('dead');
    expect(kept.last_error).to.match(/^STATEMENT_UNBUILDABLE: .*unknown to the tenant/);
  });
});
