import type { ProgramRepository } from '../mentoring/programs/ports.js';
import type { MembershipService, RosterStore } from '../mentoring/roster/ports.js';
import { syncRoster } from '../mentoring/roster/sync-roster.js';
import type { Logger } from '../shared/logger.js';
import type { JobRunner } from './job-runner.js';

export const ROSTER_QUEUES = { sweep: 'roster-sync-sweep', course: 'roster-sync-course' } as const;

interface Deps {
  roster: RosterStore;
  programs: ProgramRepository;
  memberships: MembershipService;
  logger: Logger;
}

/**
 * Background roster sync: a cron tick fans out one job per course that has programs and a roster
 * service; a course's job is a singleton, so a slow LMS never piles up syncs of the same course.
 */
export async function startRosterSyncJobs(runner: JobRunner, deps: Deps, cron: string): Promise<void> {
  await runner.work(ROSTER_QUEUES.course, async (job: { tenantId: string; courseId: string }) => {
    await syncRoster(deps, { tenantId: job.tenantId, courseId: job.courseId, userId: null }, 'schedule');
  }, { policy: 'stately', expireInSeconds: 30 * 60, batchSize: 20, pollingIntervalSeconds: 1 });
  await runner.work(ROSTER_QUEUES.sweep, async () => {
    const courses = await deps.roster.coursesToSync();
    for (const course of courses) await runner.send(ROSTER_QUEUES.course, course, { singletonKey: course.courseId });
    deps.logger.info({ courses: courses.length }, 'roster sync sweep queued');
  });
  await runner.schedule(ROSTER_QUEUES.sweep, cron);
}
