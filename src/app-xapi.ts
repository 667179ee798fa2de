import { hkdfSync } from 'node:crypto';
import type { Config } from './config/config.js';
import type { Db } from './db/connection.js';
import { createLrsSettingsRepository } from './db/repositories/lrs-settings-repository.js';
import { createOutboxAdminRepository } from './db/repositories/outbox-admin-repository.js';
import { createOutboxStore } from './db/repositories/outbox-store.js';
import { startJobRunner, type JobRunner } from './jobs/job-runner.js';
import { startXapiDelivery } from './jobs/xapi-delivery-job.js';
import type { Clock } from './shared/clock.js';
import type { Logger } from './shared/logger.js';
import { createSecretBox } from './shared/secret-box.js';
import { createLrsAdmin } from './xapi/lrs-admin.js';
import { createLrsClient } from './xapi/lrs-client.js';
import { createOutboxDispatcher } from './xapi/outbox-dispatcher.js';
import type { LrsTarget } from './xapi/ports.js';

/**
 * Part of the composition root (split from app.ts for size): the xAPI outbox dispatcher, the LRS
 * page's use cases, and — when JOBS_ENABLED — the pg-boss job runner with outbox delivery on it.
 */
export async function composeXapi(deps: { config: Config; db: Db; logger: Logger; encryptionKey: string; databaseUrl: string; clock?: Clock }) {
  const { config, db, logger } = deps;
  const secrets = createSecretBox(deps.encryptionKey, 'lrs-secret-v1');
  const client = createLrsClient({ timeoutMs: config.xapi.httpTimeoutMs });
  const defaultLrs: LrsTarget | null = config.xapi.defaultLrs ? { ...config.xapi.defaultLrs, source: 'default' } : null;
  const pseudonymKey = Buffer.from(hkdfSync('sha256', deps.encryptionKey, 'mentoring-circles', 'xapi-pseudonym-v1', 32)).toString('hex');
  const dispatcher = createOutboxDispatcher({
    store: createOutboxStore(db, { secrets, defaultLrs, leaseSeconds: config.xapi.leaseSeconds, logger }),
    client,
    batchSize: config.xapi.batchSize,
    concurrency: config.xapi.concurrency,
    retry: { baseMs: config.xapi.retryBaseMs, maxMs: config.xapi.retryMaxMs, probeMaxMs: config.xapi.probeMaxMs },
    buildOptions: { pseudonymKey },
    logger,
    clock: deps.clock,
  });
  let jobs: JobRunner | null = null;
  let delivery: Awaited<ReturnType<typeof startXapiDelivery>> | null = null;
  if (config.jobsEnabled) {
    jobs = await startJobRunner({ databaseUrl: deps.databaseUrl, logger, poolSize: config.dbPoolSize });
    delivery = await startXapiDelivery(jobs, dispatcher, { pollSeconds: config.xapi.pollSeconds });
  }
  const lrsAdmin = createLrsAdmin({
    settings: createLrsSettingsRepository(db), outbox: createOutboxAdminRepository(db, { hasDefaultLrs: defaultLrs !== null }), secrets, client, defaultLrs, logger,
    // New settings or a retry by staff: try the LRS now rather than at the end of its pause.
    kick: async () => {
      dispatcher.resumeAll();
      await delivery?.kick();
    },
  });
  return {
    dispatcher,
    jobs,
    lrsAdmin,
    async close(): Promise<void> {
      await jobs?.stop();
    },
  };
}
