import { expect } from 'chai';
import type { Express } from 'express';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config/config.js';
import { openDatabase, type OpenDatabase } from '../../src/db/open-database.js';
import { createLogger } from '../../src/shared/logger.js';
import { claimsOf, createProgram, freshContext, inCourse } from '../support/attack-world.js';
import { startPgliteServer, startPostgresCluster, type DatabaseServer } from '../support/database-server.js';
import { instructor, learner } from '../support/factories.js';
import { formAuthOf, launchAs, type ToolSession } from '../support/tool-session.js';
import { TestLrs } from '../support/lrs.js';
import { buildProfileForm } from '../support/matching-world.js';
import { TestPlatform } from '../support/test-platform.js';
import { TEST_ENCRYPTION_KEY } from '../support/test-tool.js';
import { send, ToolProcess, waitFor, type Outcome } from '../support/tool-process.js';

/** Load: a few concurrent loops per tool instance, bounded in total. */
const WORKERS_PER_TOOL = 3;
const MAX_REQUESTS = 4000;

interface Target {
  tool: ToolProcess;
  /** A learner's page, and a form post that writes (the learner's profile). */
  page: string;
  write: { url: string; form: Record<string, string | string[]> };
}

/** Runs the loops until stopped, recording every outcome per tool and phase. */
class Load {
  readonly outcomes: Array<{ tool: string; phase: string; outcome: Outcome }> = [];
  phase = 'before';
  private running = true;
  private readonly loops: Array<Promise<void>> = [];

  constructor(targets: Target[]) {
    for (const target of targets) {
      for (let i = 0; i < WORKERS_PER_TOOL; i++) this.loops.push(this.loop(target, i));
    }
  }

  private async loop(target: Target, index: number): Promise<void> {
    for (let n = 0; this.running && this.outcomes.length < MAX_REQUESTS; n++) {
      const phase = this.phase;
      const writes = index === 0 && n % 3 === 0;
      const outcome = writes ? await send(target.write.url, { method: 'POST', form: target.write.form }) : await send(target.page);
      this.outcomes.push({ tool: target.tool.name, phase, outcome });
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
  }

  seen(tool: string, phase: string, outcome: Outcome): number {
    return this.outcomes.filter((o) => o.tool === tool && o.phase === phase && o.outcome === outcome).length;
  }

  async stop(): Promise<void> {
    this.running = false;
    await Promise.all(this.loops);
  }
}

/** /readyz answers 200; a process that died fails the wait at once, with its last log lines. */
const ready = async (tool: ToolProcess) => {
  if (!tool.alive) throw new Error(`${tool.name} exited:\n${tool.log}`);
  return (await send(`${tool.url}/readyz`)) === 200;
};

describe('database outage: the tool stays up, answers 503, and recovers by itself', function () {
  this.timeout(420_000);
  let server: DatabaseServer;
  let database: OpenDatabase;
  let setup: App;
  let moodle: TestPlatform;
  let lrs: TestLrs;
  const tools: ToolProcess[] = [];

  before(async () => {
    // The PostgreSQL leg of CI (DATABASE_URL set) gets a private cluster; otherwise PGlite's socket server.
    const cluster = process.env.DATABASE_URL ? await startPostgresCluster() : null;
    server = cluster ?? (await startPgliteServer());
    database = await openDatabase({ databaseUrl: server.url, poolSize: 2 });
    const config = loadConfig({ PUBLIC_URL: 'https://tool.test', DATABASE_URL: server.url, LTI_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, JOBS_ENABLED: 'false', LOG_LEVEL: 'silent' });
    setup = await createApp({ config, databaseUrl: server.url, encryptionKey: TEST_ENCRYPTION_KEY, db: database.db, logger: createLogger('silent') });
    moodle = await TestPlatform.start('moodle');
    await setup.registry.registerPlatform(moodle.manualRegistration);
    lrs = await TestLrs.start();
    const env = {
      DATABASE_URL: server.url, PUBLIC_URL: 'https://tool.test', LTI_ENCRYPTION_KEY: TEST_ENCRYPTION_KEY, DB_POOL_SIZE: '3', LOG_LEVEL: 'warn',
      LRS_ENDPOINT: lrs.endpoint, LRS_USERNAME: lrs.username, LRS_PASSWORD: lrs.password, XAPI_POLL_SECONDS: '1',
      XAPI_RETRY_BASE_MS: '200', XAPI_RETRY_MAX_MS: '2000', RATE_LIMIT_POSTS_PER_MINUTE: '1000000', RATE_LIMIT_TENANT_POSTS_PER_MINUTE: '1000000',
    };
    tools.push(await ToolProcess.start('jobs on', { ...env, JOBS_ENABLED: 'true' }));
    tools.push(await ToolProcess.start('jobs off', { ...env, JOBS_ENABLED: 'false' }));
  });

  afterEach(function () {
    if (this.currentTest?.state === 'failed') for (const tool of tools) process.stdout.write(`--- ${tool.name}:\n${tool.log}\n`);
  });

  after(async () => {
    for (const tool of tools) await tool.stop();
    await setup?.close();
    await database?.close();
    await server?.close();
    await moodle?.close();
    await lrs?.kill();
  });

  /** A program with a learner whose profile is saved, launched through this tool instance. */
  async function targetOn(tool: ToolProcess): Promise<Target & { learner: ToolSession; programId: string }> {
    const app = tool.url as unknown as Express;
    const course = freshContext('outage');
    const staff = await launchAs(app, moodle, instructor(), inCourse(course));
    const programId = await createProgram(staff);
    const member = await launchAs(app, moodle, learner(), inCourse(course));
    const profile = `/programs/${programId}/profile`;
    const form = buildProfileForm({ growthSkills: [], strengths: [], division: `Before ${tool.name}` });
    const saved = await member.post(profile, form, profile);
    expect(saved.status, saved.text).to.equal(303);
    const auth = formAuthOf((await member.get(profile)).text);
    const page = `${tool.url}${profile}?s=${encodeURIComponent(member.token)}`;
    return { tool, learner: member, programId, page, write: { url: `${tool.url}${profile}`, form: { ...form, ...auth, division: `During ${tool.name}` } } };
  }

  it('when the database restarts and then stays down a while under load, then no request fails with 5xx other than 503, none is dropped, and all recovers', async () => {
    const targets = [await targetOn(tools[0]!), await targetOn(tools[1]!)];
    const load = new Load(targets);
    await waitFor('load before the outage', async () => targets.every((t) => load.seen(t.tool.name, 'before', 200) > 3));

    load.phase = 'restart';
    await server.restart();
    await waitFor('both tools ready after the restart', async () => (await Promise.all(tools.map(ready))).every(Boolean));

    load.phase = 'down';
    await server.stop();
    for (const t of targets) {
      await waitFor(`${t.tool.name}: /readyz 503`, async () => (await send(`${t.tool.url}/readyz`)) === 503);
      await waitFor(`${t.tool.name}: a page 503`, async () => (await send(t.page)) === 503);
      await waitFor(`${t.tool.name}: load answered 503`, async () => load.seen(t.tool.name, 'down', 503) > 0, 60_000);
    }
    // Down long enough for the background jobs to fail too (a few pg-boss polls), not just the pages.
    await waitFor('a few seconds of outage', async () => targets.every((t) => load.seen(t.tool.name, 'down', 503) >= 400), 60_000);
    const html = await fetch(targets[0]!.page);
    expect(html.status).to.equal(503);
    expect(await html.text()).to.contain('DATABASE_UNAVAILABLE').and.to.contain('Try again in a minute.');
    const json = await fetch(targets[1]!.page, { headers: { accept: 'application/json' } });
    expect(json.status).to.equal(503);
    expect(((await json.json()) as { error: { code: string } }).error.code).to.equal('DATABASE_UNAVAILABLE');

    load.phase = 'recovering';
    await server.start();
    for (const t of targets) {
      await waitFor(`${t.tool.name}: /readyz 200`, () => ready(t.tool));
      await waitFor(`${t.tool.name}: the page 200`, async () => (await send(t.page)) === 200);
    }
    load.phase = 'after';
    await waitFor('load after recovery', async () => targets.every((t) => load.seen(t.tool.name, 'after', 200) > 3), 60_000);
    await load.stop();

    for (const tool of tools) expect(tool.alive, `${tool.name} is still running\n${tool.log}`).to.equal(true);
    // 200 pages, 303 saves, 503 while the database is away: never a 500, never a dropped connection.
    const bad = load.outcomes.filter((o) => o.outcome !== 200 && o.outcome !== 303 && o.outcome !== 503);
    expect(bad, tools.map((t) => t.log).join('\n')).to.deep.equal([]);
    for (const t of targets) expect(load.seen(t.tool.name, 'after', 503), `${t.tool.name} after recovery`).to.equal(0);

    // Nothing lost: what was written before the outage is there; a write now succeeds.
    for (const t of targets) {
      const program = await database.db.selectFrom('programs').select('id').where('id', '=', t.programId).executeTakeFirst();
      expect(program, 'the program made before the outage').to.not.equal(undefined);
      const again = await t.learner.post(`/programs/${t.programId}/profile`, { ...t.write.form, division: `After ${t.tool.name}` }, `/programs/${t.programId}/profile`);
      expect(again.status).to.equal(303);
    }

    // Jobs resume: a launch recorded now (on the web-only instance) reaches the LRS through the other one.
    const late = await launchAs(tools[1]!.url as unknown as Express, moodle, learner(), inCourse(freshContext('after-outage')));
    const { courseId } = claimsOf(late.token);
    const started = Date.now();
    let pending: unknown[] = [];
    // The delivery chain may have broken on the outage; pg-boss's minute cron starts it again.
    await waitFor('the outbox delivered after recovery', async () => {
      const rows = await database.db.selectFrom('xapi_outbox').select(['status', 'course_id', 'attempts', 'last_error', 'next_attempt_at']).execute();
      pending = rows.filter((r) => r.status !== 'delivered');
      return rows.some((r) => r.course_id === courseId && r.status === 'delivered') && pending.length === 0;
    }, 200_000).catch((err: Error) => {
      throw new Error(`${err.message} (${Math.round((Date.now() - started) / 1000)} s): ${JSON.stringify(pending).slice(0, 1500)}`);
    });
    process.stdout.write(`      (outbox drained ${Math.round((Date.now() - started) / 1000)} s after recovery)\n`);
    const row = await database.db.selectFrom('xapi_outbox').select('statement_id').where('course_id', '=', courseId).executeTakeFirstOrThrow();
    expect(await lrs.received()).to.have.property(row.statement_id);
  });
});
