import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { expect } from 'chai';
import { pino } from 'pino';
import { createDb, type Db } from '../../src/db/connection.js';
import { startJobRunner } from '../../src/jobs/job-runner.js';
import { startPromptJobs } from '../../src/jobs/prompt-jobs.js';
import { occurrenceOf } from '../../src/mentoring/prompts/schedule.js';
import { buildCircle } from './circle-factory.js';
import { placeCircle, promptStores, type PromptWorld } from './prompt-world.js';

/** Queue names of one test: nothing else (the app's own cron included) feeds or drains them. */
export const testQueues = () => {
  const tag = randomBytes(3).toString('hex');
  return { sweep: `t-${tag}-sweep`, circle: `t-${tag}-circle`, nudges: `t-${tag}-nudges` };
};

export type Queues = ReturnType<typeof testQueues>;

/** One tool instance's prompt workers, in this process, with its own pools and clock; `log` keeps what it logged. */
export async function startInstance(url: string, queues: Queues, now: string) {
  const log: string[] = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void log.push(line) });
  const db = createDb(url, 3);
  const runner = await startJobRunner({ databaseUrl: url, logger, poolSize: 2 });
  const jobs = await startPromptJobs(runner, { ...promptStores(db), now: () => new Date(now), logger }, { queues, cron: null });
  return {
    db, jobs, log, stores: promptStores(db),
    async stop() {
      await runner.stop();
      await db.destroy();
    },
  };
}

/** The prompt workers of another instance, as a child process a test can kill. */
export function startWorkerProcess(url: string, queues: Queues, now: string) {
  const script = fileURLToPath(new URL('./prompt-worker-process.ts', import.meta.url));
  const child = fork(script, [], { env: { ...process.env, DATABASE_URL: url, PROMPT_NOW: now, PROMPT_QUEUES: JSON.stringify(queues) }, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
  const started = new Promise<void>((resolve, reject) => {
    child.on('message', (m: { started?: boolean }) => m.started && resolve());
    child.on('exit', (code) => reject(new Error(`worker exited with ${code} before starting`)));
  });
  return { child, started };
}

/** More circles of the world's people, one per time zone, started on the world's start date. */
export async function addCircles(db: Db, world: PromptWorld, zones: string[], startedOn = '2027-01-04'): Promise<string[]> {
  const members = Object.values(world.subjects).slice(0, 3);
  const ids: string[] = [];
  for (const [i, zone] of zones.entries()) {
    const circle = await buildCircle(db, world.programId, members.map((subject, j) => ({ subject, role: j === 0 ? 'mentor' : 'mentee' })), { name: `Circle ${i + 2}`, startedOn });
    await placeCircle(db, circle.id, { timeZone: zone, formedAt: '2027-01-01T00:00:00Z' });
    ids.push(circle.id);
  }
  return ids;
}

/** How many occurrences of each circle are due by `now`, from the schedule itself. */
export async function owedBy(db: Db, circleIds: string[], now: string): Promise<Map<string, number>> {
  const rows = await db.selectFrom('circles as c').innerJoin('programs as p', 'p.id', 'c.program_id').innerJoin('prompt_programs as pp', 'pp.program_id', 'c.program_id')
    .select(['c.id', 'c.started_on', 'c.time_zone', 'p.ends_on', 'pp.cadence', 'pp.every_days', 'pp.send_hour']).where('c.id', 'in', circleIds).execute();
  return new Map(rows.map((r) => {
    const schedule = { cadence: r.cadence, everyDays: r.every_days, sendHour: r.send_hour, startsOn: null, endsOn: null, nudgeAfterDays: null, nudgeRepeatDays: 7 };
    let n = 0;
    while (occurrenceOf(schedule, { startedOn: r.started_on, timeZone: r.time_zone }, r.ends_on, n)!.dueAt <= new Date(now)) n++;
    return [r.id, n];
  }));
}

export async function deliveryCount(db: Db, circleIds: string[]): Promise<number> {
  const row = await db.selectFrom('prompt_deliveries').select((eb) => eb.fn.countAll<string>().as('n')).where('circle_id', 'in', circleIds).executeTakeFirstOrThrow();
  return Number(row.n);
}

export async function waitFor(probe: () => Promise<boolean>, what: string, timeoutMs = 30_000, everyMs = 100): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await sleep(everyMs);
  }
}

/**
 * Each circle has exactly its owed occurrences, numbered 0…n-1 without a gap, each a different
 * prompt in track order, and each member addressed got exactly one delivery event per prompt.
 */
export async function expectNoDuplicateNoGap(db: Db, owed: Map<string, number>, trackTitles: string[]): Promise<void> {
  for (const [circleId, n] of owed) {
    const rows = await db.selectFrom('prompt_deliveries as d').innerJoin('prompt_versions as v', 'v.id', 'd.prompt_version_id')
      .select(['d.seq', 'd.outcome', 'v.title', 'd.prompt_id']).where('d.circle_id', '=', circleId).orderBy('d.seq').execute();
    expect(rows.map((r) => r.seq), circleId).to.deep.equal([...Array(n).keys()]);
    expect(rows.map((r) => r.title), circleId).to.deep.equal(trackTitles.slice(0, n));
    const events = await db.selectFrom('xapi_outbox').select('event').where('event_type', '=', 'prompt_delivered').execute();
    const mine = events.map((e) => e.event as unknown as { circleId: string; actorUserId: string; data: { promptId: string } }).filter((e) => e.circleId === circleId);
    const keys = mine.map((e) => `${e.data.promptId}/${e.actorUserId}`);
    expect(new Set(keys).size, `duplicate delivery events in ${circleId}`).to.equal(keys.length);
    expect(new Set(mine.map((e) => e.data.promptId)).size, `a delivery without events in ${circleId}`).to.equal(n);
  }
}

/** Sends one job from a runner of its own (an operator's or another instance's send), then stops it. */
export async function sendJob(url: string, queue: string, data: object): Promise<void> {
  const runner = await startJobRunner({ databaseUrl: url, logger: pino({ level: 'silent' }), poolSize: 1 });
  await runner.send(queue, data);
  await runner.stop();
}
