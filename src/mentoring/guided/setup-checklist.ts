import type { CourseRef } from '../programs/ports.js';

/** The counts a program's setup is judged by, read in one go. */
export interface SetupCounts {
  participants: number;
  completeProfiles: number;
  rosterSynced: boolean;
  proposal: 'none' | 'draft' | 'approved';
  circles: number;
  circlesWithMeeting: number;
  /** The program's "profiles due by" date, when staff set one (notifications). */
  profilesDueOn?: string | null;
}

export interface SetupProgressStore {
  counts(course: CourseRef, programId: string): Promise<SetupCounts>;
}

export type SetupStep = 'roster' | 'profiles' | 'matching' | 'approval' | 'meetings';
export type StepState = 'done' | 'current' | 'later';

/** Profiles this complete (share of participants) are enough to match the rest later. */
const PROFILES_ENOUGH = 0.8;

const isDone: Record<SetupStep, (c: SetupCounts) => boolean> = {
  roster: (c) => c.rosterSynced || c.participants > 0,
  profiles: (c) =>
    c.participants > 0 && c.completeProfiles >= Math.ceil(c.participants * PROFILES_ENOUGH),
  matching: (c) => c.proposal !== 'none' || c.circles > 0,
  approval: (c) => c.circles > 0,
  meetings: (c) => c.circles > 0 && c.circlesWithMeeting === c.circles,
};

export const SETUP_STEPS: readonly SetupStep[] = [
  'roster',
  'profiles',
  'matching',
  'approval',
  'meetings',
];

/**
 * Where a program's setup stands: each step done, the current one (the first not done), or later.
 * Profiles need not all be complete: matching can start once most are, which is why "current"
 * follows the first undone step and not every step before it.
 */
export function setupChecklist(counts: SetupCounts): Array<{ step: SetupStep; state: StepState }> {
  const current = SETUP_STEPS.find((s) => !isDone[s](counts)) ?? null;
  return SETUP_STEPS.map((step) => ({
    step,
    state: isDone[step](counts) ? 'done' : step === current ? 'current' : 'later',
  }));
}
