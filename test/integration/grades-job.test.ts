import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { buildGradeWorld } from '../support/grade-world.js';
import { serveToolKeys, stopServer } from '../support/listening-tool.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';

describe('grades back to the LMS: the delivery job (pg-boss)', () => {
  let tool: TestTool;
  let moodle: TestPlatform;
  let server: Server;

  before(async () => {
    tool = await startTestTool({ JOBS_ENABLED: 'true' });
    moodle = await TestPlatform.start('moodle');
    await tool.app.registry.registerPlatform(moodle.manualRegistration);
    server = await serveToolKeys(tool, [moodle]);
  });
  after(async () => {
    await stopServer(server);
    await tool.close();
    await moodle.close();
  });

  async function waitFor<T>(probe: () => T | undefined, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
      await sleep(200);
    }
  }

  it('when a program\'s circle forms and staff press "send scores now", then the job delivers every score with no one draining by hand', async function () {
    this.timeout(150_000);
    const world = await buildGradeWorld(tool, moodle);
    const column = () => moodle.ags.gradebook(world.lineItemUrl!);
    const first = await waitFor(() => (column().length === 2 ? column() : undefined), 'the first scores');
    expect(first.map((e) => e.scoreGiven)).to.deep.equal([0, 0]);
    const accepted = moodle.ags.accepted.length;
    const sent = await world.staff.post(`${world.page}/send`, {}, world.page);
    expect(sent.headers.location).to.contain('notice=sent');
    await waitFor(() => (moodle.ags.accepted.length === accepted + 2 ? true : undefined), 'the resent scores');
    const page = await world.staff.get(world.page);
    expect(page.text).to.contain('Sent').and.not.contain('Waiting to be sent');
  });
});
