import { deliverDuePrompts, findDueCircles } from '../mentoring/prompts/delivery-use-cases.js';
import { sendDueNudges } from '../mentoring/prompts/nudge-use-cases.js';
import type { MeetingActivity, NudgeStore, PromptCalendarStore, PromptLibraryStore } from '../mentoring/prompts/ports.js';
import type { ProgramRepository } from '../mentoring/programs/ports.js';
import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';

export const PROMPT_QUEUES = { sweep: 'prompt-schedule-sweep', circle: 'prompt-schedule-circle', nudges: 'prompt-nudge-sweep' } as const;

export interface PromptJobDeps {
  programs: ProgramRepository;
  library: PromptLibraryStore;
  calendars: PromptCalendarStore;
  nudges: NudgeStore;
  meetings: MeetingActivity;
  now: () => Date;
  logger: Logger;
}

export interface PromptJobOptions {
  queues?: { sweep: string; circle: string; nudges: string };
  /** Cron ticks (UTC) for the sweeps; null registers the workers only (tests send the jobs themselves). */
  cron?: { sweep: string; nudges: string } | null;
}

/** Job data: limit a sweep to some programs (a kick after staff change something); none means all. */
interface SweepJob {
  programIds?: string[];
}

/**
 * Prompt delivery as durable jobs. A sweep every minute finds circles with an occurrence due and
 * queues one job per circle (policy `short`: at most one waiting per circle, and a job orphaned by a
 * dead instance never blocks the next); the circle's job records every due occurrence under the
 * circle's lock. Nudges are swept hourly.
 * Every step is idempotent, so restarts, retries and several instances are safe.
 */
export async function startPromptJobs(runner: JobRunner, deps: PromptJobDeps, options: PromptJobOptions = {}) {
  const queues = options.queues ?? PROMPT_QUEUES;
  const cron = options.cron === undefined ? { sweep: '* * * * *', nudges: '17 * * * *' } : options.cron;
  await runner.work(queues.circle, async (job: { circleId: string }) => {
    const recorded = await deliverDuePrompts(deps, job.circleId, deps.now());
    if (recorded.length) deps.logger.info({ circleId: job.circleId, occurrences: recorded.map((r) => `${r.seq}:${r.outcome}`) }, 'prompt occurrences recorded');
  }, { policy: 'short', expireInSeconds: 300, pollingIntervalSeconds: 1, batchSize: 20 });
  await runner.work(queues.sweep, async (job: SweepJob) => {
    const due = await findDueCircles(deps, deps.now(), job.programIds);
    for (const circleId of due) await runner.send(queues.circle, { circleId }, { singletonKey: circleId });
    if (due.length) deps.logger.info({ circles: due.length }, 'prompt deliveries queued');
  }, { expireInSeconds: 300, pollingIntervalSeconds: 1 });
  await runner.work(queues.nudges, async (job: SweepJob) => {
    const sent = await sendDueNudges(deps, deps.now(), job.programIds);
    if (sent) deps.logger.info({ sent }, 'nudges sent');
  }, { expireInSeconds: 600, pollingIntervalSeconds: 5 });
  if (cron) {
    await runner.schedule(queues.sweep, cron.sweep);
    await runner.schedule(queues.nudges, cron.nudges);
    // Catch up at once after a restart instead of waiting for the next tick.
    await runner.send(queues.sweep, {});
  }
  return {
    /** Look for due prompts now (optionally only in these programs). */
    sweep: (programIds?: string[]) => runner.send(queues.sweep, programIds ? { programIds } : {}),
    sweepNudges: (programIds?: string[]) => runner.send(queues.nudges, programIds ? { programIds } : {}),
  };
}

export type PromptJobs = Awaited<ReturnType<typeof startPromptJobs>>;
