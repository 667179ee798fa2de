import { scoreOf, type Cohort } from './cohort.js';
import { solveSparseAssignment, type SparseAssignmentInput } from './flow-assignment.js';
import { objectiveWeight } from './objective.js';

/** Who is with whom: partner index per mentee (-1 = none), and which of those pairs were pinned. */
export interface Assignment {
  partnerOf: Int32Array;
  pinned: Uint8Array;
}

/** Division index per mentee (-1 = none given), for the circle-diversity rule. */
export function divisionGroups(cohort: Cohort): { ofMentee: Int32Array; names: string[] } {
  const names: string[] = [];
  const ofMentee = Int32Array.from(cohort.mentees, (p) => {
    const division = p.participant.division;
    if (division === undefined) return -1;
    const known = names.indexOf(division);
    return known >= 0 ? known : names.push(division) - 1;
  });
  return { ofMentee, names };
}

/** The diversity limit that applies, if any (group circles only). */
export function circleDivisionLimit(cohort: Cohort): number | undefined {
  return cohort.settings.programType === 'group' ? cohort.settings.maxSameDivisionPerCircle : undefined;
}

/**
 * Optimal mentor per mentee under capacities (one-on-one, group, reverse): pins are placed first
 * and use up places; the rest is one exact min-cost flow over the pairs that can matter (each
 * mentee's best candidates, plus any other pair the flow's prices show could improve it).
 */
export function solveBipartite(cohort: Cohort, pins: Array<{ mentee: number; mentor: number }>): Assignment {
  const n = cohort.mentees.length;
  const m = cohort.mentors.length;
  const partnerOf = new Int32Array(n).fill(-1);
  const pinned = new Uint8Array(n);
  const room = Int32Array.from(cohort.capacity);
  const { ofMentee } = divisionGroups(cohort);
  const pinnedInGroup = new Map<number, number>();
  for (const { mentee, mentor } of pins) {
    partnerOf[mentee] = mentor;
    pinned[mentee] = 1;
    room[mentor] = room[mentor]! - 1;
    const key = ofMentee[mentee]! * m + mentor;
    if (ofMentee[mentee]! >= 0) pinnedInGroup.set(key, (pinnedInGroup.get(key) ?? 0) + 1);
  }
  // Weights are read from the scores as needed: no N×M array of them is built.
  const weightOf = (i: number, j: number) => (pinned[i] ? 0 : objectiveWeight(scoreOf(cohort, i, j), cohort.settings.objective, n));
  const limit = circleDivisionLimit(cohort);
  const input: SparseAssignmentInput = { mentees: n, mentors: m, weightOf, capacity: room };
  if (limit !== undefined) input.groups = { ofMentee, limit: (j, g) => limit - (pinnedInGroup.get(g * m + j) ?? 0) };
  const solved = solveSparseAssignment(input);
  for (let i = 0; i < n; i++) if (!pinned[i]) partnerOf[i] = solved[i]!;
  return { partnerOf, pinned };
}
