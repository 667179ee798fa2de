import { solveBipartite, type Assignment } from './bipartite-solver.js';
import { buildCohort, explainPair, type Cohort } from './cohort.js';
import { objectiveValue } from './objective.js';
import { solvePeers } from './peer-solver.js';
import { pinProblems, resolvePins, type PinProblem } from './pins.js';
import type { MatchedPair, MatchingProblem, MatchResult, MatchStats } from './types.js';
import { unmatchedParticipants } from './unmatched.js';

/**
 * Proposes the globally best set of pairs for a whole cohort, with every pair explained and
 * everyone left out told why. An impossible problem (no capacity, nobody eligible) is a result
 * with unmatched people, never an error; only pins that cannot be honoured throw
 * (`matching_pins_invalid`, listing them — `checkPins` gives the same list without throwing).
 */
export function solveMatching(problem: MatchingProblem): MatchResult {
  const cohort = buildCohort(problem);
  const pins = resolvePins(cohort, problem.pins ?? []);
  const assignment = cohort.isPeer ? solvePeers(cohort, pins) : solveBipartite(cohort, pins);
  return assembleResult(cohort, assignment);
}

export function checkPins(problem: MatchingProblem): PinProblem[] {
  return pinProblems(buildCohort(problem), problem.pins ?? []);
}

export function assembleResult(cohort: Cohort, assignment: Assignment): MatchResult {
  const pairs: MatchedPair[] = [];
  assignment.partnerOf.forEach((j, i) => {
    if (j < 0 || (cohort.isPeer && j < i)) return;
    const explained = explainPair(cohort, i, j);
    const pinned = assignment.pinned[i] === 1;
    pairs.push({ mentorId: cohort.mentors[j]!.id, menteeId: cohort.mentees[i]!.id, score: explained.score, pinned, criteria: explained.criteria });
  });
  const { programType, objective } = cohort.settings;
  return { programType, objective, pairs, unmatched: unmatchedParticipants(cohort, assignment), stats: statsOf(cohort, pairs) };
}

function statsOf(cohort: Cohort, pairs: MatchedPair[]): MatchStats {
  const { scores, isPeer, settings } = cohort;
  const eligible = scores.reduce((count, score) => count + (score >= 0 ? 1 : 0), 0);
  const totalScore = pairs.reduce((sum, p) => sum + p.score, 0);
  const population = cohort.mentees.length;
  return {
    mentees: population,
    mentors: cohort.mentors.length,
    totalCapacity: isPeer ? Math.floor(population / 2) : cohort.capacity.reduce((sum, c) => sum + c, 0),
    eligiblePairs: isPeer ? eligible / 2 : eligible,
    matched: pairs.length,
    totalScore,
    averageScore: pairs.length === 0 ? 0 : Math.round(totalScore / pairs.length),
    objectiveValue: objectiveValue(pairs.map((p) => p.score), settings.objective, population),
  };
}
