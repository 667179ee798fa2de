import { solveBipartite } from '../src/mentoring/matching/bipartite-solver.js';
import { buildCohort, scoreOf, type Cohort } from '../src/mentoring/matching/cohort.js';
import { objectiveWeight } from '../src/mentoring/matching/objective.js';
import { assembleResult } from '../src/mentoring/matching/solve-matching.js';
import { assignmentTotal, greedyAssignment, hungarianAssignment, type WeightedProblem } from './matching-baselines.js';
import { benchmarkProblem } from './matching-instance.js';

/**
 * Matching benchmark: a seeded cohort of 2,000 mentees × 500 mentors (places 1–6 each, on purpose
 * fewer places than mentees). Times scoring and solving, and compares the objective with a greedy
 * baseline and an independent exact solver computed in the same run.
 */
export interface MatchingBenchOptions {
  mentees: number;
  mentors: number;
  seed: number;
}

const peakRssMb = () => Math.round(process.resourceUsage().maxRSS / 1024);
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2);

function time<T>(run: () => T): { value: T; started: number; took: string } {
  const started = performance.now();
  const value = run();
  return { value, started, took: seconds(started) };
}

/** The same integer objective the engine maximises, for the baselines to work on. */
function weightedProblem(cohort: Cohort): WeightedProblem {
  const n = cohort.mentees.length;
  const m = cohort.mentors.length;
  const weights = new Int32Array(n * m);
  for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) weights[i * m + j] = objectiveWeight(scoreOf(cohort, i, j), cohort.settings.objective, n);
  return { mentees: n, mentors: m, weights, capacity: cohort.capacity };
}

function describe(problem: WeightedProblem, mentorOf: Int32Array): string {
  const matched = mentorOf.filter((j) => j >= 0).length;
  return `objective ${assignmentTotal(problem, mentorOf)} (${matched} pairs)`;
}

export function matchingBenchmark(options: MatchingBenchOptions): { gap: number; solveSeconds: number } {
  const problem = benchmarkProblem(options.seed, options.mentees, options.mentors);
  console.log(`\nmatching: ${options.mentees} mentees × ${options.mentors} mentors, seed ${options.seed}, objective ${problem.settings.objective}`);
  const scored = time(() => buildCohort(problem));
  const cohort = scored.value;
  const totalCapacity = cohort.capacity.reduce((sum, c) => sum + c, 0);
  const eligible = cohort.scores.reduce((count, s) => count + (s >= 0 ? 1 : 0), 0);
  console.log(`  places ${totalCapacity} (${totalCapacity < options.mentees ? 'fewer than mentees, on purpose' : 'enough for everyone'}); eligible pairs ${eligible} of ${cohort.scores.length}`);
  console.log(`  score all pairs        ${scored.took} s`);
  const solved = time(() => solveBipartite(cohort, []));
  const solveSeconds = (performance.now() - solved.started) / 1000;
  console.log(`  solve (min-cost flow)  ${solved.took} s   peak RSS so far ${peakRssMb()} MB`);
  const explained = time(() => assembleResult(cohort, solved.value));
  console.log(`  explain pairs + reasons ${explained.took} s   ${explained.value.pairs.length} pairs, ${explained.value.unmatched.length} unmatched people, average score ${explained.value.stats.averageScore}`);
  // BENCH_MATCHING_BASELINES=0: large cohorts where the dense baselines would not fit (memory, time).
  if (process.env.BENCH_MATCHING_BASELINES === '0') return { gap: 0, solveSeconds };
  const weighted = weightedProblem(cohort);
  const ours = assignmentTotal(weighted, solved.value.partnerOf);
  const greedy = time(() => greedyAssignment(weighted));
  const independent = time(() => hungarianAssignment(weighted));
  const best = assignmentTotal(weighted, independent.value);
  const gap = best === 0 ? 0 : (best - ours) / best;
  const greedyGap = best === 0 ? 0 : (best - assignmentTotal(weighted, greedy.value)) / best;
  console.log(`  engine                 ${describe(weighted, solved.value.partnerOf)}`);
  console.log(`  greedy baseline        ${describe(weighted, greedy.value)}  in ${greedy.took} s  (${(greedyGap * 100).toFixed(3)}% below optimum)`);
  console.log(`  independent Hungarian  ${describe(weighted, independent.value)}  in ${independent.took} s`);
  console.log(`  gap engine vs independent optimum: ${(gap * 100).toFixed(3)}%   total score ${explained.value.stats.totalScore}   peak RSS ${peakRssMb()} MB`);
  return { gap, solveSeconds };
}
