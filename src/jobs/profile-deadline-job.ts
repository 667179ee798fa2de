import {
  REMIND_DAYS_BEFORE,
  type ProfileDeadlineStore,
} from '../mentoring/notifications/profile-deadline.js';
import { addDays } from '../mentoring/prompts/zoned-time.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';
import { scheduleSweep, sweepPrograms } from './program-sweep.js';

export const PROFILE_DEADLINE_QUEUE = 'profile-deadline-reminders';
/**
 * Hourly: a due date is a day (UTC), so someone joining on the days before it is still reminded
 * within the hour; the notifications' unique key keeps it to once per person and due date.
 */
const PROFILE_DEADLINE_CRON = '25 * * * *';

interface Deps {
  deadlines: ProfileDeadlineStore;
  clock: Clock;
  logger: Logger;
}

/**
 * Reminds for every due date from today to REMIND_DAYS_BEFORE days ahead; one program failing
 * does not stop the others (the next run tries it again).
 */
export async function remindBeforeProfilesDue(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  const near = await deps.deadlines.near(today, addDays(today, REMIND_DAYS_BEFORE));
  const remind = async (deadline: (typeof near)[number]) => {
    const n = await deps.deadlines.remind(deadline, now);
    if (n)
      deps.logger.info({ programId: deadline.programId, reminded: n }, 'profiles due reminder');
    return n;
  };
  return sweepPrograms(near, remind, deps.logger, 'profiles due reminder skipped');
}

export async function startProfileDeadlineJobs(runner: JobRunner, deps: Deps): Promise<void> {
  await scheduleSweep(runner, PROFILE_DEADLINE_QUEUE, PROFILE_DEADLINE_CRON, () =>
    remindBeforeProfilesDue(deps),
  );
}
