import { setTimeout as sleep } from 'node:timers/promises';
import { expect } from 'chai';
import pg from 'pg';
import { pino } from 'pino';
import { startJobRunner, type JobRunner } from '../../src/jobs/job-runner.js';
import { sharedDatabase } from '../support/hooks.js';

/** A schema of its own, so the app's queues in `pgboss` stay out of the way. */
const SCHEMA = 'pgboss_upgrade_test';
const SET_ASIDE = `${SCHEMA}_schema_24`;

async function query<T extends pg.QueryResultRow>(sql: string): Promise<T[]> {
  const client = new pg.Client({ connectionString: sharedDatabase().url });
  await client.connect();
  try {
    return (await client.query<T>(sql)).rows;
  } finally {
    await client.end();
  }
}

const schemas = async () => (await query<{ name: string }>(
  "select nspname as name from pg_namespace where nspname like 'pgboss_upgrade_test%' order by 1",
)).map((r) => r.name);

/** What pg-boss 10 left behind: its version table at 24, and a job nobody will run any more. */
async function createPgBoss10Schema(): Promise<void> {
  await query(`create schema ${SCHEMA}`);
  await query(`create table ${SCHEMA}.version (version int primary key, cron_on timestamptz)`);
  await query(`insert into ${SCHEMA}.version (version) values (24)`);
  await query(`create table ${SCHEMA}.job (id uuid primary key, name text not null)`);
  await query(`insert into ${SCHEMA}.job values (gen_random_uuid(), 'xapi-delivery')`);
}

async function runsAJob(runner: JobRunner, queue: string): Promise<string[]> {
  const seen: string[] = [];
  const handler = async (data: { n: string }) => void seen.push(data.n);
  await runner.work(queue, handler, { pollingIntervalSeconds: 0.5 });
  await runner.send(queue, { n: 'one' });
  for (let i = 0; i < 120 && !seen.length; i++) await sleep(250);
  return seen;
}

describe('job runner on a database that pg-boss 10 used', function () {
  this.timeout(90_000);
  const logger = pino({ level: 'silent' });
  const start = () => startJobRunner({
    databaseUrl: sharedDatabase().url, logger, poolSize: 2, schema: SCHEMA,
  });

  after(async () => {
    await query(`drop schema if exists ${SCHEMA} cascade`);
    await query(`drop schema if exists ${SET_ASIDE} cascade`);
  });

  it('when the schema is pg-boss 10\'s, then it is set aside and jobs run afresh', async () => {
    await createPgBoss10Schema();
    const runner = await start();
    try {
      expect(await schemas()).to.deep.equal([SCHEMA, SET_ASIDE]);
      const [old] = await query<{ version: number }>(`select version from ${SET_ASIDE}.version`);
      expect(old!.version).to.equal(24);
      const oldJobs = await query<{ name: string }>(`select name from ${SET_ASIDE}.job`);
      expect(oldJobs.map((j) => j.name)).to.deep.equal(['xapi-delivery']);
      const [fresh] = await query<{ version: number }>(`select version from ${SCHEMA}.version`);
      expect(Number(fresh!.version)).to.be.greaterThan(24);
      expect(await runsAJob(runner, 'upgrade-test-a')).to.deep.equal(['one']);
    } finally {
      await runner.stop();
    }
  });

  it('when the runner starts again on the current schema, then nothing is set aside', async () => {
    const version = `select version from ${SCHEMA}.version`;
    const [before] = await query<{ version: number }>(version);
    const runner = await start();
    try {
      expect(await schemas()).to.deep.equal([SCHEMA, SET_ASIDE]);
      const [after] = await query<{ version: number }>(version);
      expect(after!.version).to.equal(before!.version);
      expect(await runsAJob(runner, 'upgrade-test-b')).to.deep.equal(['one']);
    } finally {
      await runner.stop();
    }
  });
});
