import type { CourseScope } from '../programs/ports.js';
import { DEFAULT_MATCH_RATE_TARGET } from './funnel.js';
import type { AnalyticsStore } from './ports.js';
import { peopleCount, peopleRate } from './privacy.js';

/** Staff: every program of the course side by side (a cohort comparison), in one statement. */
export async function viewCourseDashboard(deps: { analytics: AnalyticsStore }, scope: CourseScope) {
  const programs = await deps.analytics.courseSummary(scope);
  return programs.map((p) => {
    const target = p.target ?? DEFAULT_MATCH_RATE_TARGET;
    const rate = peopleRate(p.matchedMentees, p.mentees);
    return {
      programId: p.programId,
      title: p.title,
      enrolled: peopleCount(p.enrolled),
      matchRate: rate,
      target,
      onTarget: rate.shown ? rate.value >= target : null,
      circles: p.circles,
      meetingsHeld: p.meetingsHeld,
      completed: peopleCount(p.completed),
      completion: peopleRate(p.completed, p.enrolled),
    };
  });
}

export type CourseDashboardRow = Awaited<ReturnType<typeof viewCourseDashboard>>[number];
