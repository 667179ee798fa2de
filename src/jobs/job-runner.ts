import { PgBoss } from 'pg-boss';
import type { Logger } from '../shared/logger.js';
import { setAsideUnmigratableSchema } from './pgboss-schema.js';

export interface JobOptions {
  /** Run no earlier than this many seconds from now. */
  startAfterSeconds?: number;
  /** With the queue's `short` policy: at most one job with this key waits at a time. */
  singletonKey?: string;
  retryLimit?: number;
}

export interface WorkOptions {
  pollingIntervalSeconds?: number;
  /** Jobs fetched per poll (run one after another); pg-boss waits the polling interval between fetches. */
  batchSize?: number;
  /** Queue policy, fixed when the queue is first created. @see https://pgboss.io/api/queues */
  policy?: 'standard' | 'short' | 'singleton' | 'stately';
  /** A job running longer than this is considered lost and retried. */
  expireInSeconds?: number;
}

export interface JobRunner {
  /** Runs `handler` for each job of `queue` (creating the queue if needed), on every instance. */
  work<T extends object>(queue: string, handler: (data: T) => Promise<void>, options?: WorkOptions): Promise<void>;
  send(queue: string, data?: object, options?: JobOptions): Promise<string | null>;
  /** Cron schedule (UTC), kept in the database: one job per tick across all instances. */
  schedule(queue: string, cron: string, data?: object): Promise<void>;
  stop(): Promise<void>;
}

export interface JobRunnerOptions {
  databaseUrl: string;
  logger: Logger;
  poolSize: number;
  /** pg-boss's schema; only tests choose another one. */
  schema?: string;
}

/**
 * Durable background jobs on the tool's own database (pg-boss, schema `pgboss`). Jobs survive
 * restarts; with several instances each job runs once. Its pool adds `poolSize` connections.
 */
export async function startJobRunner(options: JobRunnerOptions): Promise<JobRunner> {
  const schema = options.schema ?? 'pgboss';
  const { databaseUrl, logger } = options;
  await setAsideUnmigratableSchema({ databaseUrl, schema, logger });
  const boss = new PgBoss({
    connectionString: options.databaseUrl,
    max: options.poolSize,
    schema,
    application_name: 'mentoring-circles-jobs',
  });
  boss.on('error', (err) => options.logger.error({ err }, 'job runner error'));
  // pg-boss 12 reports slow queries, backlogs, clock skew and the like as warnings.
  boss.on('warning', ({ message, data }) => logger.warn({ data }, `job runner: ${message}`));
  await boss.start();
  const ensureQueue = queueCreator(boss);

  return {
    async work(queue, handler, work = {}) {
      await ensureQueue(queue, work);
      const polling = work.pollingIntervalSeconds ?? 2;
      const fetch = { pollingIntervalSeconds: polling, batchSize: work.batchSize ?? 1 };
      await boss.work<object>(queue, fetch, async (jobs) => {
        for (const job of jobs) await handler(job.data as never);
      });
    },
    async send(queue, data = {}, job = {}) {
      await ensureQueue(queue);
      return boss.send(queue, data, {
        ...(job.startAfterSeconds ? { startAfter: job.startAfterSeconds } : {}),
        ...(job.singletonKey ? { singletonKey: job.singletonKey } : {}),
        ...(job.retryLimit !== undefined ? { retryLimit: job.retryLimit } : {}),
      });
    },
    async schedule(queue, cron, data = {}) {
      await ensureQueue(queue);
      await boss.schedule(queue, cron, data);
    },
    async stop() {
      await boss.stop({ graceful: true, timeout: 10_000 });
    },
  };
}

/** Creates each queue once per process, with the policy of whoever uses it first. */
function queueCreator(boss: PgBoss) {
  const queues = new Map<string, Promise<void>>();
  // Two instances creating the same queue at once can deadlock in PostgreSQL; the loser retries and
  // finds the queue the winner made.
  const createQueueOnce = async (name: string, work: WorkOptions) => {
    for (let attempt = 1; ; attempt++) {
      if (await boss.getQueue(name)) return;
      try {
        const expiry = work.expireInSeconds ? { expireInSeconds: work.expireInSeconds } : {};
        await boss.createQueue(name, { policy: work.policy ?? 'standard', ...expiry });
        return;
      } catch (err) {
        if (attempt >= 5) throw err;
        await new Promise((resolve) => setTimeout(resolve, 100 + Math.random() * 400 * attempt));
      }
    }
  };
  return (name: string, work: WorkOptions = {}) => {
    if (!queues.has(name)) {
      queues.set(name, createQueueOnce(name, work).catch((err) => {
        queues.delete(name);
        throw err;
      }));
    }
    return queues.get(name)!;
  };
}
