import type { Server } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import { ROSTER_QUEUES } from '../../src/jobs/roster-sync-jobs.js';
import { buildProgramForm, instructor, learner } from '../support/factories.js';
import { serveToolKeys, stopServer } from '../support/listening-tool.js';
import { TestPlatform } from '../support/test-platform.js';
import { startTestTool, type TestTool } from '../support/test-tool.js';
import { launchAs } from '../support/tool-session.js';

describe('roster sync in the background (pg-boss)', () => {
  let tool: TestTool;
  let canvas: TestPlatform;
  let server: Server;

  before(async () => {
    tool = await startTestTool({ JOBS_ENABLED: 'true' });
    canvas = await TestPlatform.start('canvas');
    await tool.app.registry.registerPlatform(canvas.manualRegistration);
    server = await serveToolKeys(tool, [canvas]);
  });
  after(async () => {
    await stopServer(server);
    await tool.close();
    await canvas.close();
  });

  async function waitFor<T>(probe: () => Promise<T | undefined>, what: string, timeoutMs = 60_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined) return value;
      if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
      await sleep(200);
    }
  }

  it('when the scheduled sweep runs, then every course with a program and a roster service is synced', async function () {
    // The sweep syncs every such course of the shared test database, not only this one.
    this.timeout(90_000);
    const teacher = instructor();
    const context = { id: 'scheduled-sync', title: 'Scheduled', label: 'S' };
    canvas.roster(context.id).set([teacher, learner('j1'), learner('j2')]);
    const staff = await launchAs(tool.app.express, canvas, teacher, { context });
    const created = await staff.post('/staff/programs', buildProgramForm(), '/staff/programs/new');
    const programId = new URL(created.headers.location!, 'http://tool.test').pathname.split('/').pop()!;
    // Creating the program reads the roster at once; a learner who joins later comes with the sweep.
    canvas.roster(context.id).set([teacher, learner('j1'), learner('j2'), learner('j3')]);
    expect(await tool.app.jobs!.send(ROSTER_QUEUES.sweep)).to.be.a('string');
    const subjects = await waitFor(async () => {
      const rows = await tool.db.selectFrom('participants as p').innerJoin('users as u', 'u.id', 'p.user_id').select('u.subject').where('p.program_id', '=', programId).orderBy('u.subject').execute();
      return rows.length === 3 ? rows.map((r) => r.subject) : undefined;
    }, 'the background sync');
    expect(subjects).to.deep.equal(['j1', 'j2', 'j3']);
    const sync = await tool.db.selectFrom('roster_syncs as s').innerJoin('programs as p', 'p.course_id', 's.course_id').select(['s.trigger', 's.status']).where('p.id', '=', programId).orderBy('s.started_at', 'desc').executeTakeFirstOrThrow();
    expect(sync).to.deep.equal({ trigger: 'schedule', status: 'succeeded' });
  });
});
