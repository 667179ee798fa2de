import type { CircleStore, CircleStatus } from '../circles/ports.js';
import type { CourseScope, Program, ProgramRepository } from '../programs/ports.js';
import { getProgram } from '../programs/program-use-cases.js';

/** What staff may know of a circle: counts, never content. */
export interface CircleNumbers {
  circleId: string;
  contractVersion: number | null;
  contractAgreed: boolean;
  goals: number;
  milestonesDone: number;
  milestonesTotal: number;
  /** Meetings with at least one attendance marked. */
  meetingsHeld: number;
  meetingsUpcoming: number;
  feedbackCount: number;
  feedbackAverage: number | null;
}

export interface CircleStatsStore {
  forProgram(tenantId: string, programId: string, now: Date): Promise<CircleNumbers[]>;
}

export interface CircleProgress extends CircleNumbers {
  name: string;
  status: CircleStatus;
  members: Array<{ name: string; role: string }>;
}

interface Deps {
  programs: ProgramRepository;
  circles: CircleStore;
  stats: CircleStatsStore;
}

const empty = (circleId: string): CircleNumbers => ({
  circleId, contractVersion: null, contractAgreed: false, goals: 0, milestonesDone: 0, milestonesTotal: 0, meetingsHeld: 0, meetingsUpcoming: 0, feedbackCount: 0, feedbackAverage: null,
});

/** Staff: each circle of the program with its numbers, and the program's totals. */
export async function circleProgress(deps: Deps, scope: CourseScope, programId: string, now: Date): Promise<{ program: Program; circles: CircleProgress[]; totals: Omit<CircleNumbers, 'circleId' | 'contractVersion' | 'contractAgreed'> & { circles: number; agreed: number } }> {
  const program = await getProgram(deps, scope, programId);
  const circles = await deps.circles.listForProgram(scope, programId);
  const numbers = new Map((await deps.stats.forProgram(scope.tenantId, programId, now)).map((n) => [n.circleId, n]));
  const rows = circles.map((c): CircleProgress => ({
    ...(numbers.get(c.id) ?? empty(c.id)), name: c.name, status: c.status, members: c.members.map((m) => ({ name: m.name, role: m.role })),
  }));
  const sum = (k: 'goals' | 'milestonesDone' | 'milestonesTotal' | 'meetingsHeld' | 'meetingsUpcoming' | 'feedbackCount') => rows.reduce((s, r) => s + r[k], 0);
  const feedbackCount = sum('feedbackCount');
  const ratingSum = rows.reduce((s, r) => s + (r.feedbackAverage ?? 0) * r.feedbackCount, 0);
  return {
    program, circles: rows,
    totals: {
      circles: rows.length, agreed: rows.filter((r) => r.contractAgreed).length, goals: sum('goals'), milestonesDone: sum('milestonesDone'), milestonesTotal: sum('milestonesTotal'),
      meetingsHeld: sum('meetingsHeld'), meetingsUpcoming: sum('meetingsUpcoming'), feedbackCount, feedbackAverage: feedbackCount ? Math.round((ratingSum / feedbackCount) * 10) / 10 : null,
    },
  };
}
