import type { SurveyEndSweep } from '../db/repositories/survey-open-notifications.js';
import { addDays } from '../mentoring/notifications/profile-deadline.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';

export const SURVEY_OPEN_QUEUE = 'survey-open-at-end';
/** Early each UTC morning; the survey opens on the program's last day (see survey-use-cases). */
const SURVEY_OPEN_CRON = '40 5 * * *';
/** A missed run (an outage) catches up the next day; older programs are not told any more. */
const CATCH_UP_DAYS = 2;

interface Deps {
  sweep: SurveyEndSweep;
  clock: Clock;
  logger: Logger;
}

/** Programs whose survey opened by their end: their participants hear of it, once each. */
export async function notifySurveysOpenAtEnd(deps: Deps): Promise<number> {
  const now = deps.clock.now();
  const today = now.toISOString().slice(0, 10);
  let told = 0;
  for (const program of await deps.sweep.endedBetween(addDays(today, -CATCH_UP_DAYS), today)) {
    try {
      told += await deps.sweep.notify(program, now);
    } catch (err) {
      deps.logger.warn({ err, programId: program.programId }, 'survey open notice skipped');
    }
  }
  return told;
}

export async function startSurveyOpenJobs(runner: JobRunner, deps: Deps): Promise<void> {
  await runner.work(SURVEY_OPEN_QUEUE, async () => void (await notifySurveysOpenAtEnd(deps)), {
    policy: 'singleton',
    expireInSeconds: 30 * 60,
  });
  await runner.schedule(SURVEY_OPEN_QUEUE, SURVEY_OPEN_CRON);
}
