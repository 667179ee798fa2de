import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';

/**
 * Runs `act` for each program and sums what it returns; one program failing is logged as
 * `skipped` and left for the next run, and the others go on.
 */
export async function sweepPrograms<T extends { programId: string }>(
  programs: T[],
  act: (program: T) => Promise<number>,
  logger: Logger,
  skipped: string,
): Promise<number> {
  let total = 0;
  for (const program of programs) {
    try {
      total += await act(program);
    } catch (err) {
      logger.warn({ err, programId: program.programId }, skipped);
    }
  }
  return total;
}

/** A sweep on a cron (UTC): one run at a time across all instances, expired after 30 minutes. */
export async function scheduleSweep(
  runner: JobRunner,
  queue: string,
  cron: string,
  sweep: () => Promise<unknown>,
): Promise<void> {
  await runner.work(queue, async () => void (await sweep()), {
    policy: 'singleton',
    expireInSeconds: 30 * 60,
  });
  await runner.schedule(queue, cron);
}
