import { expect } from 'chai';
import { solveAssignment } from '../../../../src/mentoring/matching/flow-assignment.js';
import { maxWeightMatching } from '../../../../src/mentoring/matching/max-weight-matching.js';
import { objectiveWeight } from '../../../../src/mentoring/matching/objective.js';
import { scorePair, scorePeerPair } from '../../../../src/mentoring/matching/score-pair.js';
import { capacityOf } from '../../../../src/mentoring/matching/settings.js';
import { solveMatching } from '../../../../src/mentoring/matching/solve-matching.js';
import type { MatchingProblem, MatchResult, Participant } from '../../../../src/mentoring/matching/types.js';
import { bruteForceAssignment, bruteForceMatching } from './brute-force.js';
import { randomBipartiteProblem, randomPeerProblem } from './random-cohort.js';
import { intBetween, seededRandom } from './seeded-random.js';

/** MATCHING_SEED=n reruns one failing instance. */
const seeds = (count: number) => (process.env.MATCHING_SEED ? [Number(process.env.MATCHING_SEED)] : Array.from({ length: count }, (_, k) => k + 1));

function scoresOf(problem: MatchingProblem, mentors: Participant[], mentees: Participant[], peer: boolean): number[][] {
  const forbidden = new Set((problem.forbidden ?? []).flatMap((f) => [`${f.mentorId}|${f.menteeId}`, ...(peer ? [`${f.menteeId}|${f.mentorId}`] : [])]));
  return mentees.map((e) => mentors.map((m) => {
    const scored = peer ? scorePeerPair(m, e, problem.settings) : scorePair(m, e, problem.settings);
    return scored.eligible && !forbidden.has(`${m.id}|${e.id}`) ? scored.score : -1;
  }));
}

/** The best objective by exhaustive search, from scores computed independently of the solver; a pin is fixed first. */
function bruteForceBipartite(problem: MatchingProblem, mentors: Participant[], mentees: Participant[], scores: number[][], pin?: [number, number]): number {
  const { settings } = problem;
  const weightOf = (s: number) => objectiveWeight(s, settings.objective, mentees.length);
  const weights = Int32Array.from(scores.flat(), (s, k) => (pin && Math.floor(k / mentors.length) === pin[0] ? 0 : weightOf(s)));
  const divisions = [...new Set(mentees.map((e) => e.division).filter((d) => d !== undefined))];
  const ofMentee = Int32Array.from(mentees, (e) => (e.division === undefined ? -1 : divisions.indexOf(e.division)));
  const limit = settings.programType === 'group' ? settings.maxSameDivisionPerCircle : undefined;
  const pinnedIn = (j: number, g: number) => (pin && pin[1] === j && ofMentee[pin[0]] === g ? 1 : 0);
  const groups = limit === undefined ? undefined : { ofMentee, limit: (j: number, g: number) => limit - pinnedIn(j, g) };
  const capacity = mentors.map((m, j) => capacityOf(m.capacity, settings) - (pin?.[1] === j ? 1 : 0));
  const pinned = pin ? weightOf(scores[pin[0]]![pin[1]]!) : 0;
  return pinned + bruteForceAssignment({ mentees: mentees.length, mentors: mentors.length, weights, capacity, groups });
}

/** Sometimes pins one random eligible pair, as an admin would. */
function randomPin(seed: number, scores: number[][]): [number, number] | undefined {
  const random = seededRandom(seed * 7919);
  const eligible = scores.flatMap((row, i) => row.flatMap((s, j) => (s >= 0 ? [[i, j] as [number, number]] : [])));
  return eligible.length > 0 && random() < 0.3 ? eligible[intBetween(random, 0, eligible.length - 1)] : undefined;
}

function checkFeasible(result: MatchResult, problem: MatchingProblem, mentors: Participant[], mentees: Participant[], scores: number[][], seed: number): void {
  const load = new Map<string, number>();
  const seen = new Set<string>();
  for (const pair of result.pairs) {
    const [i, j] = [mentees.findIndex((e) => e.id === pair.menteeId), mentors.findIndex((m) => m.id === pair.mentorId)];
    expect(scores[i]![j], `seed ${seed}: pair ${pair.menteeId}-${pair.mentorId} score`).to.equal(pair.score).and.to.be.at.least(0);
    expect(seen.has(pair.menteeId), `seed ${seed}: ${pair.menteeId} twice`).to.equal(false);
    seen.add(pair.menteeId);
    load.set(pair.mentorId, (load.get(pair.mentorId) ?? 0) + 1);
  }
  for (const m of mentors) expect(load.get(m.id) ?? 0, `seed ${seed}: load of ${m.id}`).to.be.at.most(capacityOf(m.capacity, problem.settings));
  for (const e of mentees) expect(result.unmatched.some((u) => u.participantId === e.id && u.reasons.length > 0), `seed ${seed}: reasons for ${e.id}`).to.equal(!seen.has(e.id));
}

describe('solver against brute force on random small instances', () => {
  it('when a one-on-one, group or reverse cohort is random, with or without a pin, then the objective equals the exhaustive optimum', () => {
    for (const seed of seeds(500)) {
      const problem = randomBipartiteProblem(seededRandom(seed));
      const mentors = problem.participants.filter((p) => p.role === 'mentor');
      const mentees = problem.participants.filter((p) => p.role === 'mentee');
      const scores = scoresOf(problem, mentors, mentees, false);
      const pin = randomPin(seed, scores);
      const result = solveMatching({ ...problem, pins: pin ? [{ mentorId: mentors[pin[1]]!.id, menteeId: mentees[pin[0]]!.id }] : [] });
      checkFeasible(result, problem, mentors, mentees, scores, seed);
      const optimum = bruteForceBipartite(problem, mentors, mentees, scores, pin);
      expect(result.stats.objectiveValue, `seed ${seed} (${problem.settings.programType}, ${problem.settings.objective}, pin ${pin})`).to.equal(optimum);
    }
  });

  it('when a peer cohort is random, then the objective equals the exhaustive optimum and nobody is paired twice', () => {
    for (const seed of seeds(300)) {
      const problem = randomPeerProblem(seededRandom(seed));
      const peers = problem.participants;
      const scores = scoresOf(problem, peers, peers, true);
      const result = solveMatching(problem);
      const ids = result.pairs.flatMap((p) => [p.menteeId, p.mentorId]);
      expect(new Set(ids).size, `seed ${seed}: someone paired twice`).to.equal(ids.length);
      const weight = (a: number, b: number) => objectiveWeight(scores[a]![b]!, problem.settings.objective, peers.length);
      expect(result.stats.objectiveValue, `seed ${seed}`).to.equal(bruteForceMatching(peers.length, weight));
    }
  });

  it('when weights are arbitrary integers, then the blossom matching is a heaviest matching', () => {
    for (const seed of seeds(2000)) {
      const random = seededRandom(seed);
      const n = intBetween(random, 1, 12);
      const density = random();
      const top = [2, 5, 30, 1000][intBetween(random, 0, 3)]!;
      const w = new Float64Array(n * n);
      for (let a = 0; a < n; a++) for (let b = a + 1; b < n; b++) if (random() < density) w[a * n + b] = w[b * n + a] = intBetween(random, 1, top);
      const mate = maxWeightMatching(n, w);
      let total = 0;
      for (let v = 0; v < n; v++) {
        if (mate[v]! < 0) continue;
        expect(mate[mate[v]!], `seed ${seed}: mate symmetry`).to.equal(v);
        expect(w[v * n + mate[v]!], `seed ${seed}: edge exists`).to.be.above(0);
        if (v < mate[v]!) total += w[v * n + mate[v]!]!;
      }
      expect(total, `seed ${seed}`).to.equal(bruteForceMatching(n, (a, b) => w[a * n + b]!));
    }
  });

  it('when capacities, division limits and weights are arbitrary, then the min-cost flow is a heaviest assignment', () => {
    for (const seed of seeds(2000)) {
      const random = seededRandom(seed);
      const [mentees, mentors] = [intBetween(random, 1, 6), intBetween(random, 1, 3)];
      const weights = Int32Array.from({ length: mentees * mentors }, () => (random() < 0.3 ? 0 : intBetween(random, 1, 50)));
      const capacity = Array.from({ length: mentors }, () => intBetween(random, 0, 3));
      const limits = Array.from({ length: mentors * 3 }, () => intBetween(random, 0, 2));
      const groups = random() < 0.5 ? { ofMentee: Int32Array.from({ length: mentees }, () => intBetween(random, -1, 2)), limit: (j: number, g: number) => limits[j * 3 + g]! } : undefined;
      const input = { mentees, mentors, weights, capacity, groups };
      const mentorOf = solveAssignment(input);
      const total = Array.from(mentorOf).reduce((sum, j, i) => sum + (j >= 0 ? weights[i * mentors + j]! : 0), 0);
      expect(total, `seed ${seed}`).to.equal(bruteForceAssignment(input));
    }
  });
});
