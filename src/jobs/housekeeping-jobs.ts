import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';

const LOGIN_STATE_QUEUE = 'purge-login-states';
/** Logins take seconds; a day keeps enough to explain a failed one in the logs. */
const LOGIN_STATE_MAX_AGE_MS = 24 * 60 * 60 * 1000;

/** Hourly: drop the state/nonce pairs of logins older than a day. */
export async function startHousekeepingJobs(runner: JobRunner, deps: { loginStates: { deleteOlderThan(cutoff: Date): Promise<number> }; logger: Logger; now: () => Date }): Promise<void> {
  await runner.work(LOGIN_STATE_QUEUE, async () => {
    const removed = await deps.loginStates.deleteOlderThan(new Date(deps.now().getTime() - LOGIN_STATE_MAX_AGE_MS));
    deps.logger.info({ removed }, 'old login states purged');
  });
  await runner.schedule(LOGIN_STATE_QUEUE, '7 * * * *');
}
