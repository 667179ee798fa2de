import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';

const LOGIN_STATE_QUEUE = 'purge-login-states';
/** Logins take seconds; a day keeps enough to explain a failed one in the logs. */
export const LOGIN_STATE_MAX_AGE_MS = 24 * 60 * 60 * 1000;
/** Without jobs, one login in this interval (per instance) also sweeps old states. */
const SWEEP_EVERY_MS = 60_000;
const SWEEP_BATCH = 500;

interface LoginStatePurgeDeps {
  loginStates: { deleteOlderThan(cutoff: Date, max?: number): Promise<number> };
  /** Ended sessions are kept a day (to explain a refusal in the logs), then deleted. */
  sessions: { deleteEndedBefore(cutoff: Date, max: number): Promise<number> };
  logger: Logger;
  now: () => Date;
}

async function purgeOld(deps: LoginStatePurgeDeps, max: number) {
  const cutoff = new Date(deps.now().getTime() - LOGIN_STATE_MAX_AGE_MS);
  const states = await deps.loginStates.deleteOlderThan(cutoff, max);
  const sessions = await deps.sessions.deleteEndedBefore(cutoff, max);
  return { states, sessions };
}

/** Hourly: drop the used login states and the ended sessions older than a day. */
export async function startHousekeepingJobs(
  runner: JobRunner,
  deps: LoginStatePurgeDeps,
): Promise<void> {
  await runner.work(LOGIN_STATE_QUEUE, async () => {
    const removed = await purgeOld(deps, 100_000);
    deps.logger.info({ removed }, 'old login states and ended sessions purged');
  });
  await runner.schedule(LOGIN_STATE_QUEUE, '7 * * * *');
}

/**
 * The same purge when this process runs no jobs (JOBS_ENABLED=false): a login sweeps a bounded
 * batch of old states at most once a minute, so the table stays small on web-only deployments.
 * A failed sweep is logged and never fails the login.
 */
export function createLoginStateSweep(deps: LoginStatePurgeDeps): () => Promise<void> {
  let lastSweep = Number.NEGATIVE_INFINITY;
  return async () => {
    const now = deps.now().getTime();
    if (now - lastSweep < SWEEP_EVERY_MS) return;
    lastSweep = now;
    try {
      const removed = await purgeOld(deps, SWEEP_BATCH);
      if (removed.states || removed.sessions) deps.logger.info({ removed }, 'old login states and ended sessions swept');
    } catch (err) {
      deps.logger.warn({ err }, 'old login states not swept');
    }
  };
}
