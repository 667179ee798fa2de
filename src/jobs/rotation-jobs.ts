import type { MatchDeps } from '../mentoring/matches/match-context.js';
import { rotateNow } from '../mentoring/matches/rotation-use-cases.js';
import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';

export const ROTATION_QUEUE = 'circle-rotations';
/** Daily, early in the UTC morning: plans name a day, not an hour. */
const ROTATION_CRON = '20 3 * * *';
/** The job acts for no signed-in person; rotations record the members as actors. */
const SYSTEM_ACTOR = 'rotation-job';

/** Applies every rotation plan that is due; one program failing does not stop the others. */
export async function runDueRotations(deps: MatchDeps & { logger: Logger }): Promise<number> {
  const today = deps.clock.now().toISOString().slice(0, 10);
  let rotated = 0;
  for (const program of await deps.rotations.due(today)) {
    try {
      const moved = await rotateNow(deps, { tenantId: program.tenantId, courseId: program.courseId, userId: SYSTEM_ACTOR }, program.programId);
      deps.logger.info({ programId: program.programId, moved }, 'circle rotation applied');
      rotated += 1;
    } catch (err) {
      deps.logger.warn({ err, programId: program.programId }, 'circle rotation skipped');
    }
  }
  return rotated;
}

export async function startRotationJobs(runner: JobRunner, deps: MatchDeps & { logger: Logger }): Promise<void> {
  await runner.work(ROTATION_QUEUE, async () => void (await runDueRotations(deps)), { policy: 'singleton', expireInSeconds: 30 * 60 });
  await runner.schedule(ROTATION_QUEUE, ROTATION_CRON);
}
