import { expect } from 'chai';
import { maxWeightMatching } from '../../../../src/mentoring/matching/max-weight-matching.js';
import { bruteForceMatching } from './brute-force.js';

type Edge = [number, number, number];

function solve(n: number, edges: Edge[]): { pairs: string[]; total: number; optimum: number } {
  const w = new Float64Array(n * n);
  for (const [a, b, x] of edges) w[a * n + b] = w[b * n + a] = x;
  const mate = maxWeightMatching(n, w);
  const pairs: string[] = [];
  let total = 0;
  mate.forEach((u, v) => {
    if (u > v) {
      pairs.push(`${v}-${u}`);
      total += w[v * n + u]!;
    }
  });
  return { pairs, total, optimum: bruteForceMatching(n, (a, b) => w[a * n + b]!) };
}

/** Found by searching random graphs for ones where a T blossom expands and one of its children is already reached by a tight edge. */
const REACHED_CHILD_9: Edge[] = [[0,1,5],[0,2,1],[0,3,3],[0,4,5],[0,5,2],[0,6,1],[0,7,1],[0,8,2],[1,2,4],[1,3,5],[1,4,1],[1,5,2],[1,6,2],[1,7,3],[1,8,1],[2,3,4],[2,4,1],[2,5,2],[2,6,2],[2,7,1],[2,8,4],[3,4,1],[3,5,1],[3,6,1],[3,7,1],[3,8,5],[4,5,2],[4,6,4],[4,7,4],[4,8,5],[5,6,1],[5,7,1],[5,8,4],[6,7,1],[6,8,4],[7,8,4]];
const REACHED_CHILD_14: Edge[] = [[0,1,4],[0,2,3],[0,3,4],[0,4,4],[0,5,3],[0,6,3],[0,7,1],[0,8,1],[0,9,1],[0,10,1],[0,11,1],[0,12,3],[0,13,3],[1,2,2],[1,3,4],[1,4,1],[1,5,1],[1,6,2],[1,7,1],[1,8,1],[1,9,4],[1,10,2],[1,11,3],[1,12,4],[1,13,2],[2,3,3],[2,4,4],[2,5,3],[2,6,3],[2,7,4],[2,8,4],[2,9,3],[2,10,3],[2,11,2],[2,12,2],[2,13,3],[3,4,4],[3,5,2],[3,6,2],[3,7,3],[3,8,2],[3,9,3],[3,10,3],[3,11,4],[3,13,3],[4,5,2],[4,6,4],[4,7,4],[4,8,1],[4,9,2],[4,10,3],[4,12,1],[4,13,1],[5,6,1],[5,7,2],[5,8,2],[5,9,2],[5,10,1],[5,11,1],[5,12,3],[5,13,1],[6,7,1],[6,8,1],[6,9,4],[6,10,1],[6,12,4],[6,13,2],[7,8,3],[7,9,4],[7,10,2],[7,11,3],[7,12,2],[7,13,2],[8,9,4],[8,10,1],[8,11,1],[8,12,1],[8,13,3],[9,10,2],[9,11,2],[9,12,2],[9,13,3],[10,12,3],[10,13,1],[11,12,4],[11,13,2],[12,13,1]];

describe('maxWeightMatching (blossom algorithm)', () => {
  it('when the graph is empty or has one edge, then the matching is empty or that edge', () => {
    expect(solve(0, []).pairs).to.deep.equal([]);
    expect(solve(3, []).pairs).to.deep.equal([]);
    expect(solve(2, [[0, 1, 7]])).to.deep.include({ pairs: ['0-1'], total: 7 });
  });

  it('when the heaviest edge sits between two good ones, then both outer edges win', () => {
    expect(solve(4, [[0, 1, 2], [1, 2, 3], [2, 3, 2]])).to.deep.include({ pairs: ['0-1', '2-3'], total: 4 });
  });

  it('when a triangle has a pendant, then the augmenting path runs through the shrunk triangle', () => {
    expect(solve(4, [[0, 1, 1], [1, 2, 1], [0, 2, 1], [2, 3, 1]])).to.deep.include({ total: 2 });
  });

  it('when a five-cycle has pendants on two sides, then the blossom is expanded and augmented correctly', () => {
    const edges: Edge[] = [[0, 1, 8], [1, 2, 8], [2, 3, 8], [3, 4, 8], [4, 0, 8], [0, 5, 5], [2, 6, 5], [6, 7, 1]];
    const { total, optimum } = solve(8, edges);
    expect(total).to.equal(optimum).and.to.equal(8 + 8 + 5 + 1);
  });

  it('when a heavy edge is not worth it, then the matching stays maximum weight rather than maximum size', () => {
    expect(solve(4, [[0, 1, 1], [1, 2, 10], [2, 3, 1]])).to.deep.include({ pairs: ['1-2'], total: 10 });
  });

  it('when a T blossom expands with a child already reached by a tight edge, then the optimum is still found', () => {
    for (const [n, edges] of [[9, REACHED_CHILD_9], [14, REACHED_CHILD_14]] as const) {
      const { total, optimum } = solve(n, edges);
      expect(total, `n = ${n}`).to.equal(optimum);
    }
    expect([solve(9, REACHED_CHILD_9).total, solve(14, REACHED_CHILD_14).total]).to.deep.equal([17, 25]);
  });
});
