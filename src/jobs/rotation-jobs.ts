import type { MatchDeps } from '../mentoring/matches/match-context.js';
import { rotateNow } from '../mentoring/matches/rotation-use-cases.js';
import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';
import { scheduleSweep, sweepPrograms } from './program-sweep.js';

export const ROTATION_QUEUE = 'circle-rotations';
/** Daily, early in the UTC morning: plans name a day, not an hour. */
const ROTATION_CRON = '20 3 * * *';
/** The job acts for no signed-in person; rotations record the members as actors. */
const SYSTEM_ACTOR = 'rotation-job';

/** Applies every rotation plan that is due; one program failing does not stop the others. */
export async function runDueRotations(deps: MatchDeps & { logger: Logger }): Promise<number> {
  const today = deps.clock.now().toISOString().slice(0, 10);
  const rotate = async (program: { tenantId: string; courseId: string; programId: string }) => {
    const actor = { tenantId: program.tenantId, courseId: program.courseId, userId: SYSTEM_ACTOR };
    const moved = await rotateNow(deps, actor, program.programId);
    deps.logger.info({ programId: program.programId, moved }, 'circle rotation applied');
    return 1;
  };
  return sweepPrograms(
    await deps.rotations.due(today),
    rotate,
    deps.logger,
    'circle rotation skipped',
  );
}

export async function startRotationJobs(
  runner: JobRunner,
  deps: MatchDeps & { logger: Logger },
): Promise<void> {
  await scheduleSweep(runner, ROTATION_QUEUE, ROTATION_CRON, () => runDueRotations(deps));
}
