import { expect } from 'chai';
import { assignmentTotal, hungarianAssignment } from '../../../../bench/matching-baselines.js';
import {
  solveAssignment,
  solveSparseAssignment,
} from '../../../../src/mentoring/matching/flow-assignment.js';
import { intBetween, seededRandom } from './seeded-random.js';

/** Random instances larger than brute force can check: correlated weights, so everyone wants the same mentors. */
function randomInstance(seed: number) {
  const random = seededRandom(seed);
  const [mentees, mentors] = [intBetween(random, 60, 240), intBetween(random, 10, 60)];
  const appeal = Array.from({ length: mentors }, () => intBetween(random, 0, 40));
  const weights = Int32Array.from({ length: mentees * mentors }, (_, k) =>
    random() < 0.25 ? 0 : appeal[k % mentors]! + intBetween(random, 1, 60),
  );
  const capacity = Array.from({ length: mentors }, () => intBetween(random, 0, 5));
  return { mentees, mentors, weights, capacity };
}

const totalOf = (p: { mentors: number; weights: Int32Array }, mentorOf: Int32Array) =>
  Array.from(mentorOf).reduce((sum, j, i) => sum + (j >= 0 ? p.weights[i * p.mentors + j]! : 0), 0);

describe('sparse assignment: few candidates per mentee, priced exact', () => {
  it('when each mentee starts with 1 to 4 candidates, then the total equals an independent exact solver (Hungarian)', () => {
    for (let seed = 1; seed <= 40; seed++) {
      const p = randomInstance(seed);
      const candidates = (seed % 4) + 1;
      const sparse = solveSparseAssignment({
        ...p,
        candidates,
        weightOf: (i, j) => p.weights[i * p.mentors + j]!,
      });
      const load = new Int32Array(p.mentors);
      sparse.forEach((j, i) => {
        if (j < 0) return;
        expect(p.weights[i * p.mentors + j], `seed ${seed}: allowed pair`).to.be.above(0);
        load[j] = load[j]! + 1;
      });
      load.forEach((n, j) => expect(n, `seed ${seed}: load of ${j}`).to.be.at.most(p.capacity[j]!));
      expect(
        totalOf(p, sparse),
        `seed ${seed} (${p.mentees}×${p.mentors}, K=${candidates})`,
      ).to.equal(assignmentTotal(p, hungarianAssignment(p)));
    }
  });

  it('when circles limit mentees of one division, then few candidates give the same total as the full network', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const p = randomInstance(seed + 1000);
      const random = seededRandom(seed);
      const limits = Array.from({ length: p.mentors * 4 }, () => intBetween(random, 0, 2));
      const groups = {
        ofMentee: Int32Array.from({ length: p.mentees }, () => intBetween(random, -1, 3)),
        limit: (j: number, g: number) => limits[j * 4 + g]!,
      };
      const full = solveSparseAssignment({
        ...p,
        groups,
        candidates: p.mentors,
        weightOf: (i, j) => p.weights[i * p.mentors + j]!,
      });
      const sparse = solveSparseAssignment({
        ...p,
        groups,
        candidates: 2,
        weightOf: (i, j) => p.weights[i * p.mentors + j]!,
      });
      expect(totalOf(p, sparse), `seed ${seed}`).to.equal(totalOf(p, full));
    }
  });

  it('when mentees outnumber the candidates, then the dense entry point still agrees with the Hungarian method', () => {
    const p = randomInstance(77);
    expect(totalOf(p, solveAssignment(p))).to.equal(assignmentTotal(p, hungarianAssignment(p)));
  });
});
