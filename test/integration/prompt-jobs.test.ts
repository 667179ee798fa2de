import { expect } from 'chai';
import { deliverDuePrompts } from '../../src/mentoring/prompts/delivery-use-cases.js';
import { sharedDatabase } from '../support/hooks.js';
import { addCircles, deliveryCount, expectNoDuplicateNoGap, owedBy, sendJob, startInstance, startWorkerProcess, testQueues, waitFor } from '../support/prompt-jobs-world.js';
import { buildPromptWorld } from '../support/prompt-world.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

const ZONES = ['Asia/Tokyo', 'Europe/London', 'America/New_York', 'Australia/Sydney', 'Asia/Kathmandu', 'Pacific/Honolulu', 'Europe/Berlin', 'America/Sao_Paulo', 'Asia/Kolkata', 'UTC', 'Africa/Nairobi', 'America/Los_Angeles'];
const sum = (m: Map<string, number>) => [...m.values()].reduce((a, b) => a + b, 0);

describe('prompt delivery as pg-boss jobs on the real database', function () {
  this.timeout(120_000);
  let tool: TestTool;
  let moodle: TestPlatform;
  const url = () => sharedDatabase().url;

  before(async () => {
    tool = await startTestTool();
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
  });
  after(async () => {
    await tool.close();
    await moodle.close();
  });

  /** A weekly program with 13 circles around the world, its prompts seeded by staff opening the prompts page. */
  async function programWithCircles() {
    const world = await buildPromptWorld(tool, moodle);
    const circleIds = [world.circle.id, ...(await addCircles(tool.db, world, ZONES))];
    expect((await world.staff.get(`/staff/programs/${world.programId}/prompts`)).status).to.equal(200);
    const track = await tool.db.selectFrom('prompt_track_items as t').innerJoin('prompts as p', 'p.id', 't.prompt_id')
      .innerJoin('prompt_versions as v', (j) => j.onRef('v.prompt_id', '=', 'p.id').onRef('v.version', '=', 'p.current_version'))
      .select('v.title').where('t.program_id', '=', world.programId).orderBy('t.position').execute();
    return { programId: world.programId, circleIds, trackTitles: track.map((t) => t.title) };
  }

  it('when an instance is killed in the middle of delivering and another starts a week later, then nothing is delivered twice and nothing is skipped', async () => {
    const { programId, circleIds, trackTitles } = await programWithCircles();
    const queues = testQueues();
    const [firstNow, laterNow] = ['2027-01-25T12:00:00Z', '2027-02-01T12:00:00Z'];
    const owedFirst = await owedBy(tool.db, circleIds, firstNow);
    const worker = startWorkerProcess(url(), queues, firstNow);
    await worker.started;
    await sendJob(url(), queues.sweep, { programIds: [programId] });
    await waitFor(async () => (await deliveryCount(tool.db, circleIds)) >= 1, 'the first delivery', 30_000, 5);
    const exited = new Promise((resolve) => worker.child.on('exit', resolve));
    worker.child.kill('SIGKILL');
    await exited;
    const partial = await deliveryCount(tool.db, circleIds);
    expect(partial, 'the kill landed in the middle').to.be.greaterThan(0).and.lessThan(sum(owedFirst));

    const restarted = await startInstance(url(), queues, laterNow);
    try {
      await restarted.jobs.sweep([programId]);
      const owedLater = await owedBy(tool.db, circleIds, laterNow);
      expect(sum(owedLater)).to.be.greaterThan(sum(owedFirst));
      await waitFor(async () => (await deliveryCount(tool.db, circleIds)) === sum(owedLater), 'every owed occurrence');
      await expectNoDuplicateNoGap(tool.db, owedLater, trackTitles);
    } finally {
      await restarted.stop();
    }
  });

  it('when two instances sweep and deliver the same circles at once, then each occurrence is delivered once', async () => {
    const { programId, circleIds, trackTitles } = await programWithCircles();
    const queues = testQueues();
    const now = '2027-02-15T12:00:00Z';
    // Started one after the other: pg-boss deadlocks when two instances create the same new queue at once.
    const one = await startInstance(url(), queues, now);
    const two = await startInstance(url(), queues, now);
    try {
      await Promise.all([
        one.jobs.sweep([programId]), two.jobs.sweep([programId]),
        ...circleIds.flatMap((id) => [deliverDuePrompts(one.stores, id, new Date(now)), deliverDuePrompts(two.stores, id, new Date(now))]),
      ]);
      const owed = await owedBy(tool.db, circleIds, now);
      await waitFor(async () => (await deliveryCount(tool.db, circleIds)) === sum(owed), 'every owed occurrence');
    } finally {
      await Promise.all([one.stop(), two.stop()]);
    }
    await expectNoDuplicateNoGap(tool.db, await owedBy(tool.db, circleIds, now), trackTitles);
  });
});
