import type { SurveyEndSweep } from '../db/repositories/survey-open-notifications.js';
import { addDays } from '../mentoring/prompts/zoned-time.js';
import type { Clock } from '../shared/clock.js';
import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';
import { scheduleSweep, sweepPrograms } from './program-sweep.js';

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
  const ended = await deps.sweep.endedBetween(addDays(today, -CATCH_UP_DAYS), today);
  const notify = (program: (typeof ended)[number]) => deps.sweep.notify(program, now);
  return sweepPrograms(ended, notify, deps.logger, 'survey open notice skipped');
}

export async function startSurveyOpenJobs(runner: JobRunner, deps: Deps): Promise<void> {
  await scheduleSweep(runner, SURVEY_OPEN_QUEUE, SURVEY_OPEN_CRON, () =>
    notifySurveysOpenAtEnd(deps),
  );
}
